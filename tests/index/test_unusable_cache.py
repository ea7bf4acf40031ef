"""The cache is only a cache: a cache folder that cannot be made, opened or written changes no answer.

Each command runs once on a copy of the shipped store with a usable cache, and
once on another copy with the cache broken in one of three ways; stdout, exit
codes and every exported byte must match, and stderr must carry exactly one
warning line naming the cache folder and the reason. The tests run as root,
where permissions stop no write, so the cache is broken by a file standing
where its folder should be, or by SQLite failing as a broken or full disk does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import Result, run
from tests.helpers.store import ROUND_TABLE, shipped_copy

COMMANDS: list[tuple[str, ...]] = [
    ("list",),
    ("list", "--json"),
    ("list", "--lang", "en"),
    ("show", ROUND_TABLE),
    ("check",),  # reads and validates every file itself: it uses no cache, so it has nothing to warn about
    ("export", "ics", "--out", "out"),
    ("export", "ics", "--out", "out"),  # a second export, which would answer from the export cache
]

WARNING = "planner: warning: the cache folder "


def session(where: Path, cache: Path) -> tuple[list[Result], dict[str, bytes]]:
    """Every command on a fresh copy of the shipped store in ``where``, and the files the exports wrote."""
    shipped_copy(where)
    env = {"XDG_CACHE_HOME": str(cache)}
    results = [run(*command, "--store", "events", cwd=where, env=env) for command in COMMANDS]
    out = where / "out"
    files = {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}
    return results, files


def failing_connect(message: str) -> Callable[..., sqlite3.Connection]:
    def connect(database: str, **kwargs: Any) -> sqlite3.Connection:
        if database != ":memory:":
            raise sqlite3.OperationalError(message)
        return sqlite3.Connection(database, **kwargs)  # what sqlite3.connect makes

    return connect


def full_disk() -> Callable[..., sqlite3.Connection]:
    """Files open, but a database may not grow past a few pages: SQLite's "database or disk is full"."""

    def connect(database: str, **kwargs: Any) -> sqlite3.Connection:
        db = sqlite3.Connection(database, **kwargs)  # what sqlite3.connect makes
        if database != ":memory:":
            db.execute("PRAGMA max_page_count = 8")
        return db

    return connect


def assert_same(
    tmp_path: Path, broken_cache: Path, reason: str, patch: Callable[[], None] | None = None
) -> list[Result]:
    expected, expected_files = session(tmp_path / "normal", tmp_path / "cache")
    if patch is not None:
        patch()
    results, files = session(tmp_path / "broken", broken_cache)
    for command, want, got in zip(COMMANDS, expected, results, strict=True):
        assert got.returncode == want.returncode == 0, (command, got.stderr)
        assert got.stdout == want.stdout, command
        warnings = [line for line in got.stderr.splitlines() if line.startswith(WARNING)]
        if command == ("check",):
            assert got.stderr == want.stderr
            continue
        assert len(warnings) == 1, (command, got.stderr)
        assert f"({reason})" in warnings[0]
        assert got.stderr.replace(warnings[0] + "\n", "") == want.stderr, command
    assert files == expected_files
    assert files  # the exports wrote something to compare
    return results


def test_a_file_where_the_cache_folder_should_be(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    results = assert_same(tmp_path, blocker / "cache", "Not a directory")
    assert str(blocker / "cache" / "planner") in results[0].stderr


def test_sqlite_cannot_open_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def patch() -> None:
        monkeypatch.setattr(sqlite3, "connect", failing_connect("disk I/O error"))

    assert_same(tmp_path, tmp_path / "cache-broken", "disk I/O error", patch)


def test_a_full_disk_under_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def patch() -> None:
        monkeypatch.setattr(sqlite3, "connect", full_disk())

    assert_same(tmp_path, tmp_path / "cache-full", "database or disk is full", patch)


def test_a_usable_cache_says_nothing(tmp_path: Path) -> None:
    results, _ = session(tmp_path, tmp_path / "cache")
    assert all(WARNING not in result.stderr for result in results)
