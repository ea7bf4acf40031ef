"""Calendar files in tests: writing small ones, exporting a store, and reading what was written back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar

from planner.calendar.export import export_ics
from planner.calendar.result import ExportResult
from planner.domain.text import Lang
from planner.store import Store
from tests.helpers.store import DOMAIN

# Writing: a calendar file as another program would send it.


def ics(*body: str, method: str | None = None) -> str:
    """A VCALENDAR around ``body`` lines, CRLF-terminated."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Import//EN"]
    if method:
        head.append(f"METHOD:{method}")
    return "\r\n".join([*head, *body, "END:VCALENDAR"]) + "\r\n"


def vevent(
    *lines: str,
    uid: str = "abc-123@example.com",
    start: str = "DTSTART;TZID=America/Santiago:20170615T100000",
    end: str | None = "DTEND;TZID=America/Santiago:20170615T120000",
    summary: str = "Taller de prueba",
) -> list[str]:
    """A VEVENT's lines; an empty ``uid``, ``start`` or ``summary`` (or ``end=None``) leaves the property out."""
    props = [f"UID:{uid}" if uid else "", "DTSTAMP:20170601T120000Z", start, end or ""]
    props += [f"SUMMARY:{summary}" if summary else "", *lines]
    return ["BEGIN:VEVENT", *(p for p in props if p), "END:VEVENT"]


# Exporting a store.


def export(root: Path, out: Path, lang: Lang | None = None, event_id: str | None = None) -> ExportResult:
    """Load the store afresh (as the command does) and export it."""
    return export_ics(Store.load(root), out, lang=lang, event_id=event_id)


class Exported:
    """An export of a copy of the shipped store: the store as it was exported, the folder, the result."""

    def __init__(self, root: Path, out: Path, result: ExportResult) -> None:
        self.root = root
        self.out = out
        self.result = result
        self.store = Store.load(root)
        self.store_before: dict[Path, bytes] = {}
        """Every file of the store copy as it was before the export."""

    def path(self, relative: str) -> Path:
        return self.out / relative

    def data(self, relative: str) -> bytes:
        return (self.out / relative).read_bytes()


def ics_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.ics"))


# Reading back. Components are typed ``Any``: icalendar types a property as the union of every value type.


def parse(path_or_bytes: Path | bytes) -> icalendar.Calendar:
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    return icalendar.Calendar.from_ical(data)


def vevents(calendar: icalendar.Calendar, uid: str | None = None) -> list[Any]:
    found = list(calendar.walk("VEVENT"))
    return [e for e in found if uid is None or str(e["UID"]) == uid]


def one(calendar: icalendar.Calendar, uid: str, recurrence: datetime | None = None) -> Any:
    """The VEVENT of ``uid`` (the master, or the override of ``recurrence``)."""
    found = [
        e
        for e in vevents(calendar, uid)
        if (recurrence is None and "RECURRENCE-ID" not in e)
        or (recurrence is not None and "RECURRENCE-ID" in e and e.decoded("RECURRENCE-ID") == recurrence)
    ]
    assert len(found) == 1, f"{len(found)} VEVENTs for {uid} {recurrence}"
    return found[0]


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def attendees(component: Any) -> dict[str, Any]:
    """ATTENDEE values by address (without ``mailto:``), each with its parameters."""
    values = component.get("ATTENDEE", [])
    if not isinstance(values, list):
        values = [values]
    return {str(v).removeprefix("mailto:"): v for v in values}


def unfolded_lines(data: bytes) -> Iterator[str]:
    """The logical lines of a file, as a line-based reader sees them."""
    text = data.decode("utf-8")
    current: str | None = None
    for line in text.split("\r\n"):
        if line[:1] in (" ", "\t") and current is not None:
            current += line[1:]
            continue
        if current is not None:
            yield current
        current = line
    if current:
        yield current


def uid_of(uid_stem: str) -> str:
    return f"{uid_stem}@{DOMAIN}"
