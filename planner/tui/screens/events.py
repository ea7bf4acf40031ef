"""The events screen: every event of the store in date order, with a banner for store problems."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from planner.query import EventFilter, EventRow, event_row, select
from planner.store import Store
from planner.text import Lang
from planner.tui.screens.event_detail import EventDetailScreen
from planner.tui.widgets.events_table import EventsTable


def problems_banner(store: Store) -> str | None:
    """One line saying how many files have errors, or ``None`` when none do."""
    files = len({problem.path for problem in store.errors})
    if not files:
        return None
    noun = "file has" if files == 1 else "files have"
    return f"{files} {noun} errors — run planner check"


def first_not_over(rows: tuple[EventRow, ...], now: datetime) -> int:
    """Index of the first event that has not ended by ``now``; the last one when all have."""
    for index, row in enumerate(rows):
        if row.end >= now:
            return index
    return max(len(rows) - 1, 0)


class EventsScreen(Screen[None]):
    """The store's events as a table; Enter opens one."""

    def __init__(self, store: Store, lang: Lang, *, now: datetime) -> None:
        super().__init__()
        self.store = store
        self.lang: Lang = lang
        self.now = now
        self.rows: tuple[EventRow, ...] = tuple(
            select((event_row(e, store.path_of(e.id)) for e in store.events.values()), EventFilter())
        )

    def compose(self) -> ComposeResult:
        yield Header()
        banner = problems_banner(self.store)
        if banner:
            yield Static(banner, id="problems", markup=False)
        if not self.rows:
            yield Static(f"No events in {self.store.root}", id="empty", markup=False)
        yield EventsTable(self.rows, name_of=partial(self.store.name_of, lang=self.lang), lang=self.lang, id="events")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(EventsTable)
        table.move_cursor(row=first_not_over(self.rows, self.now))
        table.focus()

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        event = self.store.events.get(str(message.row_key.value))
        if event is not None:
            self.app.push_screen(EventDetailScreen(self.store, event, self.lang))
