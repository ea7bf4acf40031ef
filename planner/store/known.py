"""What the store needs to know of its files before reading them: a protocol that the index satisfies.

The store sits below the index, so it cannot import it; the command line and
the UI open the index and hand it to ``Store.open``.
"""

from __future__ import annotations

from typing import Protocol

from planner.domain.problems import Problem


class KnownFiles(Protocol):
    """Which records exist and where, the registries' names, and every file's problems."""

    def path_texts(self, label: str) -> dict[str, str]:
        """The files of the records with ``label`` (``event``, ``person`` ...), by id, as text."""
        ...

    def display_names(self, labels: set[str]) -> dict[str, tuple[str, str]]:
        """Display names (es, en) of the records with one of ``labels``."""
        ...

    def problems(self) -> list[Problem]:
        """Problems of every file, as of the last look at the files."""
        ...
