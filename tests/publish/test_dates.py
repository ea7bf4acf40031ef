"""Dates as published: the weekday and the month, in both languages, agree with the calendar for any year."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from planner.publish.dates import long_date, period_label, time_range

WEEKDAYS_ES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MONTHS_ES = (
    "",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def test_the_two_shapes_of_the_issue() -> None:
    assert long_date(date(2017, 3, 30), "es") == "jueves 30 de marzo de 2017"
    assert long_date(date(2017, 3, 30), "en") == "Thursday 30 March 2017"
    # The newsletter's "Thursday 29 March" was a Wednesday: the weekday is computed, never typed.
    assert long_date(date(2017, 3, 29), "en") == "Wednesday 29 March 2017"


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_weekday_and_month_agree_with_the_calendar_in_both_languages(day: date) -> None:
    weekday = calendar.weekday(day.year, day.month, day.day)
    assert long_date(day, "es") == f"{WEEKDAYS_ES[weekday]} {day.day} de {MONTHS_ES[day.month]} de {day.year}"
    assert long_date(day, "en") == f"{WEEKDAYS_EN[weekday]} {day.day} {MONTHS_EN[day.month]} {day.year}"
    # The English names are the calendar module's own (the C locale's).
    assert long_date(day, "en").startswith(calendar.day_name[weekday] + " ")
    assert f" {calendar.month_name[day.month]} " in long_date(day, "en")


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=12))
def test_a_whole_month_is_named_as_a_month(year: int, month: int) -> None:
    last = calendar.monthrange(year, month)[1]
    assert period_label(date(year, month, 1), date(year, month, last), "es") == f"{MONTHS_ES[month]} de {year}"
    assert period_label(date(year, month, 1), date(year, month, last), "en") == f"{MONTHS_EN[month]} {year}"


def test_times_name_the_zone_only_away_from_home() -> None:
    chicago = ZoneInfo("America/Chicago")
    start, end = datetime(2017, 3, 21, 9, 0, tzinfo=chicago), datetime(2017, 3, 21, 18, 0, tzinfo=chicago)
    assert time_range(start, end, "America/Chicago", "America/Santiago", "en") == (
        "09:00–18:00, United States (Chicago) Time"
    )
    assert time_range(start, end, "America/Chicago", "America/Santiago", "es") == (
        "09:00–18:00, hora de Estados Unidos (Chicago)"
    )
    santiago = ZoneInfo("America/Santiago")
    start, end = datetime(2017, 3, 30, 9, 30, tzinfo=santiago), datetime(2017, 3, 30, 12, 30, tzinfo=santiago)
    assert time_range(start, end, "America/Santiago", "America/Santiago", "es") == "09:30–12:30"
