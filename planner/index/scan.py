"""Which files make up a store right now, with the stat facts that tell whether one changed.

Only listings and ``stat`` here: a scan of 100,000 files must not read
them. The folders are ``planner.store.folders``' (settings, the four registries,
the year folders), which imports no model.
"""

from __future__ import annotations

import os
from pathlib import Path

from planner.store.folders import REGISTRY_FOLDERS, SETTINGS_FILE
from planner.store.reading import record_entries, year_folders

Stat = tuple[int, int, int, int]
"""What is compared to decide that a file may have changed: modification time and change time in ns,
size and inode. The change time changes on every write and cannot be set back by hand, unlike the
modification time. A plain tuple: 100,000 are made per command."""


def _add_folder(found: dict[str, tuple[str, Stat]], base: str, folder: str, kind: str) -> None:
    """Every record file of one folder, odd ones included (links, FIFOs): reading them says why they are
    not read. ``listdir`` and ``lstat`` by path: at 100,000 files, a third faster than ``scandir`` entries,
    whose ``stat`` is a system call all the same."""
    for path, info in record_entries(base, folder):
        found[path] = (kind, (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino))


def scan(root: Path) -> dict[str, tuple[str, Stat]]:
    """Every record file, by path relative to ``root``, with its folder kind and stat."""
    found: dict[str, tuple[str, Stat]] = {}
    base = str(root)
    settings = os.path.join(base, SETTINGS_FILE)
    try:
        info = os.stat(settings)
    except FileNotFoundError:
        info = None
    except OSError:
        info = os.lstat(settings)  # a link that loops: its problem is said when the settings are read
    if info is not None:
        found[SETTINGS_FILE] = ("settings", (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino))
    for folder in REGISTRY_FOLDERS:
        _add_folder(found, base, folder, folder)
    for year in year_folders(base):
        _add_folder(found, base, year, "events")
    return found
