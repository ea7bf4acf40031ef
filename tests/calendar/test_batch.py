"""Exported files written as a batch: nothing in place before the commit, one sync for many files, an fsync
each for a few, and nothing half-written or left behind when a write fails midway."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.calendar.batch import FEW, Batch


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _count(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(os, name)

    def counted(*args: int) -> None:
        calls.append(1)
        real(*args)

    monkeypatch.setattr(os, name, counted)
    return calls


def test_many_files_appear_together_after_one_sync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    syncs, fsyncs = _count(monkeypatch, "sync"), _count(monkeypatch, "fsync")
    paths = [tmp_path / "invites" / f"event-{n}.ics" for n in range(FEW + 8)]
    with Batch(len(paths)) as batch:
        for n, path in enumerate(paths):
            assert batch.stage(path, f"BEGIN:VCALENDAR {n}\r\n".encode())
        assert not any(path.exists() for path in paths)  # staged only: nothing in place yet
        placed = batch.commit()
    assert placed == paths
    assert [p.read_bytes() for p in paths] == [f"BEGIN:VCALENDAR {n}\r\n".encode() for n in range(len(paths))]
    assert (len(syncs), len(fsyncs)) == (1, 0)
    assert _leftovers(tmp_path / "invites") == []
    assert oct(paths[0].stat().st_mode & 0o777) == oct(0o644)


def test_a_few_files_are_synced_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    syncs, fsyncs = _count(monkeypatch, "sync"), _count(monkeypatch, "fsync")
    with Batch(2) as batch:
        batch.stage(tmp_path / "a.ics", b"a")
        batch.stage(tmp_path / "b.ics", b"b")
        batch.commit()
    assert (len(syncs), len(fsyncs)) == (0, 2)
    assert (tmp_path / "a.ics").read_bytes() == b"a"


def test_the_same_bytes_are_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "feed.ics"
    path.write_bytes(b"same")
    before = path.stat().st_mtime_ns, path.stat().st_ino
    with Batch(1) as batch:
        assert not batch.stage(path, b"same")
        assert not batch.stage(path, b"same", old=b"same")
        assert batch.commit() == []
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before


def test_an_error_before_the_commit_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    old = tmp_path / "programme.es.ics"
    old.write_bytes(b"old")
    with pytest.raises(RuntimeError), Batch(FEW + 1) as batch:
        batch.stage(old, b"new")
        batch.stage(tmp_path / "new.ics", b"new")
        raise RuntimeError("the export failed midway")
    assert old.read_bytes() == b"old"
    assert not (tmp_path / "new.ics").exists()
    assert _leftovers(tmp_path) == []


def test_a_rename_that_fails_midway_leaves_whole_files_and_no_temporary_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [tmp_path / f"{n}.ics" for n in range(3)]
    for path in paths:
        path.write_bytes(b"old")
    real = os.replace
    done: list[str] = []

    def failing(source: str, target: Path) -> None:
        if len(done) == 1:
            raise OSError(28, "No space left on device")
        done.append(source)
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="No space"), Batch(len(paths)) as batch:
        for path in paths:
            batch.stage(path, b"new")
        batch.commit()
    assert [p.read_bytes() for p in paths] == [b"new", b"old", b"old"]
    assert _leftovers(tmp_path) == []
