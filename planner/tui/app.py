"""The planner's Textual app: screens on one stack over Home, the store watcher, and the command palette."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, TextArea

from planner.domain.times import utc_now
from planner.index import Catalog
from planner.store import Store
from planner.store.folders import CONFLICTS_FOLDER
from planner.tui.forms import Picker
from planner.tui.messages import ChangedOnDisk, OpenDraft, OpenEvent, StoreChanged
from planner.tui.providers import RecordsProvider
from planner.tui.session import Clock, Session, refresh_in_thread

if TYPE_CHECKING:
    from planner.tui.screens.event import EventScreen

Start = Literal["home", "events", "calendar"]
PLACES: dict[str, str] = {
    "home": "Home",
    "events": "Events",
    "calendar": "Calendar",
    "people": "People",
    "municipalities": "Municipalities",
    "organizations": "Organizations",
}
REGISTRY_OF = {"people": "person", "municipalities": "municipality", "organizations": "organization"}


class PlannerApp(App[None]):
    """Plan, edit and follow up the programme of one store."""

    TITLE = "Planner — Migrants and Cities"
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss",
        "forms.tcss",
        "home.tcss",
        "events.tcss",
        "event.tcss",
        "calendar.tcss",
        "registry.tcss",
        "dialogs.tcss",
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False),
        Binding("q", "quit", "Quit", id="app.quit_q", show=False),
    ]
    COMMANDS = App.COMMANDS | {RecordsProvider}

    data_version: reactive[int] = reactive(0)
    """Raised whenever records change (saved here or on disk): screens showing store data reload."""

    def __init__(
        self,
        store: Store,
        *,
        catalog: Catalog | None = None,
        clock: Clock | None = None,
        exports: Path | None = None,
        start: Start = "home",
        watch: bool = True,
        cursor_blink: bool = True,
        refresh_at_start: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock: Clock = clock or utc_now
        self.session = Session(
            store,
            catalog or Catalog.open(store.root),
            self.clock,
            store.settings.default_lang,
            exports or Path("exports"),
        )
        self.picker = Picker(self.session)
        self.start = start
        self.watching = watch
        self.cursor_blink = cursor_blink
        self.refresh_at_start = refresh_at_start
        self.sub_title = str(store.root)

    @classmethod
    def for_store(cls, root: Path, **options: Any) -> PlannerApp:
        """The app on the store at ``root``, opened lazily from its index.

        A warm index answers at once and is brought in step in the background
        (files changed since are picked up a moment later); a missing or
        outdated one is rebuilt first, as every command does.
        """
        catalog = Catalog.open(root, refresh=False)
        warm = catalog.is_warm()
        if not warm:
            catalog.refresh()
        store = Store.open(root, catalog)
        return cls(store, catalog=catalog, refresh_at_start=warm, **options)

    def get_default_screen(self) -> Screen[None]:
        from planner.tui.screens.home import HomeScreen

        return HomeScreen(self.session)

    def on_mount(self) -> None:
        from planner.tui.preferences import save_theme, saved_theme

        theme = saved_theme()
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        self.watch(self, "theme", save_theme, init=False)
        if self.start != "home":
            self.action_go(self.start)
        if self.watching:
            self.watch_store()
        if self.refresh_at_start:
            # After the first screen is painted: the index answers first, then catches up with the files. Two
            # refreshes on, not one: the first is the screen's layout, and a refresh thread started then held the
            # interpreter while the rows were drawn (first rows at 10,000 events 0.6 s, or up to 1.1 s).
            self.call_after_refresh(self.call_after_refresh, self._refresh, ())

    def on_unmount(self) -> None:
        stop = getattr(self, "_stop_watching", None)
        if stop is not None:
            stop.set()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.cursor_blink and isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False

    # Navigation

    def _editing(self) -> list[EventScreen]:
        if "planner.tui.screens.event" not in sys.modules:
            return []  # no event screen was ever opened: nothing to import to find out
        from planner.tui.screens.event import EventScreen

        return [s for s in self.screen_stack if isinstance(s, EventScreen)]

    def action_go(self, place: str) -> None:
        """Go to one of the main screens, over Home; refused while an event has unsaved changes."""
        if any(s.dirty for s in self._editing()):
            self.notify("An event has unsaved changes: save (ctrl+s) or leave it (Esc) first", severity="warning")
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        # Each screen's module is imported when first shown: the UI's start pays only for the first screen.
        if place == "events":
            from planner.tui.screens.events import EventsScreen

            self.push_screen(EventsScreen(self.session, self.picker))
        elif place == "calendar":
            from planner.tui.screens.calendar import CalendarScreen

            self.push_screen(CalendarScreen(self.session, self.picker))
        elif place in REGISTRY_OF:
            from planner.tui.screens.registry import RegistryScreen

            self.push_screen(RegistryScreen(self.session, self.picker, REGISTRY_OF[place]))

    def action_new_event(self) -> None:
        from planner.tui.flows import new_event

        new_event(self, self.session, self.picker)

    def action_open_event(self, event_id: str) -> None:
        from planner.tui.screens.event import EventScreen

        for screen in self._editing():
            if isinstance(screen, EventScreen) and screen.event_id == event_id:
                if screen is not self.screen:
                    self.notify("That event is already open, under this screen: Esc goes back to it")
                return
        event = self.session.event(event_id)
        if event is None:
            self.notify(f"{event_id}: its file does not load; Home lists its problems", severity="error")
            return
        self.push_screen(EventScreen(self.session, self.picker, event))

    def action_open_record(self, record_id: str) -> None:
        from planner.tui.screens.record import RecordScreen

        record = self.store.get(record_id)
        if record is not None:
            self.push_screen(RecordScreen(self.session, self.picker, record))

    async def action_quit(self) -> None:
        """Quit, unless an event has unsaved changes: then ask first."""
        from planner.tui.screens.confirm import ConfirmScreen

        if not any(s.dirty for s in self._editing()):
            self.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "quit":
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "Unsaved changes",
                "An event has changes that are not saved. Quit anyway and lose them?",
                [("stay", "Stay", "primary"), ("quit", "Quit and lose them", "error")],
            ),
            answered,
        )

    def on_open_event(self, message: OpenEvent) -> None:
        self.action_open_event(message.event_id)

    def on_open_draft(self, message: OpenDraft) -> None:
        from planner.tui.screens.event import EventScreen

        self.push_screen(EventScreen(self.session, self.picker, None, draft=message.event, tab=message.tab))

    def action_help(self) -> None:
        from planner.tui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        keys: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            # The planner's own keys have ids ("event.save"); Textual's widget keys (cursor moves) are left out.
            if binding.description and binding.id and "." in binding.id and binding.action not in seen:
                seen.add(binding.action)
                keys.append((self.get_key_display(binding), binding.description))
        everywhere = [
            ("F1 or ?", "this help"),
            ("ctrl+p", "command palette: actions, and any event, person or municipality"),
            ("ctrl+q", "quit"),
            ("Esc", "back (asks first when an event has unsaved changes)"),
            ("Tab / shift+Tab", "next / previous field"),
            ("mouse", "click fields, tabs, rows; double-click opens"),
        ]
        places = [
            ("n (Home)", "new event"),
            ("e (Home)", "events"),
            ("c (Home)", "calendar"),
            ("p / m / o (Home)", "people, municipalities, organizations"),
        ]
        self.push_screen(
            HelpScreen(
                [
                    (f"On this screen ({screen.title or 'Home'})", keys),
                    ("Everywhere", everywhere),
                    ("From Home", places),
                ]
            )
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for place, label in PLACES.items():
            yield SystemCommand(f"Go to {label}", f"Show {label.lower()}", partial(self.action_go, place))
        yield SystemCommand("New event", "Plan a new event from its kind", self.action_new_event)
        yield SystemCommand("Help", "The keys of this screen", self.action_help)
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            yield SystemCommand(
                f"{screen.title or 'Screen'}: {binding.description}",
                f"key: {key}",
                partial(self.run_action, binding.action, active.node),
            )

    # Keeping in step with the store

    def on_store_changed(self, message: StoreChanged) -> None:
        self._refresh(message.paths)

    @work(exclusive=False, group="refresh")
    async def _refresh(self, paths: tuple[Path, ...], external: bool = False) -> None:
        parsed = await asyncio.to_thread(refresh_in_thread, self.store.root)
        if not parsed and not paths:
            return  # the start's background refresh found the index current: nothing to show again
        editing = {s.event_id: s for s in self._editing()}
        if external:
            for path in paths:
                record_id = self.store.id_at(path)
                screen = editing.get(record_id or "")
                if screen is not None:
                    screen.post_message(ChangedOnDisk(path))
        self.store.resync(self.session.catalog, changed=paths or None, keep=editing)
        self.data_version += 1

    @work(exclusive=True, group="watch")
    async def watch_store(self) -> None:
        """Notice files changed by others (a git pull, an editor) within a second or two."""
        from watchfiles import awatch

        root = self.store.root
        # The watcher reports absolute paths; the store names files as it was opened (``./events`` by default).
        base = root.resolve()
        self._stop_watching = asyncio.Event()
        async for changes in awatch(
            base, debounce=400, step=100, recursive=True, stop_event=self._stop_watching, rust_timeout=500
        ):
            paths = sorted({root / part for _, p in changes if (part := _record_part(base, Path(p))) is not None})
            # Files this app wrote are current; a file it deleted is gone and no longer known: neither is news.
            changed = [
                p for p in paths if not self.store.is_current(p) and (p.exists() or self.store.id_at(p) is not None)
            ]
            if not changed:
                continue
            self._refresh(tuple(changed), external=True)
            names = ", ".join(str(p.relative_to(root)) for p in changed[:3])
            more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
            self.notify(f"Changed on disk: {names}{more}", title="Store", timeout=4)


def _record_part(base: Path, path: Path) -> Path | None:
    """Where a record's TOML file lies under the store's folder ``base`` (absolute, as the watcher reports it);
    ``None`` for anything else: a temporary file, a conflict copy, the index."""
    if path.suffix != ".toml" or path.name.startswith("."):
        return None
    try:
        part = path.relative_to(base)
    except ValueError:
        return None
    if any(name.startswith(".") for name in part.parts) or CONFLICTS_FOLDER in part.parts:
        return None
    return part
