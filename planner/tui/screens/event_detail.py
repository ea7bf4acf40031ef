"""One event in full: the lines of ``planner show``, scrollable; Escape goes back."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from planner.describe import describe_event
from planner.event import Event
from planner.store import Store
from planner.text import Lang


class EventDetailScreen(Screen[None]):
    """Every field of one event, names resolved, read-only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, store: Store, event: Event, lang: Lang) -> None:
        super().__init__()
        self.store = store
        self.event = event
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            text = "\n".join(describe_event(self.store, self.event, self.lang))
            yield Static(text, id="detail-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#detail", VerticalScroll).focus()

    def action_back(self) -> None:
        self.dismiss()
