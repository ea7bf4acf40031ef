"""Bounded reads of the store's files: one function every reader uses, so that no single file can stop
or hang a command.

A store is edited by hand and synced by git or a shared folder, so any file in
it may be something odd: a FIFO (opening it for reading waits for a writer
forever), a device (``/dev/zero`` never ends), a file of gigabytes, or a
symbolic link that loops or leads out of the store. :func:`read_bounded`
refuses each of them with :class:`Unreadable`, whose message is said as the
file's problem, and the rest of the store still loads:

- only regular files are opened, and opened without blocking, so that a FIFO
  swapped in after the check cannot hang the read either;
- a record file is at most :data:`RECORD_LIMIT` bytes, ``planner.toml`` at
  most :data:`SETTINGS_LIMIT`;
- a record file or folder that is a symbolic link is not read
  (:func:`record_entries` lists it, so that its problem is said); the settings
  file may be a link, to a regular file.

Standard library only: a listing answered from the index reads through it too.
"""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG

from planner.store.folders import is_record_file, is_year_folder

MIB = 1024 * 1024
RECORD_LIMIT = 8 * MIB
"""The largest record file read: the largest event of the benchmark store is under 20 KB."""
SETTINGS_LIMIT = 1 * MIB
"""The largest ``planner.toml`` read: a real one is under 1 KB."""

NOT_REGULAR = "not a regular file (a FIFO, socket or device): not read"
SYMLINK = "is a symbolic link: not read"


class Unreadable(OSError):
    """A file the store does not read; ``strerror`` says why, as the file's problem."""

    def __init__(self, path: Path | str, why: str) -> None:
        super().__init__(None, why, str(path))


def too_large(limit: int) -> str:
    return f"larger than {limit // MIB} MiB: not read"


def problem_text(exc: OSError) -> str:
    """What is said of a file that could not be read."""
    if isinstance(exc, Unreadable):
        return str(exc.strerror)
    return f"cannot be read: {exc.strerror}"


def read_bounded(path: Path | str, limit: int, *, follow: bool = False) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; ``Unreadable`` otherwise.

    ``follow`` reads through a symbolic link (to a regular file only); without it a link is refused.
    Raises ``OSError`` (``FileNotFoundError`` among them) as reading a file does.
    """
    info = os.stat(path) if follow else os.lstat(path)
    if S_ISLNK(info.st_mode):
        raise Unreadable(path, SYMLINK)
    if not S_ISREG(info.st_mode):
        raise Unreadable(path, NOT_REGULAR)
    if info.st_size > limit:
        raise Unreadable(path, too_large(limit))
    # O_NONBLOCK: a FIFO put in the file's place since the stat is opened without waiting, then refused.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow and exc.errno is not None and exc.errno == getattr(os, "ELOOP", -1):
            raise Unreadable(path, SYMLINK) from None  # became a link since the stat
        raise
    try:
        if not S_ISREG(os.fstat(fd).st_mode):
            raise Unreadable(path, NOT_REGULAR)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise Unreadable(path, too_large(limit))  # grew since the stat
    return b"".join(chunks)


def record_entries(base: str, folder: str) -> list[tuple[str, os.stat_result]]:
    """``(path relative to base, lstat)`` of each record file in ``folder``, in no order.

    Symbolic links and other odd entries are listed, not skipped, so that reading them says why they are
    not read; a folder that is itself a symbolic link is one such entry. Sub-folders are not records.
    A missing folder lists nothing.
    """
    where = os.path.join(base, folder)
    try:
        info = os.lstat(where)
    except (FileNotFoundError, NotADirectoryError):
        return []
    if S_ISLNK(info.st_mode):
        return [(folder, info)]
    if not S_ISDIR(info.st_mode):
        return []
    try:
        names = os.listdir(where)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    lstat = os.lstat
    for name in names:
        if not is_record_file(name):
            continue
        try:
            entry = lstat(f"{where}/{name}")
        except (FileNotFoundError, NotADirectoryError):
            continue  # removed between the listing and the lstat: it is gone
        if not S_ISDIR(entry.st_mode):
            found.append((f"{folder}/{name}", entry))
    return found


def year_folders(base: str) -> list[str]:
    """The names of the store's year folders, sorted, links to folders included (refused when read)."""
    years = []
    with os.scandir(base) as entries:
        for entry in entries:
            if is_year_folder(entry.name) and (entry.is_symlink() or entry.is_dir(follow_symlinks=False)):
                years.append(entry.name)
    return sorted(years)
