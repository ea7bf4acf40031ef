"""At run time, ``planner list`` with a current index loads neither the model nor any heavy library.

The import-linter contracts in ``pyproject.toml`` keep the layers apart statically;
this test guards what they cannot see: which modules a listing actually loads.
It needs a fresh interpreter of its own, whose ``sys.modules`` holds only what
the listing imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import child_env
from tests.helpers.store import REPO, shipped_copy

HEAVY = ("pydantic", "icalendar", "jinja2", "babel", "textual")


@pytest.mark.slow
def test_a_listing_from_a_current_index_loads_no_heavy_library(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    env = child_env({"XDG_CACHE_HOME": str(tmp_path / "cache")})
    code = (
        "import sys\nfrom planner.cli.main import main\n"
        f"code = main(['list', '--store', {str(store)!r}])\n"
        f"heavy = {HEAVY!r}\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in heavy or m == 'planner.domain.event'))\n"
    )
    for _ in range(2):  # the first run builds the index (and reads every file); the second answers from it
        run = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert run.returncode == 0, run.stderr
    assert "Lo Prado" in run.stdout
    assert run.stdout.splitlines()[-1] == "0 []"
