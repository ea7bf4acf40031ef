"""A series' occurrences as a table: cancel, restore, move one, or give it another host, by keys.

The editor holds no data of its own: the screen gives it one row per
occurrence and the model's messages, and answers its ``Request`` messages by
calling the domain's series rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, Static

from planner.tui.widgets.items_table import ItemsTable
from planner.tui.widgets.rows_table import Column, RowsTable

COLUMNS = (
    Column("date", "Date", 14),
    Column("when", "When", weight=2),
    Column("host", "Host", 18),
    Column("status", "Status", 10),
)


class OccurrencesEditor(Widget):
    """``c`` cancels the highlighted occurrence, ``r`` restores it, ``m`` (or Enter) moves it, ``h`` sets its host."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "request('cancel')", "Cancel it", id="occurrences.cancel"),
        Binding("r", "request('restore')", "Restore", id="occurrences.restore"),
        Binding("m", "request('move')", "Move", id="occurrences.move"),
        Binding("h", "request('host')", "Host", id="occurrences.host"),
    ]

    class Request(Message):
        """The user asks to ``cancel``, ``restore``, ``move`` or change the ``host`` of the occurrence at ``index``."""

        def __init__(self, editor: OccurrencesEditor, action: str, index: int) -> None:
            super().__init__()
            self.editor = editor
            self.action = action
            self.index = index

        @property
        def control(self) -> OccurrencesEditor:
            return self.editor

    def __init__(self, title: str, *, hint: str, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.title = title
        self.hint = hint
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="list-title")
        yield ItemsTable(COLUMNS, lambda cells: cells, empty="(no occurrence)", classes="list-table")
        yield Static(self.hint, classes="list-hint", markup=False)
        yield Static("", classes="list-error", markup=False)

    @property
    def table(self) -> ItemsTable:
        return self.query_one(ItemsTable)

    def show(self, rows: Sequence[Sequence[str]], errors: Sequence[str] = ()) -> None:
        """Show ``rows`` (date, when, host, status) and the model's messages about the occurrences."""
        self.table.set_rows(tuple(tuple(row) for row in rows))
        self.count = len(rows)
        self.query_one(".list-title", Label).update(f"{self.title} ({len(rows)})")
        error = self.query_one(".list-error", Static)
        error.update("\n".join(errors))
        error.display = bool(errors)

    def action_request(self, action: str) -> None:
        if self.count:
            self.post_message(self.Request(self, action, self.table.cursor))

    def on_rows_table_selected(self, event: RowsTable.Selected) -> None:
        event.stop()
        self.action_request("move")

    def on_rows_table_highlighted(self, event: RowsTable.Highlighted) -> None:
        event.stop()

    def on_rows_table_sort_requested(self, event: RowsTable.SortRequested) -> None:
        event.stop()

    def focus(self, scroll_visible: bool = True) -> OccurrencesEditor:
        self.table.focus(scroll_visible)
        return self
