"""The events table: date with weekday, time, kind, title, host, municipalities, status; rows drawn on demand."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from planner.domain.rows import EventRow
from planner.domain.text import Lang
from planner.domain.weekdays import weekday_short
from planner.tui.widgets.rows_table import Column, RowsTable

NameOf = Callable[[str | None], str]
"""A record's display name from its id."""

KIND_LABELS = {
    "round-table": "round table",
    "study-visit": "study visit",
    "conference": "conference",
    "agreement-signing": "agreement",
    "workshop": "workshop",
    "other": "other",
}

COLUMNS: tuple[Column, ...] = (
    Column("date", "Date", 14),
    Column("time", "Time", 5),
    Column("kind", "Kind", 11, hide_below=90),
    Column("title", "Title", None, 16, weight=2),
    Column("host", "Host", 14),
    Column("municipalities", "Municipalities", None, 12, hide_below=100),
    Column("status", "Status", 9),
)
"""Narrow terminals leave out the municipalities (under 100 columns) and the kind (under 90), so that titles
stay readable; the event screen shows everything."""


def row_cells(row: EventRow, name_of: NameOf, lang: Lang) -> tuple[str, ...]:
    """The cells of one event: its local date with weekday, local time, and what it is."""
    day = row.start.date()
    return (
        f"{weekday_short(day, lang)} {day.isoformat()}",
        f"{row.start:%H:%M}",
        KIND_LABELS.get(row.kind, row.kind),
        row.title(lang),
        name_of(row.host),
        ", ".join(name_of(m) for m in row.municipalities),
        row.status,
    )


def sort_key(column: str, name_of: NameOf, lang: Lang) -> Callable[[EventRow], tuple[object, ...]]:
    """How rows sort by a column; ties keep date order."""
    keys: dict[str, Callable[[EventRow], object]] = {
        "date": lambda r: r.start,
        "time": lambda r: (r.start.timetz().replace(tzinfo=None), r.start),
        "kind": lambda r: r.kind,
        "title": lambda r: r.title(lang).casefold(),
        "host": lambda r: name_of(r.host).casefold(),
        "municipalities": lambda r: len(r.municipalities),
        "status": lambda r: r.status,
    }
    key = keys.get(column, keys["date"])
    return lambda r: (key(r), r.start, r.id)


class EventsTable(RowsTable[EventRow]):
    """Events in the order given; ``Selected`` carries the row (its ``id`` names the event)."""

    def __init__(
        self,
        *,
        name_of: NameOf,
        lang: Lang,
        empty: str = "No events",
        id: str | None = None,
        classes: str | None = None,
        rows: Sequence[EventRow] = (),
    ) -> None:
        super().__init__(
            COLUMNS,
            lambda row: row_cells(row, name_of, lang),
            muted=lambda row: row.status == "cancelled",
            empty=empty,
            id=id,
            classes=classes,
        )
        self.rows = tuple(rows)
