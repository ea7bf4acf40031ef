"""The ``planner`` command as a test runs it: in this process, or, for the smoke tests, in a child process.

:func:`run` calls :func:`planner.cli.main.main` directly, with stdout and stderr
captured and the environment and working folder changed only for the call.
Importing the interpreter and the command's modules once instead of for every
call is what makes the command-line tests fast; the few tests about the real
process (exit status, what reaches the terminal on a crash, ``--version``)
use :func:`run_subprocess`.

Both start from a clean slate: every ``PLANNER_*`` variable of the machine
running the tests is removed, so that a coordinator's own store, user name or
debugging switch never leaks into a test; ``env`` adds variables on top.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from planner.cli.main import main
from tests.helpers.store import REPO


@dataclass(frozen=True)
class Result:
    """What a run of the command left: its exit status and everything it printed."""

    returncode: int
    stdout: str
    stderr: str


def _exit_status(code: object) -> int:
    # As the interpreter maps ``raise SystemExit(code)`` to a process status: None is success, any other
    # non-integer is printed and is failure.
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def run(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Result:
    """``planner ARGS`` in this process, from ``cwd`` (default: the repository, whose ``events/`` is the
    shipped store) with ``env`` added to a copy of the environment without ``PLANNER_*`` variables.

    argparse's ``SystemExit`` (wrong usage, ``--help``, ``--version``) becomes the status it carries.
    Anything else the command lets escape propagates, traceback and all: a test should see where.
    """
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name in [name for name in os.environ if name.startswith("PLANNER_")]:
            patch.delenv(name)
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        patch.chdir(cwd or REPO)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(args))
            except SystemExit as exit_:
                status = _exit_status(exit_.code)
    return Result(status, out.getvalue(), err.getvalue())


def child_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a child Python process: this one's without ``PLANNER_*`` variables, this checkout's
    package first on the import path, and ``env`` on top."""
    full_env = {name: value for name, value in os.environ.items() if not name.startswith("PLANNER_")}
    # Whatever the working folder, the child imports this checkout: an installed copy may be another one.
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    full_env.update(env or {})
    return full_env


def run_subprocess(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Result:
    """``python -m planner ARGS`` in a child process, with the same working folder and environment as :func:`run`."""
    done = subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env=child_env(env),
        timeout=120,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)
