"""Settings every test shares: temporary folders in memory where the machine allows, and the store index and the
export cache in a temporary cache, never the user's own."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

MEMORY = Path("/dev/shm")
MEMORY_NEEDED = 1 << 30
"""Free space the RAM file system must have: a run keeps about 100 MB, and pytest keeps the last three runs."""


def pytest_configure(config: pytest.Config) -> None:
    """pytest's temporary folders go to the RAM file system, unless ``--basetemp``, ``TMPDIR`` or
    ``PYTEST_DEBUG_TEMPROOT`` says where, or there is no such file system with room to spare.

    The tests copy the shipped store some two hundred times, and export calendars and build indexes hundreds of
    times; on a busy virtual machine's disk that was a third of a quick run. ``TMPDIR=/tmp`` puts them back on
    the disk.
    """
    chosen = config.option.basetemp or os.environ.get("TMPDIR") or os.environ.get("PYTEST_DEBUG_TEMPROOT")
    if chosen or not MEMORY.is_dir() or not os.access(MEMORY, os.W_OK):
        return
    if shutil.disk_usage(MEMORY).free >= MEMORY_NEEDED:
        # Read by pytest when it first makes its base temporary folder, which is after this hook.
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(MEMORY)


@pytest.fixture(autouse=True, scope="session")
def _caches(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Iterator[Path]]:
    """One folder for every cache of the session; its ``session`` cache serves module- and session-scoped
    fixtures (which run outside any one test), and it hands out a fresh name for each test."""
    root = tmp_path_factory.mktemp("caches")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(root / "session"))
        yield (root / f"test-{n}" for n in itertools.count())


@pytest.fixture(autouse=True)
def cache_home(_caches: Iterator[Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """``$XDG_CACHE_HOME`` of this test, empty at its start: the planner runs in this process, so an index or an
    export cache left by another test would be found and trusted.

    The folder is not made here (the planner makes it when it first writes a cache): most tests never do, and
    hundreds of empty folders cost seconds on a slow disk.
    """
    cache = next(_caches)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache
