"""One person, municipality or organization: its fields, its events and its participation history."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from planner.domain.event import Event
from planner.domain.records import Municipality, Organization, Person, Record
from planner.domain.rows import EventFilter
from planner.rules.followup import ActionRow
from planner.rules.history import Attended, Participation, municipality_history, person_history
from planner.tui.following import follow_store
from planner.tui.forms import Picker
from planner.tui.lists import text
from planner.tui.messages import OpenEvent
from planner.tui.record_edit import edit_record
from planner.tui.registries import describe
from planner.tui.session import Session
from planner.tui.widgets.events_table import EventsTable
from planner.tui.widgets.rows_table import Column, RowsTable
from planner.tui.widgets.scroll_column import ScrollColumn


class RecordScreen(Screen[None]):
    """``e`` edits the record; Enter on any event line opens that event."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="record.edit"),
        Binding("escape", "back", "Back", id="record.back"),
    ]

    def __init__(self, session: Session, picker: Picker, record: Record) -> None:
        super().__init__()
        self.session = session
        self.picker = picker
        self.record = record

    def compose(self) -> ComposeResult:
        yield Header()
        with ScrollColumn(id="record"):
            yield Static("", id="record-fields", markup=False)
            yield Label("Events", id="record-events-title", classes="section-title")
            yield EventsTable(
                name_of=self.session.name_of, lang=self.session.lang, id="record-events", empty="No events"
            )
            if isinstance(self.record, Person):
                yield Label("Participation", classes="section-title")
                yield RowsTable[Participation](
                    (
                        Column("date", "Date", 10),
                        Column("event", "Event", None, 16),
                        Column("as", "As", 22),
                        Column("answer", "Answer", 12),
                        Column("attendance", "Attended", 10),
                    ),
                    self._participation_cells,
                    id="history",
                    empty="Named in no event",
                )
            if isinstance(self.record, Municipality):
                yield Label("Round tables and other events it hosted or attended", classes="section-title")
                yield RowsTable[Attended](
                    (
                        Column("date", "Date", 10),
                        Column("event", "Event", None, 16),
                        Column("role", "As", 6),
                        Column("present", "Present", 12),
                        Column("delegates", "Delegates", None, 12, hide_below=100),
                    ),
                    self._attended_cells,
                    id="history",
                    empty="Took part in no event",
                )
                yield Label("Its people (delegates, office heads, mayors)", classes="section-title")
                yield Static("", id="people", markup=False)
                yield Label("Open action items", classes="section-title")
                yield RowsTable[ActionRow](
                    (
                        Column("due", "Due", 10),
                        Column("action", "Action", None, 16),
                        Column("owner", "Owner", 18),
                        Column("event", "From", None, 12, hide_below=100),
                    ),
                    self._action_cells,
                    id="actions",
                    empty="No open actions",
                )
        yield Footer()

    def on_mount(self) -> None:
        follow_store(self, self.reload)
        self.reload()
        self.query_one("#record-events", EventsTable).focus()

    def reload(self, *_: Any) -> None:
        fresh = self.session.store.get(self.record.id)
        if fresh is not None:
            self.record = fresh
        record = self.record
        self.title = record.label.capitalize()
        self.sub_title = record.display_name(self.session.lang)
        self.query_one("#record-fields", Static).update("\n".join(describe(record, self.session)))
        wanted = EventFilter(person=record.id) if isinstance(record, Person) else EventFilter(municipality=record.id)
        rows = tuple(self.session.rows(wanted))
        table = self.query_one("#record-events", EventsTable)
        table.set_rows(rows)
        table.styles.height = min(max(len(rows), 1), 10) + 1
        self.query_one("#record-events-title", Label).update(
            f"Events ({len(rows)})" + (" — hosted, as the index knows" if isinstance(record, Organization) else "")
        )
        events = [e for e in (self.session.event(i) for i in dict.fromkeys(r.id for r in rows)) if e is not None]
        if isinstance(record, Person):
            history = person_history(record.id, events)
            self._set("#history", history)
        if isinstance(record, Municipality):
            found = municipality_history(
                record.id, events, self.session.people(), self.session.today(), self.session.lang
            )
            self._set("#history", found.events)
            people = [
                f"{p.name} — {p.role.get(self.session.lang) if p.role else ''}".rstrip(" —") for p in found.people
            ]
            self.query_one("#people", Static).update("\n".join(people) or "Nobody of this municipality in the registry")
            self._set("#actions", found.open_actions)

    def _set(self, selector: str, rows: list[Any]) -> None:
        table = self.query_one(selector, RowsTable)
        table.set_rows(tuple(rows))
        table.styles.height = min(max(len(rows), 1), 8) + 1

    def _participation_cells(self, row: Participation) -> tuple[str, ...]:
        roles = [
            f"delegate of {self.session.name_of(r.removeprefix('delegate of '))}" if r.startswith("delegate of ") else r
            for r in row.roles
        ]
        return (
            row.day.isoformat(),
            row.event.title.get(self.session.lang),
            ", ".join(roles),
            row.answer or "",
            row.attendance or "",
        )

    def _attended_cells(self, row: Attended) -> tuple[str, ...]:
        present = f"{row.present} of {row.invited}" if row.invited else "not recorded"
        delegates = ", ".join(self.session.name_of(d) if self.session.store.get(d) else d for d in row.delegates)
        return (
            row.event.start.date().isoformat(),
            row.event.title.get(self.session.lang),
            row.role,
            present,
            delegates,
        )

    def _action_cells(self, row: ActionRow) -> tuple[str, ...]:
        action = row.action
        due = action.due.isoformat() if action.due else ""
        return (
            due + (" !" if row.overdue else ""),
            text(action.text.model_dump(exclude_none=True), self.session.lang),
            self.session.name_of(action.owner),
            row.event.title.get(self.session.lang),
        )

    def on_rows_table_selected(self, message: RowsTable.Selected) -> None:
        message.stop()
        row = message.row
        event: Event | None = getattr(row, "event", None)
        event_id = event.id if event is not None else getattr(row, "id", None)
        if event_id:
            self.post_message(OpenEvent(event_id))

    def action_edit(self) -> None:
        edit_record(self, self.session, self.picker, self.record.label, self.record)

    def action_back(self) -> None:
        self.app.pop_screen()
