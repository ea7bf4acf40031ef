"""The strict checks (``planner.calendar.lint``) of an export's pieces, each piece checked once.

A file is its header, its zone definitions and its entries in a fixed frame,
so checking every piece is checking every file, at the cost of checking each
piece once: an event's entries when rendered, each header and each zone
definition when first used. Each piece is checked in a frame of its own, with
stand-ins for what the rules ask of the rest of a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from planner.calendar import lint
from planner.calendar.feeds import END, Method, header

if TYPE_CHECKING:
    from planner.calendar.vevent import CalendarObject

_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//planner//lint//EN\r\nMETHOD:PUBLISH\r\n"
"""The frame of entries and zone definitions checked apart from their file."""

_STAND_IN = (
    "BEGIN:VEVENT\r\nUID:stand-in\r\nDTSTAMP:20000101T000000Z\r\nDTSTART:20000101T000000Z\r\n"
    "ORGANIZER:mailto:stand-in@example.org\r\nEND:VEVENT\r\n"
)
"""An entry that meets every rule about a file's entries (one UID, an ORGANIZER), so that checking a
header alone reports only the header's faults."""


def entry_faults(objects: Sequence[CalendarObject]) -> list[str]:
    """An event's entries in a frame of their own, with a stand-in definition of each zone they use
    (the real ones are checked apart, once: :func:`zone_faults`)."""
    zones = sorted({use.tz for o in objects for use in o.zones})
    stubs = "".join(f"BEGIN:VTIMEZONE\r\nTZID:{tz}\r\nEND:VTIMEZONE\r\n" for tz in zones)
    return _faults(_HEAD + stubs + "".join(o.text for o in objects) + END)


def zone_faults(definition: str) -> list[str]:
    """A VTIMEZONE in a frame of its own."""
    return _faults(_HEAD + definition + END)


@lru_cache(maxsize=4096)
def head_faults(method: Method, name: str | None, description: str | None) -> tuple[str, ...]:
    """A file's header, with a stand-in entry."""
    return tuple(_faults(header(method, name, description) + _STAND_IN + END))


def _faults(text: str) -> list[str]:
    return lint.problems(text.encode("utf-8"), deep=False)
