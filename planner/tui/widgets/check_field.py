"""A yes-or-no field."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox

from planner.tui.draft import FieldPath
from planner.tui.widgets.form_field import FormField


class CheckField(FormField):
    """A ``Checkbox``; posts ``True`` or ``None`` (left out, the model's default of false)."""

    def __init__(
        self,
        path: FieldPath,
        label: str,
        value: Any = False,
        *,
        text: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(path, label, id=id, classes=classes)
        self._value = bool(value)
        self._text = text

    def compose_control(self) -> ComposeResult:
        yield Checkbox(self._text, self._value, compact=True)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.changed(True if event.value else None)

    def set_value(self, value: Any) -> None:
        control = self.query_one(Checkbox)
        if control.value != bool(value):
            with control.prevent(Checkbox.Changed):
                control.value = bool(value)

    def focus(self, scroll_visible: bool = True) -> CheckField:
        self.query_one(Checkbox).focus(scroll_visible)
        return self
