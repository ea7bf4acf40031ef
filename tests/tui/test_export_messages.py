"""The Exports tab says in words why nothing was written: never an exception's raw form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.tui.exporting import run_export
from tests.helpers.store import SERIES, shipped_copy


def test_a_summary_of_an_event_without_one_says_so_in_words(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    outcome = run_export("summary", root, tmp_path / "out", SERIES, date(2017, 5, 4), lambda *_: None)
    assert outcome.failure == f"{SERIES!r} has no summary yet"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))


def test_minutes_of_an_unknown_event_say_which(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    outcome = run_export("minutes", root, tmp_path / "out", "no-such-event", date(2017, 5, 4), lambda *_: None)
    assert outcome.failure == f"no event with id 'no-such-event' in {root}"
