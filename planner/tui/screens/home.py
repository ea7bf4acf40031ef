"""Home: what is coming up, what is open or overdue, what conflicts, and what is broken in the store."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label

from planner.domain.problems import Problem
from planner.domain.rows import EventFilter, EventRow
from planner.rules.conflicts import Conflict
from planner.rules.followup import ActionRow
from planner.tui.following import follow_store
from planner.tui.lists import text
from planner.tui.messages import OpenEvent
from planner.tui.session import Session, actions_in_thread, load_rows_in_thread
from planner.tui.widgets.events_table import EventsTable
from planner.tui.widgets.rows_table import Column, RowsTable
from planner.tui.widgets.scroll_column import ScrollColumn

SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    ("new_event", "n New", "primary"),
    ("go('events')", "e Events", "default"),
    ("go('calendar')", "c Calendar", "default"),
    ("go('people')", "p People", "default"),
    ("go('municipalities')", "m Municipalities", "default"),
    ("go('organizations')", "o Organizations", "default"),
)
Item = tuple[str, ...]
ACTIONS_ENOUGH = 300
"""Home looks for open actions in the meetings of the year around today, or of five years, or of all time,
whichever first has this many events: a large store is not read whole for Home."""


def _height(table: RowsTable[Any], rows: int, most: int) -> None:
    table.styles.height = min(max(rows, 1), most) + 1


class HomeScreen(Screen[None]):
    """The start screen; Enter on any line opens the event it is about."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_event", "New event", id="home.new_event"),
        Binding("e", "app.go('events')", "Events", id="home.events"),
        Binding("c", "app.go('calendar')", "Calendar", id="home.calendar"),
        Binding("p", "app.go('people')", "People", id="home.people", show=False),
        Binding("m", "app.go('municipalities')", "Municipalities", id="home.municipalities", show=False),
        Binding("o", "app.go('organizations')", "Organizations", id="home.organizations", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.actions: list[ActionRow] = []
        self._stale = False
        """The store changed while another screen covered this one."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="shortcuts"):
            for action, label, variant in SHORTCUTS:
                yield Button(label, action=f"app.{action}", variant=variant, compact=True)  # type: ignore[arg-type]
        with ScrollColumn(id="home"):
            yield Label("Events", id="upcoming-title", classes="section-title")
            yield EventsTable(
                name_of=self.session.name_of,
                lang=self.session.lang,
                id="upcoming",
                empty="No events yet: n creates one",
            )
            yield Label("Action items", id="actions-title", classes="section-title")
            yield RowsTable[ActionRow](
                (
                    Column("due", "Due", 10),
                    Column("action", "Action", None, 12),
                    Column("owner", "Owner", 16),
                    Column("meeting", "From", None, 10, hide_below=100),
                    Column("state", "State", 8),
                ),
                self._action_cells,
                muted=lambda row: not row.overdue,
                id="actions",
                empty="Looking for actions …",
            )
            yield Label("Conflicts", id="conflicts-title", classes="section-title")
            yield RowsTable[Conflict](
                (
                    Column("day", "Day", 10),
                    Column("event", "Event", 24, hide_below=100),
                    Column("message", "Conflict", None, 20),
                ),
                self._conflict_cells,
                id="conflict-list",
                empty="No conflicts",
            )
            yield Label("Store problems", id="problems-title", classes="section-title")
            yield RowsTable[Item](
                (Column("file", "File:line", 34), Column("message", "Problem", None, 16)),
                lambda item: item[:2],
                id="problem-list",
                empty="No problems: every file loads",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Home"
        self.sub_title = str(self.session.root)
        follow_store(self, self.reload)
        self.reload()
        self.query_one("#upcoming", EventsTable).focus()

    def reload(self, *_: Any) -> None:
        if self.app.screen is not self:
            # Under another screen (the app started on Events, or Home is covered): shown again on return.
            self._stale = True
            return
        heading, rows = self.session.home_rows()
        upcoming = self.query_one("#upcoming", EventsTable)
        self.query_one("#upcoming-title", Label).update(heading)
        upcoming.set_rows(tuple(rows), cursor=0 if heading.startswith("Upcoming") else len(rows) - 1)
        _height(upcoming, len(rows), 8)
        self._show_problems()
        # Conflicts read whole events: after the first paint, so that the rows above come first.
        self.call_after_refresh(self._show_conflicts, tuple(rows))
        self.call_after_refresh(self._load_actions)

    def _show_conflicts(self, rows: tuple[EventRow, ...]) -> None:
        conflicts = self.session.home_conflicts(rows)
        table = self.query_one("#conflict-list", RowsTable)
        table.set_rows(tuple(conflicts))
        _height(table, len(conflicts), 5)
        self.query_one("#conflicts-title", Label).update(
            f"Conflicts of these events ({len(conflicts)})" if conflicts else "Conflicts of these events: none"
        )

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    def _show_problems(self) -> None:
        items: list[Item] = [self._problem_item(p) for p in sorted(self.session.store.problems)]
        for copy in self.session.conflict_copies():
            items.append(
                (
                    self._where(copy, 0),
                    "someone else's version, kept when you chose to keep yours; compare and delete it when done",
                    str(copy),
                )
            )
        table = self.query_one("#problem-list", RowsTable)
        table.set_rows(tuple(items))
        _height(table, len(items), 6)
        errors = sum(1 for p in self.session.store.problems if p.is_error)
        title = f"Store problems ({errors} errors)" if errors else "Store problems"
        if self.session.conflict_copies():
            title += f" · {len(self.session.conflict_copies())} kept copies in .conflicts/"
        self.query_one("#problems-title", Label).update(title)

    def _where(self, path: Path, line: int) -> str:
        try:
            shown = str(path.relative_to(self.session.root))
        except ValueError:
            shown = str(path)
        return f"{shown}:{line}" if line else shown

    def _problem_item(self, problem: Problem) -> Item:
        field = f"{problem.field}: " if problem.field else ""
        kind = "warning: " if not problem.is_error else ""
        return (self._where(problem.path, problem.line), f"{kind}{field}{problem.message}", str(problem.path))

    @work(thread=True, exclusive=True, group="home-actions")
    def _load_actions(self) -> None:
        """Open actions of the meetings around today (see ``ACTIONS_ENOUGH``), read in a worker thread."""
        session = self.session
        today = session.today()
        for years in (1, 5, None):
            reach = timedelta(days=366 * years) if years else None
            wanted = EventFilter(first=today - reach, last=today + reach) if reach else EventFilter()
            rows = load_rows_in_thread(session.root, wanted)
            if len(rows) >= ACTIONS_ENOUGH:
                break
        paths = [r.path for r in rows if r.path is not None]
        found = actions_in_thread(list(dict.fromkeys(paths)), session.store.settings.home_tz, today)
        found = [row for row in found if row.action.status == "open"]
        found.sort(key=lambda r: (not r.overdue, r.action.due or r.meeting, r.event.id))
        self.app.call_from_thread(self._show_actions, found)

    def _show_actions(self, rows: list[ActionRow]) -> None:
        self.actions = rows
        table = self.query_one("#actions", RowsTable)
        table.empty = "No open action items"
        table.set_rows(tuple(rows))
        _height(table, len(rows), 5)
        overdue = sum(1 for row in rows if row.overdue)
        self.query_one("#actions-title", Label).update(
            f"Open action items ({len(rows)}, {overdue} overdue)" if rows else "Open action items: none"
        )

    def _action_cells(self, row: ActionRow) -> tuple[str, ...]:
        action = row.action
        return (
            action.due.isoformat() if action.due else "",
            text(action.text.model_dump(exclude_none=True), self.session.lang),
            self.session.name_of(action.owner),
            row.event.title.get(self.session.lang),
            "OVERDUE" if row.overdue else "open",
        )

    def _conflict_cells(self, conflict: Conflict) -> tuple[str, ...]:
        event = self.session.event(conflict.event)
        title = event.title.get(self.session.lang) if event else conflict.event
        message = conflict.message if self.size.width >= 100 else f"{title}: {conflict.message}"
        return (conflict.day.isoformat(), title, message)

    def on_rows_table_selected(self, message: RowsTable.Selected) -> None:
        message.stop()
        row = message.row
        if isinstance(row, EventRow):
            self.post_message(OpenEvent(row.id))
        elif isinstance(row, ActionRow):
            self.post_message(OpenEvent(row.event.id))
        elif isinstance(row, Conflict):
            self.post_message(OpenEvent(row.event))
        elif isinstance(row, tuple):
            path = Path(row[2])
            event_id = self.session.store.id_at(path)
            if event_id and self.session.event(event_id) is not None:
                self.post_message(OpenEvent(event_id))
            else:
                self.notify(f"{row[0]}: {row[1]}\nFix it in an editor; the app notices the change.", timeout=8)
