"""Stores written into temporary folders, a fixed clock, an app factory, and the steps the Pilot tests share.

Every test works on a copy: the shipped store is copied from ``events/`` and
small stores are written from records. The index lives in a temporary cache
folder (``XDG_CACHE_HOME``), never the user's.

Tests wait on conditions (``until``), never for a fixed time. The keyed
workflows type (``type_text``) or paste (``paste``); tests of a screen's state
set its fields at once (``put``, ``fill``), which post their changes as typing
does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from planner.domain.event import Event
from planner.domain.records import Municipality, Organization, Person, Record
from planner.domain.settings import StoreSettings
from planner.domain.text import Lang
from planner.index import Catalog
from planner.store import Store
from planner.store.codec import dumps
from planner.store.folders import SETTINGS_FILE
from planner.store.layout import record_path
from planner.tui.app import PlannerApp
from planner.tui.screens.event import EventScreen
from planner.tui.widgets.form_field import FormField
from tests.helpers.store import shipped_copy


def make_event(**fields: Any) -> Event:
    return Event.model_validate({"tz": "America/Santiago", **fields}, context={"home_tz": "America/Santiago"})


def monthly_series() -> Event:
    """A round table on the first Thursday of six months from 4 May 2017, hosted by Quilicura."""
    return make_event(
        id="mesa-mensual",
        title={"es": "Mesa mensual"},
        kind="round-table",
        status="confirmed",
        start="2017-05-04T09:30:00",
        end="2017-05-04T12:30:00",
        host="quilicura",
        recurrence={"freq": "monthly", "byday": ["1TH"], "count": 6},
    )


REGISTRY: tuple[Record, ...] = (
    Municipality(id="quilicura", name="Quilicura", participating=True),
    Municipality(id="independencia", name="Independencia", participating=True),
    Municipality(id="santiago", name="Santiago"),
    Organization(id="iom-chile", name="Organización Internacional para las Migraciones", short_name="OIM Chile"),
    Person(id="ana-perez", name="Ana Pérez", municipality="quilicura", email="ana.perez@example.org"),
    Person(id="luis-soto", name="Luis Soto", municipality="independencia", email="luis.soto@example.org"),
)

# Listed out of date order on purpose; the two 2017-04-06 events sort by time, not by file name.
EVENTS: tuple[Event, ...] = (
    make_event(
        id="mesa-salud",
        title={"es": "Mesa de salud migrante", "en": "Migrant health round table"},
        kind="round-table",
        status="done",
        start="2017-05-11T09:30:00",
        end="2017-05-11T12:30:00",
        host="quilicura",
        guests=[{"municipality": "independencia"}, {"municipality": "santiago"}],
        speakers=[{"person": "ana-perez"}],
    ),
    make_event(
        id="b-desayuno",
        title={"es": "Desayuno de alcaldes", "en": "Mayors' breakfast"},
        kind="conference",
        format="breakfast",
        status="confirmed",
        start="2017-04-06T08:30:00",
        end="2017-04-06T10:00:00",
        host="iom-chile",
    ),
    make_event(
        id="a-taller",
        title={"es": "Taller de interculturalidad"},
        kind="workshop",
        status="tentative",
        start="2017-04-06T15:00:00",
        end="2017-04-06T17:00:00",
        host="independencia",
        guests=[{"municipality": "quilicura"}],
    ),
)
"""In date order: b-desayuno, a-taller, mesa-salud."""

SORTED_IDS = ("b-desayuno", "a-taller", "mesa-salud")

FIXED_NOW = datetime(2017, 1, 1, 12, 0, tzinfo=UTC)
"""Before every event of the small store, so the cursor starts on the first row."""
SHIPPED_NOW = datetime(2017, 3, 27, 12, 0, tzinfo=UTC)
"""Monday 27 March 2017 in Santiago: the ASEXMA breakfast and the Lo Prado round table are upcoming."""
SIZES = ((80, 24), (120, 40))


def write_store(root: Path, records: tuple[Record, ...], lang: Lang = "en") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / SETTINGS_FILE).write_text(dumps(StoreSettings(default_lang=lang)), encoding="utf-8")
    for record in records:
        path = record_path(root, record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(record), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def coordinator(monkeypatch: pytest.MonkeyPatch) -> None:
    """Who the minutes' history names (the cache is the root conftest's ``cache_home``)."""
    monkeypatch.setenv("PLANNER_USER", "Test Coordinator")


@pytest.fixture
def store_root(tmp_path: Path) -> Path:
    return write_store(tmp_path / "events", REGISTRY + EVENTS)


@pytest.fixture
def store(store_root: Path) -> Store:
    loaded = Store.load(store_root)
    assert loaded.problems == []
    return loaded


@pytest.fixture
def shipped_root(tmp_path: Path) -> Path:
    """A copy of the shipped store (the March 2017 programme)."""
    (tmp_path / "shipped").mkdir()
    return shipped_copy(tmp_path / "shipped")


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: FIXED_NOW


def open_app(root: Path, now: datetime = SHIPPED_NOW, **options: Any) -> PlannerApp:
    """The app over ``root`` opened as ``planner`` opens it (lazily, with the index), for tests."""
    catalog = Catalog.open(root)
    store = Store.open(root, catalog)
    options.setdefault("watch", False)
    options.setdefault("cursor_blink", False)
    options.setdefault("exports", root.parent / "exports")
    return PlannerApp(store, catalog=catalog, clock=lambda: now, **options)


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish (all but the store watcher, which runs as long as the app) and the screen catch up."""
    await pilot.pause()
    busy = [w for w in pilot.app.workers if w.group != "watch"]
    if busy:  # an empty list would mean every worker, the watcher included
        await pilot.app.workers.wait_for_complete(busy)
    await pilot.pause()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*[_key(c) for c in text])


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste ``text`` into the focused field as a terminal's bracketed paste does: one event, not a key a letter."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def _key(char: str) -> str:
    names = {
        " ": "space",
        "-": "minus",
        ":": "colon",
        "/": "slash",
        ".": "full_stop",
        "'": "apostrophe",
        "?": "question_mark",
        ",": "comma",
    }
    return names.get(char, char)


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str, tries: int = 200) -> None:
    """Pause the app until ``condition`` holds; fail, saying ``what`` was awaited, after ``tries`` pauses.

    Each pause lets the app handle what is pending and lasts at least 20 ms, so that timers (the screen's
    delayed updates) and the store watcher (a second or two) get their turn: give the watcher more tries.
    """
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    if not condition():
        raise AssertionError(f"still waiting, after {tries} pauses, for {what}")


