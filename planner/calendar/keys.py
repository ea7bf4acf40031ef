"""The content keys the export cache is keyed on: of the code, of a record, of the settings.

Two records with the same key (:func:`record_key`) give the same calendar
entries, wherever they were read from. Everything kept between exports is
also keyed on :func:`code_key`, a hash of all of the ``planner`` package's
source (every module, template and translation, walked from the package's
folder: no hand-kept list to forget one in), of the Python version, of
icalendar's version and of the zone data, so that a change to any of them
sets aside every kept rendering and parse.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.domain.records import Record
    from planner.domain.settings import StoreSettings

RENDERER_VERSION = "1"
"""Raise to set aside every kept rendering (the hash of the source does it for any change to the code)."""

PACKAGE = Path(__file__).resolve().parents[1]
"""The ``planner`` package's folder: all of it is the code an export depends on."""

SOURCE_SUFFIXES = (".py", ".j2", ".po", ".mo")
"""The package's files that are code, or that code reads to make text: modules, templates, translations
(style sheets of the terminal UI shape no output)."""


@cache
def code_key() -> str:
    """A hash of everything besides the records that shapes an entry: the package's source, Python,
    icalendar and the zone data. Worked out once per process."""
    from planner import __version__

    digest = hashlib.sha256(f"{RENDERER_VERSION}|{__version__}|{sys.version_info[:2]}".encode())
    digest.update(package_key(PACKAGE).encode("ascii"))
    import zoneinfo

    # The system's zone data, when Python uses it (a rule change moves local times).
    files = [_package_file("icalendar", "_version.py"), _package_file("tzdata", "__init__.py")]
    files += [Path(folder) / "tzdata.zi" for folder in zoneinfo.TZPATH]
    for path in files:
        digest.update(str(path).encode("utf-8", "surrogatepass"))
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()[:32]


def package_key(folder: Path) -> str:
    """A hash of every source file below ``folder``: each one's path relative to it and its bytes, in
    path order. The same tree gives the same key wherever it is; a file changed, added, removed or
    renamed gives another."""
    digest = hashlib.sha256()
    for name in source_files(folder):
        try:
            data = (folder / name).read_bytes()
        except OSError:  # removed since the walk saw it: a key of its own, never found again
            data = secrets.token_bytes(16)
        # Each file's length before its bytes: no two different trees give the same stream.
        digest.update(f"{name}\x00{len(data)}\x00".encode("utf-8", "surrogatepass"))
        digest.update(data)
    return digest.hexdigest()


def source_files(folder: Path) -> list[str]:
    """The source files below ``folder`` (:data:`SOURCE_SUFFIXES`), by path relative to it with ``/``,
    sorted; bytecode caches and hidden folders are left out."""
    found: list[str] = []
    for top, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if f != "__pycache__" and not f.startswith(".")]
        base = Path(top).relative_to(folder).as_posix()
        prefix = "" if base == "." else f"{base}/"
        found += [f"{prefix}{name}" for name in files if name.endswith(SOURCE_SUFFIXES)]
    return sorted(found)


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
