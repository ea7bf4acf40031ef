"""Typed errors of the store and the index; each carries a message fit to show a coordinator."""

from __future__ import annotations

from pathlib import Path

from planner.domain.problems import Problem


class StoreError(Exception):
    """The store cannot be used at all: missing folder, unreadable settings, newer schema."""


class StaleRecord(StoreError):
    """The file changed on disk since it was read; saving would overwrite someone else's edit."""

    def __init__(self, path: Path, detail: str = "it changed on disk since it was read") -> None:
        super().__init__(f"{path}: not saved, {detail}; reload it or keep your copy elsewhere")
        self.path = path


class RecordExists(StoreError):
    """A new record would take an id or a file that is already used."""


class RecordInvalid(StoreError):
    """A record breaks a rule that spans the store, such as a reference that does not resolve."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems
