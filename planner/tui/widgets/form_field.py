"""The base of every form field: a label, a control, and the domain model's message next to it.

A field edits the value at one path of a record's data. It posts ``Changed``
with the path and the new value when the user edits it; the screen validates
through the model and sets ``error`` back. ``set_value`` shows a value without
posting anything (undo, reload).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from planner.tui.draft import FieldPath, dotted


def dom_id(path: FieldPath) -> str:
    """A DOM id for the field of ``path``: ``f-title``, ``f-venue-name``."""
    return "f-" + "-".join(str(part) for part in path).replace("_", "-")


class FormField(Widget):
    """A labelled control for the value at ``path``; subclasses give the control."""

    error: reactive[str] = reactive("")
    """The model's message about this field; empty when it is fine."""

    class Changed(Message):
        """The user changed the value."""

        def __init__(self, field: FormField, path: FieldPath, value: Any) -> None:
            super().__init__()
            self.field = field
            self.path = path
            self.value = value

        @property
        def control(self) -> FormField:
            return self.field

    def __init__(self, path: FieldPath, label: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id or dom_id(path), classes=classes)
        self.path = path
        self.label = label
        self._texts: dict[str, str] = {}
        """What each control last showed, so that a control announcing its own value is not an edit."""

    def edited(self, control: str, text: str) -> bool:
        """Whether ``text`` in ``control`` differs from what it showed: the user changed it."""
        if self._texts.get(control) == text:
            return False
        self._texts[control] = text
        return True

    def shown(self, control: str, text: str) -> None:
        """Remember what ``control`` shows now (set by the app, not typed)."""
        self._texts[control] = text

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(self.label, classes="field-label")
            with Vertical(classes="field-body"):
                yield from self.compose_control()
                yield Static("", classes="field-error", markup=False)

    def compose_control(self) -> ComposeResult:
        yield from ()

    def watch_error(self, error: str) -> None:
        self.set_class(bool(error), "-invalid")
        for message in self.query(".field-error").results(Static):
            message.update(error)
            message.display = bool(error)

    def on_mount(self) -> None:
        self.watch_error(self.error)
        # Long texts show their beginning, not their end, until the field is edited.
        for control in self.query(Input):
            control.cursor_position = 0

    def changed(self, value: Any) -> None:
        self.post_message(self.Changed(self, self.path, value))

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    @property
    def key(self) -> str:
        return dotted(self.path)
