"""Every screen at 80x24 and 120x40 with the shipped store, a fixed clock (Monday 27 March 2017) and no blink.

Update after a deliberate change with ``pytest tests/snapshots --snapshot-update`` and look at the SVGs.
A change to ``events/`` changes these pictures too. Marked slow: ``-m "not slow"`` leaves them out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from planner.tui.app import PlannerApp
from planner.tui.screens.event import EventScreen
from tests.tui.conftest import SIZES, settle, tab_to, type_text, until

pytestmark = pytest.mark.slow

Before = Callable[[Pilot[Any]], Awaitable[None]]
MARCH = "lo-prado-round-table"


async def _home(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def _keys(*keys: str) -> Before:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run


def _event(*keys: str, event_id: str = MARCH) -> Before:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.action_open_event(event_id)  # type: ignore[attr-defined]
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, EventScreen)
        await pilot.press(*keys)
        # The conflicts line and then the minutes' preview are filled in a moment after the screen opens.
        preview = screen.query_one("#preview", Static)
        await until(pilot, lambda: bool(str(preview.content)), "the minutes' preview")
        await settle(pilot)

    return run


def _record(record_id: str) -> Before:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.action_open_record(record_id)  # type: ignore[attr-defined]
        await settle(pilot)

    return run


async def _search(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    await pilot.press("slash")
    await type_text(pilot, "mensual")
    await pilot.press("enter", "f")
    await settle(pilot)


async def _legs(pilot: Pilot[Any]) -> None:
    await _event(event_id="ivlp-study-visit")(pilot)
    pilot.app.screen.action_show_tab("legs")  # type: ignore[attr-defined]
    await settle(pilot)


async def _zone_picker(pilot: Pilot[Any]) -> None:
    await _event(event_id="ivlp-study-visit")(pilot)
    await tab_to(pilot, "#f-tz")
    await pilot.press("enter")
    await type_text(pilot, "america new")
    await settle(pilot)


SCREENS: dict[str, Before] = {
    "home": _home,
    "events": _keys("e"),
    "event": _event(),
    "calendar": _keys("c"),
    "people": _keys("p"),
    "municipality": _record("lo-prado"),
    "new_event": _keys("n"),
    "help": _event("f1"),
}
TABS: dict[str, Before] = {
    "event_agenda": _event("alt+2"),
    "event_speakers": _event("alt+3"),
    "event_municipalities": _event("alt+4"),
    "event_invitations": _event("alt+5"),
    "event_minutes": _event("alt+6"),
    "event_exports": _event("alt+7"),
    "event_study_visit_legs": _legs,
    "zone_picker": _zone_picker,
    "delete_asks_to_cancel": _event("f8"),
    "events_search": _search,
    "organizations": _keys("o"),
}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, size: tuple[int, int], shipped_app: Callable[..., PlannerApp], snap_compare: Any) -> None:
    assert snap_compare(shipped_app(), terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.parametrize("view", list(TABS))
def test_view_at_80x24(view: str, shipped_app: Callable[..., PlannerApp], snap_compare: Any) -> None:
    assert snap_compare(shipped_app(), terminal_size=(80, 24), run_before=TABS[view])


def test_home_in_the_light_theme(shipped_app: Callable[..., PlannerApp], snap_compare: Any) -> None:
    app = shipped_app()

    async def light(pilot: Pilot[Any]) -> None:
        app.theme = "textual-light"
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=light)
