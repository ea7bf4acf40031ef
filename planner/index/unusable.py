"""When the cache folder cannot be used: the index and the export cache go to memory, and the user is told once.

The index and the export cache are only caches. A cache folder that cannot be
made, opened or written (no permission, a read-only or full disk, a file where
a folder should be) must not stop a command: each is then built in memory, the
same way, from the store's files, so that every caller works unchanged and
answers the same, only slower. One line on stderr says so, naming the folder
and the reason, once per command however many caches gave up.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

_told: set[Path] = set()
"""The folders already named in this command: an export opens the index and the export cache."""


def reason(exc: BaseException) -> str:
    """What went wrong, in the words of the system or of SQLite, without the path (the warning names it)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def warn(folder: Path, exc: BaseException) -> None:
    """Say on stderr, once per command for each folder, that the cache in ``folder`` is not used and why."""
    if folder in _told:
        return
    _told.add(folder)
    print(
        f"planner: warning: the cache folder {folder} cannot be used ({reason(exc)});"
        " reading the store directly, which is slower",
        file=sys.stderr,
    )


def forget() -> None:
    """Start a new command: a folder that failed before is named again if it fails again."""
    _told.clear()


def in_memory(folder: Path, exc: BaseException) -> sqlite3.Connection:
    """An empty database in memory in place of one in ``folder``, after saying why."""
    warn(folder, exc)
    return sqlite3.connect(":memory:", isolation_level=None)


def is_memory(db: sqlite3.Connection) -> bool:
    """Whether ``db`` lives in memory (its main database has no file)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row is None or not row[2]
