"""Stores for tests: copies of the shipped ``events/``, small stores written from text, and reading them back.

Tests never write into the repository's ``events/``: a test that changes a
store works on :func:`shipped_copy` or on a store of its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from planner.domain.event import Event
from planner.store import Store

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "events"
"""The shipped store: read it, never write it."""

DOMAIN = "planner.iom-chile.example.org"
"""The shipped store's UID domain."""
ROUND_TABLE = "lo-prado-round-table"
"""Thursday 30 March 2017 in Lo Prado: done, with minutes, speakers, guests and three invitations."""
SERIES = "monthly-round-table"
"""Monthly on the first Thursday from 4 May 2017, eight sessions; August moved, November cancelled."""
VISIT = "ivlp-study-visit"
"""The study visit to the United States, 20 to 24 March 2017, with legs in Houston and Providence."""
MARCH = ("iom-ucm-cooperation-agreement", VISIT, "asexma-annual-breakfast", ROUND_TABLE)
"""The four March 2017 events, in date order."""

SETTINGS_TOML = 'schema_version = 1\nhome_tz = "America/Santiago"\ndefault_lang = "es"\n'
"""The least a store's ``planner.toml`` says."""


def shipped_copy(tmp_path: Path, name: str = "events") -> Path:
    """A copy of the shipped store as git holds it, at ``tmp_path / name``.

    Dot-folders (the index's and the UI's conflict copies) and a ``templates`` folder are left out: they are
    never shipped, and one left behind by running the planner on ``events/`` must not change a test.
    """
    copy = tmp_path / name
    shutil.copytree(SHIPPED, copy, ignore=shutil.ignore_patterns(".*", "templates"))
    return copy


def empty_store(tmp_path: Path, name: str = "empty") -> Path:
    """A store with the shipped settings and no record at all."""
    root = tmp_path / name
    root.mkdir()
    shutil.copy(SHIPPED / "planner.toml", root / "planner.toml")
    return root


def write(root: Path, relative: str, content: str | bytes) -> Path:
    """Write one file under ``root`` (UTF-8 for text, no newline translation), creating its folder."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def new_store(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A store folder with the least settings and ``files`` (relative path -> content)."""
    root.mkdir(parents=True, exist_ok=True)
    write(root, "planner.toml", SETTINGS_TOML)
    for relative, content in (files or {}).items():
        write(root, relative, content)
    return root


def snapshot(folder: Path, pattern: str = "*") -> dict[str, bytes]:
    """Every file below ``folder`` whose name matches ``pattern``, dot-files included: relative path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob(pattern)) if p.is_file()}


def file_names(folder: Path) -> list[str]:
    """Every file below ``folder``, temporary dot-files included, relative and sorted."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def event_file(root: Path, event_id: str) -> Path:
    """The file of the event ``event_id`` in a store whose event files are named after their ids."""
    found = sorted(root.glob(f"[0-9][0-9][0-9][0-9]/*{event_id}.toml"))
    assert len(found) == 1, f"{len(found)} files for {event_id} in {root}"
    return found[0]


def event_of(store: Store | Path, event_id: str) -> Event:
    """The event ``event_id`` of ``store`` (a folder is loaded afresh, as the command loads it)."""
    loaded = Store.load(store) if isinstance(store, Path) else store
    found = loaded.get(event_id)
    assert isinstance(found, Event), f"{event_id} is {found!r}, not an event"
    return found
