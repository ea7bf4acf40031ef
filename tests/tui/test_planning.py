"""New events of each kind driven by keys (marked slow), deleting, and conflicts shown where they matter.

What a new event of each kind starts with is checked without the screens in ``test_drafts``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from planner.domain.event import Event
from planner.store import Store
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.event import EventScreen
from planner.tui.screens.form import FormScreen
from planner.tui.screens.home import HomeScreen
from planner.tui.screens.pick import PickScreen
from planner.tui.widgets.rows_table import RowsTable

from .conftest import (
    REGISTRY,
    make_event,
    open_app,
    open_event,
    paste,
    settle,
    text_of,
    toml_at,
    type_text,
    until,
    write_store,
)

SIZE = (120, 40)


async def _new(pilot, kind_steps: int, title: str, day: str, start: str, end: str) -> None:  # type: ignore[no-untyped-def]
    """Fill the new-event form: the kind (``kind_steps`` down from round table), then paste title, day and times."""
    await pilot.press("n")
    assert isinstance(pilot.app.screen, FormScreen)
    await pilot.press("enter", *["down"] * kind_steps, "enter")
    for text, keys in ((title, ("tab",)), (day, ("tab", "tab")), (start, ("tab",)), (day, ("tab",)), (end, ("tab",))):
        await pilot.press(*keys)
        await paste(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.mark.slow
async def test_a_study_visit_gets_legs_with_a_zone_picked_by_search(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _new(pilot, 1, "Visita a Madrid", "2017-06-05", "09:00", "18:00")
        screen = app.screen
        assert isinstance(screen, EventScreen) and screen.data["kind"] == "study-visit"
        assert screen.query_one("#tabs").active == "legs"  # type: ignore[attr-defined]
        await pilot.press("a")
        assert isinstance(app.screen, FormScreen)
        await paste(pilot, "madrid")
        await pilot.press("tab")
        await paste(pilot, "Madrid")
        await pilot.press("tab")
        await paste(pilot, "España")
        await pilot.press("tab", "enter")
        assert isinstance(app.screen, PickScreen)
        await type_text(pilot, "europe madr")
        await pilot.press("enter")
        for text in ("2017-06-05", "15:00", "2017-06-05", "20:00"):
            await pilot.press("tab")
            await paste(pilot, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        assert screen.data["legs"][0]["tz"] == "Europe/Madrid"
        await pilot.press("ctrl+s")
        await settle(pilot)
        path = Path("2017") / f"{screen.event_id}.toml"
    data = toml_at(shipped_root, path)
    assert data["kind"] == "study-visit"
    assert data["legs"] == [
        {
            "id": "madrid",
            "city": "Madrid",
            "country": "España",
            "tz": "Europe/Madrid",
            "start": datetime(2017, 6, 5, 15, 0),
            "end": datetime(2017, 6, 5, 20, 0),
        }
    ]


@pytest.mark.slow
async def test_an_agreement_signing_asks_for_the_signatories(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _new(pilot, 3, "Convenio OIM y UCM", "2017-06-06", "11:00", "12:00")
        assert isinstance(app.screen, PickScreen)  # who signs?
        await type_text(pilot, "giron")
        await pilot.press("down", "space")
        await type_text(pilot, "duran")
        await pilot.press("down", "space", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EventScreen)
        assert screen.query_one("#tabs").active == "signatories"  # type: ignore[attr-defined]
        # Each signs for their own organization unless told otherwise.
        assert screen.data["signatories"] == [
            {"person": "norberto-giron", "organization": "iom-chile"},
            {"person": "diego-duran", "organization": "ucm"},
        ]


def _delete_store(tmp_path: Path) -> Path:
    draft = make_event(
        id="borrador",
        title={"es": "Borrador"},
        kind="workshop",
        status="draft",
        start="2017-06-01T10:00:00",
        end="2017-06-01T11:00:00",
    )
    confirmed = make_event(
        id="confirmado",
        title={"es": "Confirmado"},
        kind="workshop",
        status="confirmed",
        start="2017-06-02T10:00:00",
        end="2017-06-02T11:00:00",
    )
    return write_store(tmp_path / "events", (*REGISTRY, draft, confirmed))


async def test_deleting_a_draft_removes_its_file(tmp_path: Path) -> None:
    root = _delete_store(tmp_path)
    app = open_app(root, datetime.fromisoformat("2017-05-01T12:00:00+00:00"), start="events")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#events", RowsTable).current.id == "borrador"  # type: ignore[union-attr]
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert "never sent" in str(app.screen.query_one("#confirm-message", Static).render())
        await pilot.press("right", "enter")
        await settle(pilot)
        assert [r.id for r in app.screen.query_one("#events", RowsTable).rows] == ["confirmado"]
    assert not (root / "2017" / "2017-06-01-borrador.toml").exists()


@pytest.mark.slow
async def test_deleting_a_confirmed_event_cancels_it_first_and_asks_again(tmp_path: Path) -> None:
    root = _delete_store(tmp_path)
    path = root / "2017" / "2017-06-02-confirmado.toml"
    app = open_app(root, datetime.fromisoformat("2017-05-01T12:00:00+00:00"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_open_event("confirmado")
        await settle(pilot)
        await pilot.press("f8")
        assert isinstance(app.screen, ConfirmScreen)
        assert "cancelled first" in str(app.screen.query_one("#confirm-message", Static).render())
        await pilot.press("right", "enter")  # Cancel the event
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # asked again
        saved = Store.load(root).events["confirmado"]
        assert isinstance(saved, Event) and saved.status == "cancelled"
        await pilot.press("enter")  # Keep it, cancelled
        await settle(pilot)
        assert isinstance(app.screen, EventScreen) and app.screen.data["status"] == "cancelled"
        await pilot.press("f8")  # a cancelled event is removed on the next delete
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert not path.exists()


def _conflict_store(tmp_path: Path) -> Path:
    first = make_event(
        id="salud",
        title={"es": "Mesa de salud"},
        kind="round-table",
        status="confirmed",
        programme=None,
        start="2017-06-07T09:30:00",
        end="2017-06-07T12:30:00",
        speakers=[{"person": "ana-perez"}],
    )
    second = make_event(
        id="empleo",
        title={"es": "Taller de empleo"},
        kind="workshop",
        status="confirmed",
        start="2017-06-07T11:00:00",
        end="2017-06-07T13:00:00",
        speakers=[{"person": "ana-perez"}],
    )
    holiday = make_event(
        id="feriado",
        title={"es": "Reunión en feriado"},
        kind="workshop",
        status="tentative",
        start="2017-06-26T10:00:00",
        end="2017-06-26T11:00:00",
    )
    return write_store(tmp_path / "events", (*REGISTRY, first, second, holiday))


async def test_conflicts_show_on_home(tmp_path: Path) -> None:
    app = open_app(_conflict_store(tmp_path), datetime.fromisoformat("2017-06-01T12:00:00+00:00"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        messages = [c.message for c in app.screen.query_one("#conflict-list", RowsTable).rows]
        assert "Ana Pérez is also in 'Taller de empleo' (Wednesday 2017-06-07 11:00) at the same time" in messages
        assert any("public holiday in Chile" in m for m in messages)  # 26 June 2017: San Pedro y San Pablo


@pytest.mark.slow
async def test_conflicts_show_in_the_event_screen(tmp_path: Path) -> None:
    app = open_app(_conflict_store(tmp_path), datetime.fromisoformat("2017-06-01T12:00:00+00:00"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, "salud")
        line = screen.query_one("#conflicts", Static)
        # Conflicts are looked for a moment after the screen opens.
        await until(pilot, lambda: "Ana Pérez is also in 'Taller de empleo'" in text_of(line), "the conflicts line")
