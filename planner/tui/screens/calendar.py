"""The calendar: a month of days with their events; arrows move by day and week, PgUp/PgDn by month, ``g`` to a date."""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, timedelta
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from planner.domain.rows import EventFilter, EventRow
from planner.rules.conflicts import holiday
from planner.tui.following import follow_store
from planner.tui.forms import FieldSpec, Picker
from planner.tui.messages import OpenEvent
from planner.tui.screens.form import FormScreen
from planner.tui.screens.pick import PickScreen
from planner.tui.session import Option, Session
from planner.tui.widgets.day_cell import DayCell
from planner.tui.widgets.month_grid import MonthGrid, grid_days


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


GO_TO = (FieldSpec(("day",), "Date", placeholder="2017-03-30, or 2017-03 for a month"),)


def day_asked(text: object) -> tuple[date | None, dict[str, str]]:
    """The day a coordinator typed to go to: ``YYYY-MM-DD``, or ``YYYY-MM`` for the month's first day."""
    value = str(text or "").strip()
    for candidate in (value, f"{value}-01"):
        try:
            return date.fromisoformat(candidate), {}
        except ValueError:
            continue
    return None, {"day": f"{value!r} is not a date such as 2017-03-30 or a month such as 2017-03"}


class CalendarScreen(Screen[None]):
    """Enter opens the day's event (or asks which one), ``n`` plans a new event on that day."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Day ←", id="calendar.previous_day", show=False),
        Binding("right", "move(1)", "Day →", id="calendar.next_day", show=False),
        Binding("up", "move(-7)", "Week ↑", id="calendar.previous_week", show=False),
        Binding("down", "move(7)", "Week ↓", id="calendar.next_week", show=False),
        Binding("pageup", "month(-1)", "Month ←", id="calendar.previous_month"),
        Binding("pagedown", "month(1)", "Month →", id="calendar.next_month"),
        Binding("t", "today", "Today", id="calendar.today"),
        Binding("g", "go_to", "Go to date", id="calendar.go_to"),
        Binding("enter", "open", "Open", id="calendar.open"),
        Binding("n", "new", "New here", id="calendar.new"),
        Binding("escape", "back", "Back", id="calendar.back"),
    ]

    def __init__(self, session: Session, picker: Picker, day: date | None = None) -> None:
        super().__init__()
        self.session = session
        self.picker = picker
        self.cursor = day or session.today()
        self.rows: dict[date, list[EventRow]] = {}
        self._month: date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="month-title")
        yield MonthGrid(self.session.lang, id="month")
        yield Static("", id="day-events", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Calendar"
        self.sub_title = str(self.session.root)
        follow_store(self, self.reload)
        self.reload()

    def reload(self, *_: Any) -> None:
        self._month = None
        self._show()

    def _load_month(self) -> None:
        days = grid_days(self.cursor)
        rows = self.session.rows(EventFilter(first=days[0], last=days[-1]))
        found: dict[date, list[EventRow]] = defaultdict(list)
        for row in rows:
            day = max(row.start.date(), days[0])
            while day <= min(row.end.date(), days[-1]):
                found[day].append(row)
                day += timedelta(days=1)
        self.rows = dict(found)
        self._month = self.cursor.replace(day=1)

    def _show(self) -> None:
        if self._month != self.cursor.replace(day=1):
            self._load_month()
        lang = self.session.lang
        lines = {day: [self._line(row, day) for row in rows] for day, rows in self.rows.items()}
        holidays = {}
        for day in grid_days(self.cursor):
            name = holiday(day, lang)
            if name:
                holidays[day] = name
        self.query_one(MonthGrid).show(self.cursor, self.session.today(), lines, holidays)
        self.query_one("#month-title", Label).update(
            MonthGrid.month_title(self.cursor, lang) + f"  ·  {self.cursor.isoformat()}"
        )
        todays = self.rows.get(self.cursor, [])
        detail = self.query_one("#day-events", Static)
        if todays:
            detail.update("  ".join(f"{self._line(r, self.cursor)} [{r.status}]" for r in todays))
        else:
            detail.update(f"{self.cursor:%A %Y-%m-%d}: no events — n plans one on this day")

    def _line(self, row: EventRow, day: date) -> str:
        at = f"{row.start:%H:%M} " if row.start.date() == day else "… "
        return at + row.title(self.session.lang)

    def action_move(self, days: int) -> None:
        self.cursor += timedelta(days=days)
        self._show()

    def action_month(self, months: int) -> None:
        self.cursor = add_months(self.cursor, months)
        self._show()

    def action_today(self) -> None:
        self.cursor = self.session.today()
        self._show()

    def action_go_to(self) -> None:
        def went(day: date | None) -> None:
            if day is not None:
                self.cursor = day
                self._show()

        self.app.push_screen(
            FormScreen(
                "Go to date",
                GO_TO,
                {"day": self.cursor.isoformat()},
                lambda data: day_asked(data.get("day")),
                self.picker,
                lang=self.session.lang,
                ok_label="Go",
            ),
            went,
        )

    def action_open(self) -> None:
        rows = list(dict.fromkeys(r.id for r in self.rows.get(self.cursor, [])))
        if not rows:
            self.notify("No event on this day: n plans one", timeout=3)
        elif len(rows) == 1:
            self.post_message(OpenEvent(rows[0]))
        else:
            options = [Option(r, self._title(r)) for r in rows]

            def chosen(value: Any) -> None:
                if value:
                    self.post_message(OpenEvent(value))

            self.app.push_screen(PickScreen(f"Events on {self.cursor.isoformat()}", options), chosen)

    def _title(self, event_id: str) -> str:
        for row in self.rows.get(self.cursor, []):
            if row.id == event_id:
                return f"{row.start:%H:%M} {row.title(self.session.lang)}"
        return event_id

    def action_new(self) -> None:
        from planner.tui.flows import new_event

        new_event(self.app, self.session, self.picker, self.cursor)

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_day_cell_clicked(self, message: DayCell.Clicked) -> None:
        self.cursor = message.day
        self._show()
        if message.open:
            self.action_open()
