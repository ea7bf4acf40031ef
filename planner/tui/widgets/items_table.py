"""The table inside a list editor: Enter edits the highlighted item."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from planner.tui.widgets.rows_table import RowsTable

Cells = tuple[str, ...]


class ItemsTable(RowsTable[Cells]):
    """Rows of cell texts; Enter (or a double click) asks to edit the item."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Edit", id="items.edit"),
    ]
