"""Conflicts worth a warning: double-booked people, programme events at the same time, holidays, weekends.

Computed from the records, never stored: ``planner check`` lists them as
warnings and the terminal UI shows them on Home and in the event screen.

- **person**: a speaker, delegate, signatory or agenda speaker is named in two
  events whose times overlap;
- **programme**: two events of the same programme overlap;
- **holiday** / **weekend**: an event held in Chile (its zone is a Chilean
  one) starts or ends on a Chilean public holiday (the ``holidays`` package) or
  on a Saturday or Sunday.

Cancelled events, and a series' cancelled occurrences, conflict with nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from planner.domain.event import Event
from planner.domain.locate import line_of
from planner.domain.problems import Problem
from planner.domain.records import Loc
from planner.domain.text import Lang
from planner.domain.weekdays import weekday

ConflictKind = Literal["person", "programme", "holiday", "weekend"]
CHILE_ZONES = frozenset({"America/Santiago", "America/Punta_Arenas", "Pacific/Easter"})
"""Events in these zones are held in Chile: Chilean holidays and weekends apply."""


@dataclass(frozen=True, order=True)
class Conflict:
    """One conflict, reported on ``event`` (a pair is reported on both events)."""

    day: date
    """The local day concerned (the start of the overlap, or the holiday)."""
    event: str
    kind: ConflictKind
    message: str
    other: str | None = None
    """The other event of a person or programme conflict."""
    loc: Loc = ("start",)
    """Where in ``event``'s file the conflict is about, so that a warning can name its line."""


@dataclass(frozen=True)
class _Span:
    event: Event
    start: datetime
    end: datetime


def _spans(event: Event, horizon: datetime | None = None) -> list[_Span]:
    if event.status == "cancelled":
        return []
    return [
        _Span(event, start, end)
        for _, start, end, occurrence in event.occurrence_times(horizon)
        if not occurrence.cancelled
    ]


def _named(event: Event) -> dict[str, Loc]:
    """People named in the programme of the event (not mere invitees), with where each first appears."""
    found: dict[str, Loc] = {}
    for n, speaker in enumerate(event.speakers):
        found.setdefault(speaker.person, ("speakers", n, "person"))
    for n, guest in enumerate(event.guests):
        for m, delegate in enumerate(guest.delegates):
            if delegate.person:
                found.setdefault(delegate.person, ("guests", n, "delegates", m, "person"))
    for n, signatory in enumerate(event.signatories):
        found.setdefault(signatory.person, ("signatories", n, "person"))
    for n, item in enumerate(event.agenda):
        if item.speaker:
            found.setdefault(item.speaker, ("agenda", n, "speaker"))
    return found


def _when(span: _Span, lang: Lang) -> str:
    local = span.start.astimezone(span.event.start.tzinfo)
    return f"{weekday(local.date(), lang)} {local:%Y-%m-%d %H:%M}"


def _pair(a: _Span, b: _Span, name_of: Callable[[str], str], lang: Lang) -> Iterator[Conflict]:
    """Conflicts of two overlapping spans, reported on ``a``."""
    day = max(a.start, b.start).astimezone(a.event.start.tzinfo).date()
    other = b.event
    title = other.title.get(lang)
    people_b = _named(other)
    for person, loc in _named(a.event).items():
        if person in people_b:
            yield Conflict(
                day,
                a.event.id,
                "person",
                f"{name_of(person)} is also in {title!r} ({_when(b, lang)}) at the same time",
                other.id,
                loc,
            )
    if a.event.programme and a.event.programme == other.programme:
        yield Conflict(
            day,
            a.event.id,
            "programme",
            f"{title!r} ({_when(b, lang)}), of the same programme, overlaps this event",
            other.id,
            ("start",),
        )


def _overlap(a: _Span, b: _Span) -> bool:
    return a.start < b.end and b.start < a.end


@cache
def _holidays(year: int, lang: Lang) -> dict[date, str]:
    import holidays  # its calendars take a twentieth of a second to import: only when a day is checked

    found = holidays.country_holidays("CL", years=year, language="en_US" if lang == "en" else "es")
    return dict(found.items())


def holiday(day: date, lang: Lang = "en") -> str | None:
    """The name of the Chilean public holiday on ``day``, if it is one."""
    return _holidays(day.year, lang).get(day)


def _days(span: _Span) -> list[date]:
    """The local days a span starts and ends on (an end at midnight belongs to the day before)."""
    tz = span.event.start.tzinfo
    start, end = span.start.astimezone(tz), span.end.astimezone(tz)
    last = end.date() - timedelta(days=1) if end.time() == time(0) and end.date() > start.date() else end.date()
    return list(dict.fromkeys((start.date(), last)))


def day_conflicts(event: Event, lang: Lang = "en", horizon: datetime | None = None) -> list[Conflict]:
    """Holidays and weekends an event held in Chile starts or ends on."""
    if event.tz not in CHILE_ZONES:
        return []
    found = []
    for span in _spans(event, horizon):
        for day in _days(span):
            name = holiday(day, lang)
            if name:
                message = f"{day.isoformat()} is a public holiday in Chile: {name}"
                found.append(Conflict(day, event.id, "holiday", message))
            elif day.weekday() >= 5:
                found.append(Conflict(day, event.id, "weekend", f"{day.isoformat()} is a {weekday(day, lang)}"))
    return found


def conflicts_of(
    event: Event,
    others: Iterable[Event],
    *,
    name_of: Callable[[str], str] = str,
    lang: Lang = "en",
    horizon: datetime | None = None,
) -> list[Conflict]:
    """Every conflict of ``event`` with ``others`` (itself skipped), and its holidays and weekends."""
    found = day_conflicts(event, lang, horizon)
    mine = _spans(event, horizon)
    for other in others:
        if other.id == event.id:
            continue
        for b in _spans(other, horizon):
            for a in mine:
                if _overlap(a, b):
                    found.extend(_pair(a, b, name_of, lang))
    return sorted(set(found))


def store_conflicts(
    events: Iterable[Event],
    *,
    name_of: Callable[[str], str] = str,
    lang: Lang = "en",
    horizon: datetime | None = None,
) -> list[Conflict]:
    """Every conflict among ``events``, each pair reported on both events, by day then event."""
    spans: list[_Span] = []
    found: list[Conflict] = []
    for event in events:
        spans.extend(_spans(event, horizon))
        found.extend(day_conflicts(event, lang, horizon))
    spans.sort(key=lambda s: s.start)
    active: list[_Span] = []
    for span in spans:
        active = [a for a in active if a.end > span.start]
        for earlier in active:
            if earlier.event.id != span.event.id and _overlap(earlier, span):
                found.extend(_pair(earlier, span, name_of, lang))
                found.extend(_pair(span, earlier, name_of, lang))
        active.append(span)
    return sorted(set(found))


def as_warnings(conflicts: Iterable[Conflict], path_of: Callable[[str], Path | None]) -> list[Problem]:
    """Conflicts as warnings naming the file and the line they are about (``file:line: warning: ...``)."""
    texts: dict[Path, str | None] = {}
    found = []
    for conflict in conflicts:
        path = path_of(conflict.event)
        if path is None:
            continue
        if path not in texts:
            try:
                texts[path] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                texts[path] = None
        text = texts[path]
        line = line_of(text, conflict.loc) if text is not None else 0
        found.append(Problem(path, line, "", conflict.message, "warning"))
    return found
