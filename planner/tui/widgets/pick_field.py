"""A reference to other records, picked from a searchable list: a person, a host, a zone, themes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Button

from planner.tui.draft import FieldPath
from planner.tui.widgets.form_field import FormField


class PickField(FormField):
    """A button naming the current choice; pressing it posts ``Requested`` so the screen opens a picker."""

    class Requested(Message):
        """The user wants to choose a new value."""

        def __init__(self, field: PickField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> PickField:
            return self.field

    def __init__(
        self,
        path: FieldPath,
        label: str,
        value: Any,
        *,
        name_of: Callable[[str], str],
        multiple: bool = False,
        source: str = "",
        required: bool = False,
        empty: str = "(none) — press Enter to choose",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(path, label, id=id, classes=classes)
        self.multiple = multiple
        self.source = source
        """What the screen offers to pick from: ``person``, ``municipality``, ``host``, ``zone`` ..."""
        self.required = required
        self._name_of = name_of
        self.empty = empty
        self.value: Any = tuple(value or ()) if multiple else value

    def _text(self) -> str:
        if self.multiple:
            names = [self._name_of(v) for v in self.value]
            return ", ".join(names) if names else self.empty
        return self._name_of(self.value) if self.value else self.empty

    def compose_control(self) -> ComposeResult:
        yield Button(self._text(), classes="field-pick", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Requested(self))

    def choose(self, value: Any) -> None:
        """Take a value picked by the user, and say so."""
        self.set_value(value)
        self.changed(self.value if not self.multiple else (list(self.value) or None))

    def set_value(self, value: Any) -> None:
        self.value = tuple(value or ()) if self.multiple else value
        self.query_one(Button).label = self._text()

    def focus(self, scroll_visible: bool = True) -> PickField:
        self.query_one(Button).focus(scroll_visible)
        return self
