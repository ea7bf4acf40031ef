"""``python -m planner`` in a real process: what a terminal or a script sees of it.

Everything else about the command is tested in process; these few tests are
what only a real process shows: the exit status the shell gets (0, 1, 2), that
neither a mistake of the user nor a fault of the planner prints a traceback,
and ``--version``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from planner import __version__
from tests.helpers.cli import child_env, run_subprocess
from tests.helpers.store import REPO

pytestmark = pytest.mark.slow

# The listing's handler replaced by one that fails as a bug would; then the module run as ``python -m planner``.
_FAULTY = """
import runpy, sys
import planner.cli.listing as listing

def fail(args):
    raise RuntimeError("boom")

listing.run_list = fail
sys.argv = ["planner", "list"]
runpy.run_module("planner", run_name="__main__", alter_sys=True)
"""


def test_success_is_status_0() -> None:
    result = run_subprocess("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors" in result.stdout and result.stderr == ""


def test_a_user_error_is_status_1_and_one_line() -> None:
    result = run_subprocess("show", "no-such-event")
    assert result.returncode == 1
    assert result.stderr.startswith("planner: no record with id 'no-such-event'")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_wrong_usage_is_status_2() -> None:
    result = run_subprocess("list", "--kind", "party")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: planner list") and "Traceback" not in result.stderr


def test_version() -> None:
    result = run_subprocess("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"planner {__version__}\n", "")


def _faulty(debug: bool) -> subprocess.CompletedProcess[str]:
    env = child_env({"PLANNER_DEBUG": "1"} if debug else {})
    return subprocess.run(
        [sys.executable, "-c", _FAULTY], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_an_unexpected_error_is_status_1_and_one_line_without_a_traceback() -> None:
    result = _faulty(debug=False)
    assert result.returncode == 1
    assert result.stderr == "planner: unexpected error: RuntimeError('boom') (set PLANNER_DEBUG=1 to see where)\n"


def test_planner_debug_shows_where_an_unexpected_error_happened() -> None:
    result = _faulty(debug=True)
    assert result.returncode == 1
    assert "Traceback (most recent call last):" in result.stderr
    assert result.stderr.rstrip().endswith("RuntimeError: boom")
