"""Correcting text as a person does: Backspace over a word keeps the space before it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from .conftest import open_app, open_event, settle, tab_to, toml_at, type_text

MARCH = "lo-prado-round-table"
MARCH_FILE = "2017/2017-03-30-lo-prado-round-table.toml"


@pytest.mark.slow
async def test_backspace_over_a_word_and_typing_another_keeps_the_space(shipped_root: Path) -> None:
    app = open_app(shipped_root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_event(pilot, MARCH)
        await tab_to(pilot, "#f-venue-name")
        await pilot.press("end")
        for _ in "Lo Prado":
            await pilot.press("backspace")
            await pilot.pause()  # at human pace: the screen takes in each key before the next
        assert screen.query_one("#f-venue-name Input", Input).value == "Municipalidad de "
        await type_text(pilot, "Quilicura")
        await pilot.pause()
        assert screen.data["venue"]["name"] == "Municipalidad de Quilicura"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not screen.dirty
    assert toml_at(shipped_root, MARCH_FILE)["venue"]["name"] == "Municipalidad de Quilicura"
