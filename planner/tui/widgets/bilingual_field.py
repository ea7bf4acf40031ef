"""A one-line text in both languages, side by side: Spanish left, English right."""

from __future__ import annotations

from typing import Any, Self

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
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


class BilingualPair(FormField):
    """One control per language, named by it; posts the pair, or ``None`` when both are blank.

    The base of the one-line and the multi-line fields: subclasses make the
    control and read its text.
    """

    def __init__(
        self, path: FieldPath, label: str, value: Any = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(path, label, id=id, classes=classes)
        self._value = bilingual(value)

    def make_control(self, lang: str, text: str) -> Widget:
        raise NotImplementedError

    def text_of(self, control: Widget) -> str:
        raise NotImplementedError

    def controls(self) -> list[Widget]:
        return list(self.query_one(".bilingual").children)

    def compose_control(self) -> ComposeResult:
        with Horizontal(classes="bilingual"):
            for lang in LANGS:
                self.shown(lang, self._value.get(lang, ""))
                yield self.make_control(lang, self._value.get(lang, ""))

    def current(self) -> dict[str, str] | None:
        found = {c.name: self.text_of(c).strip() for c in self.controls() if c.name and self.text_of(c).strip()}
        return found or None

    def typed(self, control: Widget, text: str) -> None:
        """``control`` now holds ``text``: post the pair, unless it only announced what it was shown."""
        if self.edited(control.name or "", text):
            self.changed(self.current())

    def focus(self, scroll_visible: bool = True) -> Self:
        self.controls()[0].focus(scroll_visible)
        return self


class BilingualField(BilingualPair):
    """Two inputs, ``es`` and ``en``."""

    def make_control(self, lang: str, text: str) -> Widget:
        return Input(text, placeholder=lang, classes=f"field-input lang-{lang}", name=lang, compact=True)

    def text_of(self, control: Widget) -> str:
        assert isinstance(control, Input)
        return control.value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.typed(event.input, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def set_value(self, value: Any) -> None:
        pair = bilingual(value)
        for control in self.query(Input):
            text = pair.get(control.name or "", "")
            self.shown(control.name or "", text)
            if control.value.strip() != text:  # a trailing space being typed is kept, as in ``TextField``
                with control.prevent(Input.Changed):
                    control.value = text
