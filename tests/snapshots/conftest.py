"""Snapshots run on a copy of the shipped store, opened by a relative path so the header is the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planner.tui.app import PlannerApp
from tests.helpers.store import shipped_copy
from tests.tui.conftest import SHIPPED_NOW, open_app


@pytest.fixture
def shipped_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., PlannerApp]:
    """A factory of apps over a fresh copy of ``events/``, with a fixed clock and no cursor blink."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("PLANNER_USER", "Test Coordinator")
    monkeypatch.chdir(tmp_path)
    shipped_copy(tmp_path)

    def make(**options: object) -> PlannerApp:
        return open_app(Path("events"), SHIPPED_NOW, exports=Path("exports"), **options)

    return make
