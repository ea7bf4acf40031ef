"""Weekday names used by listings; computed from the date, never stored."""

from __future__ import annotations

from datetime import date

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_ES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def weekday(day: date, lang: str = "en") -> str:
    """The weekday of ``day``: ``Thursday`` or ``jueves``."""
    names = WEEKDAYS_ES if lang == "es" else WEEKDAYS
    return names[day.weekday()]


def weekday_short(day: date, lang: str = "en") -> str:
    """Three letters: ``Thu`` or ``jue``."""
    return weekday(day, lang)[:3]
