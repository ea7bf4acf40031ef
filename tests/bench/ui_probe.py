"""The terminal UI under Pilot, timed as a coordinator sees it: from process start to the first rows,
then one keystroke of incremental search until the table shows its result."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import Any


def process_started() -> float:
    """This process's start, in seconds since the epoch, from the kernel's own record."""
    fields = Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[19])  # starttime: clock ticks after boot
    lines = Path("/proc/stat").read_text().splitlines()
    boot = next(int(line.split()[1]) for line in lines if line.startswith("btime"))
    return boot + ticks / os.sysconf("SC_CLK_TCK")


async def _until(condition: Any, timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the UI did not get there in time")
        await asyncio.sleep(0.002)


async def probe(root: Path) -> dict[str, Any]:
    from textual.css.query import NoMatches
    from textual.widgets import Input

    from planner.index import Catalog
    from planner.store import Store
    from planner.tui.app import PlannerApp
    from planner.tui.widgets.rows_table import RowsTable

    catalog = Catalog.open(root)
    store = Store.open(root, catalog)
    app = PlannerApp(store, catalog=catalog, start="events", watch=False, cursor_blink=False)

    def table() -> RowsTable[Any] | None:
        try:
            found: RowsTable[Any] = app.screen.query_one("#events", RowsTable)
            return found
        except NoMatches:
            return None

    async with app.run_test(size=(120, 40)) as pilot:
        await _until(lambda: (t := table()) is not None and len(t.rows) > 0)
        await pilot.pause()
        first_rows = time.time() - process_started()
        screen: Any = app.screen
        await _until(lambda: getattr(screen.listing, "complete", True))
        listed = len(screen.listing.rows)
        search = screen.query_one("#search", Input)
        search.focus()
        await pilot.pause()
        before = table()
        started = time.perf_counter()
        await pilot.press("a")
        await pilot.pause()
        keystroke = time.perf_counter() - started
        shown = len(before.rows) if before else 0
    return {"first_rows_s": first_rows, "keystroke_s": keystroke, "rows_listed": listed, "rows_after_search": shown}
