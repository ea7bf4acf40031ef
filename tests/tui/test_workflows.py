"""The coordinator's main workflows, driven by keys, asserting the screen and the files on disk."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

from textual.widgets import Static

from planner.domain.event import Event
from planner.domain.rows import EventFilter
from planner.index import Catalog
from planner.store import Store
from planner.tui.app import PlannerApp
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.event import EventScreen
from planner.tui.screens.events import EventsScreen
from planner.tui.screens.form import FormScreen
from planner.tui.screens.home import HomeScreen
from planner.tui.screens.pick import PickScreen
from planner.tui.widgets.events_table import EventsTable
from planner.tui.widgets.list_editor import ListEditor

from .conftest import open_app, settle, tab_to, type_text

SIZE = (120, 40)
MARCH = "lo-prado-round-table"


def _status(app: PlannerApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


def _read(root: Path, event_id: str) -> Event:
    event = Store.load(root).events[event_id]
    assert isinstance(event, Event)
    return event


async def _open(pilot, app: PlannerApp, event_id: str) -> EventScreen:  # type: ignore[no-untyped-def]
    app.action_open_event(event_id)
    await settle(pilot)
    assert isinstance(app.screen, EventScreen) and app.screen.event_id == event_id
    return app.screen


async def _pick(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """In an open picker: search for ``text`` and choose the first match."""
    assert isinstance(pilot.app.screen, PickScreen)
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def test_create_a_round_table_with_two_speakers_and_three_municipalities(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab")
        await type_text(pilot, "Mesa intermunicipal de abril")
        await pilot.press("tab")
        await type_text(pilot, "April inter-municipal round table")
        await pilot.press("tab")
        await type_text(pilot, "2017-04-27")
        await pilot.press("tab")
        await type_text(pilot, "09:30")
        await pilot.press("tab")
        await type_text(pilot, "2017-04-27")
        await pilot.press("tab")
        await type_text(pilot, "12:30")
        await pilot.press("tab", "tab", "enter")  # past the zone (the home zone) to the host
        await _pick(pilot, "lo prado")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)

        screen = app.screen
        assert isinstance(screen, EventScreen) and screen.is_new
        event_id = screen.event_id
        assert event_id == "2017-04-27-april-inter-municipal-round-table"
        # The programme's municipalities are invited (the host left out), with the default agenda.
        assert len(screen.data["guests"]) == 7
        assert [item["id"] for item in screen.data["agenda"]] == [
            "welcome", "presentations", "round-table", "agreements", "close",
        ]

        await pilot.press("alt+3")  # Speakers
        await pilot.pause()
        assert isinstance(app.screen.focused, object)
        await pilot.press("a")
        assert isinstance(app.screen, PickScreen)
        await type_text(pilot, "cejudo")
        await pilot.press("down", "space")
        await type_text(pilot, "marelic")
        await pilot.press("down", "space", "enter")
        await pilot.pause()
        assert [s["person"] for s in screen.data["speakers"]] == ["fernando-cejudo", "branislav-marelic"]

        await pilot.press("alt+4")  # Municipalities
        await pilot.pause()
        await pilot.press("x", "x", "x", "x")
        guests = [g["municipality"] for g in screen.data["guests"]]
        assert guests == ["quilicura", "quinta-normal", "recoleta"]
        assert screen.query_one("#list-guests", ListEditor).count == 3

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _status(app).startswith("✓ Saved · 2017/2017-04-27-april-inter-municipal-round-table.toml")

    path = shipped_root / "2017" / "2017-04-27-april-inter-municipal-round-table.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["title"] == {"es": "Mesa intermunicipal de abril", "en": "April inter-municipal round table"}
    assert data["start"] == datetime(2017, 4, 27, 9, 30) and data["end"] == datetime(2017, 4, 27, 12, 30)
    assert data["host"] == "lo-prado" and data["programme"] == "migrants-and-cities"
    assert data["status"] == "draft" and data["kind"] == "round-table"
    assert [s["person"] for s in data["speakers"]] == ["fernando-cejudo", "branislav-marelic"]
    assert [g["municipality"] for g in data["guests"]] == ["quilicura", "quinta-normal", "recoleta"]
    event = _read(shipped_root, data["id"])
    assert event.start.isoformat() == "2017-04-27T09:30:00-03:00"


async def test_duplicate_the_march_round_table_to_next_month(shipped_root: Path) -> None:
    original = shipped_root / "2017" / "2017-03-30-lo-prado-round-table.toml"
    before = original.read_bytes()
    app = open_app(shipped_root, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "lo prado")
        await pilot.press("enter")  # to the table
        table = app.screen.query_one("#events", EventsTable)
        assert table.current is not None and table.current.id == MARCH
        await pilot.press("d")
        assert isinstance(app.screen, FormScreen)
        # The same weekday of the next month: the last Thursday of March gives the last Thursday of April.
        assert str(app.screen.data["start"]) == "2017-04-27 09:30:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EventScreen) and screen.is_new
        assert screen.event_id == "2017-04-27-lo-prado-round-table"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved" in _status(app)

    assert original.read_bytes() == before
    march, april = _read(shipped_root, MARCH), _read(shipped_root, "2017-04-27-lo-prado-round-table")
    assert (shipped_root / "2017" / "2017-04-27-lo-prado-round-table.toml").is_file()
    assert april.start.isoformat() == "2017-04-27T09:30:00-03:00" and april.end.hour == 12
    assert april.status == "draft" and april.sequence == 0 and april.minutes is None
    assert april.summary is None and april.sent == ()
    assert {i.answer for i in april.invitations} == {"needs-action"}
    assert {i.attendance for i in april.invitations} == {"unknown"}
    assert april.speakers == march.speakers and april.guests == march.guests and april.agenda == march.agenda
    from planner.calendar.uid import uid

    assert uid(april.id, "x.org") != uid(march.id, "x.org")


async def test_record_minutes_with_a_decision_and_an_action_and_approve_them(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "monthly-round-table")
        await pilot.press("alt+6")  # Minutes
        await pilot.pause()
        await tab_to(pilot, "#list-decisions")
        await pilot.press("a")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Seguir con la mesa mensual")
        await pilot.press("tab")
        await type_text(pilot, "Keep the monthly round table")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.data["minutes"]["decisions"][0]["id"] == "d1"

        await tab_to(pilot, "#list-actions")
        await pilot.press("a")
        await type_text(pilot, "Enviar las presentaciones")
        await pilot.press("tab")
        await type_text(pilot, "Send the presentations")
        await pilot.press("tab", "enter")  # the owner
        await _pick(pilot, "martinez")
        await pilot.press("tab", "tab")  # past the municipality, to the due date
        await type_text(pilot, "2017-05-15")
        await pilot.press("ctrl+s")
        await pilot.pause()
        action = screen.data["minutes"]["actions"][0]
        assert action["owner"] == "felix-martinez" and str(action["due"]) == "2017-05-15"

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Saved" in _status(app)
        await pilot.pause(0.5)  # the preview follows the edits a moment later
        preview = str(screen.query_one("#preview", Static).render())
        assert "Send the presentations" in preview or "Enviar las presentaciones" in preview
        await pilot.press("A")  # approving a draft is refused: the workflow circulates first
        await settle(pilot)
        assert screen.data["minutes"].get("status", "draft") == "draft"
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert "approved" in str(screen.query_one("#minutes-status", Static).render())
        assert screen.query_one("#list-actions", ListEditor).locked

    minutes = _read(shipped_root, "monthly-round-table").minutes
    assert minutes is not None and minutes.status == "approved"
    assert [step.step for step in minutes.history] == ["circulated", "approved"]
    assert {step.by for step in minutes.history} == {"Test Coordinator"}
    assert minutes.decisions[0].text.en == "Keep the monthly round table"
    assert minutes.actions[0].owner == "felix-martinez" and minutes.actions[0].due.isoformat() == "2017-05-15"


async def test_filter_events_by_municipality(shipped_root: Path) -> None:
    app = open_app(shipped_root, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        everything = len(app.screen.query_one("#events", EventsTable).rows)
        await pilot.press("f")
        await tab_to(pilot, "#f-municipality")
        await pilot.press("enter")
        await _pick(pilot, "estacion central")
        await settle(pilot)
        rows = app.screen.query_one("#events", EventsTable).rows
        expected = [
            r.id for r in Catalog.open(shipped_root).rows(EventFilter()) if r.involves_municipality("estacion-central")
        ]
        assert [r.id for r in rows] == expected and 0 < len(rows) < everything
        assert "municipality: Estación Central" in str(app.screen.query_one("#summary", Static).render())
        await pilot.press("escape")  # clears the filters
        assert len(app.screen.query_one("#events", EventsTable).rows) == everything


async def test_export_invites_from_the_app(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, MARCH)
        await pilot.press("alt+7")  # Exports
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "export-invites"
        await pilot.press("enter")
        await settle(pilot)
        log = str(screen.query_one("#export-log", Static).render())
    written = sorted((shipped_root.parent / "exports" / "invites").glob("*.ics"))
    assert [p.name for p in written] == [f"{MARCH}.ics"]
    assert f"invites/{MARCH}.ics" in log
    text = written[0].read_text(encoding="utf-8")
    assert "METHOD:REQUEST" in text and f"UID:{MARCH}@" in text


async def test_an_end_before_the_start_is_shown_and_nothing_is_saved(shipped_root: Path) -> None:
    path = shipped_root / "2017" / "2017-03-29-asexma-annual-breakfast.toml"
    before = path.read_bytes()
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "asexma-annual-breakfast")
        await tab_to(pilot, "#f-end .when-time")
        await type_text(pilot, "07:00")
        await pilot.pause()
        end = screen.query_one("#f-end")
        assert "the end must come after the start" in str(end.query_one(".field-error", Static).render())
        assert end.has_class("-invalid")
        assert _status(app).startswith("✗ Not saved while invalid — end: the end must come after the start")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EventScreen)
    assert path.read_bytes() == before


async def test_undo_restores_a_removed_speaker(shipped_root: Path) -> None:
    path = shipped_root / "2017" / "2017-03-30-lo-prado-round-table.toml"
    before = path.read_bytes()
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, MARCH)
        speakers = list(screen.data["speakers"])
        await pilot.press("alt+3")
        await pilot.pause()
        await pilot.press("down", "x")
        assert [s["person"] for s in screen.data["speakers"]] == ["fernando-cejudo", "branislav-marelic"]
        assert screen.query_one("#list-speakers", ListEditor).count == 2
        assert screen.dirty
        await pilot.press("ctrl+z")
        assert list(screen.data["speakers"]) == speakers
        assert screen.query_one("#list-speakers", ListEditor).count == 3
        assert not screen.dirty
        await pilot.press("ctrl+y")
        assert len(screen.data["speakers"]) == 2
        await pilot.press("ctrl+z", "escape")  # nothing to save: leaves without asking
        assert isinstance(app.screen, HomeScreen)
    assert path.read_bytes() == before


async def test_leaving_with_unsaved_changes_asks(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open(pilot, app, MARCH)
        await pilot.press("alt+3")
        await pilot.pause()
        await pilot.press("x", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # stay
        assert isinstance(app.screen, EventScreen) and app.screen.dirty
        await pilot.press("escape", "right", "enter")  # Discard
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_events_screen_is_reached_from_home_and_escape_returns(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
