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

A replaced file keeps its mode and, when the user may give it, its group; a
new file gets the mode any file the user creates there gets. That mode is
left to the kernel: the temporary file is created asking for 0666, which the
kernel narrows by the umask (or the folder's default ACL). Reading the umask
instead would mean setting it (``os.umask`` is process-wide, and another
thread could create a file in between) and would miss an ACL.

Standard library only (with the store's error types), so that code without
the model can write files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
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


def write_temp(
    path: Path, data: bytes, *, durable: bool = True, mode: int | None = None, group: int | None = None
) -> Path:
    """``data`` in a new temporary file beside ``path`` (``.<name>.<random>.tmp``), fsynced when ``durable``;
    nothing is left behind when a step fails.

    The file gets ``mode`` when set, else the mode a new file gets in that folder (0666 narrowed by the
    umask); and ``group`` when set and the user may give it (best effort: otherwise the folder's or the
    user's group stays).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # Private until given its mode, when one is given: the file is chmodded before a byte is written.
    fd, temp = _create_temp(path, 0o600 if mode is not None else 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            if group is not None and os.fstat(fd).st_gid != group:
                # Not a member of that group: the file keeps the one it was created with.
                with contextlib.suppress(OSError):
                    os.fchown(fd, -1, group)
            if mode is not None:
                os.fchmod(fd, mode)  # after the chown, which may clear the set-group-id bit
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _create_temp(path: Path, mode: int) -> tuple[int, Path]:
    # tempfile.mkstemp always creates 0600: a new record must get the user's usual mode.
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"{path.parent}: no free name for a temporary file beside {path.name}")


def check_unchanged(path: Path, expected: str | None) -> os.stat_result | None:
    """Raise ``StaleRecord`` unless ``path`` still holds the content hashed as ``expected``; return the
    file's status (``None`` when it does not exist).

    ``expected`` of ``None`` means the file must not exist yet.
    """
    try:
        # Opened without blocking and checked before reading: a file replaced by a FIFO or a device
        # (by hand, by a merge) must refuse the save, not hang it or read without end.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise StaleRecord(path, "it is no longer a regular file")
            current = digest(handle.read())
    except FileNotFoundError:
        if expected is None:
            return None
        raise StaleRecord(path, "it was deleted on disk since it was read") from None
    if expected is None:
        raise RecordExists(f"{path}: a file of that name already exists")
    if current != expected:
        raise StaleRecord(path)
    return status


def write_atomic(path: Path, data: bytes, expected: str | None) -> str:
    """Write ``data`` to ``path`` if it still holds ``expected``; return the new hash.

    The file's lock is held from the check to the rename; a replaced file keeps its mode and group.
    """
    with file_lock(path):
        old = check_unchanged(path, expected)
        if old is None:
            temp = write_temp(path, data)
        else:
            temp = write_temp(path, data, mode=stat.S_IMODE(old.st_mode), group=old.st_gid)
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
