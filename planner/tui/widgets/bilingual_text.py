"""A multi-line text in both languages, side by side."""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import TextArea

from planner.tui.widgets.bilingual_field import BilingualPair, bilingual


class BilingualText(BilingualPair):
    """Two text areas, ``es`` and ``en``."""

    def make_control(self, lang: str, text: str) -> Widget:
        return TextArea(
            text, classes=f"field-text lang-{lang}", name=lang, soft_wrap=True, tab_behavior="focus", placeholder=lang
        )

    def text_of(self, control: Widget) -> str:
        assert isinstance(control, TextArea)
        return control.text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.typed(event.text_area, event.text_area.text)

    def set_value(self, value: Any) -> None:
        pair = bilingual(value)
        for area in self.query(TextArea):
            text = pair.get(area.name or "", "")
            if area.text.strip() != text:
                self.shown(area.name or "", text)
                with area.prevent(TextArea.Changed):
                    area.load_text(text)
