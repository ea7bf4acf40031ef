"""A shared folder: files changed on disk while the app is open, and a store with broken files."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from planner.store import Store
from planner.tui.messages import ChangedOnDisk
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.event import EventScreen
from planner.tui.screens.home import HomeScreen
from planner.tui.widgets.rows_table import RowsTable

from .conftest import open_app, settle, tab_to, type_text, until

SIZE = (120, 40)
MARCH = "lo-prado-round-table"


def _march(root: Path) -> Path:
    return root / "2017" / "2017-03-30-lo-prado-round-table.toml"


def _their_edit(path: Path) -> bytes:
    """Someone else changes the venue's city, as a git pull or another editor would."""
    text = path.read_text(encoding="utf-8").replace('city = "Lo Prado"', 'city = "Santiago"')
    path.write_text(text, encoding="utf-8")
    return text.encode("utf-8")


async def _edit_title(pilot, screen: EventScreen) -> None:  # type: ignore[no-untyped-def]
    await tab_to(pilot, "#f-title")
    await pilot.press("end")  # the field's text is selected on focus: keep it, add to it
    await type_text(pilot, " (borrador)")
    await pilot.pause()
    assert screen.dirty


async def test_an_event_being_edited_changed_on_disk_keep_mine(shipped_root: Path) -> None:
    app = open_app(shipped_root, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_open_event(MARCH)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EventScreen)
        await _edit_title(pilot, screen)
        theirs = _their_edit(_march(shipped_root))
        # The watcher notices within seconds and asks: reload theirs, or keep mine.
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "changed by someone else" in str(app.screen.query_one("#confirm-message", Static).render())
        await pilot.press("enter")  # Keep mine (the first answer)
        await pilot.pause()
        assert isinstance(app.screen, EventScreen) and not screen.dirty
    saved = _march(shipped_root).read_text(encoding="utf-8")
    assert 'es = "Mesa intermunicipal sobre migración en Lo Prado (borrador)"' in saved
    copies = list((shipped_root / ".conflicts").rglob("*.toml"))
    assert len(copies) == 1 and copies[0].read_bytes() == theirs
    # The loader skips the copy: the store still has one event with that id, and no problems.
    store = Store.load(shipped_root)
    assert store.problems == [] and MARCH in store.events


async def test_the_same_change_reported_twice_asks_once(shipped_root: Path) -> None:
    """The watcher may report one change in two batches (a slow write); a second dialog stacked over the first
    was popped in its place when the first was answered, before it had mounted (``NoMatches`` in its mount)."""
    app = open_app(shipped_root, watch=False)  # the test hands the screen the watcher's notices itself
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_open_event(MARCH)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EventScreen)
        screen.apply({**screen.data, "title": {**screen.data["title"], "es": "Borrador"}})
        path = _march(shipped_root)
        _their_edit(path)
        for _ in range(2):
            screen.post_message(ChangedOnDisk(path))
            await settle(pilot)
            assert len([s for s in app.screen_stack if isinstance(s, ConfirmScreen)]) == 1
        await pilot.press("enter")  # Keep mine
        await settle(pilot)
        assert app.screen_stack[-1] is screen and not screen.dirty
    assert 'es = "Borrador"' in path.read_text(encoding="utf-8")


async def test_an_event_being_edited_changed_on_disk_reload_theirs(shipped_root: Path) -> None:
    app = open_app(shipped_root, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_open_event(MARCH)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EventScreen)
        await _edit_title(pilot, screen)
        theirs = _their_edit(_march(shipped_root))
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("right", "enter")  # Reload theirs
        await pilot.pause()
        assert app.screen is screen and not screen.dirty
        assert screen.data["venue"]["city"] == "Santiago"
        assert screen.data["title"]["es"] == "Mesa intermunicipal sobre migración en Lo Prado"
    assert _march(shipped_root).read_bytes() == theirs
    assert not (shipped_root / ".conflicts").exists()


async def test_saving_over_a_changed_file_is_refused_and_asks(shipped_root: Path) -> None:
    app = open_app(shipped_root, watch=False)  # without the watcher, saving itself notices
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_open_event(MARCH)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EventScreen)
        await _edit_title(pilot, screen)
        theirs = _their_edit(_march(shipped_root))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert _march(shipped_root).read_bytes() == theirs  # nothing overwritten silently
        await pilot.press("escape")  # decide later
        assert "changed on disk" in str(screen.query_one("#status", Static).render())


async def test_records_not_being_edited_reload_and_home_follows(shipped_root: Path) -> None:
    app = open_app(shipped_root, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        path = shipped_root / "2017" / "2017-03-29-asexma-annual-breakfast.toml"
        text = path.read_text(encoding="utf-8")
        text = text.replace('es = "Desayuno Anual de ASEXMA"', 'es = "Desayuno ASEXMA 2017"')
        path.write_text(text, encoding="utf-8")
        table = app.screen.query_one("#upcoming", RowsTable)
        await until(pilot, lambda: any(getattr(r, "title_es", "") == "Desayuno ASEXMA 2017" for r in table.rows))
        event = app.session.event("asexma-annual-breakfast")
        assert event is not None and event.title.es == "Desayuno ASEXMA 2017"


async def test_a_broken_store_opens_and_home_lists_the_broken_files(shipped_root: Path) -> None:
    (shipped_root / "2017" / "2017-06-01-roto.toml").write_text('id = "roto"\ntitle = [\n', encoding="utf-8")
    person = shipped_root / "people" / "tomas-flores.toml"
    person.write_text(person.read_text(encoding="utf-8").replace('name = "Tomás Flores"', 'nombre = "Tomás"'),
                      encoding="utf-8")
    app = open_app(shipped_root)
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
        # Everything else works: the events still list and open.
        await pilot.press("e")
        await settle(pilot)
        assert len(app.screen.query_one("#events", RowsTable).rows) > 5
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventScreen)
