"""Getting around: the calendar, the registries, help, the command palette, key bindings, themes."""

from __future__ import annotations

import inspect
from pathlib import Path

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
from planner.tui.screens.form import FormScreen
from planner.tui.screens.help import HelpScreen
from planner.tui.screens.record import RecordScreen
from planner.tui.screens.registry import RegistryScreen
from planner.tui.widgets.rows_table import RowsTable

from .conftest import open_app, settle, type_text, until

SIZE = (120, 40)
ROOT = Path(__file__).resolve().parents[2]


async def test_calendar_moves_by_day_week_and_month_and_opens_the_day(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        assert screen.cursor.isoformat() == "2017-03-27"  # today, by the fixed clock
        await pilot.press("right", "right", "right")
        assert screen.cursor.isoformat() == "2017-03-30"
        assert "Mesa intermunicipal sobre migración" in str(screen.query_one("#day-events", Static).render())
        await pilot.press("pagedown")
        assert screen.cursor.isoformat() == "2017-04-30"
        await pilot.press("up")
        assert screen.cursor.isoformat() == "2017-04-23"
        await pilot.press("pageup", "t")
        assert screen.cursor.isoformat() == "2017-03-27"
        await pilot.press("right", "right", "right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EventScreen) and app.screen.event_id == "lo-prado-round-table"
        await pilot.press("escape")
        assert app.screen is screen


async def test_people_search_detail_and_a_new_person(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        assert isinstance(app.screen, RegistryScreen)
        await pilot.press("slash")
        await type_text(pilot, "cejudo")
        await pilot.press("enter", "enter")
        await settle(pilot)
        record = app.screen
        assert isinstance(record, RecordScreen) and record.record.id == "fernando-cejudo"
        history = record.query_one("#history", RowsTable).rows
        assert {row.event.id for row in history} >= {"lo-prado-round-table"}
        march = next(row for row in history if row.event.id == "lo-prado-round-table")
        assert "speaker" in march.roles and march.attendance == "present"
        await pilot.press("escape")
        await pilot.press("n")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab")
        await type_text(pilot, "María Soto")
        await pilot.press("tab", "tab", "tab", "tab", "enter")  # past the role and organization: the municipality
        await type_text(pilot, "recoleta")
        await pilot.press("enter")
        await pilot.press("tab")
        await type_text(pilot, "maria.soto@example.org")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RegistryScreen)
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


async def test_help_lists_the_keys_of_the_screen(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_open_event("lo-prado-round-table")
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        keys = "\n".join(str(s.render()) for s in app.screen.query(".help-keys").results(Static))
        for description in ("Save", "Undo", "Redo", "Duplicate", "Delete", "Next tab"):
            assert description in keys
        await pilot.press("escape")
        assert isinstance(app.screen, EventScreen)


async def test_the_command_palette_jumps_to_an_event_by_name(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "desayuno anual")
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count > 0)
        assert "Event: Desayuno Anual de ASEXMA" in str(commands.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventScreen) and app.screen.event_id == "asexma-annual-breakfast"


async def test_the_command_palette_offers_the_screen_actions(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Go to Events", "Go to Calendar", "Go to People", "New event", "Help"} <= commands
        app.action_open_event("lo-prado-round-table")
        await settle(pilot)
        commands = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Event: Save", "Event: Undo", "Event: Duplicate", "Event: Delete"} <= commands


def test_every_binding_has_an_id_and_a_description() -> None:
    classes = [PlannerApp]
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
