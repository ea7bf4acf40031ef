"""A multi-line text in both languages, side by side."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import TextArea

from planner.domain.text import LANGS
from planner.tui.draft import FieldPath
from planner.tui.widgets.bilingual_field import bilingual
from planner.tui.widgets.form_field import FormField


class BilingualText(FormField):
    """Two text areas, ``es`` and ``en``; posts the pair, or ``None`` when both are blank."""

    def __init__(self, path: FieldPath, label: str, value: Any = None, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(path, label, id=id, classes=classes)
        self._value = bilingual(value)

    def compose_control(self) -> ComposeResult:
        with Horizontal(classes="bilingual"):
            for lang in LANGS:
                self.shown(lang, self._value.get(lang, ""))
                area = TextArea(self._value.get(lang, ""), classes=f"field-text lang-{lang}", name=lang,
                                soft_wrap=True, tab_behavior="focus", placeholder=lang)
                yield area

    def current(self) -> dict[str, str] | None:
        found = {a.name: a.text.strip() for a in self.query(TextArea) if a.name and a.text.strip()}
        return found or None

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.edited(event.text_area.name or "", event.text_area.text):
            self.changed(self.current())

    def set_value(self, value: Any) -> None:
        pair = bilingual(value)
        for area in self.query(TextArea):
            text = pair.get(area.name or "", "")
            if area.text.strip() != text:
                self.shown(area.name or "", text)
                with area.prevent(TextArea.Changed):
                    area.load_text(text)

    def focus(self, scroll_visible: bool = True) -> BilingualText:
        self.query(TextArea).first().focus(scroll_visible)
        return self
