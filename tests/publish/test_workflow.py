"""Minutes move from draft to circulated to approved; approved minutes are locked until reopened."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from planner.domain.minutes import Minutes
from planner.rules.minutes_workflow import (
    MinutesError,
    MinutesLocked,
    advance,
    current_user,
    minutes_of,
    replace_minutes,
)
from planner.store import Store
from tests.helpers.cli import Result, run
from tests.helpers.documents import md_tables, md_tokens
from tests.helpers.store import ROUND_TABLE

NEW_NOTES = Minutes.model_validate(
    {"notes": [{"item": "round-table", "notes": {"es": "Nota corregida.", "en": "Corrected note."}}]}
)


def _step(store_path: Path, step: str, user: str) -> Result:
    return run("minutes", step, ROUND_TABLE, "--store", str(store_path), env={"PLANNER_USER": user})


def test_approved_minutes_refuse_edits_until_reopened(store_path: Path) -> None:
    event = Store.load(store_path).events[ROUND_TABLE]
    shipped = minutes_of(event)
    assert shipped is not None and shipped.status == "approved"
    with pytest.raises(MinutesLocked, match="approved and cannot be edited; reopen them first"):
        replace_minutes(event, NEW_NOTES)

    before = datetime.now(UTC).replace(microsecond=0)
    result = _step(store_path, "reopen", "Ana Coordinator")
    after = datetime.now(UTC) + timedelta(seconds=1)
    assert result.returncode == 0, result.stderr
    assert "reopened by Ana Coordinator" in result.stdout

    event = Store.load(store_path).events[ROUND_TABLE]
    minutes = minutes_of(event)
    assert minutes is not None and minutes.status == "draft"
    last = minutes.history[-1]
    assert (last.step, last.by) == ("reopened", "Ana Coordinator")
    assert last.at.utcoffset() == timedelta(0) and before <= last.at <= after
    # The earlier steps are kept, in order.
    assert [s.step for s in minutes.history] == ["circulated", "approved", "reopened"]

    edited = replace_minutes(event, NEW_NOTES)
    replaced = minutes_of(edited)
    assert replaced is not None and replaced.notes[0].notes.en == "Corrected note."
    assert replaced.history == minutes.history
    Store.load(store_path).save(edited)

    assert _step(store_path, "circulate", "Ana Coordinator").returncode == 0
    assert _step(store_path, "approve", "Bruno Reviewer").returncode == 0
    minutes = minutes_of(Store.load(store_path).events[ROUND_TABLE])
    assert minutes is not None and minutes.status == "approved"
    assert [(s.step, s.by) for s in minutes.history[-3:]] == [
        ("reopened", "Ana Coordinator"),
        ("circulated", "Ana Coordinator"),
        ("approved", "Bruno Reviewer"),
    ]
    with pytest.raises(MinutesLocked):
        replace_minutes(Store.load(store_path).events[ROUND_TABLE], NEW_NOTES)

    # The published minutes name who did what, and when.
    out = store_path.parent / "out"
    assert (
        run(
            "export",
            "minutes",
            ROUND_TABLE,
            "--lang",
            "en",
            "--format",
            "md",
            "--store",
            str(store_path),
            "--out",
            str(out),
        ).returncode
        == 0
    )
    history = md_tables(md_tokens((out / "minutes" / f"{ROUND_TABLE}.en.md").read_text(encoding="utf-8")))[-1]
    assert [row[:2] for row in history[1:]] == [
        ["Circulated", "IOM Chile — Migrants and Cities"],
        ["Approved", "IOM Chile — Migrants and Cities"],
        ["Reopened", "Ana Coordinator"],
        ["Circulated", "Ana Coordinator"],
        ["Approved", "Bruno Reviewer"],
    ]


@pytest.mark.parametrize(
    ("steps", "refused", "message"),
    [
        ((), "approve", "already approved"),
        ((), "circulate", "reopen them before circulating them again"),
        (("reopen",), "reopen", "nothing to reopen"),
        (("reopen",), "approve", "circulate them before approving them"),
    ],
)
def test_steps_out_of_order_are_refused(store_path: Path, steps: tuple[str, ...], refused: str, message: str) -> None:
    for step in steps:
        assert _step(store_path, step, "Ana Coordinator").returncode == 0
    before = (store_path / "2017" / f"2017-03-30-{ROUND_TABLE}.toml").read_bytes()
    result = _step(store_path, refused, "Ana Coordinator")
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert (store_path / "2017" / f"2017-03-30-{ROUND_TABLE}.toml").read_bytes() == before


def test_an_event_without_minutes_has_nothing_to_approve(store_path: Path) -> None:
    event = Store.load(store_path).events["asexma-annual-breakfast"]
    with pytest.raises(MinutesError, match="has no minutes yet"):
        advance(event, "circulate", "Ana Coordinator")


def test_the_user_is_planner_user_else_git_user_name_else_the_login(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_USER", "Ana Coordinator")
    assert current_user(store_path) == "Ana Coordinator"
    monkeypatch.delenv("PLANNER_USER")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    # A store of its own, outside any other repository's configuration.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(store_path / "no-global-config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(store_path.parent))
    subprocess.run(["git", "init", "-q"], cwd=store_path, check=True)
    subprocess.run(["git", "config", "user.name", "Git Person"], cwd=store_path, check=True)
    assert current_user(store_path) == "Git Person"
    subprocess.run(["git", "config", "--unset", "user.name"], cwd=store_path, check=True)
    monkeypatch.setattr("getpass.getuser", lambda: "login-name")
    assert current_user(store_path) == "login-name"
