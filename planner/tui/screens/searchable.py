"""A table under a search line, searched as you type: what the events and registry screens share.

Typing a letter (or any printable character) while the table has the focus
searches, and the focus stays in the table, so that Enter opens the first
match. No printable key of a table is a command: a name typed there never
quits, opens a form or filters (the screens' commands use function and
control keys, shown in the footer and F1); ``/`` is the one printable key
that does something else: it moves the focus to the search line, and Enter
there brings it back to the table. Escape clears the search, then leaves.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.screen import Screen
from textual.widgets import Input

from planner.tui.widgets.rows_table import RowsTable


class SearchableScreen(Screen[None]):
    """A screen with an ``Input`` ``#search`` over the table ``TABLE``; subclasses show the rows ``searched``."""

    TABLE: ClassVar[str] = ""
    """The selector of the table that is searched."""

    def __init__(self) -> None:
        super().__init__()
        self.typing = False
        """A search typed straight into the table is under way."""

    @property
    def search_line(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def table(self) -> RowsTable[Any]:
        return self.query_one(self.TABLE, RowsTable)

    def searched(self, text: str) -> None:
        """The search is now ``text``: show the rows that match it."""
        raise NotImplementedError

    def narrowed(self) -> bool:
        """Whether anything narrows the rows (the search, and a subclass's filters): Escape clears it first."""
        return bool(self.search_line.value)

    def clear_search(self) -> None:
        self.search_line.value = ""

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.searched(event.value)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.typing = False
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        search, table = self.search_line, self.table
        if search.has_focus and event.key == "down":
            event.stop()
            table.focus()
        elif table.has_focus and event.is_printable and event.character and event.key != "slash":
            self.typing = True
            event.stop()
            search.value += event.character
        elif table.has_focus and event.key == "backspace" and search.value:
            event.stop()
            search.value = search.value[:-1]
            self.typing = bool(search.value)

    def action_search(self) -> None:
        self.typing = False
        self.search_line.focus()

    def action_back(self) -> None:
        self.typing = False
        if self.narrowed():
            self.clear_search()
            self.table.focus()
        elif self.search_line.has_focus:
            self.table.focus()
        else:
            self.app.pop_screen()
