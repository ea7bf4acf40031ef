"""A local date and time, typed as two short inputs: ``2017-04-27`` and ``09:30``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from planner.domain.weekdays import weekday
from planner.tui.draft import FieldPath
from planner.tui.widgets.form_field import FormField


def split(value: Any) -> tuple[str, str]:
    """The date and time parts of a stored or typed value."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d"), value.strftime("%H:%M")
    if isinstance(value, str):
        day, _, clock = value.replace("T", " ").partition(" ")
        return day, clock[:5] if len(clock) >= 5 and clock[2:3] == ":" else clock
    return "", ""


def parsed(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


class WhenField(FormField):
    """Date and time inputs with the weekday computed beside them; posts ``"YYYY-MM-DD HH:MM"``."""

    def __init__(
        self,
        path: FieldPath,
        label: str,
        value: Any = None,
        *,
        lang: str = "en",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(path, label, id=id, classes=classes)
        self._value = split(value)
        self._lang = lang

    def compose_control(self) -> ComposeResult:
        day, clock = self._value
        self.shown("date", day)
        self.shown("time", clock)
        with Horizontal(classes="when"):
            yield Input(day, placeholder="YYYY-MM-DD", classes="when-date", name="date", max_length=10, compact=True)
            yield Input(clock, placeholder="HH:MM", classes="when-time", name="time", max_length=5, compact=True)
            yield Static(self._weekday(day, clock), classes="when-weekday", markup=False)

    def _weekday(self, day: str, clock: str) -> str:
        moment = parsed(f"{day} {clock or '00:00'}")
        return weekday(moment.date(), self._lang) if moment else ""

    def current(self) -> str | None:
        day = self.query_one(".when-date", Input).value.strip()
        clock = self.query_one(".when-time", Input).value.strip()
        if not day and not clock:
            return None
        return f"{day} {clock}".strip()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_weekday()
        if self.edited(event.input.name or "", event.value):
            self.changed(self.current())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def _show_weekday(self) -> None:
        day = self.query_one(".when-date", Input).value.strip()
        clock = self.query_one(".when-time", Input).value.strip()
        self.query_one(".when-weekday", Static).update(self._weekday(day, clock))

    def set_value(self, value: Any) -> None:
        day, clock = split(value)
        for control, text in ((self.query_one(".when-date", Input), day), (self.query_one(".when-time", Input), clock)):
            self.shown(control.name or "", text)
            if control.value != text:
                with control.prevent(Input.Changed):
                    control.value = text
        self._show_weekday()

    def focus(self, scroll_visible: bool = True) -> WhenField:
        self.query_one(".when-date", Input).focus(scroll_visible)
        return self
