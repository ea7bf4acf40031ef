"""What ``planner export …`` writes and what the UI's Exports tab writes for the same request are the same
files, byte for byte: both go through one exporter per kind with the same inputs."""

from __future__ import annotations

import contextlib
import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.tui.exporting import ExportKind, run_export

REPO = Path(__file__).resolve().parents[2]
ROUND_TABLE = "lo-prado-round-table"
MARCH = ["--from", "2017-03-01", "--to", "2017-03-31"]
"""The bulletin the Exports tab writes for a day in March 2017: its month."""


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("kind", "command"),
    [
        ("invites", ["ics", ROUND_TABLE]),
        ("feeds", ["ics"]),
        ("minutes", ["minutes", ROUND_TABLE]),
        ("summary", ["summary", ROUND_TABLE]),
        ("bulletin", ["bulletin", *MARCH]),
    ],
)
def test_the_command_and_the_exports_tab_write_the_same_files(
    kind: ExportKind, command: list[str], tmp_path: Path
) -> None:
    root = tmp_path / "events"
    shutil.copytree(REPO / "events", root)
    outcome = run_export(kind, root, tmp_path / "ui", ROUND_TABLE, date(2017, 3, 30), lambda *step: None)
    assert outcome.failure is None
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["--store", str(root), "export", *command, "--out", str(tmp_path / "cli")]) == 0
    written = _files(tmp_path / "ui")
    assert written and written == _files(tmp_path / "cli")
    assert sorted(p.relative_to(tmp_path / "ui").as_posix() for p in outcome.files) == sorted(written)
