"""A short list typed on one line, separated by spaces or commas (a series' weekdays: ``1TH``, ``MO WE``)."""

from __future__ import annotations

import re
from typing import Any

from textual.widgets import Input

from planner.tui.draft import FieldPath
from planner.tui.widgets.text_field import TextField


def words(text: str) -> list[str]:
    return [word for word in re.split(r"[\s,;]+", text) if word]


def joined(value: Any) -> str:
    """How a stored list reads in the field: ``MO WE``."""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return str(value or "")


class WordsField(TextField):
    """An ``Input``; posts the words typed as a list, or ``None`` when blank."""

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
        super().__init__(path, label, None, placeholder=placeholder, id=id, classes=classes)
        self._value = joined(value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.edited("input", event.value):
            self.changed(words(event.value) or None)

    def set_value(self, value: Any) -> None:
        control = self.query_one(Input)
        text = joined(value)
        self.shown("input", text)
        # What was typed stays as typed ("1TH, " while typing) as long as it means the same list.
        if words(control.value) != words(text):
            with control.prevent(Input.Changed):
                control.value = text
