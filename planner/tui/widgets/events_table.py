"""The table of events: one row per event, keyed by its id."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.widgets import DataTable

from planner.calendar_words import weekday_short
from planner.query import EventRow
from planner.text import Lang

NameOf = Callable[[str], str]
"""A record's display name from its id."""

COLUMNS: tuple[tuple[str, str, int | None], ...] = (
    ("date", "Date", None),
    ("time", "Time", None),
    ("kind", "Kind", None),
    ("status", "Status", None),
    ("title", "Title", 40),
    ("host", "Host", None),
    ("municipalities", "Municipalities", None),
)
"""Column keys, labels and widths (``None`` fits the content); long titles end in an ellipsis."""


def row_cells(row: EventRow, name_of: NameOf, lang: Lang) -> tuple[str, ...]:
    """The cells of one event: its local date with weekday, local time, and what it is."""
    day = row.start.date()
    return (
        f"{weekday_short(day, lang)} {day.isoformat()}",
        f"{row.start:%H:%M}",
        row.kind,
        row.status,
        row.title(lang),
        name_of(row.host) if row.host else "",
        ", ".join(name_of(m) for m in row.municipalities),
    )


class EventsTable(DataTable[Text]):
    """Events in the order given; Enter posts ``RowSelected`` with the event id as the row key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="open"),
    ]

    listing: var[tuple[EventRow, ...]] = var(())
    """The events shown, already filtered and sorted; replaced, never mutated."""

    def __init__(
        self,
        rows: tuple[EventRow, ...],
        *,
        name_of: NameOf,
        lang: Lang,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._name_of = name_of
        self._lang = lang
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=width)
        self.set_reactive(EventsTable.listing, rows)

    def on_mount(self) -> None:
        self._show(self.listing)

    def watch_listing(self, rows: tuple[EventRow, ...]) -> None:
        self._show(rows)

    def _show(self, rows: tuple[EventRow, ...]) -> None:
        self.clear()
        for row in rows:
            cells = row_cells(row, self._name_of, self._lang)
            # Text, not str: a DataTable reads str cells as markup, and titles may hold brackets.
            self.add_row(*(Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells), key=row.id)
