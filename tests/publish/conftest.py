from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.helpers import copy_store


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A copy of the shipped store: tests never write into the repository's events/."""
    return copy_store(tmp_path)
