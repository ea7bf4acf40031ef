"""The coordinator's own preferences for the UI (the theme), kept in the user's config folder, never in the store.

``$XDG_CONFIG_HOME/planner/ui.toml`` (else ``~/.config/planner/ui.toml``). A
missing, unreadable or broken file means no preference: the UI starts as it
always does, and the next choice writes the file again.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import tomli_w

from planner.domain.errors import StoreError
from planner.store.files import digest, write_atomic

LIMIT = 64 * 1024
"""More than a preferences file ever holds: anything larger is not read."""


def config_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "planner" / "ui.toml"


def _read(path: Path) -> tuple[dict[str, object], bytes | None]:
    try:
        if not path.is_file() or path.stat().st_size > LIMIT:
            return {}, None
        raw = path.read_bytes()
        return tomllib.loads(raw.decode("utf-8")), raw
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}, None


def saved_theme() -> str | None:
    """The theme chosen last, if any."""
    theme = _read(config_file())[0].get("theme")
    return theme if isinstance(theme, str) else None


def save_theme(theme: str) -> None:
    """Remember ``theme`` for the next start; a folder that cannot be written only costs the preference."""
    path = config_file()
    data, raw = _read(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = tomli_w.dumps({**data, "theme": theme}).encode("utf-8")
        write_atomic(path, text, digest(raw) if raw is not None and path.exists() else None)
    except (OSError, StoreError):
        pass  # a preference is not worth an error on screen (StoreError: the file changed meanwhile)
