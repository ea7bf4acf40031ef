"""A list inside a record (speakers, agenda items, decisions ...): shown as a table, edited by keys.

The editor holds no data of its own: the screen gives it the rows to show and
the model's messages about the list, and answers its ``Request`` messages
(add, edit, remove, move) by changing the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, Static

from planner.tui.draft import FieldPath
from planner.tui.widgets.items_table import ItemsTable
from planner.tui.widgets.rows_table import Column, RowsTable

Cells = tuple[str, ...]


class ListEditor(Widget):
    """A titled table of items; ``a`` adds, Enter edits, ``x`` removes, shift+arrows move."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "request('add')", "Add", id="list.add"),
        Binding("x,delete", "request('remove')", "Remove", id="list.remove"),
        Binding("shift+up", "request('up')", "Move up", id="list.up", show=False),
        Binding("shift+down", "request('down')", "Move down", id="list.down", show=False),
    ]

    locked: reactive[str] = reactive("")
    """Why the list cannot be changed now (approved minutes); empty when it can."""

    class Request(Message):
        """The user asks to ``add``, ``edit``, ``remove``, move ``up`` or ``down``, or a subclass's own action."""

        def __init__(self, editor: ListEditor, action: str, index: int) -> None:
            super().__init__()
            self.editor = editor
            self.action = action
            self.index = index

        @property
        def path(self) -> FieldPath:
            return self.editor.path

        @property
        def control(self) -> ListEditor:
            return self.editor

    class Highlighted(Message):
        """The cursor moved to another item."""

        def __init__(self, editor: ListEditor, index: int) -> None:
            super().__init__()
            self.editor = editor
            self.index = index

        @property
        def control(self) -> ListEditor:
            return self.editor

    def __init__(
        self,
        path: FieldPath,
        title: str,
        columns: Sequence[Column],
        *,
        hint: str = "a add · Enter edit · x remove",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.path = path
        self.title = title
        self.columns = tuple(columns)
        self.hint = hint
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="list-title")
        yield ItemsTable(self.columns, lambda cells: cells, empty=self.hint, classes="list-table")
        yield Static("", classes="list-hint", markup=False)
        yield Static("", classes="list-error", markup=False)

    @property
    def table(self) -> ItemsTable:
        return self.query_one(ItemsTable)

    @property
    def index(self) -> int:
        return self.table.cursor

    def show(self, rows: Sequence[Sequence[str]], errors: Sequence[str] = (), cursor: int | None = None) -> None:
        """Show ``rows`` (one tuple of cell texts per item) and the model's messages about the list."""
        table = self.table
        table.set_rows(tuple(tuple(row) for row in rows), cursor=cursor)
        self.count = len(rows)
        self.query_one(".list-title", Label).update(f"{self.title} ({len(rows)})")
        error = self.query_one(".list-error", Static)
        error.update("\n".join(errors))
        error.display = bool(errors)
        self._show_hint()

    def _show_hint(self) -> None:
        hint = self.query_one(".list-hint", Static)
        hint.update(self.locked)
        hint.display = bool(self.locked)

    def watch_locked(self, locked: str) -> None:
        self.set_class(bool(locked), "-locked")
        if self.is_mounted:
            self._show_hint()

    def action_request(self, action: str) -> None:
        if self.locked and action != "view":
            self.notify(self.locked, severity="warning")
            return
        if action != "add" and not self.count:
            return
        self.post_message(self.Request(self, action, self.index))

    def on_rows_table_selected(self, event: RowsTable.Selected) -> None:
        event.stop()
        self.action_request("edit")

    def on_rows_table_highlighted(self, event: RowsTable.Highlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, event.index))

    def on_rows_table_sort_requested(self, event: RowsTable.SortRequested) -> None:
        event.stop()

    def focus(self, scroll_visible: bool = True) -> ListEditor:
        self.table.focus(scroll_visible)
        return self
