"""Settings every test shares: the store index and the export cache go to a temporary cache, never the user's own."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest


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
    # The UI's preferences too: a test never reads or writes the user's own config folder.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(cache / "config"))
    return cache
