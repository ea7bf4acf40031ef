"""People, municipalities or organizations: a list searched as you type; Enter shows one, ``n`` adds one."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from planner.domain.ids import fold
from planner.domain.records import Record
from planner.tui.following import follow_store
from planner.tui.forms import Picker
from planner.tui.record_edit import edit_record
from planner.tui.registries import KINDS
from planner.tui.session import Session
from planner.tui.widgets.rows_table import RowsTable


class RegistryScreen(Screen[None]):
    """One registry; typing searches names, roles and places."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="registry.search"),
        Binding("n", "new", "New", id="registry.new"),
        Binding("e", "edit", "Edit", id="registry.edit"),
        Binding("escape", "back", "Back", id="registry.back"),
    ]

    def __init__(self, session: Session, picker: Picker, label: str) -> None:
        super().__init__()
        self.session = session
        self.picker = picker
        self.kind = KINDS[label]
        self.records: tuple[Record, ...] = ()
        self.texts: tuple[str, ...] = ()
        self.typing = False
        """A search typed straight into the table is under way: letters go on searching."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=f"Search {self.kind.plural.lower()} …", id="search", compact=True, select_on_focus=False
        )
        yield Static("", id="summary", markup=False)
        yield RowsTable[Record](self.kind.columns, lambda r: self.kind.cells(r, self.session), id="records",
                                empty=f"No {self.kind.plural.lower()} match")
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

    @on(Input.Changed, "#search")
    def _search(self) -> None:
        self._show()

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self.typing = False
        self.query_one("#records", RowsTable).focus()

    def on_key(self, event: events.Key) -> None:
        search = self.query_one("#search", Input)
        table = self.query_one("#records", RowsTable)
        if search.has_focus and event.key == "down":
            event.stop()
            table.focus()
        elif table.has_focus and event.is_printable and event.character and (
            self.typing or event.key not in self.active_bindings
        ):
            # Typing in the table searches (keys of the screen too, once a word is started) and the cursor
            # stays in the table: Enter opens the first match. "/ word Enter" searches and leaves the keys free.
            self.typing = True
            event.stop()
            search.value += event.character
        elif table.has_focus and event.key == "backspace" and search.value:
            event.stop()
            search.value = search.value[:-1]
            self.typing = bool(search.value)

    def action_search(self) -> None:
        self.typing = False
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        self.typing = False
        if search.value:
            search.value = ""
            self.query_one("#records", RowsTable).focus()
            return
        self.app.pop_screen()

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
