"""Exported files written as one batch: each staged beside its place, made durable, then renamed into place.

A full export of a large store writes over a hundred thousand files; an
``fsync`` per file makes the disk commit its journal that many times, and
took most of the export's time (at 100,000 events, minutes of it). A batch
of many files is made durable by one ``sync`` of the file system before any
of them is renamed into place, so a crash still leaves every file either
whole and new or whole and old, never half-written. A batch of a few files
(an export after one change) syncs each file, which is cheaper than syncing
a whole file system.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import TracebackType

FEW = 32
"""Up to this many files, each is synced on its own."""


class Batch:
    """Files staged by :meth:`stage` and put in place together by :meth:`commit`; a batch left without
    a commit (an error midway) removes what it staged and leaves every file as it was."""

    def __init__(self, expected: int) -> None:
        self._each = expected <= FEW
        self._staged: list[tuple[str, Path]] = []

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for name, _ in self._staged:
            Path(name).unlink(missing_ok=True)
        self._staged.clear()

    def stage(self, path: Path, data: bytes, old: bytes | None = None) -> bool:
        """Stage ``data`` (UTF-8, no BOM, CRLF kept) for ``path`` unless the file already holds these bytes
        (``old``, when already read); True when staged."""
        if old is not None:
            if old == data:
                return False
        else:
            try:
                if path.stat().st_size == len(data) and path.read_bytes() == data:
                    return False
            except OSError:
                pass
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if self._each:
                    handle.flush()
                    os.fsync(handle.fileno())
            os.chmod(name, 0o644)  # mkstemp makes it private; a published feed is read by a web server
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        self._staged.append((name, path))
        return True

    def commit(self) -> list[Path]:
        """Make every staged file durable, then rename each into place; the paths put in place."""
        if not self._staged:
            return []
        if not self._each:
            os.sync()
        staged, self._staged = self._staged, []
        for n, (name, path) in enumerate(staged):
            try:
                os.replace(name, path)
            except BaseException:
                self._staged = staged[n:]  # not in place: removed on leaving the batch
                raise
        return [path for _, path in staged]
