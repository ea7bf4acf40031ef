"""Which files make up a store right now, with the stat facts that tell whether one changed.

Only ``os.scandir`` and ``stat`` here: a scan of 100,000 files must not read
them. The set of folders mirrors ``planner.store.layout`` (settings, the four
registries, the year folders), without importing the model.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

SETTINGS_FILE = "planner.toml"
REGISTRY_FOLDERS = ("municipalities", "organizations", "people", "programmes")
_YEAR = re.compile(r"^\d{4}$")


class Stat(NamedTuple):
    """What is compared to decide that a file may have changed (a tuple: 100,000 are made per command)."""

    mtime_ns: int
    ctime_ns: int
    """Changes on every write and cannot be set back by hand, unlike the modification time."""
    size: int
    inode: int


def _toml_entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return [e for e in entries if e.name.endswith(".toml") and not e.name.startswith(".") and e.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []


def scan(root: Path) -> dict[str, tuple[str, Stat]]:
    """Every record file, by path relative to ``root``, with its folder kind and stat."""
    found: dict[str, tuple[str, Stat]] = {}
    base = str(root)

    def add(kind: str, folder: str, entries: list[os.DirEntry[str]]) -> None:
        for entry in entries:
            info = entry.stat()
            found[f"{folder}/{entry.name}" if folder else entry.name] = (
                kind,
                Stat(info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino),
            )

    settings = os.path.join(base, SETTINGS_FILE)
    try:
        info = os.stat(settings)
        found[SETTINGS_FILE] = ("settings", Stat(info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino))
    except FileNotFoundError:
        pass
    for folder in REGISTRY_FOLDERS:
        add(folder, folder, _toml_entries(os.path.join(base, folder)))
    with os.scandir(base) as entries:
        years = sorted(e.name for e in entries if e.is_dir() and _YEAR.match(e.name))
    for year in years:
        add("events", year, _toml_entries(os.path.join(base, year)))
    return found
