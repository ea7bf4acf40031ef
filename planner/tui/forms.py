"""Form descriptions: which field edits which path of a record, and what a picker offers.

Screens build their fields from ``FieldSpec`` tuples, so that a list item's
form (a speaker, an agenda item, an action) is described in a few lines and
validated by the item's own model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Literal

from planner.domain.themes import THEMES, theme_label
from planner.domain.times import _all_zones, zone
from planner.tui.draft import FieldPath, get_in
from planner.tui.session import Option, Session
from planner.tui.widgets.bilingual_field import BilingualField
from planner.tui.widgets.bilingual_text import BilingualText
from planner.tui.widgets.check_field import CheckField
from planner.tui.widgets.choice_field import ChoiceField
from planner.tui.widgets.form_field import FormField
from planner.tui.widgets.lines_field import LinesField
from planner.tui.widgets.pick_field import PickField
from planner.tui.widgets.text_field import TextField
from planner.tui.widgets.when_field import WhenField
from planner.tui.widgets.words_field import WordsField

FieldKind = Literal["text", "bilingual", "bilingual-text", "choice", "pick", "check", "when", "lines", "words"]
Source = Literal["person", "municipality", "organization", "host", "programme", "zone", "theme"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: the path it edits, its label and how it is edited."""

    path: FieldPath
    label: str
    kind: FieldKind = "text"
    choices: tuple[tuple[str, str], ...] = ()
    source: Source | None = None
    multiple: bool = False
    placeholder: str = ""
    allow_blank: bool = True
    empty: str = ""
    """What a blank choice or pick shows (``(any)`` in filters); a default text when empty."""


def choices(values: Sequence[str], labels: Mapping[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    return tuple(((labels or {}).get(v, v), v) for v in values)


@cache
def zone_options() -> tuple[Option, ...]:
    """Every IANA place zone with its current offset, searchable by city and region."""
    now = datetime.now().astimezone()
    found = []
    for name in sorted(_all_zones()):
        try:
            offset = now.astimezone(zone(name)).strftime("%z")
        except ValueError:
            continue  # fixed offsets and legacy names are refused by the model
        found.append(Option(name, name, f"UTC{offset[:3]}:{offset[3:]} · {name.rsplit('/', 1)[-1].replace('_', ' ')}"))
    return tuple(found)


class Picker:
    """What pick fields offer, and how a picked value is named, for one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def options(self, source: str) -> list[Option]:
        session = self.session
        if source == "person":
            return session.person_options()
        if source == "municipality":
            return session.municipality_options()
        if source == "organization":
            return session.organization_options()
        if source == "host":
            return session.host_options()
        if source == "programme":
            return [
                Option(p.id, p.display_name(session.lang), p.name.get(session.lang))
                for p in session.programmes().values()
            ]
        if source == "zone":
            return list(zone_options())
        if source == "theme":
            return [Option(key, theme_label(key, session.lang), key) for key in THEMES]
        raise ValueError(f"nothing to pick from {source!r}")

    def name(self, source: str, value: str) -> str:
        if source == "zone":
            return value
        if source == "theme":
            return theme_label(value, self.session.lang)
        return self.session.name_of(value)


def build_field(spec: FieldSpec, data: Any, picker: Picker, lang: str = "en") -> FormField:
    """The widget of ``spec``, showing the value found at its path in ``data``."""
    value = get_in(data, spec.path)
    if spec.kind == "bilingual":
        return BilingualField(spec.path, spec.label, value)
    if spec.kind == "bilingual-text":
        return BilingualText(spec.path, spec.label, value)
    if spec.kind == "choice":
        return ChoiceField(
            spec.path, spec.label, spec.choices, value, allow_blank=spec.allow_blank, prompt=spec.empty or "Select"
        )
    if spec.kind == "pick":
        source = spec.source or "person"
        name: Callable[[str], str] = lambda v: picker.name(source, v)  # noqa: E731
        return PickField(
            spec.path,
            spec.label,
            value,
            name_of=name,
            multiple=spec.multiple,
            source=source,
            empty=spec.empty or "(none) — press Enter to choose",
        )
    if spec.kind == "check":
        return CheckField(spec.path, spec.label, value)
    if spec.kind == "when":
        return WhenField(spec.path, spec.label, value, lang=lang)
    if spec.kind == "lines":
        return LinesField(spec.path, spec.label, value)
    if spec.kind == "words":
        return WordsField(spec.path, spec.label, value, placeholder=spec.placeholder)
    return TextField(spec.path, spec.label, value, placeholder=spec.placeholder)
