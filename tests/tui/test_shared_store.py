"""A shared folder: files changed on disk while the app is open, and a store with broken files.

The store watcher's notice is driven end to end once (keep mine, marked slow); the event screen's answers to a
notice are checked by handing it the notice the watcher would.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from planner.store import Store
from planner.tui.app import PlannerApp
from planner.tui.messages import ChangedOnDisk, StoreChanged
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.event import EventScreen
from planner.tui.screens.home import HomeScreen
from planner.tui.widgets.rows_table import RowsTable

from .conftest import open_app, open_event, settle, shown, tab_to, text_of, type_text, until

SIZE = (120, 40)
MARCH = "lo-prado-round-table"
TITLE = "Mesa intermunicipal sobre migración en Lo Prado"


def _march(root: Path) -> Path:
    return root / "2017" / "2017-03-30-lo-prado-round-table.toml"


def _their_edit(path: Path) -> bytes:
    """Someone else changes the venue's city, as a git pull or another editor would."""
    text = path.read_text(encoding="utf-8").replace('city = "Lo Prado"', 'city = "Santiago"')
    path.write_text(text, encoding="utf-8")
    return text.encode("utf-8")


@dataclass
class Editing:
    """The app with the March round table open and its title changed, not saved, when the file changes on disk."""

    app: PlannerApp
    pilot: Pilot[None]
    screen: EventScreen
    path: Path
    theirs: bytes


@pytest.fixture
async def editing(shipped_root: Path) -> AsyncIterator[Editing]:
    app = open_app(shipped_root)  # no watcher: each test hands the screen the notice itself
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, MARCH)
        screen.apply({**screen.data, "title": {**screen.data["title"], "es": f"{TITLE} (borrador)"}})
        assert screen.dirty
        path = _march(shipped_root)
        yield Editing(app, pilot, screen, path, _their_edit(path))


def _asked(app: PlannerApp) -> list[ConfirmScreen]:
    return [s for s in app.screen_stack if isinstance(s, ConfirmScreen)]


@pytest.mark.slow
async def test_an_event_being_edited_changed_on_disk_keep_mine(shipped_root: Path) -> None:
    app = open_app(shipped_root, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, MARCH)
        await tab_to(pilot, "#f-title")
        await pilot.press("end")  # the field's text is selected on focus: keep it, add to it
        await type_text(pilot, " (b)")
        await pilot.pause()
        assert screen.dirty
        theirs = _their_edit(_march(shipped_root))
        # The watcher notices within seconds and asks: reload theirs, or keep mine.
        await until(
            pilot,
            lambda: isinstance(app.screen, ConfirmScreen) and app.screen.is_mounted,
            "the question about the file changed on disk",
            tries=500,
        )
        assert "changed by someone else" in text_of(app.screen.query_one("#confirm-message", Static))
        await pilot.press("enter")  # Keep mine (the first answer)
        await pilot.pause()
        assert app.screen is screen and not screen.dirty
    saved = _march(shipped_root).read_text(encoding="utf-8")
    assert f'es = "{TITLE} (b)"' in saved
    copies = list((shipped_root / ".conflicts").rglob("*.toml"))
    assert len(copies) == 1 and copies[0].read_bytes() == theirs
    # The loader skips the copy: the store still has one event with that id, and no problems.
    store = Store.load(shipped_root)
    assert store.problems == [] and MARCH in store.events


@pytest.mark.slow
async def test_the_same_change_reported_twice_asks_once(editing: Editing) -> None:
    """The watcher may report one change in two batches (a slow write); a second dialog stacked over the first
    was popped in its place when the first was answered, before it had mounted (``NoMatches`` in its mount)."""
    app, pilot, screen = editing.app, editing.pilot, editing.screen
    screen.post_message(ChangedOnDisk(editing.path))
    await settle(pilot)
    assert len(_asked(app)) == 1
    screen.post_message(ChangedOnDisk(editing.path))
    await settle(pilot)
    assert len(_asked(app)) == 1
    await pilot.press("enter")  # Keep mine
    await settle(pilot)
    assert app.screen is screen and not screen.dirty and _asked(app) == []
    assert f'es = "{TITLE} (borrador)"' in editing.path.read_text(encoding="utf-8")


