"""Saves racing in real processes: a worker that, for each round, reads the store, waits for its rival at a
barrier and saves its own edit of the same person, then says what happened.

In a module of its own so that a started (not forked) process can import the worker by name.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from multiprocessing.synchronize import Barrier
from pathlib import Path

from planner.store import StaleRecord, Store
from planner.store.files import digest

PERSON = "ana-perez"
FILE = "people/ana-perez.toml"

Outcome = tuple[str, str, str]
"""(``saved`` or ``stale``, the name this worker saved or the refusal's message, the hash of the version read)."""


def edit_name(round_: int, worker: int) -> str:
    """The name worker ``worker`` gives the person in round ``round_``: each edit is told apart."""
    return f"Ana Round {round_} Worker {worker}"


def save_in_rounds(root: Path, worker: int, barrier: Barrier, jobs: Connection) -> None:
    """For each round number received on ``jobs`` (until ``None``), load, meet the rival, save, report."""
    while (round_ := jobs.recv()) is not None:
        store = Store.load(root)
        person = store.people[PERSON]
        read = digest((root / FILE).read_bytes())
        barrier.wait(timeout=30)  # both read the same version before either saves
        name = edit_name(round_, worker)
        try:
            store.save(person.model_copy(update={"name": name}))
        except StaleRecord as refused:
            jobs.send(("stale", str(refused), read))
        else:
            jobs.send(("saved", name, read))
