"""The Minutes tab records any meeting of a series, role-only delegates' attendance, and undo reaches past a save."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Select, Static

from planner.tui.app import PlannerApp
from planner.tui.screens.event import EventScreen
from planner.tui.screens.form import FormScreen
from planner.tui.widgets.list_editor import ListEditor

from .conftest import open_app, settle, tab_to, type_text

SIZE = (120, 40)
SERIES = "monthly-round-table"
SERIES_FILE = Path("2017") / "2017-05-04-monthly-round-table.toml"
MARCH = "lo-prado-round-table"
MARCH_FILE = Path("2017") / "2017-03-30-lo-prado-round-table.toml"


def _toml(root: Path, relative: Path) -> dict[str, Any]:
    return tomllib.loads((root / relative).read_text(encoding="utf-8"))


def _status(app: PlannerApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def _open(pilot: Pilot[Any], app: PlannerApp, event_id: str) -> EventScreen:
    app.action_open_event(event_id)
    await settle(pilot)
    assert isinstance(app.screen, EventScreen) and app.screen.event_id == event_id
    return app.screen


async def _minutes_tab(pilot: Pilot[Any], screen: EventScreen) -> None:
    """Press the Minutes tab's own key (whatever number it has among the tabs shown)."""
    key = next(b.key for b in screen.BINDINGS if getattr(b, "id", None) == "event.tab_minutes")  # type: ignore[union-attr]
    await pilot.press(key.split(",")[0])
    await pilot.pause()


async def test_minutes_of_the_second_meeting_of_the_series_are_recorded_and_approved(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, SERIES)
        assert screen.meeting == date(2017, 5, 4)  # before the series: its first meeting is the next one
        await _minutes_tab(pilot, screen)
        await tab_to(pilot, "#minutes-meeting")
        await pilot.press("enter", "down", "enter")  # the second meeting, Thursday 1 June
        await settle(pilot)
        assert screen.meeting == date(2017, 6, 1)
        assert screen.query_one("#minutes-meeting", Select).value == "2017-06-01"
        assert screen.query_one("#list-decisions", ListEditor).path == (
            "occurrences", "2017-06-01", "minutes", "decisions")
        assert "Minutes of 01 Jun 2017: none yet" in str(screen.query_one("#minutes-status", Static).render())

        await tab_to(pilot, "#list-decisions")
        await pilot.press("a")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Visitar Quilicura en julio")
        await pilot.press("tab")
        await type_text(pilot, "Visit Quilicura in July")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await tab_to(pilot, "#list-actions")
        await pilot.press("a")
        await type_text(pilot, "Enviar el acta")
        await pilot.press("tab")
        await type_text(pilot, "Send the minutes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.data["occurrences"]["2017-06-01"]["minutes"]["actions"][0]["id"] == "a1"
        assert "minutes" not in screen.data  # the first meeting's minutes are untouched

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved" in _status(app)
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert "approved" in str(screen.query_one("#minutes-status", Static).render())
        assert screen.query_one("#list-decisions", ListEditor).locked
        await pilot.pause(0.5)  # the preview follows a moment later
        preview = str(screen.query_one("#preview", Static).render())
        assert "Send the minutes" in preview or "Enviar el acta" in preview

    data = _toml(shipped_root, SERIES_FILE)
    assert "minutes" not in data
    minutes = data["occurrences"]["2017-06-01"]["minutes"]
    assert minutes["status"] == "approved"
    assert [step["step"] for step in minutes["history"]] == ["circulated", "approved"]
    assert minutes["decisions"] == [{"id": "d1", "text": {"es": "Visitar Quilicura en julio",
                                                         "en": "Visit Quilicura in July"}}]
    assert minutes["actions"][0]["text"]["en"] == "Send the minutes"
    assert data["occurrences"]["2017-06-01"]["host"] == "quilicura"  # the occurrence's own data is kept


async def test_a_role_only_delegate_is_marked_present_at_a_meeting_of_the_series(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, SERIES)
        await _minutes_tab(pilot, screen)
        await tab_to(pilot, "#minutes-meeting")
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        await tab_to(pilot, "#list-delegations")
        editor = screen.query_one("#list-delegations", ListEditor)
        assert editor.count == 7  # the seven guests whose delegate is only a role
        await pilot.press("t")  # the first row: La Reina (Lo Prado's delegate is a named person)
        await pilot.pause()
        assert screen.data["occurrences"]["2017-06-01"]["delegate_attendance"] == {"la-reina": "present"}
        assert screen.dirty
        table: DataTable[str] = screen.query_one("#attendance", DataTable)
        rows = [table.get_row_at(n) for n in range(table.row_count)]
        assert ["La Reina", "1", "1", "1", "0", "0"] in [list(map(str, row)) for row in rows]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved" in _status(app)

    data = _toml(shipped_root, SERIES_FILE)
    assert data["occurrences"]["2017-06-01"]["delegate_attendance"] == {"la-reina": "present"}
    assert all("attendance" not in guest for guest in data["guests"])  # nothing recorded for the whole series


async def test_a_role_only_delegate_of_a_single_event_is_marked_excused(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, MARCH)
        await _minutes_tab(pilot, screen)
        assert not screen.query_one("#minutes-meeting", Select).display  # a single event is its only meeting
        await tab_to(pilot, "#list-delegations")
        await pilot.press("t", "t")  # unknown -> present -> excused
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved" in _status(app)
    data = _toml(shipped_root, MARCH_FILE)
    assert data["guests"][0]["attendance"] == "excused"
    assert all("attendance" not in guest for guest in data["guests"][1:])


async def test_undo_after_saving_restores_a_removed_speaker(shipped_root: Path) -> None:
    path = shipped_root / MARCH_FILE
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, MARCH)
        speakers = [s["person"] for s in screen.data["speakers"]]
        await pilot.press("alt+3")  # Speakers
        await pilot.pause()
        await tab_to(pilot, "#list-speakers")
        await pilot.press("down", "x", "ctrl+s")
        await settle(pilot)
        assert "Saved" in _status(app) and not screen.dirty
        assert "felix-martinez" not in [s["person"] for s in _toml(shipped_root, MARCH_FILE)["speakers"]]

        await pilot.press("ctrl+z")
        assert [s["person"] for s in screen.data["speakers"]] == speakers
        assert screen.query_one("#list-speakers", ListEditor).count == 3
        assert screen.dirty and "Unsaved changes" in _status(app)
        await pilot.press("ctrl+y")  # redo: back to what is saved
        assert len(screen.data["speakers"]) == 2 and not screen.dirty
        await pilot.press("ctrl+z", "ctrl+s")
        await settle(pilot)
        assert not screen.dirty
    assert [s["person"] for s in _toml(shipped_root, MARCH_FILE)["speakers"]] == speakers
    assert path.exists()
