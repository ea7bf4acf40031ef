"""The store's layout version: the newest this planner reads, and the message for a newer store.

Standard library only: a listing answered from the index checks the version
too, without importing the model.
"""

from __future__ import annotations

from pathlib import Path

from planner.domain.locate import line_of

SCHEMA_VERSION = 1
"""The newest store layout this planner reads and writes."""


def newer_version(path: Path, text: str, version: object) -> str | None:
    """The message for a settings file whose ``schema_version`` is newer than this planner's, else ``None``."""
    if not isinstance(version, int) or version <= SCHEMA_VERSION:
        return None
    return (
        f"{path}:{line_of(text, ('schema_version',))}: schema_version: this store is at version "
        f"{version}, newer than version {SCHEMA_VERSION} that this planner reads; upgrade the planner"
    )
