"""A one-line text in both languages, side by side: Spanish left, English right."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input

from planner.domain.text import LANGS
from planner.tui.draft import FieldPath
from planner.tui.widgets.form_field import FormField


def bilingual(value: Any) -> dict[str, str]:
    """``{"es": ..., "en": ...}`` from a stored value (a mapping, a model, or nothing)."""
    if value is None:
        return {}
    if hasattr(value, "model_dump"):
        value = value.model_dump(exclude_none=True)
    return {lang: str(value[lang]) for lang in LANGS if isinstance(value, dict) and value.get(lang)}


class BilingualField(FormField):
    """Two inputs, ``es`` and ``en``; posts the pair, or ``None`` when both are blank."""

    def __init__(self, path: FieldPath, label: str, value: Any = None, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(path, label, id=id, classes=classes)
        self._value = bilingual(value)

    def compose_control(self) -> ComposeResult:
        with Horizontal(classes="bilingual"):
            for lang in LANGS:
                self.shown(lang, self._value.get(lang, ""))
                yield Input(
                    self._value.get(lang, ""), placeholder=lang, classes=f"field-input lang-{lang}", name=lang,
                    compact=True,
                )

    def current(self) -> dict[str, str] | None:
        found = {i.name: i.value.strip() for i in self.query(Input) if i.name and i.value.strip()}
        return found or None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.edited(event.input.name or "", event.value):
            self.changed(self.current())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def set_value(self, value: Any) -> None:
        pair = bilingual(value)
        for control in self.query(Input):
            text = pair.get(control.name or "", "")
            self.shown(control.name or "", text)
            if control.value != text:
                with control.prevent(Input.Changed):
                    control.value = text

    def focus(self, scroll_visible: bool = True) -> BilingualField:
        self.query(Input).first().focus(scroll_visible)
        return self