async def open_event(pilot: Pilot[Any], event_id: str) -> EventScreen:
    """Open the event ``event_id`` as Enter on its row does, and wait until its screen is shown."""
    app = pilot.app
    assert isinstance(app, PlannerApp)
    app.action_open_event(event_id)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, EventScreen) and screen.event_id == event_id
    return screen


def shown(app: App[Any]) -> Screen[Any]:
    """The screen on top now: read afresh, where an earlier ``isinstance(app.screen, ...)`` would narrow it."""
    return app.screen


def status(app: App[Any]) -> str:
    """The status line of the screen shown (saved, unsaved, invalid)."""
    return str(app.screen.query_one("#status", Static).content)


def text_of(widget: Static) -> str:
    """What a ``Static`` was last given to show."""
    return str(widget.content)


def toml_at(root: Path, relative: str | Path) -> dict[str, Any]:
    """The file at ``relative`` under ``root`` as its TOML data."""
    return tomllib.loads((root / relative).read_text(encoding="utf-8"))


async def replace_text(pilot: Pilot[Any], text: str) -> None:
    """In the focused input: clear it and type ``text``."""
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, text)


async def put(pilot: Pilot[Any], selector: str, text: str) -> None:
    """Set the input ``selector`` of the screen shown to ``text`` at once; its field posts the change as on typing."""
    pilot.app.screen.query_one(selector, Input).value = text
    await pilot.pause()


async def fill(pilot: Pilot[Any], values: dict[str, Any]) -> None:
    """Give fields of the screen shown their values at once: each shows its value and posts it, as on typing."""
    for selector, value in values.items():
        field = pilot.app.screen.query_one(selector, FormField)
        field.set_value(value)
        field.changed(value)
    await pilot.pause()


async def tab_to(pilot: Pilot[Any], selector: str, presses: int = 60, key: str = "tab") -> None:
    """Press Tab (or ``key``: shift+tab goes back) until the focus is inside the widget ``selector`` names."""
    target = pilot.app.screen.query_one(selector)
    for _ in range(presses):
        focused = pilot.app.screen.focused
        if focused is not None and (focused is target or target in focused.ancestors):
            return
        await pilot.press(key)
    raise AssertionError(f"{key} never reached {selector}")
