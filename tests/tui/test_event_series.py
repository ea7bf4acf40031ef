"""Links, quotes, a series' rule and its occurrences, edited in the event screen and saved to the file.

The two workflows (links and quotes; a series' occurrences) are driven by keys; the series' rule is checked by
setting its fields at once, as typing does. All open the event screen and are marked slow; the rules are also
checked without the screens in ``test_drafts``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, Static

from planner.tui.screens.event import EventScreen
from planner.tui.screens.form import FormScreen
from planner.tui.screens.pick import PickScreen
from planner.tui.widgets.form_field import FormField
from planner.tui.widgets.occurrences_editor import OccurrencesEditor

from .conftest import (
    REGISTRY,
    monthly_series,
    open_app,
    open_event,
    put,
    replace_text,
    settle,
    shown,
    status,
    tab_to,
    text_of,
    toml_at,
    type_text,
    write_store,
)

SIZE = (80, 24)
MARCH = "2017/2017-03-30-lo-prado-round-table.toml"
SERIES = "2017/2017-05-04-monthly-round-table.toml"


async def _series_tab(pilot: Pilot[Any], screen: EventScreen) -> None:
    await pilot.press("ctrl+pagedown")  # the Series tab follows the Overview
    await pilot.pause()
    assert screen.query_one("#tabs").active == "recurrence"  # type: ignore[attr-defined]


def _error(screen: Any, selector: str) -> str:
    return screen.query_one(selector, FormField).error  # type: ignore[no-any-return]


def _occurrences(screen: EventScreen) -> OccurrencesEditor:
    return screen.query_one("#occurrences", OccurrencesEditor)


@pytest.mark.slow
async def test_add_a_link_checked_by_the_model_and_a_quote_in_two_languages(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, "lo-prado-round-table")
        # The links and the quotes end the Overview: going back from its first field wraps round to them.
        await tab_to(pilot, "#list-links", key="shift+tab")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, FormScreen)
        await type_text(pilot, "www.oim.cl")
        await pilot.press("ctrl+s")  # refused: the model's message shows by the address
        await pilot.pause()
        assert shown(app) is form
        assert "'www.oim.cl' is not a web address starting with http:// or https://" in _error(form, "#f-url")
        await pilot.press("home")
        await type_text(pilot, "https://")
        await pilot.press("tab")
        await type_text(pilot, "OIM Chile")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app) is screen
        assert screen.data["links"] == [{"url": "https://www.oim.cl", "title": "OIM Chile"}]

        await tab_to(pilot, "#list-quotes", key="shift+tab")
        await pilot.press("a")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # the person
        assert isinstance(app.screen, PickScreen)
        await type_text(pilot, "cejudo")
        await pilot.press("enter")
        await pilot.pause()
        await tab_to(pilot, "#f-text")
        await type_text(pilot, "Juntos")
        await pilot.press("tab")
        await type_text(pilot, "Together")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app) is screen
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert status(app).startswith("✓ Saved")
    data = toml_at(shipped_root, MARCH)
    assert data["links"] == [{"url": "https://www.oim.cl", "title": "OIM Chile"}]
    assert data["quotes"] == [{"person": "fernando-cejudo", "text": {"es": "Juntos", "en": "Together"}}]


@pytest.mark.slow
async def test_cancel_one_occurrence_move_another_and_save(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, "monthly-round-table")
        await _series_tab(pilot, screen)
        focused = screen.focused
        assert focused is not None and screen.query_one("#f-recurrence-interval") in focused.ancestors  # "Every"
        await tab_to(pilot, "#occurrences")
        await pilot.press("down", "c")  # Thursday 1 June is skipped
        await pilot.pause()
        assert screen.data["occurrences"]["2017-06-01"]["cancelled"] is True
        await pilot.press("down", "m")  # Thursday 6 July moves a week later, in the afternoon
        assert isinstance(app.screen, FormScreen)
        await replace_text(pilot, "2017-07-13")
        await pilot.press("tab")
        await replace_text(pilot, "15:00")
        await pilot.press("tab")
        await replace_text(pilot, "2017-07-13")
        await pilot.press("tab")
        await replace_text(pilot, "17:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app) is screen
        rows = _occurrences(screen).table.rows
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
        assert status(app).startswith("✓ Saved")
    occurrences = toml_at(shipped_root, SERIES)["occurrences"]
    june, july, august = occurrences["2017-06-01"], occurrences["2017-07-06"], occurrences["2017-08-03"]
    assert june["cancelled"] is True and june["host"] == "quilicura"  # its own data is kept
    assert (july["start"], july["end"]) == (datetime(2017, 7, 13, 15, 0), datetime(2017, 7, 13, 17, 30))
    assert july["host"] == "penalolen" and july.get("cancelled", False) is False
    assert august["host"] == "recoleta" and august["start"] == datetime(2017, 8, 10, 15, 0)
    assert occurrences["2017-11-02"] == {"cancelled": True}


@pytest.mark.slow
async def test_a_series_rule_edited_in_its_fields_shows_its_occurrences_or_its_messages(tmp_path: Path) -> None:
    series = monthly_series()
    root = write_store(tmp_path / "events", (*REGISTRY, series))
    path = root / "2017" / "2017-05-04-mesa-mensual.toml"
    before = path.read_bytes()
    app = open_app(root, now=datetime(2017, 4, 1, 12, 0).astimezone())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, "mesa-mensual")
        assert _occurrences(screen).count == 6

        await put(pilot, "#f-recurrence-byday Input", "9XX")
        assert "'9XX' is not a weekday such as TH" in _error(screen, "#f-recurrence-byday")
        assert status(app).startswith("✗ Not saved while invalid")
        screen.action_save()
        await settle(pilot)
        assert path.read_bytes() == before

        await put(pilot, "#f-recurrence-interval Input", "2")  # every other month
        await put(pilot, "#f-recurrence-byday Input", "2TH")
        assert screen.errors == {}
        days = [row[0] for row in _occurrences(screen).table.rows]
        assert days[:3] == ["Thu 2017-05-11", "Thu 2017-07-13", "Thu 2017-09-14"]
        assert "every 2 months on the second Thursday, 6 times" in text_of(screen.query_one("#series-rule", Static))

        await put(pilot, "#f-recurrence-until Input", "2017-12-31")  # the series already has a count
        assert _error(screen, "#f-recurrence-until") == "give either count or until, not both"
        screen.action_save()
        await settle(pilot)
        assert path.read_bytes() == before and screen.dirty

        await put(pilot, "#f-recurrence-until Input", "")
        screen.action_save()
        await settle(pilot)
        assert status(app).startswith("✓ Saved")
    rule = toml_at(root, "2017/2017-05-04-mesa-mensual.toml")["recurrence"]
    assert rule == {"freq": "monthly", "interval": 2, "byday": ["2TH"], "count": 6}


@pytest.mark.slow
async def test_repeats_makes_a_single_event_a_series(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, "lo-prado-round-table")
        repeats: Select[str] = screen.query_one("#f-recurrence-freq Select", Select)
        repeats.value = "monthly"
        await settle(pilot)
        assert screen.data["recurrence"]["byday"] == ["-1TH"]  # like its date: the last Thursday
        screen.action_save()
        await settle(pilot)
        assert status(app).startswith("✓ Saved")
    assert toml_at(shipped_root, MARCH)["recurrence"] == {"freq": "monthly", "interval": 1, "byday": ["-1TH"]}
