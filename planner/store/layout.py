"""Where each record lives in a store folder, and which files the loader reads.

``planner.toml`` holds the settings; registries live in one folder each
(``municipalities/<id>.toml`` ...); events live in year folders as
``<year>/<date>-<id>.toml``, named once at creation and never renamed. Any
other folder (``templates/``, ``.cache/``, ``.conflicts/``) is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from planner.domain.event import Event
from planner.domain.records import REGISTRIES, Record
from planner.store.folders import CONFLICTS_FOLDER
from planner.store.reading import record_entries, year_folders


def record_path(root: Path, record: Record) -> Path:
    """The file a new record is written to."""
    if isinstance(record, Event):
        day = record.start.date().isoformat()
        name = record.id if record.id.startswith(day) else f"{day}-{record.id}"
        return root / f"{record.start.year:04d}" / f"{name}.toml"
    return root / record.folder / f"{record.id}.toml"


def _toml_files(root: Path, folder: str) -> list[Path]:
    # Links and other odd entries are listed too: reading them says why they are not read.
    return sorted(root / path for path, _ in record_entries(str(root), folder))


def record_files(root: Path, events: bool = True) -> Iterator[tuple[type[Record], Path]]:
    """Every record file of the store, registries first, each folder in name order."""
    for model in REGISTRIES:
        for path in _toml_files(root, model.folder):
            yield model, path
    if events:
        for path in event_files(root):
            yield Event, path


def event_files(root: Path) -> list[Path]:
    """Event files: ``*.toml`` directly inside four-digit year folders (a linked year folder is one entry)."""
    years = year_folders(str(root)) if root.is_dir() else []
    return [path for year in years for path in _toml_files(root, year)]


def conflict_copy_path(root: Path, path: Path, stamp: str) -> Path:
    """``.conflicts/<year>/<name>.<stamp>.toml`` (or ``<folder>/``): not read by the loader, listed on Home."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        relative = Path(path.name)
    folder = root / CONFLICTS_FOLDER / relative.parent
    candidate, n = folder / f"{path.stem}.{stamp}.toml", 2
    while candidate.exists():
        candidate, n = folder / f"{path.stem}.{stamp}-{n}.toml", n + 1
    return candidate


def conflict_copies(root: Path) -> list[Path]:
    """Copies kept under ``.conflicts/``, oldest name first."""
    folder = root / CONFLICTS_FOLDER
    return sorted(p for p in folder.rglob("*.toml") if p.is_file()) if folder.is_dir() else []
