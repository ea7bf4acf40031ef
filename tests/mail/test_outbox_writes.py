"""The outbox is written atomically and durably: a failure midway leaves the earlier run's messages as they
were and no temporary file; every message written is fsynced; messages of an earlier run no longer planned
are removed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from planner.mail.outbox import Plan, plan_invitations, write_outbox
from planner.store import Store
from tests.helpers.store import ROUND_TABLE, shipped_copy

MESSAGES = ["branislav-marelic.eml", "felix-martinez.eml", "fernando-cejudo.eml"]


def _plan(tmp_path: Path) -> Plan:
    store = Store.load(shipped_copy(tmp_path))
    return plan_invitations(store, store.events[ROUND_TABLE])


def _earlier_run(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True)
    for name in MESSAGES:
        (folder / name).write_bytes(f"earlier message to {name}\r\n".encode())
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _fail(*args: Any, **kwargs: Any) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failure_midway_leaves_the_earlier_outbox_intact(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _plan(tmp_path)
    folder = tmp_path / "outbox" / ROUND_TABLE
    before = _earlier_run(folder)
    monkeypatch.setattr(os, step, _fail)
    with pytest.raises(OSError, match="No space left on device"):
        write_outbox(plan, folder)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # and no temporary file


def test_every_message_is_fsynced_before_it_is_put_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan(tmp_path)
    folder = tmp_path / "outbox" / ROUND_TABLE
    synced: set[int] = set()
    real = os.fsync

    def recording(fd: int) -> None:
        synced.add(os.fstat(fd).st_ino)
        real(fd)

    monkeypatch.setattr(os, "fsync", recording)
    paths = write_outbox(plan, folder)
    assert [p.name for p in paths] == [o.filename for o in plan.outgoing]
    assert sorted(p.name for p in folder.iterdir()) == MESSAGES
    for path in paths:
        assert path.stat().st_ino in synced  # a rename keeps the inode: this file's data was synced
        assert path.stat().st_mode & 0o777 == 0o644
    assert folder.stat().st_ino in synced  # and the renames were synced


def test_messages_of_an_earlier_run_no_longer_planned_are_removed(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    folder = tmp_path / "outbox" / ROUND_TABLE
    _earlier_run(folder)
    (folder / "someone-uninvited.eml").write_bytes(b"an earlier message\r\n")
    (folder / "notes.txt").write_bytes(b"not a message: kept\n")
    write_outbox(plan, folder)
    assert sorted(p.name for p in folder.iterdir()) == [*MESSAGES, "notes.txt"]
    assert all(not (folder / name).read_bytes().startswith(b"earlier") for name in MESSAGES)
