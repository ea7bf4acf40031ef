"""What the index keeps of one file: made by the readers, stored by the catalog.

A module of its own so that the catalog and the readers do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.problems import Problem
from planner.domain.rows import EventRow


@dataclass(frozen=True)
class Indexed:
    """What the index keeps of one file, made by ``planner.index.reader`` from the file's text."""

    records: list[tuple[str, str, list[str], int]]
    """(id, label, names, line of the id) of the record the file holds; empty when it does not load."""
    rows: list[EventRow]
    refs: list[tuple[list[str | int], str, str]]
    problems: list[Problem]
