"""Which files make up a store right now, with the stat facts that tell whether one changed.

Only listings and ``stat`` here: a scan of 100,000 files must not read
them. The folders are ``planner.store.folders``' (settings, the four registries,
the year folders), which imports no model.
"""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG

from planner.store.folders import REGISTRY_FOLDERS, SETTINGS_FILE, is_record_file, is_year_folder

Stat = tuple[int, int, int, int]
"""What is compared to decide that a file may have changed: modification time and change time in ns,
size and inode. The change time changes on every write and cannot be set back by hand, unlike the
modification time. A plain tuple: 100,000 are made per command."""


def _add_folder(found: dict[str, tuple[str, Stat]], base: str, folder: str, kind: str) -> None:
    """Every record file of one folder. ``listdir`` and ``stat`` by path: at 100,000 files, a third
    faster than ``scandir`` entries, whose ``stat`` is a system call all the same."""
    where = os.path.join(base, folder)
    try:
        names = os.listdir(where)
    except (FileNotFoundError, NotADirectoryError):
        return
    stat = os.stat
    for name in names:
        if not is_record_file(name):
            continue
        try:
            info = stat(f"{where}/{name}")
        except (FileNotFoundError, NotADirectoryError):
            continue  # removed between the listing and the stat: it is gone
        if S_ISREG(info.st_mode):
            found[f"{folder}/{name}"] = (kind, (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino))


def scan(root: Path) -> dict[str, tuple[str, Stat]]:
    """Every record file, by path relative to ``root``, with its folder kind and stat."""
    found: dict[str, tuple[str, Stat]] = {}
    base = str(root)
    settings = os.path.join(base, SETTINGS_FILE)
    try:
        info = os.stat(settings)
        found[SETTINGS_FILE] = ("settings", (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino))
    except FileNotFoundError:
        pass
    for folder in REGISTRY_FOLDERS:
        _add_folder(found, base, folder, folder)
    with os.scandir(base) as entries:
        years = sorted(e.name for e in entries if e.is_dir() and is_year_folder(e.name))
    for year in years:
        _add_folder(found, base, year, "events")
    return found
