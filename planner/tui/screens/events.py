"""The events screen: every event (a series once per occurrence), searched as you type, filtered and sorted.

Rows come from the store's index, never from parsing every file: the events
around today are shown at once, then every row is read in a worker thread.
Search and filters run over those rows in memory; the table draws only the
rows on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Footer, Header, Input, Static

from planner.domain.ids import fold
from planner.domain.rows import EventFilter, EventRow
from planner.domain.vocabulary import EVENT_KINDS, STATUSES
from planner.tui.following import follow_store
from planner.tui.forms import FieldSpec, Picker, build_field, choices
from planner.tui.messages import OpenEvent
from planner.tui.screens.pick import pick_for
from planner.tui.screens.searchable import SearchableScreen
from planner.tui.session import Session, listing_in_thread, search_text
from planner.tui.widgets.events_table import COLUMNS, KIND_LABELS, EventsTable, sort_key
from planner.tui.widgets.form_field import FormField
from planner.tui.widgets.pick_field import PickField
from planner.tui.widgets.rows_table import RowsTable

FILTERS: tuple[FieldSpec, ...] = (
    FieldSpec(("kind",), "Kind", "choice", choices(EVENT_KINDS, KIND_LABELS), empty="(any)"),
    FieldSpec(("status",), "Status", "choice", choices(STATUSES), empty="(any)"),
    FieldSpec(("municipality",), "Municipality", "pick", source="municipality", empty="(any)"),
    FieldSpec(("person",), "Person", "pick", source="person", empty="(any)"),
    FieldSpec(("first",), "From", placeholder="YYYY-MM-DD"),
    FieldSpec(("last",), "To", placeholder="YYYY-MM-DD"),
)
SORTABLE = ("date", "title", "kind", "host", "status")


@dataclass(frozen=True)
class Listing:
    """Every row read, with the text search looks in; replaced whole when the store changes."""

    rows: tuple[EventRow, ...] = ()
    texts: tuple[str, ...] = ()
    complete: bool = False
    """False while only the events around today are known."""


def first_not_over(rows: tuple[EventRow, ...] | list[EventRow], now: datetime) -> int:
    """Index of the first event that has not ended by ``now``; the last one when all have."""
    for index, row in enumerate(rows):
        if row.end >= now:
            return index
    return max(len(rows) - 1, 0)


def _narrower(words: list[str], before: list[str]) -> bool:
    """Whether every row matching ``words`` also matched ``before`` (each earlier word is in a new one)."""
    return all(any(old in new for new in words) for old in before)


def _day(text: str | None) -> tuple[date | None, str | None]:
    if not text:
        return None, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, f"{text!r} is not a date such as 2017-03-30"


class EventsScreen(SearchableScreen):
    """Search as you type (``/`` or any letter), F3 filters, F4 sorts, Enter opens, ctrl+n new, F2 duplicates."""

    TABLE = "#events"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="events.search"),
        Binding("f3", "filters", "Filters", id="events.filters"),
        Binding("f4", "sort", "Sort", id="events.sort"),
        Binding("ctrl+n", "new", "New", id="events.new"),
        Binding("f2", "duplicate", "Duplicate", id="events.duplicate"),
        Binding("delete", "delete", "Delete", id="events.delete"),
        Binding("escape", "back", "Back", id="events.back"),
    ]

    def __init__(self, session: Session, picker: Picker) -> None:
        super().__init__()
        self.session = session
        self.picker = picker
        self.listing = Listing()
        self.filter = EventFilter()
        self.query_text = ""
        self.sort_column = "date"
        self.sort_reverse = False
        self.shown: tuple[EventRow, ...] = ()
        self._last_match: tuple[Listing, EventFilter, list[str], list[int]] | None = None
        """The last search's listing, filter, words and the indices of its matches."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Search titles, municipalities, speakers …  (/ to search, ↓ to the table)",
            id="search",
            compact=True,
            select_on_focus=False,
        )
        with Horizontal(id="filters"):
            for spec in FILTERS:
                yield build_field(spec, {}, self.picker, self.session.lang)
            yield Button("Clear", id="clear-filters", compact=True)
        yield Static("", id="problems", markup=False)
        yield Static("", id="summary", markup=False)
        yield EventsTable(name_of=self.session.name_of, lang=self.session.lang, id="events", empty="No events match")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Events"
        self.sub_title = str(self.session.root)
        self.query_one("#filters").display = False
        table = self.query_one("#events", EventsTable)
        table.sort_key = self.sort_column
        today = self.session.today()
        # The events around today at once (one indexed query), everything else from a worker.
        near = tuple(self.session.rows(EventFilter(first=today - timedelta(days=60), last=today + timedelta(days=120))))
        self.listing = Listing(near, tuple(search_text(r, self.session.name_of) for r in near))
        self._show(select=True)
        table.focus()
        follow_store(self, self.reload)
        # Reading every row runs in a thread; started after the first paint, so as not to delay it.
        self.call_after_refresh(self.reload)

    def reload(self, *_: Any) -> None:
        banner = self.query_one("#problems", Static)
        files = len({p.path for p in self.session.store.problems if p.is_error})
        banner.display = bool(files)
        noun = "file has" if files == 1 else "files have"
        banner.update(f"{files} {noun} errors — Home lists them (planner check too)")
        self._load()

    @work(thread=True, exclusive=True, group="events-rows")
    def _load(self) -> None:
        rows, texts = listing_in_thread(self.session.root, self.session.name_of)
        self.app.call_from_thread(self._loaded, Listing(tuple(rows), tuple(texts), complete=True))

    def _loaded(self, listing: Listing) -> None:
        first = not self.listing.complete
        self.listing = listing
        self._show(select=first)

    # Showing

    def matching(self) -> list[EventRow]:
        words = fold(self.query_text).split()
        wanted = self.filter
        listing, texts = self.listing, self.listing.texts
        last = self._last_match
        if last is not None and last[0] is listing and last[1] == wanted and _narrower(words, last[2]):
            # A letter added to the search: only the rows that matched before can match now.
            candidates: Sequence[int] = last[3]
        else:
            candidates = range(len(listing.rows))
        everyone = wanted == EventFilter()
        hits = [
            i
            for i in candidates
            if all(word in texts[i] for word in words) and (everyone or wanted.matches(listing.rows[i]))
        ]
        self._last_match = (listing, wanted, words, hits)
        found = [listing.rows[i] for i in hits]
        if self.sort_column != "date" or self.sort_reverse:
            found.sort(
                key=sort_key(self.sort_column, self.session.name_of, self.session.lang), reverse=self.sort_reverse
            )
        return found

    def _show(self, select: bool = False, first: bool = False) -> None:
        """Show the matching rows; ``select`` puts the cursor on the next event, ``first`` on the first match."""
        table = self.query_one("#events", EventsTable)
        current = table.current
        rows = tuple(self.matching())
        self.shown = rows
        if first:
            cursor = 0
        elif select and self.sort_column == "date" and not self.sort_reverse and not self.query_text:
            cursor = first_not_over(rows, self.session.now())
        elif current is not None and current in rows:
            cursor = rows.index(current)
        else:
            cursor = 0
        table.sort_key, table.sort_reverse = self.sort_column, self.sort_reverse
        table.set_rows(rows, cursor=cursor)
        self._summary()

    def _summary(self) -> None:
        total = len(self.listing.rows)
        parts = [f"{len(self.shown)} of {total} events" + ("" if self.listing.complete else " (reading all …)")]
        if self.query_text:
            parts.append(f"search {self.query_text!r}")
        wanted = self.filter
        for label, value in (
            ("kind", wanted.kind),
            ("status", wanted.status),
            ("municipality", self.session.name_of(wanted.municipality) if wanted.municipality else None),
            ("person", self.session.name_of(wanted.person) if wanted.person else None),
            ("from", wanted.first),
            ("to", wanted.last),
        ):
            if value:
                parts.append(f"{label}: {value}")
        label = next((c.label for c in COLUMNS if c.key == self.sort_column), self.sort_column)
        parts.append(f"sorted by {label.lower()}" + (" (reversed)" if self.sort_reverse else ""))
        self.query_one("#summary", Static).update(" · ".join(parts))

    # Search

    def searched(self, text: str) -> None:
        self.query_text = text
        self._show(first=bool(text), select=not text)

    def narrowed(self) -> bool:
        return super().narrowed() or self.filter != EventFilter()

    def clear_search(self) -> None:
        super().clear_search()
        self._clear_filters()

    # Filters

    def action_filters(self) -> None:
        filters = self.query_one("#filters")
        filters.display = not filters.display
        if filters.display:
            self.query(FormField).first().focus()
        else:
            self.query_one("#events", EventsTable).focus()

    def on_form_field_changed(self, event: FormField.Changed) -> None:
        event.stop()
        key = str(event.path[0])
        value = event.value or None
        if key in ("first", "last"):
            day, error = _day(value)
            event.field.error = error or ""
            if error:
                return
            value = day
        self.filter = replace(self.filter, **{key: value})
        self._show(first=True)

    def on_pick_field_requested(self, event: PickField.Requested) -> None:
        event.stop()
        field = event.field
        pick_for(field, self.picker.options(field.source), f"Filter by {field.label.lower()}")

    @on(Button.Pressed, "#clear-filters")
    def _clear_pressed(self) -> None:
        self._clear_filters()

    def _clear_filters(self) -> None:
        for field in self.query(FormField):
            field.set_value(None)
            field.error = ""
        self.filter = EventFilter()
        self._show()

    # Sorting

    def action_sort(self) -> None:
        index = SORTABLE.index(self.sort_column) if self.sort_column in SORTABLE else -1
        self.sort_column = SORTABLE[(index + 1) % len(SORTABLE)]
        self.sort_reverse = False
        self._show()

    def on_rows_table_sort_requested(self, message: RowsTable.SortRequested) -> None:
        message.stop()
        if message.column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = message.column, False
        self._show()

    # Opening, new, duplicate, delete

    def on_rows_table_selected(self, message: RowsTable.Selected) -> None:
        message.stop()
        self.post_message(OpenEvent(message.row.id))

    def _current_event(self) -> Any:
        row = self.query_one("#events", EventsTable).current
        if row is None:
            return None
        event = self.session.event(row.id)
        if event is None:
            self.notify(f"{row.id}: its file does not load; see the problems on Home", severity="error")
        return event

    def action_new(self) -> None:
        from planner.tui.flows import new_event

        new_event(self.app, self.session, self.picker)

    def action_duplicate(self) -> None:
        from planner.tui.flows import duplicate_event

        event = self._current_event()
        if event is not None:
            duplicate_event(self.app, self.session, self.picker, event)

    def action_delete(self) -> None:
        from planner.tui.flows import delete_event

        event = self._current_event()
        if event is not None:
            delete_event(self.app, self.session, event, lambda _: None)
