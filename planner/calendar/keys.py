"""The content keys the export cache is keyed on: of the code, of a record, of the settings.

Two records with the same key (:func:`record_key`) give the same calendar
entries, wherever they were read from. A rendering is kept under the event's
key, the settings and the renderer's own code (:func:`code_key`), with the
keys of the registry records it consulted.
"""

from __future__ import annotations

import hashlib
import secrets
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.domain.records import Record
    from planner.domain.settings import StoreSettings

RENDERER_VERSION = "1"
"""Raise to set aside every kept rendering (the code's own hash below does it for any source change)."""

_CODE = (
    "event.py", "series.py", "records.py", "participation.py", "fields.py", "text.py", "themes.py", "settings.py",
    "times.py", "schema.py", "store/codec.py",
)
"""Modules besides ``planner/calendar/`` whose code decides what a file's bytes parse to or what an entry
says (relative to ``planner/``)."""


@cache
def code_key() -> str:
    """A hash of everything besides the records that shapes an entry: this code, icalendar, the zone data."""
    from planner import __version__

    digest = hashlib.sha256(f"{RENDERER_VERSION}|{__version__}|{sys.version_info[:2]}".encode())
    package = Path(__file__).resolve().parents[1]
    files = sorted((package / "calendar").glob("*.py")) + [package / name for name in _CODE]
    files += [_package_file("icalendar", "_version.py"), _package_file("tzdata", "__init__.py")]
    import zoneinfo

    # The system's zone data, when Python uses it (a rule change moves local times).
    files += [Path(folder) / "tzdata.zi" for folder in zoneinfo.TZPATH]
    for path in files:
        digest.update(str(path).encode("utf-8", "surrogatepass"))
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()[:32]


def _package_file(package: str, name: str) -> Path:
    """A file of an installed package, found without importing the package (nor reading its metadata)."""
    from importlib.util import find_spec

    spec = find_spec(package)
    return Path(spec.origin).parent / name if spec is not None and spec.origin else Path(f"/-/{package}/{name}")


def hash_text(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


UNRENDERED = ("calendar_token", "created", "updated")
"""Fields of a registry record that no entry shows: a person's feed token names a file, and the
stamps change on every save (issuing a token saves the person) without changing a name or an address."""


def record_key(record: Record, leave_out: tuple[str, ...] = ()) -> str:
    """A hash of the record's content (without the fields in ``leave_out``). A record that cannot be
    dumped gets a key of its own, never found again."""
    try:
        data: Any = record.model_dump(warnings=False)
    except Exception:  # a record built without validation may lack a field: nothing is kept for it
        return "x" + secrets.token_hex(15)
    if isinstance(data, dict):
        for name in leave_out:
            data.pop(name, None)
    return hash_text(type(record).__name__, repr(data))


def settings_key(settings: StoreSettings) -> str:
    try:
        return hash_text("settings", repr(settings.model_dump(warnings=False)))
    except Exception:
        return "x" + secrets.token_hex(15)
