"""Atomic file writes: a crash never leaves a half-written file, and nobody's edit is lost.

A write goes to a temporary file in the same folder (:func:`write_temp`, also
the staging step of ``planner.store.batch``), is flushed and fsynced, then
renamed over the target (or linked into place for a new file, which fails
rather than replace a file that appeared meanwhile). Before replacing, the
target's current content hash is compared with the one read earlier: the
modification time alone would miss an edit that keeps the size and time.
The check and the rename happen under the file's lock
(``planner.store.locks``), so of two saves from the same version exactly one
succeeds and the other is refused.

Standard library only (with the store's error types), so that code without
the model can write files.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from planner.store.errors import RecordExists, StaleRecord
from planner.store.locks import file_lock


def digest(data: bytes) -> str:
    """The content hash the store remembers for each file it reads or writes."""
    return hashlib.sha256(data).hexdigest()


PUBLISHED = 0o644
"""The mode of an exported file (feeds, documents, e-mails): a web server or a mail program reads it as
another user, and a temporary file starts private."""


def fsync_folder(folder: Path) -> None:
    """Make the renames and removals in ``folder`` durable."""
    # The rename itself must reach the disk too; not every platform allows it.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_temp(path: Path, data: bytes, *, durable: bool = True, mode: int | None = None) -> Path:
    """``data`` in a new temporary file beside ``path`` (``.<name>.<random>.tmp``), fsynced when ``durable``,
    given ``mode`` when set; nothing is left behind when a step fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def check_unchanged(path: Path, expected: str | None) -> None:
    """Raise ``StaleRecord`` unless ``path`` still holds the content hashed as ``expected``.

    ``expected`` of ``None`` means the file must not exist yet.
    """
    try:
        current = digest(path.read_bytes())
    except FileNotFoundError:
        if expected is None:
            return
        raise StaleRecord(path, "it was deleted on disk since it was read") from None
    if expected is None:
        raise RecordExists(f"{path}: a file of that name already exists")
    if current != expected:
        raise StaleRecord(path)


def write_atomic(path: Path, data: bytes, expected: str | None) -> str:
    """Write ``data`` to ``path`` if it still holds ``expected``; return the new hash.

    The file's lock is held from the check to the rename.
    """
    with file_lock(path):
        check_unchanged(path, expected)
        temp = write_temp(path, data)
        try:
            if expected is None:
                try:
                    # A link, unlike a rename, fails if a file of that name appeared meanwhile.
                    os.link(temp, path)
                except FileExistsError:
                    raise RecordExists(f"{path}: a file of that name already exists") from None
                except OSError:
                    os.replace(temp, path)  # a file system without hard links
            else:
                os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)
        fsync_folder(path.parent)
    return digest(data)


def remove_guarded(path: Path, expected: str) -> None:
    """Delete ``path`` only if it still holds what was read (under the file's lock)."""
    with file_lock(path):
        check_unchanged(path, expected)
        path.unlink()
        fsync_folder(path.parent)
