"""Building summary rows from full event records, and resolving names given on the command line.

The rows themselves live in ``planner.domain.rows`` (no model import), so that a later
index can store them and answer date, kind, municipality and person queries
without parsing every event file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from planner.domain.event import Event
from planner.domain.ids import fold
from planner.domain.records import Record
from planner.domain.rows import EventFilter, EventRow, LegRow, select

__all__ = ["EventFilter", "EventRow", "LegRow", "event_row", "event_rows", "resolve", "select"]


def event_row(event: Event, path: Path | None) -> EventRow:
    legs = tuple(LegRow(leg.id, leg.city, leg.country, leg.start, leg.end, leg.tz) for leg in event.legs)
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


def event_rows(event: Event, path: Path | None) -> list[EventRow]:
    """The rows an event contributes to listings: one, or one per occurrence of a series.

    An occurrence row has the occurrence's own times (moved or not), host and
    status (``cancelled`` when skipped), and its own invitees beside the
    series' people; ``occurrence`` is its original date.
    """
    row = event_row(event, path)
    if event.recurrence is None:
        return [row]
    series_people = event.model_copy(update={"occurrences": {}}).people()
    rows = []
    for day, start, end, occurrence in event.occurrence_times():
        own = [i.person for i in occurrence.invitations if i.person not in series_people]
        people = series_people + tuple(own)
        rows.append(
            replace(
                row,
                start=start,
                end=end,
                status="cancelled" if occurrence.cancelled else event.status,
                host=occurrence.host or event.host,
                people=people,
                occurrence=day,
            )
        )
    return rows


def resolve(records: Iterable[Record], text: str) -> list[Record]:
    """Records whose id is ``text``, else whose name matches it ignoring case and accents."""
    candidates = list(records)
    exact = [r for r in candidates if r.id == text]
    if exact:
        return exact
    wanted = fold(text).strip()
    return [r for r in candidates if wanted in {fold(name) for name in r.names()}]
