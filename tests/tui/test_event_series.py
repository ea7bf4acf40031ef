"""Links, quotes, a series' rule and its occurrences, edited in the event screen by keys and saved to the file."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from planner.tui.app import PlannerApp
from planner.tui.screens.event import EventScreen
from planner.tui.screens.form import FormScreen
from planner.tui.screens.pick import PickScreen
from planner.tui.widgets.form_field import FormField
from planner.tui.widgets.occurrences_editor import OccurrencesEditor

from .conftest import REGISTRY, make_event, open_app, settle, tab_to, type_text, write_store

SIZE = (80, 24)
MARCH = "2017/2017-03-30-lo-prado-round-table.toml"
SERIES = "2017/2017-05-04-monthly-round-table.toml"


def _status(app: PlannerApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


def _file(root: Path, name: str) -> dict[str, Any]:
    return tomllib.loads((root / name).read_text(encoding="utf-8"))


async def _open(pilot: Pilot[Any], app: PlannerApp, event_id: str) -> EventScreen:
    app.action_open_event(event_id)
    await settle(pilot)
    assert isinstance(app.screen, EventScreen) and app.screen.event_id == event_id
    return app.screen


async def _replace(pilot: Pilot[Any], text: str) -> None:
    """In the focused input: clear it and type ``text``."""
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, text)


async def _series_tab(pilot: Pilot[Any], screen: EventScreen) -> None:
    await pilot.press("ctrl+pagedown")  # the Series tab follows the Overview
    await pilot.pause()
    assert screen.query_one("#tabs").active == "recurrence"  # type: ignore[attr-defined]


def _error(screen: Any, selector: str) -> str:
    return screen.query_one(selector, FormField).error  # type: ignore[no-any-return]


async def test_add_a_link_checked_by_the_model_and_save_it(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "lo-prado-round-table")
        await tab_to(pilot, "#list-links")
        await pilot.press("a")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "www.oim.cl")
        await pilot.press("ctrl+s")  # refused: the model's message shows by the address
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "'www.oim.cl' is not a web address starting with http:// or https://" in _error(app.screen, "#f-url")
        await pilot.press("home")
        await type_text(pilot, "https://")
        await pilot.press("tab")
        await type_text(pilot, "OIM Chile")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert screen.data["links"] == [{"url": "https://www.oim.cl", "title": "OIM Chile"}]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _status(app).startswith("✓ Saved")
    assert _file(shipped_root, MARCH)["links"] == [{"url": "https://www.oim.cl", "title": "OIM Chile"}]


async def test_add_a_quote_of_a_person_in_two_languages(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "lo-prado-round-table")
        await tab_to(pilot, "#list-quotes")
        await pilot.press("a")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # the person
        assert isinstance(app.screen, PickScreen)
        await type_text(pilot, "cejudo")
        await pilot.press("enter")
        await pilot.pause()
        await tab_to(pilot, "#f-text")
        await type_text(pilot, "Trabajamos juntos")
        await pilot.press("tab")
        await type_text(pilot, "We work together")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _status(app).startswith("✓ Saved")
    quotes = _file(shipped_root, MARCH)["quotes"]
    assert quotes == [{"person": "fernando-cejudo", "text": {"es": "Trabajamos juntos", "en": "We work together"}}]


async def test_change_a_series_rule_and_save_it(tmp_path: Path) -> None:
    series = make_event(
        id="mesa-mensual", title={"es": "Mesa mensual"}, kind="round-table", status="confirmed",
        start="2017-05-04T09:30:00", end="2017-05-04T12:30:00", host="quilicura",
        recurrence={"freq": "monthly", "byday": ["1TH"], "count": 6},
    )
    root = write_store(tmp_path / "events", (*REGISTRY, series))
    app = open_app(root, now=datetime(2017, 4, 1, 12, 0).astimezone())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "mesa-mensual")
        await _series_tab(pilot, screen)
        assert screen.query_one("#occurrences", OccurrencesEditor).count == 6
        await _replace(pilot, "2")  # every other month: the focus starts on "Every"
        await pilot.press("tab")
        await _replace(pilot, "2TH")
        await pilot.pause()
        assert screen.errors == {}
        days = [row[0] for row in screen.query_one("#occurrences", OccurrencesEditor).table.rows]
        assert days[:3] == ["Thu 2017-05-11", "Thu 2017-07-13", "Thu 2017-09-14"]
        assert "every 2 months on the second Thursday, 6 times" in str(
            screen.query_one("#series-rule", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _status(app).startswith("✓ Saved")
    rule = tomllib.loads((root / "2017" / "2017-05-04-mesa-mensual.toml").read_text(encoding="utf-8"))["recurrence"]
    assert rule == {"freq": "monthly", "interval": 2, "byday": ["2TH"], "count": 6}


async def test_cancel_one_occurrence_move_another_and_save(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "monthly-round-table")
        await _series_tab(pilot, screen)
        await tab_to(pilot, "#occurrences")
        await pilot.press("down", "c")  # Thursday 1 June is skipped
        await pilot.pause()
        assert screen.data["occurrences"]["2017-06-01"]["cancelled"] is True
        await pilot.press("down", "m")  # Thursday 6 July moves a week later, in the afternoon
        assert isinstance(app.screen, FormScreen)
        await _replace(pilot, "2017-07-13")
        await pilot.press("tab")
        await _replace(pilot, "15:00")
        await pilot.press("tab")
        await _replace(pilot, "2017-07-13")
        await pilot.press("tab")
        await _replace(pilot, "17:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        rows = screen.query_one("#occurrences", OccurrencesEditor).table.rows
        assert rows[1][3] == "cancelled" and rows[2][3] == "moved"
        await pilot.press("down", "h")  # August is hosted by Recoleta instead of Maipú
        assert isinstance(app.screen, PickScreen)
        await type_text(pilot, "recoleta")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("end", "up", "r")  # November is no longer skipped
        await pilot.pause()
        await pilot.press("ctrl+z")  # ... after all it is
        await pilot.pause()
        assert screen.data["occurrences"]["2017-11-02"]["cancelled"] is True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _status(app).startswith("✓ Saved")
    occurrences = _file(shipped_root, SERIES)["occurrences"]
    june, july, august = occurrences["2017-06-01"], occurrences["2017-07-06"], occurrences["2017-08-03"]
    assert june["cancelled"] is True and june["host"] == "quilicura"  # its own data is kept
    assert (july["start"], july["end"]) == (datetime(2017, 7, 13, 15, 0), datetime(2017, 7, 13, 17, 30))
    assert july["host"] == "penalolen" and july.get("cancelled", False) is False
    assert august["host"] == "recoleta" and august["start"] == datetime(2017, 8, 10, 15, 0)
    assert occurrences["2017-11-02"] == {"cancelled": True}


async def test_an_invalid_rule_shows_its_message_and_nothing_is_saved(shipped_root: Path) -> None:
    before = (shipped_root / SERIES).read_bytes()
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "monthly-round-table")
        await _series_tab(pilot, screen)
        await tab_to(pilot, "#f-recurrence-byday")
        await _replace(pilot, "9XX")
        await pilot.pause()
        assert "'9XX' is not a weekday such as TH" in _error(screen, "#f-recurrence-byday")
        assert _status(app).startswith("✗ Not saved while invalid")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (shipped_root / SERIES).read_bytes() == before

        await _replace(pilot, "1TH")
        await tab_to(pilot, "#f-recurrence-until")
        await type_text(pilot, "2017-12-31")  # the series already has a count
        await pilot.pause()
        assert _error(screen, "#f-recurrence-until") == "give either count or until, not both"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (shipped_root / SERIES).read_bytes() == before
        assert screen.dirty


async def test_repeats_makes_a_single_event_a_series(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "lo-prado-round-table")
        await tab_to(pilot, "#f-recurrence-freq")
        await pilot.press("enter", "down", "down", "enter")  # past "does not repeat" and weekly, to monthly
        await pilot.pause()
        assert screen.data["recurrence"]["byday"] == ["-1TH"]  # like its date: the last Thursday
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _status(app).startswith("✓ Saved")
    assert _file(shipped_root, MARCH)["recurrence"] == {"freq": "monthly", "interval": 1, "byday": ["-1TH"]}
