"""Many files written as one batch: each staged beside its place, made durable, then renamed into place.

The calendar export, the publisher and the mail outbox write their files
through it. A full export of a large store writes over a hundred thousand
files; an ``fsync`` per file makes the disk commit its journal that many
times, and took most of the export's time (at 100,000 events, minutes of
it). A batch of many files is made durable by one ``sync`` of the file
system before any of them is renamed into place, so a crash still leaves
every file either whole and new or whole and old, never half-written. A
batch of a few files (an export after one change, a document in two
languages and two formats, an event's invitation e-mails) syncs each file,
which is cheaper than syncing a whole file system. The folders are synced
after the renames, so that a file put in place stays in place.

Standard library only (with ``planner.store.files``), like ``files``.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from planner.store.files import PUBLISHED, fsync_folder, write_temp

FEW = 32
"""Up to this many files, each is synced on its own."""


class Batch:
    """Files staged by :meth:`stage` and put in place together by :meth:`commit`; a batch left without
    a commit (an error midway) removes what it staged and leaves every file as it was."""

    def __init__(self, expected: int) -> None:
        self._each = expected <= FEW
        self._staged: list[tuple[Path, Path]] = []

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for temp, _ in self._staged:
            temp.unlink(missing_ok=True)
        self._staged.clear()

    def stage(self, path: Path, data: bytes, old: bytes | None = None) -> bool:
        """Stage ``data`` (written as given: no encoding, no newline translation) for ``path`` unless the
        file already holds these bytes (``old``, when already read); True when staged."""
        if old is not None:
            if old == data:
                return False
        else:
            try:
                if path.stat().st_size == len(data) and path.read_bytes() == data:
                    return False
            except OSError:
                pass
        self._staged.append((write_temp(path, data, durable=self._each, mode=PUBLISHED), path))
        return True

    def commit(self) -> list[Path]:
        """Make every staged file durable, then rename each into place; the paths put in place."""
        if not self._staged:
            return []
        if not self._each:
            os.sync()
        staged, self._staged = self._staged, []
        for n, (temp, path) in enumerate(staged):
            try:
                os.replace(temp, path)
            except BaseException:
                self._staged = staged[n:]  # not in place: removed on leaving the batch
                raise
        for folder in dict.fromkeys(path.parent for _, path in staged):
            fsync_folder(folder)
        return [path for _, path in staged]
