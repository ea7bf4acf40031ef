"""Atomic writes: a failure half-way leaves the old file byte for byte, and no temporary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from planner.store import RecordExists, StaleRecord, Store
from planner.store.files import digest, write_atomic
from tests.helpers.records import T1, make_person
from tests.helpers.store import file_names

EVENT = "2017/2017-03-30-mesa-salud.toml"
# The store writes through the os module's functions, looked up at each call: patching ``os`` reaches them.


def _fail(*args: Any, **kwargs: Any) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failed_rewrite_leaves_the_old_file_intact(
    step: str, store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_root / EVENT
    before = path.read_bytes()
    listing = file_names(store_root)
    store = Store.load(store_root)
    old = store.events["mesa-salud"]

    monkeypatch.setattr(os, step, _fail)
    with pytest.raises(OSError, match="No space left on device"):
        store.save(old.model_copy(update={"status": "cancelled"}), now=T1)
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert file_names(store_root) == listing, "a temporary file was left behind"
    assert store.events["mesa-salud"] == old
    # The store still knows the file as it is on disk: the next save goes through.
    saved = store.save(old.model_copy(update={"status": "cancelled"}), now=T1)
    assert Store.load(store_root).events["mesa-salud"] == saved


def test_a_failure_while_writing_the_data_leaves_the_old_file_intact(
    store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_root / "people" / "ana-perez.toml"
    before = path.read_bytes()
    listing = file_names(store_root)
    store = Store.load(store_root)
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWritten:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWritten(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="Input/output error"):
        store.save(store.people["ana-perez"].model_copy(update={"name": "Ana María Pérez"}), now=T1)
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert file_names(store_root) == listing


@pytest.mark.parametrize("step", ["fsync", "link_and_replace"])
def test_a_new_record_whose_write_fails_leaves_no_file(
    step: str, store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = file_names(store_root)
    store = Store.load(store_root)
    if step == "fsync":
        monkeypatch.setattr(os, "fsync", _fail)
    else:
        monkeypatch.setattr(os, "link", _fail)
        monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(OSError):
        store.save(make_person("marta-diaz", "Marta Díaz"), now=T1)
    monkeypatch.undo()

    assert file_names(store_root) == listing
    assert not (store_root / "people" / "marta-diaz.toml").exists()
    assert store.get("marta-diaz") is None


def test_write_atomic_creates_replaces_and_returns_the_hash(tmp_path: Path) -> None:
    path = tmp_path / "people" / "ana.toml"
    first = write_atomic(path, b"one\n", None)
    assert path.read_bytes() == b"one\n"
    assert first == digest(b"one\n")
    second = write_atomic(path, b"two\n", first)
    assert path.read_bytes() == b"two\n"
    assert second == digest(b"two\n")
    assert file_names(tmp_path) == ["people/ana.toml"]


def test_write_atomic_never_replaces_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "ana.toml"
    path.write_bytes(b"someone else's\n")
    with pytest.raises(RecordExists, match="a file of that name already exists"):
        write_atomic(path, b"mine\n", None)
    assert path.read_bytes() == b"someone else's\n"
    assert file_names(tmp_path) == ["ana.toml"]


def test_the_link_step_refuses_a_file_created_after_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The other writer creates the file between the check and the link.
    path = tmp_path / "ana.toml"
    real_link = os.link

    def racing_link(source: Any, target: Any) -> None:
        Path(target).write_bytes(b"theirs\n")
        real_link(source, target)

    monkeypatch.setattr(os, "link", racing_link)
    with pytest.raises(RecordExists):
        write_atomic(path, b"mine\n", None)
    assert path.read_bytes() == b"theirs\n"
    assert file_names(tmp_path) == ["ana.toml"]


def test_a_record_replaced_by_a_fifo_refuses_the_save_instead_of_hanging(tmp_path: Path) -> None:
    path = tmp_path / "record.toml"
    expected = write_atomic(path, b"a = 1\n", None)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(StaleRecord, match="it is no longer a regular file"):
        write_atomic(path, b"a = 2\n", expected)
    assert stat.S_ISFIFO(path.lstat().st_mode)  # nothing replaced it
