"""Editing one registry record (a person, municipality or organization) in a form, saved through the store.

Shared by the registry's list and a record's own screen.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from planner.domain.records import Record
from planner.store import StoreError
from planner.tui.draft import data_of
from planner.tui.forms import Picker
from planner.tui.messages import StoreChanged
from planner.tui.registries import KINDS, record_check
from planner.tui.screens.form import FormScreen
from planner.tui.session import Session


def edit_record(screen: Screen[Any], session: Session, picker: Picker, label: str, record: Record | None) -> None:
    """Open the form of a new or existing registry record, and save it through the store when OK."""
    kind = KINDS[label]
    specs = kind.form if record is None else tuple(s for s in kind.form if s.path != ("id",))
    initial = data_of(record) if record is not None else {}
    title = f"New {kind.label}" if record is None else f"Edit {record.display_name(session.lang)}"

    def done(result: Record | None) -> None:
        if result is None:
            return
        try:
            saved = session.store.save(result)
        except StoreError as exc:
            screen.notify(f"Not saved: {exc}", severity="error", timeout=8)
            return
        path = session.store.path_of(saved.id)
        screen.notify(f"Saved {path.relative_to(session.root) if path else saved.id}", timeout=4)
        screen.post_message(StoreChanged(*([path] if path else [])))

    screen.app.push_screen(
        FormScreen(
            title, specs, initial, record_check(kind, session, record), picker, lang=session.lang, ok_label="Save"
        ),
        done,
    )
