"""What every screen works with: the store, its index, the clock, the language and the exports folder.

No Textual here: the session answers questions about the store (names, rows,
conflicts, actions) and screens ask it. Work that touches many files has a
``*_in_thread`` form that opens its own index connection, because SQLite
connections belong to the thread that opened them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from planner.domain.event import Event
from planner.domain.ids import fold
from planner.domain.records import Municipality, Organization, Person, Programme, Record
from planner.domain.rows import EventFilter, EventRow
from planner.domain.text import Lang
from planner.domain.times import zone
from planner.index import Catalog
from planner.rules.conflicts import Conflict, conflicts_of
from planner.rules.followup import ActionRow, all_actions
from planner.store import Store
from planner.store.codec import parse_record
from planner.store.layout import conflict_copies
from planner.store.reading import RECORD_LIMIT, read_bounded

Clock = Callable[[], datetime]
"""What the app asks for the current time (aware); tests pass a fixed one."""


@dataclass(frozen=True)
class Option:
    """Something to pick: its id, the name shown, and a detail line searched too."""

    value: str
    label: str
    detail: str = ""


class Session:
    """One open store and everything the screens share about it."""

    def __init__(self, store: Store, catalog: Catalog, clock: Clock, lang: Lang, exports: Path) -> None:
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.lang: Lang = lang
        self.exports = exports

    @property
    def root(self) -> Path:
        return self.store.root

    # Time

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().astimezone(zone(self.store.settings.home_tz)).date()

    # Names

    def name_of(self, record_id: str | None) -> str:
        if not record_id:
            return ""
        return self.store.name_of(record_id, self.lang)

    def people(self) -> dict[str, Person]:
        return self.store.all(Person)

    def municipalities(self) -> dict[str, Municipality]:
        return self.store.all(Municipality)

    def organizations(self) -> dict[str, Organization]:
        return self.store.all(Organization)

    def programmes(self) -> dict[str, Programme]:
        return self.store.all(Programme)

    def person_options(self) -> list[Option]:
        options = []
        for person in self.people().values():
            where = self.name_of(person.municipality or person.organization)
            role = person.role.get(self.lang) if person.role else ""
            options.append(Option(person.id, person.name, " · ".join(p for p in (role, where) if p)))
        return sorted(options, key=lambda o: fold(o.label))

    def municipality_options(self) -> list[Option]:
        found = [
            Option(m.id, m.name, "programme" if m.participating else (m.region or ""))
            for m in self.municipalities().values()
        ]
        return sorted(found, key=lambda o: (o.detail != "programme", fold(o.label)))

    def organization_options(self) -> list[Option]:
        found = [Option(o.id, o.display_name(self.lang), o.name) for o in self.organizations().values()]
        return sorted(found, key=lambda o: fold(o.label))

    def host_options(self) -> list[Option]:
        hosts = [
            Option(o.value, o.label, f"municipality · {o.detail}".rstrip(" ·")) for o in self.municipality_options()
        ]
        hosts += [Option(o.value, o.label, "organization") for o in self.organization_options()]
        return hosts

    def registry(self, label: str) -> dict[str, Record]:
        models: dict[str, type[Record]] = {
            "person": Person,
            "municipality": Municipality,
            "organization": Organization,
            "programme": Programme,
        }
        return dict(self.store.all(models[label]))

    # Events

    def event(self, event_id: str) -> Event | None:
        found = self.store.get(event_id)
        return found if isinstance(found, Event) else None

    def taken(self, record_id: str) -> bool:
        return self.store.get(record_id) is not None or self.catalog.path_of(record_id) is not None

    def rows(self, wanted: EventFilter | None = None) -> list[EventRow]:
        return self.catalog.rows(wanted or EventFilter())

    def home_rows(self, limit: int = 8) -> tuple[str, list[EventRow]]:
        """Upcoming events, else the most recent ones: a heading and the rows.

        Asks the index for a month, then a year, then ten years, so that a large
        store is not read whole for eight lines.
        """
        now, today = self.now(), self.today()
        for days in (31, 366, 3660, None):
            last = today + timedelta(days=days) if days else None
            upcoming = [r for r in self.catalog.rows(EventFilter(first=today, last=last)) if r.end >= now]
            if len(upcoming) >= limit or (days is None and upcoming):
                return "Upcoming events", upcoming[:limit]
        for days in (366, 3660, None):
            first = today - timedelta(days=days) if days else None
            recent = self.catalog.rows(EventFilter(first=first, last=today))
            if len(recent) >= limit or days is None:
                return "Most recent events (none upcoming)", recent[-limit:]
        return "Events", []

    def candidates(self, event: Event, rows: Iterable[EventRow] | None = None) -> list[Event]:
        """Events whose times come within a day of ``event``'s: what it may conflict with.

        ``rows`` are index rows known to cover those days (one query for many
        events); without them the index is asked.
        """
        first, last = self._reach(event)
        if rows is None:
            rows = self.catalog.rows(EventFilter(first=first, last=last))
        ids = dict.fromkeys(r.id for r in rows if r.id != event.id and r.overlaps(first, last))
        found = [self.event(i) for i in ids]
        return [e for e in found if e is not None]

    @staticmethod
    def _reach(event: Event) -> tuple[date, date]:
        first = event.start.date() - timedelta(days=1)
        last = event.end.date() + timedelta(days=1)
        if event.recurrence is not None:
            times = event.occurrence_times()
            last = max((end.date() for _, _, end, _ in times), default=last) + timedelta(days=1)
        return first, last

    def conflicts(self, event: Event, rows: Iterable[EventRow] | None = None) -> list[Conflict]:
        return conflicts_of(event, self.candidates(event, rows), name_of=self.name_of, lang=self.lang)

    def home_conflicts(self, rows: Iterable[EventRow]) -> list[Conflict]:
        """Conflicts of the events of ``rows``, asking the index once for the days they span."""
        events = [e for e in (self.event(i) for i in dict.fromkeys(r.id for r in rows)) if e is not None]
        if not events:
            return []
        reaches = [self._reach(e) for e in events]
        around = self.catalog.rows(EventFilter(first=min(r[0] for r in reaches), last=max(r[1] for r in reaches)))
        found: list[Conflict] = []
        for event in events:
            found.extend(self.conflicts(event, around))
        return sorted(set(found))

    def conflict_copies(self) -> list[Path]:
        return conflict_copies(self.root)


def search_text(row: EventRow, name_of: Callable[[str | None], str]) -> str:
    """What incremental search looks in: titles, id, kind, status, host, municipalities, speakers."""
    parts = [row.title_es or "", row.title_en or "", row.id, row.kind, row.status, name_of(row.host)]
    parts += [name_of(m) for m in row.municipalities]
    parts += [name_of(p) for p in row.speakers]
    return fold(" ".join(parts))


def load_rows_in_thread(root: Path, wanted: EventFilter | None = None) -> list[EventRow]:
    """Every row matching ``wanted``, read through a connection of this thread's own."""
    catalog = Catalog.open(root, refresh=False)
    try:
        return catalog.rows(wanted or EventFilter())
    finally:
        catalog.close()


