"""A choice among a few fixed values (kind, status, answer ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Select

from planner.tui.draft import FieldPath
from planner.tui.widgets.form_field import FormField


class ChoiceField(FormField):
    """A ``Select`` of (label, value) pairs; ``allow_blank`` lets the value be left out."""

    def __init__(
        self,
        path: FieldPath,
        label: str,
        choices: Sequence[tuple[str, str]],
        value: Any = None,
        *,
        allow_blank: bool = False,
        prompt: str = "Select",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(path, label, id=id, classes=classes)
        self._choices = tuple(choices)
        self._value = value
        self._allow_blank = allow_blank
        self._prompt = prompt

    def compose_control(self) -> ComposeResult:
        values = {value for _, value in self._choices}
        initial = self._value if self._value in values else Select.NULL
        yield Select(
            self._choices,
            value=initial,
            allow_blank=self._allow_blank or initial is Select.NULL,
            classes="field-select",
            compact=True,
            prompt=self._prompt,
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = event.value
        self.changed(None if value is Select.NULL else value)

    def set_value(self, value: Any) -> None:
        control: Select[str] = self.query_one(Select)
        wanted = value if value in {v for _, v in self._choices} else Select.NULL
        if control.value != wanted:
            with control.prevent(Select.Changed):
                if wanted is Select.NULL:
                    control.clear()
                else:
                    control.value = wanted

    def focus(self, scroll_visible: bool = True) -> ChoiceField:
        self.query_one(Select).focus(scroll_visible)
        return self
