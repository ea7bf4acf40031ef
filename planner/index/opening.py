"""The store opened through its index: what the command line and the UI's exports read records from.

Not imported by ``planner.index`` itself: a listing answers from the index
alone and must not load the model that a ``Store`` needs.
"""

from __future__ import annotations

from pathlib import Path

from planner.index.catalog import Catalog
from planner.store import Store


def open_store(root: Path) -> Store:
    """The store at ``root``, its index first brought in step with the files; each record is read when
    first asked for. Raises ``StoreError`` when it is no usable store.

    The index is closed once the store has taken what it needs from it (which
    records exist, their problems, the registries' names), so that a worker
    thread leaves no connection behind.
    """
    catalog = Catalog.open(root)
    try:
        return Store.open(root, catalog)
    finally:
        catalog.close()
