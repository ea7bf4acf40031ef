"""A list of short texts, one per line (assumptions, source notes)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import TextArea

from planner.tui.draft import FieldPath
from planner.tui.widgets.form_field import FormField


class LinesField(FormField):
    """A text area; each non-blank line is one element of the list."""

    def __init__(
        self, path: FieldPath, label: str, value: Any = (), *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(path, label, id=id, classes=classes)
        self._value = "\n".join(str(v) for v in value or ())

    def compose_control(self) -> ComposeResult:
        self.shown("lines", self._value)
        yield TextArea(self._value, classes="field-lines", soft_wrap=True, tab_behavior="focus")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.edited("lines", event.text_area.text):
            return
        lines = [line.strip() for line in event.text_area.text.splitlines() if line.strip()]
        self.changed(lines or None)

    def set_value(self, value: Any) -> None:
        area = self.query_one(TextArea)
        text = "\n".join(str(v) for v in value or ())
        if area.text.strip() != text:
            self.shown("lines", text)
            with area.prevent(TextArea.Changed):
                area.load_text(text)

    def focus(self, scroll_visible: bool = True) -> LinesField:
        self.query_one(TextArea).focus(scroll_visible)
        return self
