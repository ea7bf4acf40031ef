"""Event summary rows and their filters: what listings, search and the index work from.

Standard library only, so that a listing answered from the index never pays
for importing the model. ``planner.rules.query`` builds rows from full records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class LegRow:
    """One leg of a study visit, in its own zone."""

    id: str
    city: str
    country: str | None
    start: datetime
    end: datetime
    tz: str


@dataclass(frozen=True)
class EventRow:
    """What a listing shows of one event, and what its filters look at."""

    id: str
    title_es: str | None
    title_en: str | None
    kind: str
    status: str
    start: datetime
    end: datetime
    tz: str
    host: str | None
    municipalities: tuple[str, ...]
    speakers: tuple[str, ...]
    people: tuple[str, ...]
    path: Path | None
    legs: tuple[LegRow, ...] = field(default=())
    occurrence: date | None = None
    """A series' occurrence: its original date (the key of its data in the event file); ``None`` otherwise."""

    def title(self, lang: str) -> str:
        first, second = (self.title_en, self.title_es) if lang == "en" else (self.title_es, self.title_en)
        return first or second or self.id

    def involves_municipality(self, municipality: str) -> bool:
        return municipality == self.host or municipality in self.municipalities

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """True if the event touches the days from ``first`` to ``last`` (inclusive), in its own zone."""
        if first is not None and self.end.date() < first:
            return False
        return not (last is not None and self.start.date() > last)


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``planner list``; ``None`` means no filter. Ids only: names are resolved first."""

    first: date | None = None
    last: date | None = None
    kind: str | None = None
    status: str | None = None
    municipality: str | None = None
    person: str | None = None

    def matches(self, row: EventRow) -> bool:
        return (
            row.overlaps(self.first, self.last)
            and (self.kind is None or row.kind == self.kind)
            and (self.status is None or row.status == self.status)
            and (self.municipality is None or row.involves_municipality(self.municipality))
            and (self.person is None or self.person in row.people)
        )


def select(rows: Iterable[EventRow], wanted: EventFilter) -> list[EventRow]:
    """The rows that match, by start instant then id."""
    return sorted((r for r in rows if wanted.matches(r)), key=lambda r: (r.start, r.id))
