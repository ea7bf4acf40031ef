"""Steps measured inside a fresh process of their own, each printing one JSON object.

``save``: open the store lazily, edit one event's description, save it through
the store, and count the files read while saving (it must not reread the
store). ``ui``: start the terminal UI under Pilot, time until the events
table shows its first rows, then one keystroke of incremental search.
``unfold``: a 5 MB description folded into 75-octet lines, read back by the
exporter's strict checks and by the import's scanner (both unfold it).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any


def save(root: Path) -> dict[str, Any]:
    from planner.domain.text import Text
    from planner.index import Catalog
    from planner.store import Store

    started = time.perf_counter()
    store = Store.open(root, Catalog.open(root))
    opened = time.perf_counter() - started
    ids = sorted(store.event_ids())
    event_id = ids[len(ids) // 2]
    event = store.get(event_id)
    assert event is not None
    edited = event.model_copy(update={"description": Text(es="Descripción editada.", en="Edited description.")})

    reads = 0
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        nonlocal reads
        reads += 1
        return original(self)

    Path.read_bytes = counting  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        store.save(edited)
        saved = time.perf_counter() - started
    finally:
        Path.read_bytes = original  # type: ignore[method-assign]
    return {"open_s": opened, "save_s": saved, "files_read_while_saving": reads}


def ui(root: Path) -> dict[str, Any]:
    from tests.bench.ui_probe import probe

    return asyncio.run(probe(root))


def unfold(root: Path) -> dict[str, Any]:
    from planner.calendar.lines import fold
    from planner.calendar.lint import problems
    from planner.imports.lines import scan

    line = "DESCRIPTION:" + ("Migración y ciudades, " * 250_000)[:5_000_000]
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:u@example.org\r\n"
        f"DTSTAMP:20000101T000000Z\r\nDTSTART:20000101T000000Z\r\n{fold(line)}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    started = time.perf_counter()
    found = problems(text.encode("utf-8"), deep=False)
    checked = time.perf_counter() - started
    started = time.perf_counter()
    scan(text, "large.ics")
    scanned = time.perf_counter() - started
    assert not found, found
    return {"check_s": checked, "scan_s": scanned}


def main(argv: list[str]) -> int:
    step, root = argv[0], Path(argv[argv.index("--store") + 1])
    result = {"save": save, "ui": ui, "unfold": unfold}[step](root)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
