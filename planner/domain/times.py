"""Wall-clock times in IANA zones: checking zone names, and refusing gaps and overlaps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_ZONE = "America/Santiago"
"""The home zone of a store whose settings name none."""

FIRST_YEAR = 1900
LAST_YEAR = 2100
"""The years an event's times may fall in. Time zone rules, UTC arithmetic near ``datetime``'s ends
(years 1 and 9999) and calendar clients all fail outside a range like this; a programme planner needs
none of it, so the model refuses such a time and every date it accepts can be exported."""


# Zones defined by an offset rather than a place: they drift from the law of
# any real place as soon as its rules change.
_LEGACY = frozenset(
    {
        "EST",
        "MST",
        "HST",
        "EST5EDT",
        "CST6CDT",
        "MST7MDT",
        "PST8PDT",
        "CET",
        "EET",
        "MET",
        "WET",
        "GMT0",
        "GMT+0",
        "GMT-0",
        "Greenwich",
        "UCT",
        "Universal",
        "Zulu",
    }
)


@cache
def _all_zones() -> frozenset[str]:
    # "localtime" is whatever the machine is set to, "Factory" a placeholder: neither names a place.
    return frozenset(available_timezones()) - {"localtime", "posixrules", "Factory"}


def zone(name: str) -> ZoneInfo:
    """The ``ZoneInfo`` for an IANA name; refuse fixed offsets and unknown names."""
    if not isinstance(name, str) or not name:
        raise ValueError("a time zone must be an IANA name such as 'America/Santiago'")
    fixed = (name.startswith(("Etc/", "GMT", "UTC")) and name != "UTC") or name in _LEGACY
    if fixed:
        raise ValueError(f"{name!r} is a fixed offset or legacy zone; use a place name such as 'America/Santiago'")
    if name not in _all_zones():
        raise ValueError(f"{name!r} is not an IANA time zone name; use a name such as 'America/Santiago'")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{name!r} is not a known time zone") from exc


def _offset(value: timedelta | None) -> str:
    seconds = int((value or timedelta()).total_seconds())
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def localize(local: datetime, zone_name: str) -> datetime:
    """Attach ``zone_name`` to a naive wall-clock time.

    A time skipped by a clock change (the gap) or lived twice (the overlap)
    is refused, because either would make an invitation silently wrong.
    """
    if not FIRST_YEAR <= local.year <= LAST_YEAR:
        # Checked before any zone arithmetic, which overflows near years 1 and 9999.
        raise ValueError(f"the year {local.year} is outside {FIRST_YEAR}-{LAST_YEAR}, the years an event may take")
    if local.tzinfo is not None:
        # The file keeps only the wall clock, so an instant is held to the same rule:
        # one that falls in a repeated hour could be written but never read back.
        local = local.astimezone(zone(zone_name)).replace(tzinfo=None)
    tz = zone(zone_name)
    first = local.replace(tzinfo=tz, fold=0)
    second = local.replace(tzinfo=tz, fold=1)
    round_trip = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    when = local.strftime("%Y-%m-%d %H:%M")
    if round_trip != local:
        raise ValueError(
            f"{when} does not exist in {zone_name}: clocks jump forward there, from "
            f"{_offset(first.utcoffset())} to {_offset(second.utcoffset())} "
            "(a gap); choose a time outside the skipped hour"
        )
    if first.utcoffset() != second.utcoffset():
        raise ValueError(
            f"{when} occurs twice in {zone_name}: clocks fall back there, from "
            f"{_offset(first.utcoffset())} to {_offset(second.utcoffset())} "
            "(an overlap); choose a time outside the repeated hour"
        )
    return first


def wall_clock(value: datetime, zone_name: str) -> datetime:
    """The naive local time of an aware ``value`` in ``zone_name``, as stored on disk."""
    return value.astimezone(zone(zone_name)).replace(tzinfo=None)


def utc_now() -> datetime:
    """The current time in UTC, to the second (what records store)."""
    return datetime.now(UTC).replace(microsecond=0)
