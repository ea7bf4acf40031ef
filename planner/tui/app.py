"""The planner's Textual app: a header, the events screen, and ``q`` to quit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import PurePath
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from planner.store import Store
from planner.times import utc_now
from planner.tui.screens.events import EventsScreen

Clock = Callable[[], datetime]
"""What the app asks for the current time; tests pass a fixed one."""


class PlannerApp(App[None]):
    """Browse the events of one store, read-only."""

    TITLE = "Planner — Migrants and Cities"
    # One stylesheet per screen, all loaded here: Textual does not load the
    # CSS_PATH of the screen given by get_default_screen.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "events.tcss", "event_detail.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, store: Store, *, clock: Clock | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock: Clock = clock or utc_now
        self.sub_title = str(store.root)

    def get_default_screen(self) -> Screen[None]:
        return EventsScreen(self.store, self.store.settings.default_lang, now=self.clock())
