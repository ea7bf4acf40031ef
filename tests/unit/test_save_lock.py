"""Saves of one record are serialized across processes: of two saves from the same version exactly one succeeds,
the other waits for it and is refused, and no edit is lost."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import planner.store.files as files
from planner.store import StaleRecord, Store
from planner.store.folders import is_record_file
from planner.store.locks import file_lock, lock_path
from tests.helpers.racing import FILE, PERSON, Outcome, edit_name, save_in_rounds
from tests.helpers.records import T1
from tests.helpers.store import file_names

FIRST = "first-save"
"""The thread whose save pauses inside the locked section."""


class Paused:
    """Wraps a function of ``planner.store.files`` that runs under the lock: in the thread named ``FIRST`` it
    says it has been reached and waits to be let go, so that the other save starts while the first holds the lock."""

    def __init__(self, real: Callable[..., Any], only: Path | None = None) -> None:
        self.real = real
        self.only = only
        """Pause only for this file (the first argument), when set."""
        self.reached = threading.Event()
        self.go = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread().name == FIRST and self.only in (None, args[0]):
            self.reached.set()
            assert self.go.wait(10), "the test never let the first save go"
        return self.real(*args, **kwargs)


class Running:
    """A call in a thread of its own, keeping what it returned or raised."""

    def __init__(self, name: str, call: Callable[[], Any]) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(call,), name=name, daemon=True)
        self.thread.start()

    def _run(self, call: Callable[[], Any]) -> None:
        try:
            self.result = call()
        except BaseException as exc:
            self.error = exc

    def join(self) -> Running:
        self.thread.join(10)
        assert not self.thread.is_alive(), f"{self.thread.name} never finished"
        return self


def _rename(store: Store, name: str) -> Callable[[], Any]:
    person = store.people[PERSON]
    return lambda: store.save(person.model_copy(update={"name": name}), now=T1)


def _second_waits_then_is_refused(
    first_call: Callable[[], Any], second: Store, pause: Paused, message: str = ""
) -> Running:
    """Start ``first_call`` (paused inside the lock), then a save from ``second``; show that the second waits
    while the first holds the lock and is then refused with ``message`` (the usual one when empty); return the
    first once both are done."""
    first = Running(FIRST, first_call)
    assert pause.reached.wait(10)
    rival = Running("second-save", _rename(second, "Ana Second"))
    rival.thread.join(0.5)
    assert rival.thread.is_alive(), "the second save did not wait for the first to finish"
    pause.go.set()
    first.join()
    rival.join()
    assert first.error is None
    assert isinstance(rival.error, StaleRecord)
    path = second.root / FILE
    assert str(rival.error) == (message or _stale_message(path))
    return first


def test_a_second_save_from_the_same_version_waits_for_the_first_and_is_refused(
    store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_root / FILE
    one, two = Store.load(store_root), Store.load(store_root)
    # Paused after the content check and before the rename: without the lock the second save would pass its
    # check meanwhile, and the first rename would then replace the second's edit.
    pause = Paused(files.write_temp)
    monkeypatch.setattr(files, "write_temp", pause)

    first = _second_waits_then_is_refused(_rename(one, "Ana First"), two, pause)

    assert first.result.name == "Ana First"
    assert Store.load(store_root).people[PERSON].name == "Ana First"
    assert not lock_path(path).exists(), "the lock file was left beside the record"


def _stale_message(path: Path) -> str:
    return f"{path}: not saved, it changed on disk since it was read; reload it or keep your copy elsewhere"


def test_a_save_waits_for_a_removal_in_progress_and_is_refused(
    store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_root / FILE
    one, two = Store.load(store_root), Store.load(store_root)
    pause = Paused(files.check_unchanged)
    monkeypatch.setattr(files, "check_unchanged", pause)

    deleted = f"{path}: not saved, it was deleted on disk since it was read; reload it or keep your copy elsewhere"
    _second_waits_then_is_refused(lambda: one.delete(PERSON), two, pause, deleted)

    assert not path.exists()
    assert file_names(store_root / "people") == ["luis-soto.toml"]


def test_keeping_mine_holds_the_lock_while_it_replaces_the_file(
    store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_root / FILE
    one, two = Store.load(store_root), Store.load(store_root)
    theirs = path.read_text(encoding="utf-8").replace('"Ana Pérez"', '"Ana P."')
    path.write_text(theirs, encoding="utf-8")
    two.forget(PERSON)  # the second store has read their version
    mine = one.people[PERSON].model_copy(update={"name": "Ana Mine"})
    pause = Paused(files.write_temp, only=path)  # not while their copy is written under .conflicts/
    monkeypatch.setattr(files, "write_temp", pause)

    first = _second_waits_then_is_refused(lambda: one.keep_mine(mine, now=T1), two, pause)

    saved, copy = first.result
    assert Store.load(store_root).people[PERSON].name == saved.name == "Ana Mine"
    assert copy is not None and copy.read_text(encoding="utf-8") == theirs


def test_the_lock_file_is_a_dot_file_beside_the_record_that_no_scan_takes_for_a_record(tmp_path: Path) -> None:
    lock = lock_path(tmp_path / "2017" / "2017-03-30-mesa.toml")
    assert lock == tmp_path / "2017" / ".2017-03-30-mesa.toml.lock"
    assert not is_record_file(lock.name)


def test_a_lock_file_left_by_a_crash_does_not_stop_a_save(store_root: Path) -> None:
    path = store_root / FILE
    lock_path(path).write_bytes(b"")
    store = Store.load(store_root)
    store.save(store.people[PERSON].model_copy(update={"name": "Ana After"}), now=T1)
    assert Store.load(store_root).people[PERSON].name == "Ana After"
    assert not lock_path(path).exists()


def test_a_waiter_whose_lock_file_was_removed_takes_the_lock_again(tmp_path: Path) -> None:
    path = tmp_path / "record.toml"
    order: list[str] = []
    with file_lock(path):
        waiter = Running("waiter", lambda: _hold(path, order))
        waiter.thread.join(0.3)
        assert waiter.thread.is_alive()
        order.append("first done")
    waiter.join()
    assert waiter.error is None
    assert order == ["first done", "waiter in"]
    assert not lock_path(path).exists()


def _hold(path: Path, order: list[str]) -> None:
    with file_lock(path):
        order.append("waiter in")


PAIRS = 500


@pytest.mark.slow
def test_racing_saves_in_real_processes_never_lose_an_edit(store_root: Path) -> None:
    """Two processes, kept for every round, each load the store, meet at a barrier and save their own edit of
    the same person from the same version; in every round exactly one is saved and the file holds it."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    pipes = [context.Pipe() for _ in range(2)]
    workers = [
        context.Process(target=save_in_rounds, args=(store_root, n, barrier, pipes[n][1]), daemon=True)
        for n in range(2)
    ]
    for worker in workers:
        worker.start()
    stale = _stale_message(store_root / FILE)
    lost: list[int] = []
    try:
        started = time.monotonic()
        for round_ in range(PAIRS):
            for ours, _ in pipes:
                ours.send(round_)
            outcomes: list[Outcome] = [ours.recv() for ours, _ in pipes]
            assert outcomes[0][2] == outcomes[1][2], f"round {round_}: the two read different versions"
            kinds = sorted(kind for kind, _, _ in outcomes)
            assert kinds == ["saved", "stale"], f"round {round_}: {outcomes}"
            winner = next(n for n, (kind, _, _) in enumerate(outcomes) if kind == "saved")
            assert outcomes[1 - winner][1] == stale
            if Store.load(store_root).people[PERSON].name != edit_name(round_, winner):
                lost.append(round_)
        elapsed = time.monotonic() - started
    finally:
        for ours, _ in pipes:
            ours.send(None)
        for worker in workers:
            worker.join(10)
    assert lost == []
    print(f"{PAIRS} pairs of racing saves: 0 lost, {elapsed:.1f} s")