@pytest.mark.slow
async def test_an_event_being_edited_changed_on_disk_reload_theirs(editing: Editing, shipped_root: Path) -> None:
    app, pilot, screen = editing.app, editing.pilot, editing.screen
    screen.post_message(ChangedOnDisk(editing.path))
    await settle(pilot)
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("right", "enter")  # Reload theirs
    await settle(pilot)
    assert shown(app) is screen and not screen.dirty
    assert screen.data["venue"]["city"] == "Santiago"
    assert screen.data["title"]["es"] == TITLE
    assert editing.path.read_bytes() == editing.theirs
    assert not (shipped_root / ".conflicts").exists()


@pytest.mark.slow
async def test_saving_over_a_changed_file_is_refused_and_asks(editing: Editing) -> None:
    app, pilot, screen = editing.app, editing.pilot, editing.screen  # without the watcher, saving itself notices
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    assert editing.path.read_bytes() == editing.theirs  # nothing overwritten silently
    await pilot.press("escape")  # decide later
    assert "changed on disk" in text_of(screen.query_one("#status", Static))


async def test_records_not_being_edited_reload_and_home_follows(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        path = shipped_root / "2017" / "2017-03-29-asexma-annual-breakfast.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace('es = "Desayuno Anual de ASEXMA"', 'es = "Desayuno ASEXMA 2017"'), encoding="utf-8"
        )
        app.post_message(StoreChanged(path))  # what the watcher reports (driven end to end by keep mine)
        table = app.screen.query_one("#upcoming", RowsTable)
        await until(
            pilot,
            lambda: any(getattr(r, "title_es", "") == "Desayuno ASEXMA 2017" for r in table.rows),
            "Home to show the new title",
        )
        event = app.session.event("asexma-annual-breakfast")
        assert event is not None and event.title.es == "Desayuno ASEXMA 2017"


@pytest.fixture
def broken_root(shipped_root: Path) -> Path:
    """The shipped store with a file that is not TOML and a person with an unknown field."""
    (shipped_root / "2017" / "2017-06-01-roto.toml").write_text('id = "roto"\ntitle = [\n', encoding="utf-8")
    person = shipped_root / "people" / "tomas-flores.toml"
    person.write_text(
        person.read_text(encoding="utf-8").replace('name = "Tomás Flores"', 'nombre = "Tomás"'), encoding="utf-8"
    )
    return shipped_root


async def test_a_broken_store_opens_and_home_lists_the_broken_files(broken_root: Path) -> None:
    app = open_app(broken_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.screen.query_one("#problem-list", RowsTable).rows
        files = [row[0] for row in rows]
        # File and line (a TOML error at the end of the file names no line), and the message.
        assert ("2017/2017-06-01-roto.toml", "file: not valid TOML: Invalid value (at end of document)") in [
            row[:2] for row in rows
        ]
        assert any(f.startswith("people/tomas-flores.toml:") and f.rsplit(":", 1)[1].isdigit() for f in files)
        assert any("nombre: unknown field" in row[1] for row in rows)
        # Everything else works: the events still list (and open: the slow test below).
        await pilot.press("e")
        await settle(pilot)
        assert len(app.screen.query_one("#events", RowsTable).rows) > 5


@pytest.mark.slow
async def test_the_events_of_a_broken_store_still_open(broken_root: Path) -> None:
    app = open_app(broken_root, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventScreen)


@pytest.mark.slow
async def test_the_watcher_follows_a_store_opened_by_a_relative_path(
    shipped_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``planner`` opens ``./events`` by default: the watcher's absolute paths must still name its files."""
    monkeypatch.chdir(shipped_root.parent)
    app = open_app(Path(shipped_root.name), watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.data_version
        _their_edit(_march(shipped_root))
        await until(pilot, lambda: app.data_version > before, "the store reloaded after the change", tries=500)
        assert app.store.root == Path("events")
        event = app.store.events[MARCH]
        assert event.venue is not None and event.venue.city == "Santiago"
