"""Strict checks of a calendar file, beyond what lenient parsers (vobject among them) catch.

Real clients differ: a byte-order mark breaks five of eight parsers, an
end before the start makes khal drop the whole file, a duplicated STATUS is
refused by Radicale, a TZID without its VTIMEZONE becomes floating time in
Thunderbird, a VCALENDAR with no component at all breaks RFC 5545.
``problems`` finds these in the bytes as written; the exporter runs it on
every file it writes, and the tests on every file exported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from planner.calendar.lines import MAX_OCTETS, ContentLine, unfold

SINGLE: dict[str, frozenset[str]] = {
    "VCALENDAR": frozenset({"VERSION", "PRODID", "CALSCALE", "METHOD", "REFRESH-INTERVAL"}),
    "VEVENT": frozenset(
        {
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "DURATION",
            "SUMMARY",
            "LOCATION",
            "DESCRIPTION",
            "STATUS",
            "SEQUENCE",
            "CREATED",
            "LAST-MODIFIED",
            "URL",
            "RECURRENCE-ID",
            "ORGANIZER",
            "CLASS",
            "TRANSP",
            "PRIORITY",
            "GEO",
            "RRULE",
        }
    ),
    "VTIMEZONE": frozenset({"TZID", "LAST-MODIFIED", "TZURL"}),
    "STANDARD": frozenset({"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"}),
    "DAYLIGHT": frozenset({"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"}),
    "VALARM": frozenset({"ACTION", "TRIGGER", "DESCRIPTION", "SUMMARY", "DURATION", "REPEAT"}),
}
"""Properties that may appear at most once in each component."""

REQUIRED: dict[str, frozenset[str]] = {
    "VCALENDAR": frozenset({"VERSION", "PRODID"}),
    "VEVENT": frozenset({"UID", "DTSTAMP", "DTSTART"}),
    "VTIMEZONE": frozenset({"TZID"}),
    "STANDARD": frozenset({"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"}),
    "DAYLIGHT": frozenset({"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"}),
    "VALARM": frozenset({"ACTION", "TRIGGER"}),
}


@dataclass
class _Component:
    name: str
    line: int
    seen: Counter[str] = field(default_factory=Counter)


def split_line(text: str, number: int = 0) -> ContentLine | None:
    """``NAME;P=V;Q="a:b":value`` split outside quotes; ``None`` when there is no colon."""
    colon, semicolon = text.find(":"), text.find(";")
    if colon >= 0 and not 0 <= semicolon < colon:
        # No parameters, the common case: the first colon ends the name.
        return ContentLine(number, text[:colon].upper(), {}, text[colon + 1 :])
    quoted = False
    parts: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif not quoted and char in ";:":
            parts.append(text[start:index])
            start = index + 1
            if char == ":":
                params: dict[str, str] = {}
                for part in parts[1:]:
                    key, _, value = part.partition("=")
                    params[key.upper()] = value
                return ContentLine(number, parts[0].upper(), params, text[start:])
    return None


def problems(data: bytes, deep: bool = True) -> list[str]:
    """Every problem found, as ``line N: message``; ``deep`` also parses times (DTEND after DTSTART)."""
    found: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        found.append("line 1: starts with a byte-order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [*found, f"byte {exc.start}: not UTF-8"]
    if not text.endswith("\r\n"):
        found.append("the last line does not end with CRLF")
    physical = text.split("\r\n")
    for number, line in enumerate(physical[:-1] if text.endswith("\r\n") else physical, start=1):
        if "\r" in line or "\n" in line:
            found.append(f"line {number}: a bare CR or LF (lines must end with CRLF)")
        if len(line.encode("utf-8")) > MAX_OCTETS:
            found.append(f"line {number}: {len(line.encode('utf-8'))} octets, more than {MAX_OCTETS}")
        if not line:
            found.append(f"line {number}: empty line")
    found += _structure(unfold(text))
    if deep and not found:
        found += _times(data)
    return found


def _structure(lines: list[tuple[int, str]]) -> list[str]:
    found: list[str] = []
    stack: list[_Component] = []
    used: dict[str, int] = {}
    defined: set[str] = set()
    method: str | None = None
    uids: set[str] = set()
    organizers = attendees = 0
    calendars: list[tuple[int, int]] = []
    """Each VCALENDAR's first line and how many components it holds."""
    for number, text in lines:
        line = split_line(text, number)
        if line is None:
            found.append(f"line {number}: not a content line (no colon)")
            continue
        if line.name == "BEGIN":
            if line.value.upper() == "VCALENDAR" and not stack:
                calendars.append((number, 0))
            elif len(stack) == 1 and stack[0].name == "VCALENDAR" and calendars:
                calendars[-1] = (calendars[-1][0], calendars[-1][1] + 1)
            stack.append(_Component(line.value.upper(), number))
            continue
        if line.name == "END":
            if not stack or stack[-1].name != line.value.upper():
                found.append(f"line {number}: END:{line.value} does not close the open component")
                continue
            component = stack.pop()
            missing = REQUIRED.get(component.name, frozenset()) - set(component.seen)
            found += [f"line {component.line}: {component.name} without {name}" for name in sorted(missing)]
            continue
        if not stack:
            found.append(f"line {number}: {line.name} outside any component")
            continue
        component = stack[-1]
        component.seen[line.name] += 1
        if line.name in SINGLE.get(component.name, frozenset()) and component.seen[line.name] == 2:
            found.append(f"line {number}: {line.name} twice in one {component.name}")
        if "TZID" in line.params:
            used.setdefault(line.params["TZID"].strip('"'), number)
        if component.name == "VTIMEZONE" and line.name == "TZID":
            defined.add(line.value)
        if component.name == "VCALENDAR" and line.name == "METHOD":
            method = line.value.upper()
        if component.name == "VEVENT":
            uids.update([line.value] if line.name == "UID" else [])
            organizers += line.name == "ORGANIZER"
            attendees += line.name == "ATTENDEE"
    if stack:
        found.append(f"line {stack[-1].line}: {stack[-1].name} is never closed")
    found += [f"line {n}: VCALENDAR without any component (RFC 5545 wants one)" for n, count in calendars if not count]
    found += [f"line {n}: TZID={tz} has no VTIMEZONE in this file" for tz, n in used.items() if tz not in defined]
    if method == "PUBLISH" and attendees:
        found.append("ATTENDEE in a METHOD:PUBLISH file (libical refuses it)")
    if method in ("REQUEST", "CANCEL"):
        if len(uids) != 1:
            found.append(f"METHOD:{method} with {len(uids)} UIDs; an iTIP message carries exactly one")
        if not organizers:
            found.append(f"METHOD:{method} without ORGANIZER")
    return found


def _times(data: bytes) -> list[str]:
    """DTEND after DTSTART in every VEVENT, read by icalendar (zones resolved)."""
    from icalendar import Calendar

    found = []
    for event in Calendar.from_ical(data).walk("VEVENT"):
        if "DTEND" not in event:
            continue
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if isinstance(start, datetime) != isinstance(end, datetime):
            found.append(f"{event.get('UID')}: DTSTART and DTEND are not both dates or both date-times")
        elif isinstance(start, datetime) and isinstance(end, datetime):
            if (start.tzinfo is None) != (end.tzinfo is None) or end <= start:
                found.append(f"{event.get('UID')}: DTEND is not after DTSTART")
        elif isinstance(start, date) and isinstance(end, date) and end <= start:
            found.append(f"{event.get('UID')}: DTEND is not after DTSTART")
    return found
