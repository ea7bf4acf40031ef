"""Event summary rows and the filters of ``planner list``.

A summary row holds what listing and searching need (dates, kind, status,
titles, host, municipalities, people, file), so that a later index can store
rows and answer date, kind, municipality and person queries without parsing
every event file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from planner.event import Event
from planner.ids import fold
from planner.records import Record


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


def event_row(event: Event, path: Path | None) -> EventRow:
    legs = tuple(
        LegRow(leg.id, leg.city, leg.country, leg.start, leg.end, leg.tz) for leg in event.legs
    )
    return EventRow(
        id=event.id,
        title_es=event.title.es,
        title_en=event.title.en,
        kind=event.kind,
        status=event.status,
        start=event.start,
        end=event.end,
        tz=event.tz,
        host=event.host,
        municipalities=event.municipalities,
        speakers=tuple(dict.fromkeys(s.person for s in event.speakers)),
        people=event.people(),
        path=path,
        legs=legs,
    )


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


def resolve(records: Iterable[Record], text: str) -> list[Record]:
    """Records whose id is ``text``, else whose name matches it ignoring case and accents."""
    candidates = list(records)
    exact = [r for r in candidates if r.id == text]
    if exact:
        return exact
    wanted = fold(text).strip()
    return [r for r in candidates if wanted in {fold(r.display_name("es")), fold(r.display_name("en"))}
            or wanted == fold(getattr(r, "name", "") if isinstance(getattr(r, "name", ""), str) else "")]
