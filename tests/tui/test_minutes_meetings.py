"""The Minutes tab records any meeting of a series, and role-only delegates' attendance.

The meeting is chosen and the items are filled in at once, as the keys would; recording minutes by keys is
the workflow of ``test_workflows``. These open the event screen and are marked slow; the rules are also checked
without the screens in ``test_drafts``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, Static

from planner.tui.screens.event import EventScreen
from planner.tui.screens.form import FormScreen
from planner.tui.widgets.list_editor import ListEditor

from .conftest import fill, open_app, open_event, settle, shown, status, text_of, toml_at, until

SIZE = (120, 40)
SERIES = "monthly-round-table"
SERIES_FILE = Path("2017") / "2017-05-04-monthly-round-table.toml"
MARCH = "lo-prado-round-table"
MARCH_FILE = Path("2017") / "2017-03-30-lo-prado-round-table.toml"


async def _minutes_tab(pilot: Pilot[Any], screen: EventScreen) -> None:
    """Press the Minutes tab's own key (whatever number it has among the tabs shown)."""
    key = next(b.key for b in screen.BINDINGS if getattr(b, "id", None) == "event.tab_minutes")  # type: ignore[union-attr]
    await pilot.press(key.split(",")[0])
    await pilot.pause()


async def _meeting(pilot: Pilot[Any], screen: EventScreen, day: str) -> None:
    """Choose the meeting of ``day`` in the Minutes tab's list of the series' meetings."""
    screen.query_one("#minutes-meeting", Select).value = day
    await settle(pilot)


async def _add(pilot: Pilot[Any], screen: EventScreen, editor: str, values: dict[str, Any]) -> None:
    """Add an item to the list ``editor`` through its form, filled with ``values``."""
    screen.query_one(editor, ListEditor).action_request("add")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormScreen)
    await fill(pilot, values)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert shown(pilot.app) is screen


@pytest.mark.slow
async def test_minutes_and_attendance_of_the_second_meeting_of_the_series(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, SERIES)
        assert screen.meeting == date(2017, 5, 4)  # before the series: its first meeting is the next one
        await _minutes_tab(pilot, screen)
        await _meeting(pilot, screen, "2017-06-01")  # the second meeting, Thursday 1 June
        assert screen.meeting == date(2017, 6, 1)
        assert screen.query_one("#minutes-meeting", Select).value == "2017-06-01"
        assert screen.query_one("#list-decisions", ListEditor).path == (
            "occurrences",
            "2017-06-01",
            "minutes",
            "decisions",
        )
        assert "Minutes of 01 Jun 2017: none yet" in text_of(screen.query_one("#minutes-status", Static))

        delegations = screen.query_one("#list-delegations", ListEditor)
        delegations.focus()
        assert delegations.count == 7  # the seven guests whose delegate is only a role
        await pilot.press("t")  # the first row: La Reina (Lo Prado's delegate is a named person)
        await pilot.pause()
        assert screen.data["occurrences"]["2017-06-01"]["delegate_attendance"] == {"la-reina": "present"}
        assert screen.dirty
        table: DataTable[str] = screen.query_one("#attendance", DataTable)
        rows = [table.get_row_at(n) for n in range(table.row_count)]
        assert ["La Reina", "1", "1", "1", "0", "0"] in [list(map(str, row)) for row in rows]

        await _add(
            pilot,
            screen,
            "#list-decisions",
            {"#f-text": {"es": "Visitar Quilicura en julio", "en": "Visit Quilicura in July"}},
        )
        await _add(pilot, screen, "#list-actions", {"#f-text": {"es": "Enviar el acta", "en": "Send the minutes"}})
        assert screen.data["occurrences"]["2017-06-01"]["minutes"]["actions"][0]["id"] == "a1"
        assert "minutes" not in screen.data  # the first meeting's minutes are untouched

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved" in status(app)
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert "approved" in text_of(screen.query_one("#minutes-status", Static))
        assert screen.query_one("#list-decisions", ListEditor).locked
        preview = screen.query_one("#preview", Static)
        await until(
            pilot,
            lambda: "Send the minutes" in text_of(preview) or "Enviar el acta" in text_of(preview),
            "the preview of the approved minutes",
        )

    data = toml_at(shipped_root, SERIES_FILE)
    assert "minutes" not in data
    june = data["occurrences"]["2017-06-01"]
    minutes = june["minutes"]
    assert minutes["status"] == "approved"
    assert [step["step"] for step in minutes["history"]] == ["circulated", "approved"]
    assert minutes["decisions"] == [
        {"id": "d1", "text": {"es": "Visitar Quilicura en julio", "en": "Visit Quilicura in July"}}
    ]
    assert minutes["actions"][0]["text"]["en"] == "Send the minutes"
    assert june["host"] == "quilicura"  # the occurrence's own data is kept
    assert june["delegate_attendance"] == {"la-reina": "present"}
    assert all("attendance" not in guest for guest in data["guests"])  # nothing recorded for the whole series


@pytest.mark.slow
async def test_a_role_only_delegate_of_a_single_event_is_marked_excused(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, MARCH)
        await _minutes_tab(pilot, screen)
        assert not screen.query_one("#minutes-meeting", Select).display  # a single event is its only meeting
        screen.query_one("#list-delegations", ListEditor).focus()
        await pilot.press("t", "t")  # unknown -> present -> excused
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved" in status(app)
    data = toml_at(shipped_root, MARCH_FILE)
    assert data["guests"][0]["attendance"] == "excused"
    assert all("attendance" not in guest for guest in data["guests"][1:])
