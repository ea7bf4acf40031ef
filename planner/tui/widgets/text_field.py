"""A one-line text field; a blank field means the value is left out."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from planner.tui.draft import FieldPath
from planner.tui.widgets.form_field import FormField


def as_text(value: Any) -> str:
    """How a stored value reads in a text field: ``09:30`` for a time, ``2017-03-30`` for a date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class TextField(FormField):
    """An ``Input``; posts ``Changed`` with the text, or ``None`` when blank."""

    def __init__(
        self,
        path: FieldPath,
        label: str,
        value: Any = None,
        *,
        placeholder: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(path, label, id=id, classes=classes)
        self._value = as_text(value)
        self._placeholder = placeholder

    def compose_control(self) -> ComposeResult:
        self.shown("input", self._value)
        yield Input(self._value, placeholder=self._placeholder, classes="field-input", compact=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.edited("input", event.value):
            self.changed(event.value.strip() or None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def set_value(self, value: Any) -> None:
        control = self.query_one(Input)
        text = as_text(value)
        self.shown("input", text)
        # What was typed stays as typed ("Municipalidad de " before the next word) while it means the same value:
        # the value is trimmed, the text being typed is not.
        if control.value.strip() != text:
            with control.prevent(Input.Changed):
                control.value = text

    def focus(self, scroll_visible: bool = True) -> TextField:
        self.query_one(Input).focus(scroll_visible)
        return self
