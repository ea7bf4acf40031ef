"""Calendar files read into entries: each VEVENT decoded by icalendar, beside the lines it was written on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from icalendar import Calendar, Component

from planner.calendar.lint import SINGLE as ONCE
from planner.imports.errors import Malformed
from planner.imports.lines import Block, decode, scan

SINGLE = sorted(ONCE["VEVENT"])
"""Properties a VEVENT may hold only once (RFC 5545, 3.6.1), as the strict checks of exports count them."""


@dataclass(frozen=True)
class Entry:
    """One VEVENT: the file it came from, its calendar's METHOD, the lines of both and icalendar's reading of it."""

    source: str
    method: str | None
    calendar: Block
    block: Block
    component: Component

    def line(self, name: str | None = None) -> int:
        return self.block.line_of(name) if name else self.block.line

    def fail(self, name: str | None, message: str) -> Malformed:
        """A ``Malformed`` pointing at property ``name`` (or at BEGIN:VEVENT)."""
        return Malformed(self.source, self.line(name), message)

    def has(self, name: str) -> bool:
        return name in self.component

    def text(self, name: str) -> str | None:
        """A text property's unescaped value, or ``None`` when it is absent or blank."""
        if name not in self.component:
            return None
        value = str(self.component[name]).strip()
        return value or None

    def time(self, name: str) -> tuple[datetime | date, str | None] | None:
        """A DATE or DATE-TIME value and its TZID parameter, or ``None`` when absent."""
        if name not in self.component:
            return None
        prop: Any = self.component[name]
        value = getattr(prop, "dt", None)
        if not isinstance(value, datetime | date):
            raise self.fail(name, f"{name} is not a date or a date-time")
        tzid = prop.params.get("TZID")
        return value, (str(tzid) if tzid is not None else None)

    def all(self, name: str) -> list[Any]:
        """Every value of a property that may repeat (ATTENDEE, CATEGORIES, EXDATE)."""
        if name not in self.component:
            return []
        value = self.component[name]
        return list(value) if isinstance(value, list) else [value]

    @property
    def uid(self) -> str:
        uid = self.text("UID")
        if uid is None:
            raise self.fail(None, "this VEVENT has no UID, so it could never be matched again; nothing imported")
        return uid


def _errors(component: Component, block: Block, source: str) -> None:
    """Raise for the first value icalendar could not decode, at the line it is on."""
    for name, message in component.errors:
        raise Malformed(source, block.line_of(name, message), f"{name or 'line'}: {message}")
    by_name: dict[str, list[Block]] = {}
    for child in block.children:
        by_name.setdefault(child.name, []).append(child)
    seen: dict[str, int] = {}
    for sub in component.subcomponents:
        kind = str(sub.name)
        index = seen.get(kind, 0)
        seen[kind] = index + 1
        blocks = by_name.get(kind, [])
        if index < len(blocks):
            _errors(sub, blocks[index], source)


def _repeated(block: Block, source: str) -> None:
    for name in SINGLE:
        found = block.all(name)
        if len(found) > 1:
            raise Malformed(
                source, found[1].number, f"{name} appears twice in one VEVENT (first on line {found[0].number})"
            )


def read_entries(data: bytes, source: str) -> list[Entry]:
    """Every VEVENT of a calendar file, checked line by line first; raises ``Malformed`` naming the line."""
    text = decode(data, source)
    blocks = scan(text, source)
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError) as exc:
        raise Malformed(source, 0, f"cannot be read as a calendar: {exc}") from None
    if len(calendars) != len(blocks):
        raise Malformed(source, 0, "cannot be read as a calendar: its VCALENDAR blocks could not be told apart")
    entries: list[Entry] = []
    for block, calendar in zip(blocks, calendars, strict=True):
        _errors(calendar, block, source)
        method = calendar.get("METHOD")
        method_name = str(method).strip().upper() if method is not None else None
        events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
        event_blocks = block.components("VEVENT")
        if len(event_blocks) != len(events):
            raise Malformed(source, block.line, "cannot be read as a calendar: its VEVENTs could not be told apart")
        for event_block, component in zip(event_blocks, events, strict=True):
            _repeated(event_block, source)
            entries.append(Entry(source, method_name, block, event_block, component))
    return entries


def iter_entries(files: list[tuple[str, bytes]]) -> Iterator[Entry]:
    for source, data in files:
        yield from read_entries(data, source)
