"""Fixtures of the calendar tests: one export of the shipped store, shared read-only by many tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.ics import Exported, export
from tests.helpers.store import shipped_copy


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The shipped store exported once per session; tests must not change it (copy it first)."""
    base = tmp_path_factory.mktemp("shipped")
    root = shipped_copy(base)
    out = base / "exports"
    before = {path: path.read_bytes() for path in sorted(root.rglob("*.toml"))}
    exported = Exported(root, out, export(root, out))
    exported.store_before = before
    return exported


@pytest.fixture
def store_root(tmp_path: Path) -> Path:
    """A fresh copy of the shipped store, for tests that change it."""
    return shipped_copy(tmp_path)
