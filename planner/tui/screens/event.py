"""One event, edited in tabs: every change validated by the model, saved only when valid, undoable.

The screen owns the event's data (the shape of its file) as an immutable
value: each edit makes a new one, kept in the undo history. Fields and lists
show it; they post their changes up and the screen validates, shows the
model's messages beside the fields, and saves through the store. Only this
event's file is written.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Label, Select, Static, TabbedContent, TabPane

from planner.domain.event import Event
from planner.domain.participation import ANSWERS, ATTENDANCES
from planner.domain.series import FREQUENCIES, Occurrence
from planner.domain.times import wall_clock
from planner.domain.vocabulary import EVENT_KINDS, STATUSES
from planner.domain.weekdays import weekday_short
from planner.rules.attendance import delegations, meeting_invitations, record_delegation, record_invitation
from planner.rules.conflicts import Conflict
from planner.rules.minutes_workflow import (
    MinutesError,
    advance,
    current_user,
    default_meeting,
    meetings,
    minutes_location,
)
from planner.rules.planning import (
    SeriesError,
    cancel_occurrence,
    host_occurrence,
    invite_participants,
    item_id,
    make_series,
    make_single,
    move_occurrence,
    numbered_id,
    restore_occurrence,
)
from planner.store import RecordExists, RecordInvalid, StaleRecord, StoreError
from planner.tui.draft import (
    Data,
    FieldPath,
    comparable,
    data_of,
    dotted,
    errors_under,
    get_in,
    items_at,
    set_in,
    validate,
)
from planner.tui.forms import FieldSpec, Picker, build_field, choices
from planner.tui.lists import (
    ACTIONS,
    AGENDA,
    AREAS,
    DECISIONS,
    DELEGATES,
    GUESTS,
    INVITATIONS,
    LEGS,
    LINKS,
    NOTES_COLUMNS,
    QUOTES,
    SIGNATORIES,
    SPEAKERS,
    ListSpec,
    cycle,
    spec_for,
    text,
)
from planner.tui.meetings import (
    DELEGATIONS_COLUMNS,
    delegation_rows,
    invitation_rows,
    meeting_options,
    totals_rows,
)
from planner.tui.messages import ChangedOnDisk, StoreChanged
from planner.tui.preview import minutes_preview
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.form import FormScreen
from planner.tui.screens.pick import NONE, PickScreen, pick_for
from planner.tui.session import Session
from planner.tui.widgets.delegations_editor import DelegationsEditor
from planner.tui.widgets.events_table import KIND_LABELS
from planner.tui.widgets.exports_panel import ExportsPanel
from planner.tui.widgets.form_field import FormField
from planner.tui.widgets.invitations_editor import InvitationsEditor
from planner.tui.widgets.list_editor import ListEditor
from planner.tui.widgets.occurrences_editor import OccurrencesEditor
from planner.tui.widgets.pick_field import PickField
from planner.tui.widgets.scroll_column import ScrollColumn

FORMATS = ("breakfast", "seminar", "forum", "conference")

OVERVIEW: tuple[FieldSpec, ...] = (
    FieldSpec(("title",), "Title", "bilingual"),
    FieldSpec(("kind",), "Kind", "choice", choices(EVENT_KINDS, KIND_LABELS), allow_blank=False),
    FieldSpec(("status",), "Status", "choice", choices(STATUSES), allow_blank=False),
    FieldSpec(("format",), "Format", "choice", choices(FORMATS)),
    FieldSpec(("start",), "Starts", "when"),
    FieldSpec(("end",), "Ends", "when"),
    FieldSpec(("recurrence", "freq"), "Repeats", "choice", choices(FREQUENCIES), empty="does not repeat"),
    FieldSpec(("tz",), "Time zone", "pick", source="zone"),
    FieldSpec(("host",), "Host", "pick", source="host"),
    FieldSpec(("programme",), "Programme", "pick", source="programme"),
    FieldSpec(("venue", "name"), "Venue"),
    FieldSpec(("venue", "address"), "Address"),
    FieldSpec(("venue", "city"), "City"),
    FieldSpec(("venue", "country"), "Country"),
    FieldSpec(("organizers",), "Organizers", "pick", source="host", multiple=True),
    FieldSpec(("sponsors",), "Sponsors", "pick", source="organization", multiple=True),
    FieldSpec(("themes",), "Themes", "pick", source="theme", multiple=True),
    FieldSpec(("description",), "Description", "bilingual-text"),
    FieldSpec(("assumed",), "Assumed", "lines"),
    FieldSpec(("source_notes",), "Source notes", "lines"),
    FieldSpec(("summary", "headline"), "Headline", "bilingual"),
    FieldSpec(("summary", "lead"), "Lead", "bilingual-text"),
    FieldSpec(("summary", "body"), "Story", "bilingual-text"),
)
"""The last three are the published summary (the bulletin's story of the event)."""
SERIES: tuple[FieldSpec, ...] = (
    FieldSpec(("recurrence", "interval"), "Every", placeholder="1: every week or month · 2: every other one"),
    FieldSpec(("recurrence", "byday"), "On", "words", placeholder="1TH (first Thursday) · -1FR (last Friday) · MO WE"),
    FieldSpec(("recurrence", "count"), "Times", placeholder="how many occurrences, or give an until date"),
    FieldSpec(("recurrence", "until"), "Until", placeholder="YYYY-MM-DD: the last possible day"),
)
"""The rule of a series; its frequency is Overview's "Repeats", which also makes an event a series or not."""
NEXT_MEETING: tuple[FieldSpec, ...] = (
    FieldSpec(("minutes", "next_meeting", "date"), "Next meeting", placeholder="YYYY-MM-DD"),
    FieldSpec(("minutes", "next_meeting", "note"), "Note", "bilingual-text"),
)
TABS: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("agenda", "Agenda"),
    ("speakers", "Speakers"),
    ("guests", "Municipalities"),
    ("invitations", "Invitations"),
    ("legs", "Legs"),
    ("signatories", "Signatories"),
    ("minutes", "Minutes"),
    ("exports", "Exports"),
)
COALESCE_SECONDS = 1.5
"""Keystrokes in one field within this time are one step of undo."""