def compact(row: EventRow) -> EventRow:
    """The row as the events table keeps it: ids shared between rows, no path or legs (100,000 rows fit)."""
    intern = sys.intern
    return replace(
        row,
        id=intern(row.id),
        kind=intern(row.kind),
        status=intern(row.status),
        tz=intern(row.tz),
        host=intern(row.host) if row.host else None,
        municipalities=tuple(map(intern, row.municipalities)),
        speakers=tuple(map(intern, row.speakers)),
        people=tuple(map(intern, row.people)),
        path=None,
        legs=(),
    )


def listing_in_thread(root: Path, name_of: Callable[[str | None], str]) -> tuple[list[EventRow], list[str]]:
    """Every row, compacted, and the text search looks in, read one row at a time on this thread's connection."""
    catalog = Catalog.open(root, refresh=False)
    rows: list[EventRow] = []
    texts: list[str] = []
    try:
        for row in catalog.iter_rows(EventFilter()):
            rows.append(compact(row))
            texts.append(search_text(row, name_of))
    finally:
        catalog.close()
    return rows, texts


def refresh_in_thread(root: Path) -> int:
    """Bring the index in step with the files; how many files it parsed or found gone."""
    catalog = Catalog.open(root, refresh=False)
    try:
        return catalog.refresh() + catalog.removed
    finally:
        catalog.close()


def actions_in_thread(paths: Iterable[Path], home_tz: str, today: date) -> list[ActionRow]:
    """Action items of every meeting, reading only the event files that mention actions at all."""
    events = []
    for path in paths:
        try:
            raw = read_bounded(path, RECORD_LIMIT)
        except OSError:
            continue  # its problem is on Home
        if b"actions" not in raw:
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        event, _ = parse_record(Event, text, path, {"home_tz": home_tz})
        if event is not None:
            events.append(event)
    return all_actions(events, today)
