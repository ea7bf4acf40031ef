from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.store import shipped_copy


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A copy of the shipped store: tests never write into the repository's events/."""
    return shipped_copy(tmp_path)
