"""Pilot tests of the events browser: the table, the detail screen, going back, quitting, problems."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.color import Color
from textual.widgets import Header, Static
from textual.widgets.data_table import ColumnKey

from planner.store import Store
from planner.tui.app import PlannerApp
from planner.tui.screens.event_detail import EventDetailScreen
from planner.tui.screens.events import EventsScreen
from planner.tui.widgets.events_table import EventsTable

from .conftest import EVENTS, REGISTRY, SORTED_IDS, make_event, write_store

SIZE = (120, 40)


def _row_ids(table: EventsTable) -> list[str]:
    return [str(key.value) for key in table.rows]


def _cells(table: EventsTable, key: str) -> list[str]:
    return [cell.plain for cell in table.get_row(key)]


def _detail_text(app: PlannerApp) -> str:
    return str(app.screen.query_one("#detail-text", Static).render())


async def test_table_lists_events_by_date(store: Store, clock: Callable[[], datetime]) -> None:
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, EventsScreen)
        table = app.screen.query_one(EventsTable)
        assert _row_ids(table) == list(SORTED_IDS)
        assert [str(c.label) for c in table.columns.values()] == [
            "Date",
            "Time",
            "Kind",
            "Status",
            "Title",
            "Host",
            "Municipalities",
        ]
        assert _cells(table, "b-desayuno") == [
            "Thu 2017-04-06",
            "08:30",
            "conference",
            "confirmed",
            "Mayors' breakfast",
            "OIM Chile",
            "",
        ]
        # A missing English title falls back to Spanish; names come from the registries.
        assert _cells(table, "a-taller")[4:] == ["Taller de interculturalidad", "Independencia", "Quilicura"]
        assert _cells(table, "mesa-salud")[6] == "Independencia, Santiago"
        assert not app.screen.query("#problems")
        assert table.has_focus and table.cursor_row == 0


async def test_titles_are_shown_literally_and_long_ones_cut(tmp_path: Path, clock: Callable[[], datetime]) -> None:
    title = "Foro [bold]regional[/bold] de alcaldes sobre migración, inclusión social y trabajo decente"
    forum = make_event(
        id="foro",
        title={"es": title},
        kind="conference",
        start="2017-08-01T09:00:00",
        end="2017-08-01T13:00:00",
    )
    store = Store.load(write_store(tmp_path / "events", REGISTRY + EVENTS + (forum,)))
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(EventsTable)
        assert _cells(table, "foro")[4] == title
        assert table.columns[ColumnKey("title")].width == 40
        await pilot.press("down", "down", "down", "enter")
        assert title in _detail_text(app)


async def test_header_shows_title_and_store_path(store: Store, clock: Callable[[], datetime]) -> None:
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE):
        assert app.title == "Planner — Migrants and Cities"
        assert app.sub_title == str(store.root)
        assert app.screen.query_one(Header)


async def test_store_language_sets_weekdays_and_titles(tmp_path: Path, clock: Callable[[], datetime]) -> None:
    store = Store.load(write_store(tmp_path / "es", REGISTRY + EVENTS, lang="es"))
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE):
        table = app.screen.query_one(EventsTable)
        assert _cells(table, "b-desayuno")[:5] == [
            "jue 2017-04-06",
            "08:30",
            "conference",
            "confirmed",
            "Desayuno de alcaldes",
        ]


async def test_enter_opens_the_event_under_the_cursor_and_escape_returns(
    store: Store, clock: Callable[[], datetime]
) -> None:
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        assert isinstance(app.screen, EventDetailScreen)
        assert app.screen.event.id == "a-taller"
        text = _detail_text(app)
        assert "Taller de interculturalidad" in text
        assert "id:          a-taller" in text
        assert "Thursday 2017-04-06 15:00–17:00 America/Santiago" in text

        await pilot.press("escape")
        assert isinstance(app.screen, EventsScreen)
        table = app.screen.query_one(EventsTable)
        assert table.cursor_row == 1 and table.has_focus


async def test_detail_scrolls_when_longer_than_the_screen(store: Store, clock: Callable[[], datetime]) -> None:
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, EventDetailScreen)
        assert app.screen.event.id == "mesa-salud"
        detail = app.screen.query_one("#detail")
        assert detail.has_focus and detail.max_scroll_y > 0
        await pilot.press("pagedown")
        assert detail.scroll_y > 0


async def test_q_quits_from_the_table(store: Store, clock: Callable[[], datetime]) -> None:
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_q_quits_from_the_detail_screen(store: Store, clock: Callable[[], datetime]) -> None:
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, EventDetailScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_every_binding_has_an_id_and_shows_in_the_footer(store: Store, clock: Callable[[], datetime]) -> None:
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        shown = {b.binding.id for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"open", "quit"} <= shown
        await pilot.press("enter")
        shown = {b.binding.id for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"back", "quit"} <= shown
    for bindings in (PlannerApp.BINDINGS, EventsTable.BINDINGS, EventDetailScreen.BINDINGS):
        for binding in bindings:
            assert not isinstance(binding, tuple)
            assert binding.id and binding.description


async def test_cursor_starts_on_the_next_event(store: Store) -> None:
    app = PlannerApp(store, clock=lambda: datetime.fromisoformat("2017-04-06T12:00:00-03:00"))
    async with app.run_test(size=SIZE):
        assert app.screen.query_one(EventsTable).cursor_row == 1


async def test_cursor_starts_on_the_last_event_when_all_are_over(store: Store) -> None:
    app = PlannerApp(store, clock=lambda: datetime.fromisoformat("2030-01-01T00:00:00+00:00"))
    async with app.run_test(size=SIZE):
        assert app.screen.query_one(EventsTable).cursor_row == 2


async def test_broken_files_show_a_banner_and_the_rest_still_lists(
    store_root: Path, clock: Callable[[], datetime]
) -> None:
    (store_root / "2017" / "2017-06-01-roto.toml").write_text('id = "roto"\ntitle = [\n', encoding="utf-8")
    (store_root / "2017" / "2017-06-02-sin-hora.toml").write_text(
        'id = "sin-hora"\nkind = "workshop"\n[title]\nes = "Sin hora"\n', encoding="utf-8"
    )
    store = Store.load(store_root)
    assert len({p.path for p in store.errors}) == 2
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE):
        banner = app.screen.query_one("#problems", Static)
        assert str(banner.render()) == "2 files have errors — run planner check"
        # The screen's stylesheet is loaded: the banner is one padded line on the theme's error colour.
        assert banner.size.height == 1 and banner.styles.padding.left == 1
        assert banner.styles.background == Color.parse(app.get_css_variables()["error-muted"])
        assert _row_ids(app.screen.query_one(EventsTable)) == list(SORTED_IDS)


async def test_one_broken_file_is_named_in_the_singular(store_root: Path, clock: Callable[[], datetime]) -> None:
    (store_root / "2017" / "2017-06-01-roto.toml").write_text("not toml at all", encoding="utf-8")
    app = PlannerApp(Store.load(store_root), clock=clock)
    async with app.run_test(size=SIZE):
        banner = app.screen.query_one("#problems", Static)
        assert str(banner.render()) == "1 file has errors — run planner check"


async def test_an_empty_store_says_so(tmp_path: Path, clock: Callable[[], datetime]) -> None:
    store = Store.load(write_store(tmp_path / "empty", REGISTRY))
    app = PlannerApp(store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert "No events in" in str(app.screen.query_one("#empty", Static).render())
        assert app.screen.query_one(EventsTable).row_count == 0
        await pilot.press("enter")
        assert isinstance(app.screen, EventsScreen)
