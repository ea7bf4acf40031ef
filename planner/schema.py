"""The store's layout version, checked before anything else is read.

Standard library only: a listing answered from the index checks the version
too, without importing the model.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from planner.errors import StoreError

SCHEMA_VERSION = 1
"""The newest store layout this planner reads and writes."""
SETTINGS_FILE = "planner.toml"


def raw_settings(root: Path) -> tuple[dict[str, Any], str | None]:
    """The settings file's values and text (``({}, None)`` when it is missing or unreadable).

    Raises ``StoreError`` when the folder is missing or the store is newer than this planner.
    """
    if not root.is_dir():
        raise StoreError(f"{root}: no such store folder (give --store PATH or set PLANNER_STORE)")
    path = root / SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}, None
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        from planner.store.locate import line_of

        raise StoreError(
            f"{path}:{line_of(text, ('schema_version',))}: schema_version: this store is at version "
            f"{version}, newer than version {SCHEMA_VERSION} that this planner reads; upgrade the planner"
        )
    return data, text