class EventScreen(Screen[None]):
    """Edit one event; ctrl+s saves, ctrl+z / ctrl+y undo and redo, Escape goes back (asking if unsaved)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="event.save", priority=True),
        Binding("ctrl+z", "undo", "Undo", id="event.undo"),
        Binding("ctrl+y", "redo", "Redo", id="event.redo"),
        Binding("escape", "back", "Back", id="event.back"),
        Binding("ctrl+pagedown,alt+right", "next_tab(1)", "Next tab", id="event.next_tab", priority=True),
        Binding(
            "ctrl+pageup,alt+left", "next_tab(-1)", "Previous tab", id="event.previous_tab", show=False, priority=True
        ),
        *(
            Binding(f"alt+{n}", f"show_tab('{tab}')", f"Tab: {label}", show=False, id=f"event.tab_{tab}")
            for n, (tab, label) in enumerate((t for t in TABS if t[0] not in ("legs", "signatories")), start=1)
        ),
        Binding("f2", "duplicate", "Duplicate", id="event.duplicate"),
        Binding("f8", "delete", "Delete", id="event.delete"),
        Binding("C", "minutes('circulate')", "Circulate", id="minutes.circulate"),
        Binding("A", "minutes('approve')", "Approve", id="minutes.approve"),
        Binding("O", "minutes('reopen')", "Reopen", id="minutes.reopen"),
    ]

    def __init__(
        self,
        session: Session,
        picker: Picker,
        event: Event | None,
        *,
        draft: Event | None = None,
        tab: str = "overview",
    ) -> None:
        """Edit ``event`` as saved, or a new ``draft`` (not saved yet) when ``event`` is ``None``."""
        super().__init__()
        self.session = session
        self.picker = picker
        self.baseline = event
        start = draft if draft is not None else event
        assert start is not None, "give an event or a draft"
        self.event_id = start.id
        self.data: Data = data_of(start)
        self.history: list[Data] = [self.data]
        self.position = 0
        self._last_edit: tuple[str, float] | None = None
        self.valid: Event | None = start
        self.errors: Mapping[str, str] = {}
        self.conflicts: list[Conflict] = []
        self.changed_on_disk: Path | None = None
        self._asking_about_disk = False
        """A question about the file changed on disk is open: the watcher may report the same change again."""
        self.initial_tab = tab
        self._shown: dict[str, tuple[Any, ...]] = {}
        self._delays: dict[str, Timer] = {}
        self._delegates_of = 0
        self.meeting: date | None = default_meeting(start, session.now())
        """The occurrence of a series the Minutes tab records (its original date); ``None`` for a single event."""

    # Layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="status", markup=False)
        yield Static("", id="conflicts", markup=False)
        with TabbedContent(id="tabs", initial=self.initial_tab):
            with TabPane("Overview", id="overview"), ScrollColumn(id="overview-fields"):
                for spec in OVERVIEW:
                    field = build_field(spec, self.data, self.picker, self.session.lang)
                    if spec.path == ("format",):
                        field.add_class("conference-only")
                    yield field
                    if spec.path == ("recurrence", "freq"):
                        yield Static("", id="series", markup=False)
                yield ListEditor(
                    ("quotes",),
                    QUOTES.title,
                    QUOTES.columns,
                    id="list-quotes",
                    hint="a add a quote (a person, or a name and role) · Enter edit · x remove",
                )
                yield ListEditor(
                    ("links",),
                    LINKS.title,
                    LINKS.columns,
                    id="list-links",
                    hint="a add a link (https://...) · Enter edit · x remove",
                )
            with TabPane("Series", id="recurrence"), ScrollColumn(id="series-body"):
                yield Static("", id="series-rule", markup=False)
                for spec in SERIES:
                    yield build_field(spec, self.data, self.picker, self.session.lang)
                yield OccurrencesEditor(
                    "Occurrences", id="occurrences", hint="c cancel · r restore · m or Enter move · h host"
                )
            with TabPane("Agenda", id="agenda"):
                yield ListEditor(("agenda",), AGENDA.title, AGENDA.columns, id="list-agenda")
            with TabPane("Speakers", id="speakers"):
                yield ListEditor(
                    ("speakers",),
                    SPEAKERS.title,
                    SPEAKERS.columns,
                    id="list-speakers",
                    hint="a add speakers · Enter edit role and topic · x remove",
                )
            with TabPane("Municipalities", id="guests"):
                yield ListEditor(
                    ("guests",),
                    GUESTS.title,
                    GUESTS.columns,
                    id="list-guests",
                    hint="a add municipalities · x remove · the delegates of the highlighted one below",
                )
                yield ListEditor(
                    ("guests", 0, "delegates"),
                    DELEGATES.title,
                    DELEGATES.columns,
                    id="list-delegates",
                    hint="a add a delegate (a person, or only a role) · Enter edit · x remove",
                )
            with TabPane("Invites", id="invitations"):
                yield InvitationsEditor(
                    ("invitations",),
                    INVITATIONS.title,
                    INVITATIONS.columns,
                    id="list-invitations",
                    hint="a invite people · i invite every speaker, delegate and signatory · r answer · t attendance",
                )
                yield DataTable(id="totals", cursor_type="none", zebra_stripes=True)
            with TabPane("Legs", id="legs"):
                yield ListEditor(
                    ("legs",),
                    LEGS.title,
                    LEGS.columns,
                    id="list-legs",
                    hint="a add a leg: its city, time zone (searchable), start and end",
                )
            with TabPane("Signatories", id="signatories"):
                yield ListEditor(("signatories",), SIGNATORIES.title, SIGNATORIES.columns, id="list-signatories")
                yield ListEditor(("areas",), AREAS.title, AREAS.columns, id="list-areas")
            with TabPane("Minutes", id="minutes"):
                yield Static("", id="minutes-status", markup=False)
                with ScrollColumn(id="minutes-body"):
                    yield from self._compose_minutes()
            with TabPane("Exports", id="exports"), ScrollColumn(id="exports-body"):
                yield ExportsPanel(self.session.root, self.session.exports, self.event_id, id="exports-panel")
        yield Footer()

    def _compose_minutes(self) -> ComposeResult:
        """The Minutes tab: which meeting (a series), attendance, notes per item, decisions, actions, preview."""
        yield Select[str]([], prompt="Meeting", allow_blank=True, id="minutes-meeting")
        yield Label("Attendance by municipality or organization", classes="section-title")
        yield DataTable(id="attendance", cursor_type="none", zebra_stripes=True)
        yield InvitationsEditor(
            ("invitations",),
            "Who came",
            INVITATIONS.columns,
            id="list-attendance",
            hint="t present / excused / absent · r answer · a invite someone else",
        )
        yield DelegationsEditor(
            ("delegations",),
            "Delegates recorded by role only",
            DELEGATIONS_COLUMNS,
            id="list-delegations",
            hint="t present / excused / absent (they have no invitation) · delegates: the Municipalities tab",
        )
        yield ListEditor(
            ("minutes", "notes"),
            "Notes per agenda item",
            NOTES_COLUMNS,
            id="list-notes",
            hint="Enter write the notes of the highlighted agenda item",
        )
        yield ListEditor(("minutes", "decisions"), DECISIONS.title, DECISIONS.columns, id="list-decisions")
        yield ListEditor(("minutes", "actions"), ACTIONS.title, ACTIONS.columns, id="list-actions")
        for spec in NEXT_MEETING:
            yield build_field(spec, self.data, self.picker, self.session.lang)
        yield Label("Preview of the published minutes", classes="section-title")
        yield Static("", id="preview", markup=False)

    def on_mount(self) -> None:
        for table_id, columns in (
            ("#totals", ("Municipality / organization", "Invited", "Replied", "Present", "Excused", "Absent")),
            ("#attendance", ("Municipality / organization", "Invited", "Replied", "Present", "Excused", "Absent")),
        ):
            table: DataTable[str] = self.query_one(table_id, DataTable)
            for column in columns:
                table.add_column(column)
        self._validate()
        self._show_all()
        self._schedule("conflicts", self._update_conflicts, 0.05)
        if self.initial_tab != "overview":
            self.call_after_refresh(self._focus_in, self.query_one(TabbedContent).get_pane(self.initial_tab))

    def on_screen_resume(self) -> None:
        self._refresh_title()

    # State

    @property
    def is_new(self) -> bool:
        return self.baseline is None

    @property
    def dirty(self) -> bool:
        if self.baseline is None or self.valid is None:
            return True
        return comparable(data_of(self.valid)) != comparable(data_of(self.baseline))

    def _validate(self) -> None:
        context = {"home_tz": self.session.store.settings.home_tz}
        event, errors = validate(Event, self.data, context)
        found = dict(errors)
        if event is not None:
            for problem in self.session.store.check(event):
                found.setdefault(problem.field, problem.message)
            lock = self._minutes_lock(event)
            if lock:
                found.setdefault("minutes", lock)
        self.valid = event if not found else None
        self.errors = found

    def _minutes_lock(self, event: Event) -> str | None:
        """Approved minutes (of any meeting) may not change: only the workflow (reopen) moves them."""
        if self.baseline is None:
            return None
        keep = {"status", "history"}
        days = [None, *self.baseline.occurrences]
        for day in days:
            before = self.baseline.minutes if day is None else self.baseline.occurrences[day].minutes
            if before is None or before.status != "approved":
                continue
            after = (
                event.minutes if day is None else (event.occurrences[day].minutes if day in event.occurrences else None)
            )
            if after is None or after.model_dump(exclude=keep) != before.model_dump(exclude=keep):
                return "approved minutes cannot change: reopen them first (O on the Minutes tab)"
        return None

    def apply(self, data: Data, *, field: str | None = None) -> None:
        """Make ``data`` the event's data: one step of undo (keystrokes in one field are one step)."""
        if data == self.data:
            return
        now = clock.monotonic()
        coalesce = (
            field is not None
            and self._last_edit is not None
            and self._last_edit[0] == field
            and now - self._last_edit[1] < COALESCE_SECONDS
            and self.position == len(self.history) - 1
            and self.position > 0
        )
        del self.history[self.position + 1 :]
        if coalesce:
            self.history[self.position] = data
        else:
            self.history.append(data)
            self.position += 1
        self._last_edit = (field, now) if field is not None else None
        self.data = data
        self._changed()

    def _changed(self) -> None:
        self._validate()
        self._show_all()
        self._schedule("conflicts", self._update_conflicts, 0.3)

    def _schedule(self, name: str, callback: Any, delay: float) -> None:
        timer = self._delays.pop(name, None)
        if timer is not None:
            timer.stop()
        self._delays[name] = self.set_timer(delay, callback)

    # Showing

    def _refresh_title(self) -> None:
        title = get_in(self.data, ("title",)) or {}
        name = text(title, self.session.lang) or self.event_id
        self.title = "New event" if self.is_new else "Event"
        self.sub_title = name

    def _show_all(self) -> None:
        self._place_minutes()
        self._refresh_title()
        self._show_status()
        self._show_fields()
        self._show_lists()
        self._show_tabs()
        self._show_minutes()
        self._show_series()

    def _show_status(self) -> None:
        status = self.query_one("#status", Static)
        path = self.session.store.path_of(self.event_id)
        where = str(path.relative_to(self.session.root)) if path and path.is_relative_to(self.session.root) else ""
        if self.errors:
            first = next(iter(self.errors.items()))
            more = f" (+{len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
            status.update(f"✗ Not saved while invalid — {first[0]}: {first[1]}{more}")
            status.set_classes("-invalid")
        elif self.is_new:
            status.update("● New event, not saved yet — ctrl+s saves it")
            status.set_classes("-dirty")
        elif self.dirty:
            status.update(f"● Unsaved changes — ctrl+s saves {where}")
            status.set_classes("-dirty")
        else:
            status.update(f"✓ Saved · {where}")
            status.set_classes("-saved")
        if self.changed_on_disk is not None:
            status.update(f"⚠ {where} changed on disk: ctrl+s to choose between their version and yours")
            status.set_classes("-invalid")

    def _show_fields(self) -> None:
        kind = get_in(self.data, ("kind",))
        for field in self.query(FormField):
            field.error = "; ".join(errors_under(self.errors, field.path))
            field.set_value(get_in(self.data, field.path))
        for widget in self.query(".conference-only"):
            widget.display = kind == "conference" or bool(get_in(self.data, ("format",)))
        series = self.query_one("#series", Static)
        recurrence = get_in(self.data, ("recurrence",))
        series.display = bool(recurrence)
        if recurrence:
            rule = self.valid.recurrence if self.valid is not None else None
            words = rule.in_words() if rule is not None else "its rule has a problem"
            series.update(f"A series: {words}. The rule and each occurrence: the Series tab (ctrl+PgDn).")

    def _show_lists(self) -> None:
        names = self.session.name_of
        lang = self.session.lang
        guests = items_at(self.data, ("guests",))
        delegates = self.query_one("#list-delegates", ListEditor)
        index = min(self._delegates_of, max(len(guests) - 1, 0))
        delegates.path = ("guests", index, "delegates")
        guest = names(guests[index].get("municipality")) if guests else ""
        delegates.title = f"Delegates of {guest}" if guest else "Delegates (choose a municipality above)"
        locked = self._locked_text()
        for editor in self.query(ListEditor):
            if editor.id == "list-notes":
                rows = self._notes_rows()
            elif editor.id == "list-delegations" or (editor.id == "list-attendance" and self.meeting is not None):
                rows = self._meeting_rows(editor.id)
            else:
                spec = spec_for(editor.path)
                rows = [spec.cells(item, names, lang) for item in items_at(self.data, editor.path)]
            errors = errors_under(self.errors, editor.path)
            key = (tuple(rows), tuple(errors), editor.path, editor.title)
            if self._shown.get(editor.id or "") != key:
                self._shown[editor.id or ""] = key
                if editor.id == "list-delegates" and not guests:
                    rows = []
                editor.show(rows, errors)
            if "minutes" in editor.path:
                editor.locked = locked
        for field in self.query(FormField):
            if "minutes" in field.path:
                field.disabled = bool(locked)
        self._show_totals()

    def _notes_rows(self) -> list[tuple[str, ...]]:
        lang = self.session.lang
        notes = {n.get("item"): n.get("notes") for n in items_at(self.data, (*self.minutes_at, "notes"))}
        rows: list[tuple[str, ...]] = []
        for item in items_at(self.data, ("agenda",)):
            title = text(item.get("title"), lang)
            at = text(item.get("time"), lang)
            rows.append((f"{at} {title}".strip(), text(notes.get(item.get("id")), lang) if item.get("id") else ""))
        return rows

    def _show_totals(self) -> None:
        """The Invitations tab's totals (the series as a whole), and the Minutes tab's (the chosen meeting)."""
        event = self.valid
        people, names, store = self.session.people(), self.session.name_of, self.session.store
        for table_id, day in (("#totals", None), ("#attendance", self.meeting)):
            rows = totals_rows(store, event, people, names, day) if event is not None else []
            key = (table_id, tuple(rows))
            if self._shown.get(table_id) == key:
                continue
            self._shown[table_id] = key
            table: DataTable[str] = self.query_one(table_id, DataTable)
            table.clear()
            for row in rows:
                table.add_row(*row)

    def _show_tabs(self) -> None:
        tabs = self.query_one(TabbedContent)
        kind = get_in(self.data, ("kind",))
        for tab, wanted in (
            ("legs", kind == "study-visit" or bool(get_in(self.data, ("legs",)))),
            ("signatories", kind == "agreement-signing" or bool(get_in(self.data, ("signatories",)))),
            ("recurrence", bool(get_in(self.data, ("recurrence",)))),
        ):
            try:
                if wanted:
                    tabs.show_tab(tab)
                else:
                    tabs.hide_tab(tab)
            except Exception:
                pass

    def _locked_text(self) -> str:
        minutes = get_in(self.data, self.minutes_at) or {}
        if minutes.get("status") == "approved":
            return "The minutes are approved and locked: O reopens them."
        return ""

    def _show_minutes(self) -> None:
        minutes = get_in(self.data, self.minutes_at) or {}
        status = minutes.get("status", "draft") if minutes else "none yet"
        history = minutes.get("history") or []
        steps = "; ".join(
            f"{step.get('step')} by {step.get('by')} on {text(step.get('at'), self.session.lang)[:10]}"
            for step in history[-3:]
        )
        keys = {
            "draft": "C circulates them",
            "circulated": "A approves them · C circulates again",
            "approved": "O reopens them to edit",
            "none yet": "write notes, decisions or actions below",
        }
        of = f" of {self.meeting:%d %b %Y}" if self.meeting is not None else ""
        line = f"Minutes{of}: {status}" + (f" ({steps})" if steps else "") + f" — {keys.get(status, '')}"
        self.query_one("#minutes-status", Static).update(line)
        self._schedule("preview", self._update_preview, 0.3)
        panel = self.query_one(ExportsPanel)
        panel.blocked = "Save first (ctrl+s): exports are made from the saved file" if self.dirty else ""
        if self.baseline is not None:
            panel.day = self.baseline.start.date()
        if self.dirty:
            panel.show_note("Save first (ctrl+s): exports are made from the saved file.")
        elif get_in(self.data, ("status",)) == "draft":
            panel.show_note(
                "A draft is not sent to calendars: set the status to tentative or confirmed to export "
                "its invitations. Minutes, summary and bulletin export as they are."
            )
        else:
            panel.show_note(f"Files are written under {self.session.exports}.")

    def _update_preview(self) -> None:
        preview = self.query_one("#preview", Static)
        if self.valid is None:
            preview.update("(no preview while the event is not valid)")
            return
        preview.update(minutes_preview(self.session.store, self.valid, self.session.lang, self.meeting))

    def _update_conflicts(self) -> None:
        event = self.valid
        if event is not None:
            self.conflicts = self.session.conflicts(event)
        line = self.query_one("#conflicts", Static)
        if not self.conflicts:
            line.display = False
            return
        line.display = True
        shown = [f"⚠ {c.message}" for c in self.conflicts[:2]]
        if len(self.conflicts) > 2:
            shown.append(f"  … and {len(self.conflicts) - 2} more conflicts")
        line.update("\n".join(shown))

    # Editing fields

    def on_form_field_changed(self, event: FormField.Changed) -> None:
        event.stop()
        series = get_in(self.data, ("recurrence",)) is not None
        if event.path == ("recurrence", "freq") and (event.value is not None) != series:
            self._repeat(event.value)
            return
        data = set_in(self.data, event.path, event.value)
        if event.path == ("start",):
            data = self._keep_length(data, event.value)
        self.apply(data, field=dotted(event.path))

    def _keep_length(self, data: Data, new_start: Any) -> Data:
        """Moving the start moves the end too, keeping the event's length."""
        from planner.tui.widgets.when_field import parsed

        old, new, end = parsed(get_in(self.data, ("start",))), parsed(new_start), parsed(get_in(self.data, ("end",)))
        if old is None or new is None or end is None or end <= old:
            return data
        moved: Data = set_in(data, ("end",), (end + (new - old)).strftime("%Y-%m-%d %H:%M"))
        return moved

    def on_pick_field_requested(self, event: PickField.Requested) -> None:
        event.stop()
        pick_for(event.field, self.picker.options(event.field.source))

    # Editing lists

    def on_list_editor_highlighted(self, event: ListEditor.Highlighted) -> None:
        event.stop()
        if event.editor.id == "list-guests" and event.index != self._delegates_of:
            self._delegates_of = event.index
            self._show_lists()

    def on_list_editor_request(self, event: ListEditor.Request) -> None:
        event.stop()
        path, action, index = event.path, event.action, event.index
        if event.editor.id == "list-notes":
            self._edit_notes(index, remove=action == "remove")
            return
        if event.editor.id == "list-delegations" or (event.editor.id == "list-attendance" and self.meeting is not None):
            self._record_attendance(event.editor.id, action, index)
            return
        spec = spec_for(path)
        items = items_at(self.data, path)
        if action == "add":
            self._add(path, spec, items)
        elif action == "edit" and index < len(items):
            self._edit(path, spec, items, index)
        elif action == "remove" and index < len(items):
            self.apply(set_in(self.data, path, [*items[:index], *items[index + 1 :]]))
            self.notify("Removed — ctrl+z brings it back", timeout=3)
        elif action in ("up", "down") and items:
            other = index - 1 if action == "up" else index + 1
            if 0 <= other < len(items):
                items[index], items[other] = items[other], items[index]
                self.apply(set_in(self.data, path, items))
                event.editor.table.move_to(other)
        elif action in ("answer", "attendance") and index < len(items):
            values = ANSWERS if action == "answer" else ATTENDANCES
            default = "needs-action" if action == "answer" else "unknown"
            current = items[index].get(action, default)
            item = {**items[index], action: cycle(values, current)}
            self.apply(set_in(self.data, (*path, index), item))
        elif action == "invite-named":
            self._invite_named()

    def _add(self, path: FieldPath, spec: ListSpec, items: list[Any]) -> None:
        if spec.add in ("people", "municipalities"):
            key = "person" if spec.add == "people" else "municipality"
            source = "person" if spec.add == "people" else "municipality"
            present = [item.get(key) for item in items]

            def picked(values: Any) -> None:
                if not values:
                    return
                added = [{key: v} for v in values if v not in present]
                if added:
                    self.apply(set_in(self.data, path, [*items, *added]))

            self.app.push_screen(
                PickScreen(f"Add to {spec.title.lower()}", self.picker.options(source), multiple=True),
                picked,
            )
            return
        initial: dict[str, Any] = {
            str(f.path[0]): f.choices[0][1] for f in spec.form if f.kind == "choice" and not f.allow_blank and f.path
        }
        if spec.id_prefix:
            initial["id"] = numbered_id(spec.id_prefix, [i.get("id", "") for i in items])
        self._open_form(
            f"New: {spec.title.lower()}",
            spec,
            initial,
            lambda item: self.apply(set_in(self.data, path, [*items, item])),
        )

    def _edit(self, path: FieldPath, spec: ListSpec, items: list[Any], index: int) -> None:
        original = items[index]

        def done(item: Any) -> None:
            merged = item if spec.whole else {**{k: v for k, v in original.items() if k not in _keys(spec)}, **item}
            self.apply(set_in(self.data, (*path, index), merged))

        self._open_form(f"Edit: {spec.title.lower()}", spec, original, done)

    def _open_form(self, title: str, spec: ListSpec, initial: Any, done: Any) -> None:
        data = {"value": initial} if spec.whole else initial
        specs = tuple(replace(f, path=("value", *f.path)) for f in spec.form) if spec.whole else spec.form
        context = {"home_tz": get_in(self.data, ("tz",)) or self.session.store.settings.home_tz}

        def check(values: Data) -> tuple[Any, Mapping[str, str]]:
            target = values.get("value", {}) if spec.whole else values
            model, errors = validate(spec.model, target, context)
            if model is None:
                return None, ({f"value.{k}": v for k, v in errors.items()} if spec.whole else errors)
            return data_of(model), {}

        def finished(result: Any) -> None:
            if result is not None:
                done(result)

        self.app.push_screen(FormScreen(title, specs, data, check, self.picker, lang=self.session.lang), finished)

    def _edit_notes(self, index: int, remove: bool = False) -> None:
        agenda = items_at(self.data, ("agenda",))
        if index >= len(agenda):
            self.notify("The agenda is empty: add its items in the Agenda tab first", severity="warning")
            return
        item = agenda[index]
        data = self.data
        item_key = item.get("id")
        if not item_key:
            # Notes name their agenda item by id: give the item one, from its title.
            title = item.get("title") or {}
            item_key = item_id(title.get("en") or title.get("es") or "", [a.get("id", "") for a in agenda])
            data = set_in(data, ("agenda", index, "id"), item_key)
        notes = items_at(data, (*self.minutes_at, "notes"))
        position = next((n for n, note in enumerate(notes) if note.get("item") == item_key), None)
        if remove:
            if position is not None:
                self.apply(set_in(data, (*self.minutes_at, "notes"), [*notes[:position], *notes[position + 1 :]]))
            return
        current = notes[position] if position is not None else {"item": item_key}
        from planner.domain.minutes import ItemNotes

        specs = (FieldSpec(("notes",), "Notes", "bilingual-text"),)
        context = {"home_tz": self.session.store.settings.home_tz}

        def check(values: Data) -> tuple[Any, Mapping[str, str]]:
            model, errors = validate(ItemNotes, {**values, "item": item_key}, context)
            return (data_of(model) if model else None), errors

        def finished(result: Any) -> None:
            if result is None:
                return
            updated = list(notes)
            if position is None:
                updated.append(result)
            else:
                updated[position] = result
            self.apply(set_in(data, (*self.minutes_at, "notes"), updated))

        title = text(item.get("title"), self.session.lang)
        self.app.push_screen(
            FormScreen(f"Notes: {title}", specs, current, check, self.picker, lang=self.session.lang), finished
        )

    def _invite_named(self) -> None:
        if self.valid is None:
            self.notify("Fix the event's problems first", severity="warning")
            return
        invited = invite_participants(self.valid)
        added = len(invited.invitations) - len(self.valid.invitations)
        if not added:
            self.notify("Every named speaker, delegate and signatory is already invited")
            return
        self.apply(set_in(self.data, ("invitations",), data_of(invited).get("invitations")))
        self.notify(f"Invited {added} people")

    # Series

    def _show_series(self) -> None:
        event = self.valid
        rule = self.query_one("#series-rule", Static)
        if event is None or event.recurrence is None:
            rule.update(
                "The event has a problem (see the status line and the fields' messages): "
                "its occurrences show again once it is fixed"
                if event is None
                else ""
            )
            rows: list[tuple[str, ...]] = []
        else:
            start, end = wall_clock(event.start, event.tz), wall_clock(event.end, event.tz)
            rule.update(
                f"Repeats {event.recurrence.in_words()}, {start:%H:%M}–{end:%H:%M} {event.tz}. "
                "Overview's Repeats changes the frequency or makes it a single event."
            )
            rows = [self._occurrence_row(event, *occurrence) for occurrence in event.occurrence_times()]
        errors = errors_under(self.errors, ("occurrences",))
        key = (tuple(rows), tuple(errors))
        if self._shown.get("#occurrences") != key:
            self._shown["#occurrences"] = key
            self.query_one("#occurrences", OccurrencesEditor).show(rows, errors)

    def _occurrence_row(
        self,
        event: Event,
        day: date,
        start: datetime,
        end: datetime,
        override: Occurrence,
    ) -> tuple[str, ...]:
        lang = self.session.lang
        local, until = wall_clock(start, event.tz), wall_clock(end, event.tz)
        when = f"{local:%H:%M}–{until:%H:%M}"
        if override.start is not None:
            when = f"→ {weekday_short(local.date(), lang)} {local:%Y-%m-%d} {when}"
        status = "cancelled" if override.cancelled else "moved" if override.start is not None else ""
        return (
            f"{weekday_short(day, lang)} {day.isoformat()}",
            "—" if override.cancelled else when,
            self.session.name_of(override.host or event.host),
            status,
        )

    def on_occurrences_editor_request(self, message: OccurrencesEditor.Request) -> None:
        message.stop()
        event = self.valid
        if event is None or event.recurrence is None:
            self.notify("Fix the event's problems first", severity="warning")
            return
        occurrences = event.occurrence_times()
        if message.index >= len(occurrences):
            return
        day, start, end, override = occurrences[message.index]
        if message.action == "cancel":
            self._take_series(lambda: cancel_occurrence(event, day), f"{day} cancelled — r restores it")
        elif message.action == "restore":
            self._take_series(lambda: restore_occurrence(event, day), f"{day} restored")
        elif message.action == "move":
            self._move_occurrence(event, day, start, end)
        elif message.action == "host":
            self._host_occurrence(event, day, override.host or event.host)

    def _take_series(self, change: Callable[[], Event], note: str = "") -> None:
        """Apply a series rule of the domain: its result's rule and occurrences become the event's."""
        try:
            changed = data_of(change())
        except SeriesError as exc:
            self.notify(str(exc), severity="warning", timeout=8)
            self._show_fields()  # a refused Repeats choice shows the event's own again
            return
        data = self.data
        for key in ("recurrence", "occurrences"):
            if get_in(data, (key,)) != changed.get(key):
                data = set_in(data, (key,), changed.get(key))
        self.apply(data)
        if note:
            self.notify(note, timeout=3)

    def _repeat(self, freq: Any) -> None:
        """Overview's Repeats: a frequency makes a single event a series; none makes a series single again."""
        event = self.valid
        if event is None:
            self.notify("Fix the event's problems first, then choose how it repeats", severity="warning")
            self._show_fields()
            return
        if freq:
            self._take_series(lambda: make_series(event, freq), "A series now: the Series tab has its rule")
        else:
            self._take_series(lambda: make_single(event), "A single event now")

    def _move_occurrence(self, event: Event, day: date, start: datetime, end: datetime) -> None:
        from planner.tui.widgets.when_field import parsed

        specs = (FieldSpec(("start",), "Starts", "when"), FieldSpec(("end",), "Ends", "when"))
        initial = {"start": wall_clock(start, event.tz), "end": wall_clock(end, event.tz)}

        def check(values: Data) -> tuple[Any, Mapping[str, str]]:
            new_start, new_end = parsed(values.get("start")), parsed(values.get("end"))
            if new_start is None or new_end is None:
                example = "give a date and time such as 2017-08-10 15:00"
                return None, {name: example for name, v in (("start", new_start), ("end", new_end)) if v is None}
            try:
                return move_occurrence(event, day, new_start, new_end), {}
            except SeriesError as exc:
                return None, {exc.field or "record": str(exc)}

        def finished(result: Event | None) -> None:
            if result is not None:
                self._take_series(lambda: result, f"{day} moved")

        note = f"Wall-clock times in {event.tz}. Moved back to the rule's time, it is no longer a move."
        self.app.push_screen(
            FormScreen(
                f"Move the occurrence of {weekday_short(day, self.session.lang)} {day}",
                specs,
                initial,
                check,
                self.picker,
                lang=self.session.lang,
                note=note,
            ),
            finished,
        )

    def _host_occurrence(self, event: Event, day: date, current: str | None) -> None:
        screen = PickScreen(
            f"Host of the occurrence of {day} (none: the series' host)",
            self.picker.options("host"),
            selected=(current,) if current else (),
            allow_none=True,
        )

        def chosen(value: Any) -> None:
            if value is not None:
                host = None if value == NONE else str(value)
                self._take_series(lambda: host_occurrence(event, day, host), f"{day}: host changed")

        self.app.push_screen(screen, chosen)

    # Undo

    def action_undo(self) -> None:
        if self.position == 0:
            self.notify("Nothing to undo", timeout=2)
            return
        self.position -= 1
        self._restore()

    def action_redo(self) -> None:
        if self.position >= len(self.history) - 1:
            self.notify("Nothing to redo", timeout=2)
            return
        self.position += 1
        self._restore()

    def _restore(self) -> None:
        self.data = self.history[self.position]
        self._last_edit = None
        self._changed()

    # Tabs

    def action_next_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        visible = [pane.id for pane in tabs.query(TabPane) if pane.id and not self._hidden(pane.id)]
        if tabs.active in visible:
            self.action_show_tab(visible[(visible.index(tabs.active) + step) % len(visible)])

    def _hidden(self, tab: str) -> bool:
        kind = get_in(self.data, ("kind",))
        if tab == "legs":
            return not (kind == "study-visit" or get_in(self.data, ("legs",)))
        if tab == "signatories":
            return not (kind == "agreement-signing" or get_in(self.data, ("signatories",)))
        if tab == "recurrence":
            return not get_in(self.data, ("recurrence",))
        return False

    def action_show_tab(self, tab: str) -> None:
        """Show a tab and put the focus on its first field or list, ready for keys."""
        tabs = self.query_one(TabbedContent)
        tabs.active = tab
        self.call_after_refresh(self._focus_in, tabs.get_pane(tab))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        focused = self.focused
        if focused is None or not focused.display or not focused.is_on_screen:
            # The focus was on the tab left behind: move it to this one.
            self.call_after_refresh(self._focus_in, event.pane)

    def _focus_in(self, pane: TabPane) -> None:
        for widget in pane.query("FormField, ListEditor, Button"):
            if widget.display and widget.visible:
                widget.focus()
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "minutes":
            try:
                on_minutes = self.query_one(TabbedContent).active == "minutes"
            except Exception:
                return False
            return on_minutes
        return True

    # Saving

    def action_save(self) -> None:
        if self.valid is None:
            self.notify(
                "Not saved: " + "; ".join(f"{k}: {v}" for k, v in list(self.errors.items())[:3]),
                severity="error",
                timeout=6,
            )
            return
        if not self.dirty and self.changed_on_disk is None:
            self.notify("No changes to save", timeout=2)
            return
        if self.changed_on_disk is not None:
            self._ask_about_disk()
            return
        try:
            saved = self.session.store.save(self.valid)
        except StaleRecord:
            self.changed_on_disk = self.session.store.path_of(self.event_id)
            self._ask_about_disk()
            return
        except (RecordInvalid, RecordExists, StoreError) as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=8)
            return
        self._saved(saved)

    def _saved(self, saved: Event, note: str = "") -> None:
        path = self.session.store.path_of(saved.id)
        self.baseline = saved
        self.data = data_of(saved)
        # The saved state takes the place of the last step: undo still reaches back past the save.
        del self.history[self.position + 1 :]
        self.history[self.position] = self.data
        self._last_edit = None
        self.changed_on_disk = None
        self._changed()
        where = path.relative_to(self.session.root) if path and path.is_relative_to(self.session.root) else path
        self.notify(f"Saved {where}{note}", timeout=3)
        self.post_message(StoreChanged(*([path] if path else [])))

    # Someone else changed the file

    def on_changed_on_disk(self, message: ChangedOnDisk) -> None:
        message.stop()
        if not self.dirty and not self.is_new:
            self._reload()
            self.notify("This event changed on disk and was reloaded", timeout=5)
            return
        self.changed_on_disk = message.path
        self._show_status()
        self._ask_about_disk()

    def _ask_about_disk(self) -> None:
        if self._asking_about_disk:
            # One question at a time. A second dialog pushed over the first was popped in its place when the
            # first was answered (dismiss pops the top screen), before it had mounted.
            return
        path = self.changed_on_disk or self.session.store.path_of(self.event_id)
        where = path.relative_to(self.session.root) if path and path.is_relative_to(self.session.root) else path
        exists = path is not None and path.exists()
        message = (
            f"{where} was changed by someone else (another editor, a git pull) while you were editing it.\n\n"
            "Reload theirs: your unsaved changes here are dropped.\n"
            "Keep mine: your version is saved, and theirs is kept as a copy under events/.conflicts/ "
            "(listed on Home), so neither is lost."
            if exists
            else f"{where} was deleted on disk while you were editing it.\n\nKeep mine writes your version again; "
            "Reload theirs closes this screen."
        )
        answers = [
            ("mine", "Keep mine", "primary"),
            ("theirs", "Reload theirs", "warning"),
            ("later", "Decide later", "default"),
        ]
        self._asking_about_disk = True
        self.app.push_screen(ConfirmScreen("Changed on disk", message, answers), self._disk_answer)

    def _disk_answer(self, answer: str | None) -> None:
        self._asking_about_disk = False
        if answer == "theirs":
            self._reload()
            self.notify("Reloaded their version", timeout=4)
        elif answer == "mine":
            if self.valid is None:
                self.notify("Your version is not valid yet: fix it, then save again", severity="error")
                return
            try:
                saved, copy = self.session.store.keep_mine(self.valid)
            except (RecordInvalid, StoreError) as exc:
                self.notify(f"Not saved: {exc}", severity="error", timeout=8)
                return
            kept = f"; theirs kept as {copy.relative_to(self.session.root)}" if copy else ""
            self._saved(saved, kept)
        else:
            self._show_status()

    def _reload(self) -> None:
        store = self.session.store
        store.forget(self.event_id)
        fresh = store.get(self.event_id)
        self.changed_on_disk = None
        if not isinstance(fresh, Event):
            self.notify("The event's file is gone or no longer valid: see Home for its problems", severity="error")
            self.dismiss()
            return
        self.baseline = fresh
        self.data = data_of(fresh)
        self.history, self.position, self._last_edit = [self.data], 0, None
        self._changed()
        self.post_message(StoreChanged())

    # Leaving

    def action_back(self) -> None:
        if not self.dirty:
            self.dismiss()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
                if not self.dirty:
                    self.dismiss()
            elif answer == "discard":
                self.dismiss()

        message = (
            "Save them before leaving?"
            if self.valid is not None
            else ("They are not valid, so they cannot be saved as they are.")
        )
        answers = [("save", "Save", "primary"), ("discard", "Discard", "error"), ("cancel", "Stay", "default")]
        if self.valid is None:
            answers = answers[1:]
        self.app.push_screen(ConfirmScreen("Unsaved changes", message, answers), answered)

    # Duplicate and delete

    def action_duplicate(self) -> None:
        if self.dirty or self.baseline is None:
            self.notify("Save or discard your changes first, then duplicate", severity="warning")
            return
        from planner.tui.flows import duplicate_event

        duplicate_event(self.app, self.session, self.picker, self.baseline)

    def action_delete(self) -> None:
        if self.baseline is None:
            self.dismiss()
            return
        if self.dirty:
            self.notify("Save or discard your changes first, then delete", severity="warning")
            return
        from planner.tui.flows import delete_event

        def done(result: Event | None) -> None:
            if result is None:
                self.dismiss()
            else:
                self.baseline = result
                self.data = data_of(result)
                self.history, self.position = [self.data], 0
                self._changed()

        delete_event(self.app, self.session, self.baseline, done)

    # The meeting the Minutes tab records, and who came to it

    @property
    def minutes_at(self) -> FieldPath:
        """Where the chosen meeting's minutes are in the event's data (a series keeps them per occurrence)."""
        event = self.valid or self.baseline
        if event is None or self.meeting is None:
            return ("minutes",)
        return minutes_location(event, self.meeting)

    def _place_minutes(self) -> None:
        """List the series' meetings, keep the chosen one valid, and point the minutes' lists and fields at it."""
        event = self.valid or self.baseline
        select: Select[str] = self.query_one("#minutes-meeting", Select)
        if event is not None:
            days = [day for day, _ in meetings(event)]
            if not days:
                self.meeting = None
            elif self.meeting not in days:
                self.meeting = default_meeting(event, self.session.now())
            options = meeting_options(event, self.session.name_of)
            if self._shown.get("#minutes-meeting") != tuple(options):
                self._shown["#minutes-meeting"] = tuple(options)
                select.set_options(options)
        select.display = self.meeting is not None
        if self.meeting is not None and select.value != self.meeting.isoformat():
            select.value = self.meeting.isoformat()
        at = self.minutes_at
        for name in ("notes", "decisions", "actions"):
            self.query_one(f"#list-{name}", ListEditor).path = (*at, name)
        for field in self.query(FormField):
            if "minutes" in field.path:
                field.path = (*at, *field.path[field.path.index("minutes") + 1 :])

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "minutes-meeting":
            return
        event.stop()
        chosen = date.fromisoformat(str(event.value)) if isinstance(event.value, str) else None
        if chosen is None or chosen == self.meeting:
            return
        self.meeting = chosen
        self._show_all()

    def _meeting_rows(self, editor_id: str) -> list[tuple[str, ...]]:
        event = self.valid or self.baseline
        if event is None:
            return []
        names = self.session.name_of
        if editor_id == "list-delegations":
            return delegation_rows(event, self.meeting, names, self.session.lang)
        return invitation_rows(event, self.meeting, names)

    def _record_attendance(self, editor_id: str, action: str, index: int) -> None:
        """Answers and attendance at the chosen meeting; a series keeps them under the occurrence."""
        event, day = self.valid, self.meeting
        if event is None:
            self.notify("Fix the event's problems first", severity="warning")
            return
        if editor_id == "list-delegations":
            found = delegations(event, day)
            if action != "attendance" or index >= len(found):
                self.notify("Delegates are added and removed in the Municipalities tab; t records attendance")
                return
            try:
                changed = record_delegation(
                    event, day, found[index].municipality, cycle(ATTENDANCES, found[index].attendance)
                )
            except ValueError as exc:
                self.notify(str(exc), severity="warning")
                return
            self.apply(data_of(changed))
            return
        assert day is not None
        own: FieldPath = ("occurrences", day.isoformat(), "invitations")
        invited = meeting_invitations(event, day)
        if action == "add":
            self._add(own, INVITATIONS, items_at(self.data, own))
        elif action in ("answer", "attendance") and index < len(invited):
            current = invited[index]
            values = ANSWERS if action == "answer" else ATTENDANCES
            change = {action: cycle(values, getattr(current, action))}
            self.apply(data_of(record_invitation(event, day, current.person, **change)))
        elif action == "remove" and index < len(invited):
            items = items_at(self.data, own)
            person = invited[index].person
            if not any(item.get("person") == person for item in items):
                self.notify(
                    f"{self.session.name_of(person)} is invited to the whole series: "
                    "remove them in the Invitations tab",
                    severity="warning",
                )
                return
            self.apply(set_in(self.data, own, [item for item in items if item.get("person") != person]))
        elif action == "edit":
            self.notify("r records the answer, t the attendance")

    # Minutes workflow

    def action_minutes(self, command: str) -> None:
        if self.valid is None:
            self.notify("Fix the event's problems first", severity="warning")
            return
        who = current_user(self.session.root)
        try:
            moved = advance(
                self.valid,
                command,  # type: ignore[arg-type]
                who,
                at=self.session.now().astimezone(UTC),
                occurrence=self.meeting,
            )
        except MinutesError as exc:
            self.notify(str(exc), severity="warning", timeout=6)
            return
        if self.baseline is not None and self.dirty:
            # The step is saved with the edits made so far, as one save.
            pass
        self.data = data_of(moved)
        self.history = [*self.history[: self.position + 1], self.data]
        self.position += 1
        self._validate()
        if self.valid is None:
            self._changed()
            return
        try:
            saved = self.session.store.save(self.valid)
        except StaleRecord:
            self.changed_on_disk = self.session.store.path_of(self.event_id)
            self._changed()
            self._ask_about_disk()
            return
        except (RecordInvalid, RecordExists, StoreError) as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=8)
            self._changed()
            return
        step = {"circulate": "circulated", "approve": "approved", "reopen": "reopened"}[command]
        self._saved(saved, f" — minutes {step} by {who}")

    # Exports

    def on_exports_panel_finished(self, message: ExportsPanel.Finished) -> None:
        message.stop()
        # An export may raise the event's SEQUENCE and save it: show what is on disk now.
        path = self.session.store.path_of(self.event_id)
        if path is not None and not self.session.store.is_current(path) and not self.dirty:
            self._reload()
        else:
            self.post_message(StoreChanged())


def _keys(spec: ListSpec) -> set[str]:
    """The item keys a list's form edits (the rest of an item, such as a guest's delegates, is kept)."""
    return {str(f.path[0]) for f in spec.form if f.path}
