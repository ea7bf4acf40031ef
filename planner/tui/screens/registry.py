"""People, municipalities or organizations: a list searched as you type; Enter shows one, ctrl+n adds one."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Input, Static

from planner.domain.ids import fold
from planner.domain.records import Record
from planner.tui.following import follow_store
from planner.tui.forms import Picker
from planner.tui.record_edit import edit_record
from planner.tui.registries import KINDS
from planner.tui.screens.searchable import SearchableScreen
from planner.tui.session import Session
from planner.tui.widgets.rows_table import RowsTable


class RegistryScreen(SearchableScreen):
    """One registry; typing searches names, roles and places."""

    TABLE = "#records"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="registry.search"),
        Binding("ctrl+n", "new", "New", id="registry.new"),
        Binding("f2", "edit", "Edit", id="registry.edit"),
        Binding("escape", "back", "Back", id="registry.back"),
    ]

    def __init__(self, session: Session, picker: Picker, label: str) -> None:
        super().__init__()
        self.session = session
        self.picker = picker
        self.kind = KINDS[label]
        self.records: tuple[Record, ...] = ()
        self.texts: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=f"Search {self.kind.plural.lower()} …", id="search", compact=True, select_on_focus=False
        )
        yield Static("", id="summary", markup=False)
        yield RowsTable[Record](
            self.kind.columns,
            lambda r: self.kind.cells(r, self.session),
            id="records",
            empty=f"No {self.kind.plural.lower()} match",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.kind.plural
        self.sub_title = str(self.session.root)
        follow_store(self, self.reload)
        self.reload()
        self.query_one("#records", RowsTable).focus()

    def reload(self, *_: Any) -> None:
        records = sorted(self.session.registry(self.kind.label).values(), key=lambda r: fold(r.display_name()))
        self.records = tuple(records)
        self.texts = tuple(fold(" ".join(self.kind.cells(r, self.session)) + " " + r.id) for r in records)
        self._show()

    def _show(self) -> None:
        words = fold(self.query_one("#search", Input).value).split()
        shown = tuple(r for r, t in zip(self.records, self.texts, strict=True) if all(w in t for w in words))
        table = self.query_one("#records", RowsTable)
        current = table.current
        table.set_rows(shown, cursor=shown.index(current) if current in shown else 0)
        self.query_one("#summary", Static).update(
            f"{len(shown)} of {len(self.records)} {self.kind.plural.lower()} · Enter details · n new · e edit"
        )

    def searched(self, text: str) -> None:
        self._show()

    def on_rows_table_selected(self, message: RowsTable.Selected) -> None:
        message.stop()
        from planner.tui.screens.record import RecordScreen

        self.app.push_screen(RecordScreen(self.session, self.picker, message.row))

    def action_new(self) -> None:
        edit_record(self, self.session, self.picker, self.kind.label, None)

    def action_edit(self) -> None:
        record = self.query_one("#records", RowsTable).current
        if record is not None:
            edit_record(self, self.session, self.picker, self.kind.label, record)
