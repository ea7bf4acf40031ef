"""One day of the month view: its number and its events, one line each."""

from __future__ import annotations

from datetime import date

from textual import events
from textual.message import Message
from textual.widgets import Static


class DayCell(Static):
    """A day; a click posts ``Clicked`` (a double click ``Clicked`` with ``open``)."""

    class Clicked(Message):
        def __init__(self, day: date, open: bool) -> None:
            super().__init__()
            self.day = day
            self.open = open

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="day", markup=False)
        self.day = date.min

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.day, event.chain >= 2))
