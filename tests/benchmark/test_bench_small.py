"""A small run of the benchmark, so that it cannot rot: every step runs and every figure is reported.

Timings are not asserted here: measuring is the benchmark's job, not the test suite's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bench.generate import generate
from tests.bench.run import ROWS, run_size, table
from tests.helpers.cli import run

pytestmark = pytest.mark.slow  # stores of hundreds of events, and the benchmark's own processes


def test_generated_store_passes_check_and_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    generate(tmp_path / "a", 120, workers=1)
    generate(tmp_path / "b", 120, workers=1)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.toml"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.toml"))
    assert files_a == files_b and len(files_a) > 120
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)
    check = run("check", "--store", str(tmp_path / "a"))
    assert check.returncode == 0, check.stdout[-3000:]
    kinds = {
        line.split('"')[1]
        for p in files_a
        if p.parts[0].isdigit()
        for line in (tmp_path / "a" / p).read_text(encoding="utf-8").splitlines()
        if line.startswith("kind = ")
    }
    assert kinds == {"round-table", "conference", "workshop", "other", "agreement-signing", "study-visit"}


def test_a_small_run_measures_every_step_and_reports_every_figure(tmp_path: Path) -> None:
    figures = run_size(200, tmp_path, ui=True)
    for _, key in ROWS:
        value: object = figures
        for part in key.split("."):
            assert isinstance(value, dict) and part in value, key
            value = value[part]
        assert isinstance(value, int | float) and value >= 0, key
    assert figures["save_files_read_while_saving"] <= 2  # the edited file only, not the store
    rendered = table([figures])
    assert rendered.count("\n") == len(ROWS) + 1 and "–" not in rendered
    json.dumps(figures)  # the JSON report holds every figure
