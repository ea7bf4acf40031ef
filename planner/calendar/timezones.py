"""VTIMEZONE components built from the IANA data, with every change of offset in the span they cover.

Each file carries a VTIMEZONE for every TZID it uses (Thunderbird's parser
turns an unknown TZID into floating time). Chile changes its clock rules by
decree, so the definition is not a yearly rule but the actual transitions
read from the zone data in use, one observance per transition, over the span
of the events in the file widened to a fixed window (see ``WINDOW``).

RFC 5545 gives an observance's onset (DTSTART) as local time *in the offset
before the change* (TZOFFSETFROM): Santiago's clocks went forward at 04:00 UTC
on 13 August 2017, which is ``DTSTART:20170813T000000`` with
``TZOFFSETFROM:-0400``. icalendar's ``Timezone.from_tzid`` writes the local
time after the change (``T010000``), an hour late for a reader that follows
the RFC, so the observances are computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

_STEP = timedelta(days=1)
"""Offsets are sampled this often, and each change found is then located to the second; no zone
changes its clock and back within one day."""
MARGIN = timedelta(days=7)
"""The span is widened by this much, so that alarms and clients' week views fall inside it."""
WINDOW = (date(2010, 1, 1), date(2037, 12, 31))
"""Every definition covers at least these years, whatever the file's events.

Some readers keep the first definition of a TZID they meet and apply it to
every later file: vobject does, process-wide, and so Radicale, which reads
with it. A definition covering only one invitation's month would then put
another file's winter meetings an hour off. With the same definition in
every file (for a given zone data version), whichever is kept is right.
"""


@dataclass(frozen=True)
class Transition:
    """A change of offset: its UTC instant, the offsets before and after, and the name after."""

    at: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    dst: bool

    @property
    def onset(self) -> datetime:
        """The local wall-clock time of the change, in the offset before it (RFC 5545's DTSTART)."""
        return (self.at + self.offset_from).replace(tzinfo=None)


def _state(zone: ZoneInfo, instant: datetime) -> tuple[timedelta, timedelta, str]:
    local = instant.astimezone(zone)
    return local.utcoffset() or timedelta(), local.dst() or timedelta(), local.tzname() or ""


def _first_change(zone: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The first second in ``(low, high]`` whose offset differs from ``low``'s (bisection)."""
    before = _state(zone, low)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            break
        if _state(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


def transitions(tz: str, first: datetime, last: datetime) -> list[Transition]:
    """Every change of offset, DST flag or abbreviation of ``tz`` between two aware instants."""
    zone = ZoneInfo(tz)
    found: list[Transition] = []
    low = first.astimezone(UTC)
    end = last.astimezone(UTC)
    state = _state(zone, low)
    while low < end:
        high = min(low + _STEP, end)
        if _state(zone, high) != state:
            at = _first_change(zone, low, high)
            after = _state(zone, at)
            found.append(Transition(at, state[0], after[0], after[2], after[1] != timedelta()))
            state = after
            low = at
        else:
            low = high
    return found


def _offset(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def _observance(kind: str, onset: datetime, offset_from: timedelta, offset_to: timedelta, name: str) -> list[str]:
    lines = [
        f"BEGIN:{kind}",
        f"DTSTART:{onset:%Y%m%dT%H%M%S}",
        f"TZOFFSETFROM:{_offset(offset_from)}",
        f"TZOFFSETTO:{_offset(offset_to)}",
    ]
    if name:
        lines.append(f"TZNAME:{_tzname(name)}")
    return [*lines, f"END:{kind}"]


def _tzname(name: str) -> str:
    # Abbreviations are letters, digits, + and - ("-04", "EDT"); anything else is dropped.
    return "".join(c for c in name if c.isalnum() or c in "+-")


def span_days(tz: str, first: datetime, last: datetime) -> tuple[date, date]:
    """The local days a VTIMEZONE covers for events from ``first`` to ``last``: the events' span with a
    margin, widened to :data:`WINDOW`. Whole days, so that the component is computed once and cached."""
    zone = ZoneInfo(tz)
    start, end = (first.astimezone(zone) - MARGIN).date(), (last.astimezone(zone) + MARGIN).date()
    return min(start, WINDOW[0]), max(end, WINDOW[1])


@cache
def vtimezone(tz: str, first_day: date, last_day: date) -> str:
    """The VTIMEZONE text (CRLF lines) of ``tz`` from ``first_day`` to ``last_day`` (local days).

    The first observance states the offset in force at the start of the span
    (its TZOFFSETFROM equals its TZOFFSETTO); each later one is a real change.
    """
    zone = ZoneInfo(tz)
    start = datetime.combine(first_day, time()).replace(tzinfo=zone).astimezone(UTC)
    stop = datetime.combine(last_day + timedelta(days=1), time()).replace(tzinfo=zone).astimezone(UTC)
    offset, dst, name = _state(zone, start)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tz}", f"X-LIC-LOCATION:{tz}"]
    lines += _observance("DAYLIGHT" if dst else "STANDARD", (start + offset).replace(tzinfo=None), offset, offset, name)
    for change in transitions(tz, start, stop):
        kind = "DAYLIGHT" if change.dst else "STANDARD"
        lines += _observance(kind, change.onset, change.offset_from, change.offset_to, change.name)
    lines.append("END:VTIMEZONE")
    return "".join(f"{line}\r\n" for line in lines)
