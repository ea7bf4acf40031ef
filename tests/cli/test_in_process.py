"""The in-process run every command-line test relies on: it sees what a fresh process would, and leaves nothing.

A run that leaked a variable or a working folder into the next test, or let the
coordinator's own ``PLANNER_STORE`` in, would make other tests pass or fail for
reasons of their own; these tests keep the runner honest.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner import __version__
from tests.helpers.cli import run
from tests.helpers.store import ROUND_TABLE, shipped_copy


def test_the_machine_s_planner_variables_are_not_seen_and_come_back_afterwards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_STORE", str(tmp_path / "nowhere"))
    monkeypatch.setenv("PLANNER_DEBUG", "1")
    before = Path.cwd()
    result = run("show", ROUND_TABLE)  # ./events of the repository, not $PLANNER_STORE
    assert result.returncode == 0, result.stderr
    assert os.environ["PLANNER_STORE"] == str(tmp_path / "nowhere") and os.environ["PLANNER_DEBUG"] == "1"
    assert Path.cwd() == before


def test_env_and_cwd_apply_to_the_run_only(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    before = Path.cwd()
    result = run("export", "ics", ROUND_TABLE, env={"PLANNER_STORE": str(store)}, cwd=tmp_path / "elsewhere")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere" / "exports" / "invites" / f"{ROUND_TABLE}.ics").is_file()
    assert "PLANNER_STORE" not in os.environ and Path.cwd() == before


@pytest.mark.parametrize(
    ("args", "status", "out", "err"),
    [
        (("--version",), 0, f"planner {__version__}\n", ""),
        (("list", "--kind", "party"), 2, "", "usage: planner list"),
    ],
)
def test_argparse_exiting_becomes_the_status_it_carries(args: tuple[str, ...], status: int, out: str, err: str) -> None:
    result = run(*args)
    assert result.returncode == status
    assert result.stdout == out and result.stderr.startswith(err)
