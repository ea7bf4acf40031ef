"""What an export answers: the files it wrote, kept and removed, its notes and refusals; or why it could not run."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


class ExportError(ValueError):
    """The request cannot be met: an unknown event, or a draft."""


@dataclass
class ExportResult:
    """What an export did, for the CLI to print and the UI to show.

    Files are kept by name relative to ``out`` (an export can list tens of
    thousands); ``written``, ``unchanged``, ``removed`` and ``files`` give them
    as paths.
    """

    out: Path = field(default_factory=Path)
    written_names: list[str] = field(default_factory=list)
    """Files created or changed."""
    unchanged_names: list[str] = field(default_factory=list)
    """Files that already held exactly these bytes."""
    removed_names: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Sequences raised, tokens issued, events without an invitation."""
    refused: list[str] = field(default_factory=list)
    """Events that could not be exported, with the reason."""
    rendered: list[str] = field(default_factory=list)
    """Ids of the events rendered by this export; the others' entries were kept from an earlier one."""
    errors: int = 0
    """How many store files have errors (:func:`export_folder` only; a ``Store`` has its own)."""

    @property
    def written(self) -> list[Path]:
        return self._paths(self.written_names)

    @property
    def unchanged(self) -> list[Path]:
        return self._paths(self.unchanged_names)

    @property
    def removed(self) -> list[Path]:
        return self._paths(self.removed_names)

    @property
    def files(self) -> list[Path]:
        return self._paths(name for name, _ in self.listing())

    def _paths(self, names: Iterable[str]) -> list[Path]:
        return [self.out / name for name in names]

    def listing(self) -> list[tuple[str, bool]]:
        """Every file written or found unchanged, by name relative to ``out``, in path order, with True
        for those written."""
        return sorted([*((n, True) for n in self.written_names), *((n, False) for n in self.unchanged_names)])

    def path_text(self, name: str) -> str:
        """``str(out / name)``, without building a path for each of thousands of files."""
        base = os.fspath(self.out)
        return name if base == "." else f"{base.rstrip('/')}/{name}"
