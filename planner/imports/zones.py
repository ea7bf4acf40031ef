"""Naming the zone of an imported time: IANA names as they are, Windows names through icalendar's own table.

Outlook and Exchange write ``TZID=Pacific SA Standard Time``; icalendar keeps
the Unicode CLDR mapping from those names to IANA zones
(``icalendar.timezone.windows_to_olson``), and the importer uses it rather
than a table of its own. Libical-style "globally unique" TZIDs
(``/mozilla.org/20050126_1/America/Santiago``) give their trailing IANA name.

A calendar-wide ``X-WR-TIMEZONE`` (Google Calendar, Apple Calendar) names
the zone its author meant for times that carry none of their own.
"""

from __future__ import annotations

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from planner.domain.times import zone

UTC_NAMES = frozenset(
    {"UTC", "Z", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Etc/Zulu", "Coordinated Universal Time"}
)
"""TZIDs that mean UTC: the importer moves such times into the store's home zone."""


def _place(name: str) -> str | None:
    try:
        zone(name)
    except ValueError:
        return None
    return name


def iana_zone(tzid: str) -> str | None:
    """The IANA place name that ``tzid`` stands for, or ``None`` when it names no place (UTC, offsets, unknown)."""
    name = tzid.strip().strip('"')
    if not name or name in UTC_NAMES or WINDOWS_TO_OLSON.get(name) in UTC_NAMES:
        return None
    direct = _place(name)
    if direct:
        return direct
    mapped = WINDOWS_TO_OLSON.get(name)
    if mapped:
        return _place(mapped)
    if name.startswith("/"):
        parts = name.strip("/").split("/")
        for start in range(1, len(parts)):
            found = _place("/".join(parts[start:]))
            if found:
                return found
    return None


def means_utc(tzid: str) -> bool:
    name = tzid.strip().strip('"')
    return name in UTC_NAMES or WINDOWS_TO_OLSON.get(name) in UTC_NAMES


def calendar_zone(given: str | None, home: str) -> tuple[str, str | None]:
    """The zone a file's floating and UTC times are placed in: its X-WR-TIMEZONE when that names a place,
    else ``home``; and a note for the ``assumed`` list when the file names a zone the planner cannot use."""
    if given is None or not given.strip():
        return home, None
    place = iana_zone(given)
    if place is None:
        return home, (
            f"The imported file's calendar zone (X-WR-TIMEZONE:{given.strip()}) names no place; "
            f"times without a zone are read as {home} time."
        )
    return place, None
