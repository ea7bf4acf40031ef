"""Pilot tests of the events screen: rows from the index, search, filters, sorting, problems.

Opening the event under the cursor and coming back is part of the slow ``test_getting_around_by_keys``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual.color import Color
from textual.widgets import Header, Static

from planner.domain.rows import EventFilter
from planner.index import Catalog
from planner.store import Store
from planner.tui.app import PlannerApp
from planner.tui.screens.events import EventsScreen, first_not_over
from planner.tui.screens.home import HomeScreen
from planner.tui.widgets.events_table import EventsTable, row_cells

from .conftest import (
    EVENTS,
    FIXED_NOW,
    REGISTRY,
    SORTED_IDS,
    make_event,
    open_app,
    paste,
    settle,
    type_text,
    write_store,
)

SIZE = (120, 40)


def _table(app: PlannerApp) -> EventsTable:
    return app.screen.query_one("#events", EventsTable)


def _ids(table: EventsTable) -> list[str]:
    return [row.id for row in table.rows]


def _cells(app: PlannerApp, event_id: str) -> list[str]:
    table = _table(app)
    row = next(r for r in table.rows if r.id == event_id)
    return list(row_cells(row, app.session.name_of, app.session.lang))


async def test_table_lists_events_by_date(store_root: Path) -> None:
    app = open_app(store_root, FIXED_NOW, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        table = _table(app)
        assert _ids(table) == list(SORTED_IDS)
        assert [c.label for c in table.columns] == [
            "Date",
            "Time",
            "Kind",
            "Title",
            "Host",
            "Municipalities",
            "Status",
        ]
        assert _cells(app, "b-desayuno") == [
            "Thu 2017-04-06",
            "08:30",
            "conference",
            "Mayors' breakfast",
            "OIM Chile",
            "",
            "confirmed",
        ]
        # A missing English title falls back to Spanish; names come from the registries.
        assert _cells(app, "a-taller")[3:6] == ["Taller de interculturalidad", "Independencia", "Quilicura"]
        assert _cells(app, "mesa-salud")[5] == "Independencia, Santiago"
        assert not app.screen.query_one("#problems").display
        assert table.has_focus and table.cursor == 0


async def test_the_table_draws_only_what_is_on_screen(store_root: Path) -> None:
    app = open_app(store_root, FIXED_NOW, start="events")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = _table(app)
        # At 80 columns the municipalities and the kind give their room to the title.
        assert [table.columns[n].key for n in table.shown()] == ["date", "time", "title", "host", "status"]
        line = "".join(segment.text for segment in table.render_line(1))
        assert line.startswith("Thu 2017-04-06 08:30 Mayors' breakfast")


async def test_titles_are_shown_literally_and_long_ones_cut(tmp_path: Path) -> None:
    title = "Foro [bold]regional[/bold] de alcaldes sobre migración, inclusión social y trabajo decente"
    forum = make_event(
        id="foro",
        title={"es": title},
        kind="conference",
        start="2017-08-01T09:00:00",
        end="2017-08-01T13:00:00",
    )
    root = write_store(tmp_path / "events", REGISTRY + EVENTS + (forum,))
    app = open_app(root, FIXED_NOW, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = _table(app)
        line = "".join(segment.text for segment in table.render_line(4))
        assert "Foro [bold]regional[/bold] de alcaldes" in line and "…" in line
        await pilot.press("end")
        assert table.current is not None and table.current.id == "foro"


async def test_header_shows_title_and_store_path(store_root: Path) -> None:
    app = open_app(store_root, FIXED_NOW)
    async with app.run_test(size=SIZE):
        assert app.title == "Planner — Migrants and Cities"
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.sub_title == str(store_root)
        assert app.screen.query_one(Header)


def test_store_language_sets_weekdays_and_titles(tmp_path: Path) -> None:
    app = open_app(write_store(tmp_path / "es", REGISTRY + EVENTS, lang="es"), FIXED_NOW, start="events")
    session = app.session
    assert session.lang == "es"
    row = next(r for r in session.rows() if r.id == "b-desayuno")
    assert list(row_cells(row, session.name_of, session.lang))[:4] == [
        "jue 2017-04-06",
        "08:30",
        "conference",
        "Desayuno de alcaldes",
    ]


async def test_search_narrows_as_you_type_and_escape_clears(store_root: Path) -> None:
    app = open_app(store_root, FIXED_NOW, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # A letter that is not a key of the screen starts the search; accents and case do not matter.
        await type_text(pilot, "Mesa")
        assert _ids(_table(app)) == ["mesa-salud"]
        await pilot.press("escape")
        await pilot.press("slash")
        await paste(pilot, "SALÚD")
        assert _ids(_table(app)) == ["mesa-salud"]
        await pilot.press("escape")
        assert _ids(_table(app)) == list(SORTED_IDS)
        await pilot.press("slash")
        await paste(pilot, "quilicura")  # a host or guest municipality's name
        assert _ids(_table(app)) == ["a-taller", "mesa-salud"]
        await type_text(pilot, " ana")  # every word must match: a speaker's name
        assert _ids(_table(app)) == ["mesa-salud"]
        summary = str(app.screen.query_one("#summary", Static).render())
        assert summary.startswith("1 of 3 events") and "search 'quilicura ana'" in summary


async def test_sorting_by_key_and_by_clicking_a_header(store_root: Path) -> None:
    app = open_app(store_root, FIXED_NOW, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")  # sort: by title
        assert _ids(_table(app)) == ["b-desayuno", "mesa-salud", "a-taller"]
        await pilot.click("#events", offset=(16, 0))  # the "Time" header
        assert app.screen.sort_column == "time"  # type: ignore[attr-defined]
        assert _ids(_table(app))[0] == "b-desayuno"
        await pilot.click("#events", offset=(16, 0))
        assert _ids(_table(app))[0] == "a-taller"  # reversed: the latest time of day first


@pytest.mark.slow
async def test_a_name_typed_in_the_table_searches_and_runs_no_command(store_root: Path) -> None:
    """Every letter of "quilicura", "daniel", "norberto" or "felix" searches: none quits, duplicates, opens a form
    or the filters, as ``q``, ``d``, ``n`` and ``f`` once did."""
    app = open_app(store_root, FIXED_NOW, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        for name in ("quilicura", "daniel", "norberto", "felix", "sergio"):
            await type_text(pilot, name)  # key by key, at human pace
            await pilot.pause()
            assert app.is_running and app.screen is screen, name
            assert screen.search_line.value == name  # type: ignore[attr-defined]
            assert _table(app).has_focus
            await pilot.press("escape")  # clears the search, the table keeps the focus
            assert screen.search_line.value == ""  # type: ignore[attr-defined]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


def test_the_cursor_starts_on_the_next_event_or_the_last_when_all_are_over(store: Store) -> None:
    # The screen starts its cursor here (at the first row before every event: test_table_lists_events_by_date).
    rows = Catalog.open(store.root).rows(EventFilter())
    assert [r.id for r in rows] == list(SORTED_IDS)
    assert first_not_over(rows, datetime.fromisoformat("2017-04-06T12:00:00-03:00")) == 1
    assert first_not_over(rows, datetime.fromisoformat("2030-01-01T00:00:00+00:00")) == 2


async def test_broken_files_show_a_banner_and_the_rest_still_lists(store_root: Path) -> None:
    (store_root / "2017" / "2017-06-01-roto.toml").write_text('id = "roto"\ntitle = [\n', encoding="utf-8")
    (store_root / "2017" / "2017-06-02-sin-hora.toml").write_text(
        'id = "sin-hora"\nkind = "workshop"\n[title]\nes = "Sin hora"\n', encoding="utf-8"
    )
    app = open_app(store_root, FIXED_NOW, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        banner = app.screen.query_one("#problems", Static)
        assert str(banner.render()) == "2 files have errors — Home lists them (planner check too)"
        assert banner.size.height == 1 and banner.styles.padding.left == 1
        assert banner.styles.background == Color.parse(app.get_css_variables()["error-muted"])
        assert _ids(_table(app)) == list(SORTED_IDS)


async def test_an_empty_store_says_so(tmp_path: Path, clock: Callable[[], datetime]) -> None:
    app = open_app(write_store(tmp_path / "empty", REGISTRY), FIXED_NOW, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = _table(app)
        assert table.rows == ()
        line = "".join(segment.text for segment in table.render_line(1))
        assert line.strip() == "No events match"
        await pilot.press("enter")
        assert isinstance(app.screen, EventsScreen)
