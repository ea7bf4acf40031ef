"""Getting around: the calendar, the registries, help, the command palette, key bindings, themes.

Going from screen to screen by keys, into events and back, is one slow test; the screens' own rules are checked
on their state.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandList
from textual.widgets import Static

import planner.tui.screens as screens_package
import planner.tui.widgets as widgets_package
from planner.domain.records import Person
from planner.store import Store
from planner.tui.app import PlannerApp
from planner.tui.screens.calendar import CalendarScreen
from planner.tui.screens.event import EventScreen
from planner.tui.screens.events import EventsScreen
from planner.tui.screens.form import FormScreen
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.home import HomeScreen
from planner.tui.screens.record import RecordScreen
from planner.tui.screens.registry import RegistryScreen
from planner.tui.widgets.events_table import EventsTable
from planner.tui.widgets.rows_table import RowsTable

from .conftest import fill, open_app, paste, replace_text, settle, shown, status, text_of, type_text, until

SIZE = (120, 40)
ROOT = Path(__file__).resolve().parents[2]


async def test_calendar_moves_by_day_week_and_month(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        assert screen.cursor.isoformat() == "2017-03-27"  # today, by the fixed clock
        await pilot.press("right", "right", "right")
        assert screen.cursor.isoformat() == "2017-03-30"
        assert "Mesa intermunicipal sobre migración" in text_of(screen.query_one("#day-events", Static))
        await pilot.press("pagedown")
        assert screen.cursor.isoformat() == "2017-04-30"
        await pilot.press("up")
        assert screen.cursor.isoformat() == "2017-04-23"
        await pilot.press("pageup", "t")
        assert screen.cursor.isoformat() == "2017-03-27"


@pytest.mark.slow
async def test_the_calendar_goes_to_a_date_or_a_month_typed(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "g")
        screen = app.screen
        assert isinstance(screen, FormScreen)
        await replace_text(pilot, "2026-12")
        await pilot.press("ctrl+s")
        await pilot.pause()
        calendar = app.screen
        assert isinstance(calendar, CalendarScreen) and calendar.cursor.isoformat() == "2026-12-01"
        await pilot.press("g")
        await replace_text(pilot, "March")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)  # refused: the form stays, with the message by the field
        assert "'March' is not a date such as 2017-03-30" in text_of(form.query_one(".field-error", Static))
        await replace_text(pilot, "2017-03-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is calendar
        assert isinstance(calendar, CalendarScreen) and calendar.cursor.isoformat() == "2017-03-30"
        assert "Mesa intermunicipal sobre migración" in text_of(calendar.query_one("#day-events", Static))


@pytest.mark.slow
async def test_getting_around_by_keys(shipped_root: Path) -> None:
    """Home, the events and the calendar open events and come back where they were; help and the palette."""
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        events = app.screen
        assert isinstance(events, EventsScreen)
        table = events.query_one("#events", EventsTable)
        await pilot.press("down")
        row, cursor = table.current, table.cursor
        assert row is not None
        await pilot.press("enter")  # the event under the cursor
        await settle(pilot)
        assert isinstance(app.screen, EventScreen) and app.screen.event_id == row.id
        assert "Saved" in status(app)
        await pilot.press("escape")
        assert shown(app) is events and table.cursor == cursor and table.has_focus
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("c")
        calendar = app.screen
        assert isinstance(calendar, CalendarScreen)
        await pilot.press("right", "right", "right", "enter")  # Thursday 30 March: the Lo Prado round table
        await settle(pilot)
        assert isinstance(app.screen, EventScreen) and app.screen.event_id == "lo-prado-round-table"
        commands = {command.title for command in app.get_system_commands(shown(app))}
        assert {"Event: Save", "Event: Undo", "Event: Duplicate", "Event: Delete"} <= commands
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        keys = "\n".join(str(s.render()) for s in app.screen.query(".help-keys").results(Static))
        for description in ("Save", "Undo", "Redo", "Duplicate", "Delete", "Next tab"):
            assert description in keys
        await pilot.press("escape")
        assert isinstance(app.screen, EventScreen)
        await pilot.press("escape")
        assert shown(app) is calendar

        await pilot.press("ctrl+p")
        await type_text(pilot, "desayuno anual")
        palette = app.screen.query_one(CommandList)
        await until(pilot, lambda: palette.option_count > 0, "the palette's matches")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventScreen) and app.screen.event_id == "asexma-annual-breakfast"


async def test_people_search_detail_and_a_new_person(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        people = app.screen
        assert isinstance(people, RegistryScreen)
        table = people.query_one("#records", RowsTable)
        everyone = len(table.rows)
        await type_text(pilot, "cej")  # typed in the list, as in the events: "e" (Edit) is a letter once under way
        assert [r.id for r in table.rows] == ["fernando-cejudo"] and table.has_focus
        await pilot.press("backspace", "backspace")
        assert len(table.rows) > 1 and people.search_line.value == "c"
        await pilot.press("escape")  # clears the search
        assert len(table.rows) == everyone and people.search_line.value == ""
        await pilot.press("slash", "escape")  # from the empty search line back to the list
        assert table.has_focus and shown(app) is people

        await pilot.press("slash")
        await paste(pilot, "cejudo")
        await pilot.press("enter", "enter")  # back to the list, then the first match
        await settle(pilot)
        record = app.screen
        assert isinstance(record, RecordScreen) and record.record.id == "fernando-cejudo"
        history = record.query_one("#history", RowsTable).rows
        assert {row.event.id for row in history} >= {"lo-prado-round-table"}
        march = next(row for row in history if row.event.id == "lo-prado-round-table")
        assert "speaker" in march.roles and march.attendance == "present"
        await pilot.press("escape", "ctrl+n")  # a new person (a bare "n" in the list searches)
        assert isinstance(app.screen, FormScreen)
        await fill(
            pilot, {"#f-name": "María Soto", "#f-municipality": "recoleta", "#f-email": "maria.soto@example.org"}
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(app) is people
        await pilot.press("escape", "escape")  # the search cleared, then back Home
        assert isinstance(app.screen, HomeScreen)
    person = Store.load(shipped_root).get("maria-soto")
    assert isinstance(person, Person)
    assert person.municipality == "recoleta" and person.email == "maria.soto@example.org"


async def test_a_municipality_shows_its_round_tables_people_and_actions(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_open_record("lo-prado")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordScreen)
        attended = screen.query_one("#history", RowsTable).rows
        march = next(row for row in attended if row.event.id == "lo-prado-round-table")
        assert march.role == "host"
        assert "Fernando Cejudo" in str(screen.query_one("#people", Static).render())


async def test_the_command_palette_finds_an_event_by_name(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await paste(pilot, "desayuno anual")
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count > 0, "the palette's matches")
        assert "Event: Desayuno Anual de ASEXMA" in str(commands.get_option_at_index(0).prompt)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("penalolen", "Municipality: Peñalolén"),
        ("maipu", "Municipality: Maipú"),
        ("felix", "Person: Félix Martínez"),
        ("FELIX MART", "Person: Félix Martínez"),
        ("estacion central", "Municipality: Estación Central"),
    ],
)
async def test_the_command_palette_ignores_accents_and_case(shipped_root: Path, typed: str, found: str) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, typed)  # key by key, as typed
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count > 0, f"the palette's matches for {typed!r}")
        prompts = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        assert any(found in prompt for prompt in prompts), prompts


async def test_the_command_palette_offers_the_places_and_the_screen_actions(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Go to Events", "Go to Calendar", "Go to People", "New event", "Help"} <= commands
        assert "Home: Events" in commands  # the keys of the screen shown (the event screen's: getting around)


def test_every_binding_has_an_id_and_a_description() -> None:
    classes: list[type] = [PlannerApp]
    for package in (screens_package, widgets_package):
        for path in Path(package.__path__[0]).glob("*.py"):
            module = __import__(f"{package.__name__}.{path.stem}", fromlist=["*"])
            classes += [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module.__name__]
    checked = 0
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), f"{cls.__name__}: {binding!r} is not a Binding"
            assert binding.id and binding.description, f"{cls.__name__}: {binding.key} needs an id and a description"
            checked += 1
    assert checked > 40


@pytest.mark.slow
async def test_usable_at_80x24_in_light_and_dark_themes(shipped_root: Path) -> None:
    for theme in ("textual-light", "textual-dark"):
        app = open_app(shipped_root)
        async with app.run_test(size=(80, 24)) as pilot:
            app.theme = theme
            await settle(pilot)
            app.action_open_event("lo-prado-round-table")
            await settle(pilot)
            # The tabs and the first fields fit; the footer shows the main keys.
            assert app.screen.query_one("#f-title").region.bottom <= 23
            footer = {b.binding.id for b in app.screen.active_bindings.values() if b.binding.show}
            assert {"event.save", "event.undo", "event.back"} <= footer


async def test_the_chosen_theme_is_remembered_outside_the_store(shipped_root: Path, cache_home: Path) -> None:
    before = {p: p.read_bytes() for p in shipped_root.rglob("*") if p.is_file()}
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme != "textual-light"
        app.theme = "textual-light"  # as the palette's "Change theme" does
        await pilot.pause()
    saved = cache_home / "config" / "planner" / "ui.toml"
    assert saved.read_text(encoding="utf-8") == 'theme = "textual-light"\n'
    again = open_app(shipped_root)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light"
    assert {p: p.read_bytes() for p in shipped_root.rglob("*") if p.is_file()} == before  # nothing in the store


async def test_a_broken_preferences_file_is_no_preference(shipped_root: Path, cache_home: Path) -> None:
    saved = cache_home / "config" / "planner" / "ui.toml"
    saved.parent.mkdir(parents=True)
    saved.write_text('theme = "no-such-theme"\n[[[', encoding="utf-8")
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
