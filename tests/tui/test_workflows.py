"""The coordinator's main workflows driven by keys, and the event screen's rules checked on its state.

Every test that opens the event screen is marked slow (its widgets take a couple of seconds to mount); the rules
they reach are also checked without the screens in ``test_drafts``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from planner.calendar.uid import uid
from planner.domain.event import Event
from planner.domain.rows import EventFilter
from planner.index import Catalog
from planner.store import Store
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.event import EventScreen
from planner.tui.screens.events import EventsScreen
from planner.tui.screens.form import FormScreen
from planner.tui.screens.home import HomeScreen
from planner.tui.screens.pick import PickScreen
from planner.tui.widgets.events_table import EventsTable
from planner.tui.widgets.list_editor import ListEditor
from planner.tui.widgets.pick_field import PickField

from .conftest import (
    open_app,
    open_event,
    paste,
    put,
    settle,
    shown,
    status,
    tab_to,
    text_of,
    toml_at,
    type_text,
    until,
)

SIZE = (120, 40)
MARCH = "lo-prado-round-table"
MARCH_FILE = Path("2017") / "2017-03-30-lo-prado-round-table.toml"


def _read(root: Path, event_id: str) -> Event:
    event = Store.load(root).events[event_id]
    assert isinstance(event, Event)
    return event


async def _pick(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """In an open picker: search for ``text`` and choose the first match."""
    assert isinstance(pilot.app.screen, PickScreen)
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.slow
async def test_create_a_round_table_with_two_speakers_and_three_municipalities(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        assert isinstance(app.screen, FormScreen)
        for text in (
            "Mesa intermunicipal de abril",
            "April inter-municipal round table",
            "2017-04-27",
            "09:30",
            "2017-04-27",
            "12:30",
        ):
            await pilot.press("tab")
            await paste(pilot, text)
        await pilot.press("tab", "tab", "enter")  # past the zone (the home zone) to the host
        await _pick(pilot, "lo prado")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)

        screen = app.screen
        assert isinstance(screen, EventScreen) and screen.is_new
        assert screen.event_id == "2017-04-27-april-inter-municipal-round-table"
        # The programme's municipalities are invited (the host left out), with the default agenda.
        assert len(screen.data["guests"]) == 7
        assert [item["id"] for item in screen.data["agenda"]] == [
            "welcome",
            "presentations",
            "round-table",
            "agreements",
            "close",
        ]

        await pilot.press("alt+3")  # Speakers
        await pilot.pause()
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
        assert status(app).startswith("✓ Saved · 2017/2017-04-27-april-inter-municipal-round-table.toml")

    data = toml_at(shipped_root, Path("2017") / "2017-04-27-april-inter-municipal-round-table.toml")
    assert data["title"] == {"es": "Mesa intermunicipal de abril", "en": "April inter-municipal round table"}
    assert data["start"] == datetime(2017, 4, 27, 9, 30) and data["end"] == datetime(2017, 4, 27, 12, 30)
    assert data["host"] == "lo-prado" and data["programme"] == "migrants-and-cities"
    assert data["status"] == "draft" and data["kind"] == "round-table"
    assert [s["person"] for s in data["speakers"]] == ["fernando-cejudo", "branislav-marelic"]
    assert [g["municipality"] for g in data["guests"]] == ["quilicura", "quinta-normal", "recoleta"]
    assert _read(shipped_root, data["id"]).start.isoformat() == "2017-04-27T09:30:00-03:00"


@pytest.mark.slow
async def test_duplicate_the_march_round_table_to_next_month(shipped_root: Path) -> None:
    original = shipped_root / MARCH_FILE
    before = original.read_bytes()
    app = open_app(shipped_root, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "lo prado")
        await pilot.press("enter")  # to the table
        table = app.screen.query_one("#events", EventsTable)
        assert table.current is not None and table.current.id == MARCH
        await pilot.press("f2")  # duplicate
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
        assert "Saved" in status(app)

    assert original.read_bytes() == before
    march, april = _read(shipped_root, MARCH), _read(shipped_root, "2017-04-27-lo-prado-round-table")
    assert (shipped_root / "2017" / "2017-04-27-lo-prado-round-table.toml").is_file()
    assert april.start.isoformat() == "2017-04-27T09:30:00-03:00" and april.end.hour == 12
    assert april.status == "draft" and april.sequence == 0 and april.minutes is None
    assert april.summary is None and april.sent == ()
    assert {i.answer for i in april.invitations} == {"needs-action"}
    assert {i.attendance for i in april.invitations} == {"unknown"}
    assert april.speakers == march.speakers and april.guests == march.guests and april.agenda == march.agenda
    assert uid(april.id, "x.org") != uid(march.id, "x.org")


@pytest.mark.slow
async def test_record_minutes_with_a_decision_and_an_action_and_approve_them(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, "monthly-round-table")
        await pilot.press("alt+6")  # Minutes
        await pilot.pause()
        await tab_to(pilot, "#list-decisions")
        await pilot.press("a")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Seguir")
        await pilot.press("tab")
        await type_text(pilot, "Keep going")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.data["minutes"]["decisions"][0]["id"] == "d1"

        await tab_to(pilot, "#list-actions")
        await pilot.press("a")
        await type_text(pilot, "Enviar fotos")
        await pilot.press("tab")
        await type_text(pilot, "Send photos")
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
        assert "Saved" in status(app)
        preview = screen.query_one("#preview", Static)
        await until(
            pilot,
            lambda: "Send photos" in text_of(preview) or "Enviar fotos" in text_of(preview),
            "the preview of the minutes to show the action",
        )
        await pilot.press("A")  # approving a draft is refused: the workflow circulates first
        await settle(pilot)
        assert screen.data["minutes"].get("status", "draft") == "draft"
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert "approved" in text_of(screen.query_one("#minutes-status", Static))
        assert screen.query_one("#list-actions", ListEditor).locked

    minutes = _read(shipped_root, "monthly-round-table").minutes
    assert minutes is not None and minutes.status == "approved"
    assert [step.step for step in minutes.history] == ["circulated", "approved"]
    assert {step.by for step in minutes.history} == {"Test Coordinator"}
    assert minutes.decisions[0].text.en == "Keep going"
    due = minutes.actions[0].due
    assert minutes.actions[0].owner == "felix-martinez" and due is not None and due.isoformat() == "2017-05-15"


@pytest.mark.slow
async def test_export_invites_from_the_app(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, MARCH)
        await pilot.press("alt+7")  # Exports
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "export-invites"
        await pilot.press("enter")
        await settle(pilot)
        log = text_of(screen.query_one("#export-log", Static))
    written = sorted((shipped_root.parent / "exports" / "invites").glob("*.ics"))
    assert [p.name for p in written] == [f"{MARCH}.ics"]
    assert f"invites/{MARCH}.ics" in log
    text = written[0].read_text(encoding="utf-8")
    assert "METHOD:REQUEST" in text and f"UID:{MARCH}@" in text


async def test_filter_events_by_municipality(shipped_root: Path) -> None:
    app = open_app(shipped_root, start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EventsScreen)
        everything = len(screen.query_one("#events", EventsTable).rows)
        await pilot.press("f3")  # filters
        screen.query_one("#f-municipality", PickField).choose("estacion-central")
        await settle(pilot)
        rows = screen.query_one("#events", EventsTable).rows
        expected = [
            r.id for r in Catalog.open(shipped_root).rows(EventFilter()) if r.involves_municipality("estacion-central")
        ]
        assert [r.id for r in rows] == expected and 0 < len(rows) < everything
        assert "municipality: Estación Central" in text_of(screen.query_one("#summary", Static))
        await pilot.press("escape")  # clears the filters
        assert len(screen.query_one("#events", EventsTable).rows) == everything


async def test_the_new_event_form_takes_a_title_in_two_languages_and_a_host_picked_by_search(
    shipped_root: Path,
) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, FormScreen)
        await put(pilot, "#f-title .lang-es", "Mesa")  # the title: Spanish, and English beside it
        await put(pilot, "#f-title .lang-en", "Table")
        assert form.data["title"] == {"es": "Mesa", "en": "Table"}
        await put(pilot, "#f-title .lang-es", "")
        await put(pilot, "#f-title .lang-en", "")  # both blank: no title at all
        assert "title" not in form.data and form.errors["title"] == "give a title in Spanish, English or both"
        form.query_one("#f-host").focus()
        await pilot.press("enter")
        picker = app.screen
        assert isinstance(picker, PickScreen) and picker.title_text == "Choose: Host" and picker.allow_none
        await paste(pilot, "lo prado")
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) is form and form.data["host"] == "lo-prado"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.slow
async def test_an_end_before_the_start_is_shown_and_nothing_is_saved(shipped_root: Path) -> None:
    path = shipped_root / "2017" / "2017-03-29-asexma-annual-breakfast.toml"
    before = path.read_bytes()
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, "asexma-annual-breakfast")
        await put(pilot, "#f-end .when-time", "07:00")
        end = screen.query_one("#f-end")
        assert "the end must come after the start" in text_of(end.query_one(".field-error", Static))
        assert end.has_class("-invalid")
        assert status(app).startswith("✗ Not saved while invalid — end: the end must come after the start")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    assert path.read_bytes() == before


@pytest.mark.slow
async def test_undo_redo_saving_and_leaving_with_unsaved_changes(shipped_root: Path) -> None:
    path = shipped_root / MARCH_FILE
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, MARCH)
        speakers = [s["person"] for s in screen.data["speakers"]]
        editor = screen.query_one("#list-speakers", ListEditor)
        screen.action_show_tab("speakers")
        await pilot.pause()
        await pilot.press("down", "x")
        assert [s["person"] for s in screen.data["speakers"]] == ["fernando-cejudo", "branislav-marelic"]
        assert editor.count == 2 and screen.dirty
        await pilot.press("escape")  # leaving with unsaved changes asks
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # stay
        assert shown(app) is screen and screen.dirty

        await pilot.press("ctrl+z")
        assert [s["person"] for s in screen.data["speakers"]] == speakers
        assert editor.count == 3 and not screen.dirty
        await pilot.press("ctrl+y")
        assert len(screen.data["speakers"]) == 2
        await pilot.press("ctrl+s")  # undo reaches back past a save
        await settle(pilot)
        assert "Saved" in status(app) and not screen.dirty
        assert "felix-martinez" not in [s["person"] for s in toml_at(shipped_root, MARCH_FILE)["speakers"]]
        await pilot.press("ctrl+z")
        assert [s["person"] for s in screen.data["speakers"]] == speakers
        assert editor.count == 3
        assert screen.dirty and "Unsaved changes" in status(app)
        await pilot.press("ctrl+y")  # redo: back to what is saved
        assert len(screen.data["speakers"]) == 2 and not screen.dirty
        await pilot.press("ctrl+z", "ctrl+s")
        await settle(pilot)
        assert not screen.dirty
        assert [s["person"] for s in toml_at(shipped_root, MARCH_FILE)["speakers"]] == speakers
        saved = path.read_bytes()

        await pilot.press("x", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("right", "enter")  # Discard
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert path.read_bytes() == saved  # discarding writes nothing
