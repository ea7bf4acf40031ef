"""A table that draws only the rows on screen: 100,000 rows cost no more than twenty.

Rows are any values; a ``cells`` function turns the rows in view into text
when they are drawn, so nothing is built per row in advance. The header stays
on the first line; clicking a header asks for sorting by that column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

T = TypeVar("T")


@dataclass(frozen=True)
class Column:
    """A column: its key, header, and width (``None`` shares the room left with other such columns)."""

    key: str
    label: str
    width: int | None = None
    min_width: int = 6
    hide_below: int = 0
    """Left out when the table is narrower than this."""
    weight: int = 1
    """How large a share of the room left a flexible column takes."""


def fit(text: str, width: int) -> str:
    """``text`` cut with an ellipsis or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    text = " ".join(text.split())  # a table cell is one line
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class RowsTable(ScrollView, Generic[T], can_focus=True):
    """Rows drawn on demand; Enter or a double click posts ``Selected`` with the row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", id="rows.open"),
        Binding("up", "cursor(-1)", "Up", show=False, id="rows.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="rows.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="rows.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="rows.page_down"),
        Binding("home", "edge(0)", "First", show=False, id="rows.first"),
        Binding("end", "edge(1)", "Last", show=False, id="rows.last"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rows-table--header",
        "rows-table--cursor",
        "rows-table--odd",
        "rows-table--muted",
    }

    cursor: reactive[int] = reactive(0)
    """Index of the highlighted row."""

    class _RowMessage(Message):
        def __init__(self, table: RowsTable[Any], index: int, row: Any) -> None:
            super().__init__()
            self.table = table
            self.index = index
            self.row = row

        @property
        def control(self) -> RowsTable[Any]:
            return self.table

    class Selected(_RowMessage):
        """A row was chosen (Enter, or a double click)."""

    class Highlighted(_RowMessage):
        """The cursor moved to a row."""

    class SortRequested(Message):
        """A column header was clicked."""

        def __init__(self, table: RowsTable[Any], column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

    def __init__(
        self,
        columns: Sequence[Column],
        cells: Callable[[T], Sequence[str]],
        *,
        muted: Callable[[T], bool] | None = None,
        empty: str = "Nothing to show",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        self._cells = cells
        self._muted = muted
        self.empty = empty
        self.rows: Sequence[T] = ()
        self.sort_key: str | None = None
        self.sort_reverse = False

    # Data

    def set_rows(self, rows: Sequence[T], cursor: int | None = None) -> None:
        """Show ``rows`` (kept, not copied: pass a tuple); the cursor stays where it was unless given."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        target = self.cursor if cursor is None else cursor
        self.set_reactive(RowsTable.cursor, max(0, min(target, len(rows) - 1)))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.cursor, self.current))

    @property
    def current(self) -> T | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def move_to(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))

    # Drawing

    def shown(self) -> list[int]:
        """Indexes of the columns shown at the current width."""
        width = self.size.width
        return [n for n, c in enumerate(self.columns) if width >= c.hide_below]

    def _widths(self) -> list[int]:
        """Widths of the shown columns."""
        columns = [self.columns[n] for n in self.shown()]
        total = max(self.size.width, 1)
        gaps = len(columns) - 1
        fixed = sum(c.width or 0 for c in columns)
        flexible = [c for c in columns if c.width is None]
        room = total - fixed - gaps
        weights = sum(c.weight for c in flexible) or 1
        widths = [max(c.min_width, room * c.weight // weights) if c.width is None else c.width for c in columns]
        if flexible:
            # The last flexible column takes the cells rounding left over.
            last = max(i for i, c in enumerate(columns) if c.width is None)
            widths[last] += max(0, total - gaps - sum(widths))
        return widths

    def _line(self, texts: Sequence[str], style: Style, all_columns: bool = True) -> Strip:
        widths = self._widths()
        if all_columns:
            texts = [texts[n] if n < len(texts) else "" for n in self.shown()]
        line = " ".join(fit(text, width) for text, width in zip(texts, widths, strict=False))
        line = fit(line, max(self.size.width, 1)) if cell_len(line) > self.size.width else line
        return Strip([Segment(line.ljust(self.size.width), style)])

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        if y == 0:
            labels = []
            for column in self.columns:
                mark = ""
                if column.key == self.sort_key:
                    mark = " ▼" if self.sort_reverse else " ▲"
                labels.append(column.label + mark)
            return self._line(labels, base + self.get_component_rich_style("rows-table--header"))
        index = int(self.scroll_offset.y) + y - 1
        if not self.rows and y == 1:
            muted = base + self.get_component_rich_style("rows-table--muted")
            return Strip([Segment(fit(" " + self.empty, self.size.width), muted)])
        if index >= len(self.rows):
            return Strip.blank(self.size.width, base)
        row = self.rows[index]
        style = base
        if index % 2:
            style += self.get_component_rich_style("rows-table--odd")
        if self._muted is not None and self._muted(row):
            style += self.get_component_rich_style("rows-table--muted")
        if index == self.cursor:
            style += self.get_component_rich_style("rows-table--cursor")
        return self._line(self._cells(row), style)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self._scroll_to_cursor()

    # Cursor

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, new, self.current))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(self.size.height - 2, 1))

    def action_edge(self, last: int) -> None:
        self.move_to(len(self.rows) - 1 if last else 0)

    def action_select(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, self.cursor, row))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = 0
            shown = [self.columns[n] for n in self.shown()]
            for column, width in zip(shown, self._widths(), strict=False):
                if x <= event.x < x + width + 1:
                    self.post_message(self.SortRequested(self, column.key))
                    return
                x += width + 1
            return
        index = int(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()
