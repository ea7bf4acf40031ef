"""A month as six weeks of seven days, Monday first, each day listing its events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widget import Widget
from textual.widgets import Label

from planner.domain.weekdays import weekday_short
from planner.publish.dates import month_name
from planner.tui.widgets.day_cell import DayCell

WEEKS = 6


def grid_days(month: date) -> list[date]:
    """The 42 days shown for ``month``: from the Monday on or before its first day."""
    first = month.replace(day=1)
    start = first - timedelta(days=first.weekday())
    return [start + timedelta(days=n) for n in range(WEEKS * 7)]


class MonthGrid(Widget):
    """Shows what it is given: the cursor day, today, and each day's lines; the screen moves the cursor."""

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Grid(id="weekdays"):
            for n in range(7):
                yield Label(weekday_short(date(2017, 1, 2) + timedelta(days=n), self.lang), classes="weekday")
        with Grid(id="days"):
            for n in range(WEEKS * 7):
                yield DayCell(id=f"day-{n}")

    def show(
        self, cursor: date, today: date, lines: Mapping[date, Sequence[str]], holidays: Mapping[date, str]
    ) -> None:
        """Draw the month of ``cursor``."""
        for n, day in enumerate(grid_days(cursor)):
            cell = self.query_one(f"#day-{n}", DayCell)
            cell.day = day
            entries = list(lines.get(day, ()))
            head = f"{day.day:>2}"
            if day in holidays:
                head += f" {holidays[day]}"
            cell.update("\n".join([head, *entries]))
            cell.set_class(day == cursor, "-cursor")
            cell.set_class(day == today, "-today")
            cell.set_class(day.month != cursor.month, "-outside")
            cell.set_class(day.weekday() >= 5 or day in holidays, "-rest")
            cell.set_class(bool(entries), "-busy")

    @staticmethod
    def month_title(day: date, lang: str) -> str:
        name = month_name(day, "en" if lang == "en" else "es")
        return f"{name.capitalize()} {day.year}"
