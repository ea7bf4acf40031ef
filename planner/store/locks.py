"""One save of a file at a time, across processes: a lock held from the content check to the rename.

Without it two processes that read the same version could both pass the
content-hash check before either renamed, and the later rename would
silently replace the earlier one's edit while both reported success. With
it, the second waits, then finds the file changed and is refused.

The lock is ``fcntl.flock`` on a hidden file beside the one it guards,
``.<name>.lock`` (``.2017-03-30-x.toml.lock``): a dot-file, so the loader,
the index scan and the UI's watcher skip it, on the same file system and in
the same folder as the record, so that whoever may write the record may
take its lock. ``flock`` locks an open file description, so two stores in
one process exclude each other as two processes do, and the kernel drops
the lock of a process that dies.

The holder removes the lock file when it is done, so that no lock file is
left beside the records. A process that was waiting for that file then holds
a lock on a file no longer in the folder; it notices (the name now points to
no file or to another one) and takes the lock again, so two processes never
both hold the lock of the name. A lock file left by a crash is empty and
harmless: the next save uses and removes it.

Standard library only, like ``planner.store.files``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: ``.<name>.lock`` in the same folder."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold the lock of ``path`` (waiting for another holder to finish) for the duration of the block."""
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = _acquire(lock)
    try:
        yield
    finally:
        # Removed while still held: a waiter then sees that its file is gone and takes the lock again.
        # Someone else's lock file in a folder that keeps it (sticky) cannot be removed: it stays, and still works.
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def _acquire(lock: Path) -> int:
    while True:
        fd = _open(lock)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            try:
                named = os.stat(lock)
            except FileNotFoundError:
                named = None
        except BaseException:
            os.close(fd)
            raise
        if named is not None and (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino):
            return fd
        os.close(fd)  # the previous holder removed this file once done: lock the one now named so


def _open(lock: Path) -> int:
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except PermissionError as refused:
        # A colleague's lock file that this user may only read: flock needs no write access to it.
        try:
            return os.open(lock, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            raise refused from None  # no lock file, and none may be made: the folder is not writable
