"""Dates and times as published: localized with Babel, weekday included, computed from the date.

"jueves 30 de marzo de 2017" and "Thursday 30 March 2017"; times are given in
the event's own zone, and the zone is named when it is not the store's home zone.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime

from babel.dates import format_date, format_time, get_timezone_location

from planner.domain.text import Lang
from planner.domain.times import zone

_LONG = {"es": "EEEE d 'de' MMMM 'de' y", "en": "EEEE d MMMM y"}
_SHORT = {"es": "d MMM y", "en": "d MMM y"}
_MONTH = {"es": "LLLL 'de' y", "en": "LLLL y"}


def long_date(day: date, lang: Lang) -> str:
    """``jueves 30 de marzo de 2017`` / ``Thursday 30 March 2017``."""
    return format_date(day, _LONG[lang], locale=lang)


def short_date(day: date, lang: Lang) -> str:
    """``7 abr 2017`` / ``7 Apr 2017``: for table cells."""
    return format_date(day, _SHORT[lang], locale=lang)


def month_name(day: date, lang: Lang) -> str:
    """``marzo`` / ``March``: the month on its own, as a calendar heads it."""
    return format_date(day, "LLLL", locale=lang)


def month_label(day: date, lang: Lang) -> str:
    """``marzo de 2017`` / ``March 2017``."""
    return format_date(day, _MONTH[lang], locale=lang)


def clock(value: datetime, lang: Lang) -> str:
    """``09:30``, in the value's own zone."""
    return format_time(value, "HH:mm", locale=lang)


def zone_label(tz: str, lang: Lang) -> str:
    """``hora de Estados Unidos (Chicago)`` / ``United States (Chicago) Time``."""
    return str(get_timezone_location(zone(tz), locale=lang))


def time_range(start: datetime, end: datetime, tz: str, home_tz: str, lang: Lang) -> str:
    """``09:30–12:30``, or ``09:00–18:00, United States (Chicago) Time`` away from home."""
    start, end = start.astimezone(zone(tz)), end.astimezone(zone(tz))
    text = f"{clock(start, lang)}–{clock(end, lang)}"
    return text if tz == home_tz else f"{text}, {zone_label(tz, lang)}"


def span(start: datetime, end: datetime, tz: str, home_tz: str, lang: Lang) -> tuple[str, str | None]:
    """The date (or first and last dates) and, for a one-day event, its times."""
    start, end = start.astimezone(zone(tz)), end.astimezone(zone(tz))
    if start.date() == end.date():
        return long_date(start.date(), lang), time_range(start, end, tz, home_tz, lang)
    return f"{long_date(start.date(), lang)} – {long_date(end.date(), lang)}", None


def moment(value: datetime, tz: str, lang: Lang) -> str:
    """``lunes 3 de abril de 2017, 10:00`` in ``tz``: when a workflow step was taken."""
    local = value.astimezone(zone(tz))
    return f"{long_date(local.date(), lang)}, {clock(local, lang)}"


def period_label(first: date, last: date, lang: Lang) -> str:
    """``marzo de 2017`` for a whole calendar month, else the first and last dates."""
    same_month = (first.year, first.month) == (last.year, last.month)
    if same_month and first.day == 1 and last.day == monthrange(last.year, last.month)[1]:
        return month_label(first, lang)
    return f"{long_date(first, lang)} – {long_date(last, lang)}"
