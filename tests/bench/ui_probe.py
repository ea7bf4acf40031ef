"""The terminal UI under Pilot, timed as a coordinator sees it: from process start until the first rows
are painted, then one keystroke of incremental search until the table is painted with its result."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import Any


def process_started() -> float:
    """This process's start, in seconds since the epoch.

    The kernel gives the start in clock ticks after boot; its age is the
    uptime now less that (``btime`` alone is a whole second, too coarse).
    """
    fields = Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()
    started_after_boot = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # starttime
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return time.time() - (uptime - started_after_boot)


async def _until(condition: Any, timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the UI did not get there in time")
        await asyncio.sleep(0.001)


async def _painted(app: Any) -> None:
    """Wait until the screen has been drawn with what the widgets hold now."""
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await done.wait()


async def probe(root: Path, word: str = "vi") -> dict[str, Any]:
    """Times the last letter of ``word``: in the benchmark's stores "v" matches every event, "vi" a third."""
    from textual.css.query import NoMatches
    from textual.widgets import Input

    from planner.tui.app import PlannerApp
    from planner.tui.widgets.rows_table import RowsTable

    # Opened as the ``planner`` command opens it: from the index, refreshed in the background.
    app = PlannerApp.for_store(root, start="events", watch=False, cursor_blink=False)

    def table() -> RowsTable[Any] | None:
        try:
            found: RowsTable[Any] = app.screen.query_one("#events", RowsTable)
            return found
        except NoMatches:
            return None

    async with app.run_test(size=(120, 40)) as pilot:
        await _until(lambda: (t := table()) is not None and len(t.rows) > 0)
        await _painted(app)
        first_rows = time.time() - process_started()
        screen: Any = app.screen
        await _until(lambda: getattr(screen.listing, "complete", True))
        await pilot.pause()
        listed = len(screen.listing.rows)
        search = screen.query_one("#search", Input)
        search.focus()
        await pilot.press(*word[:-1])
        await pilot.pause()
        shown_before = table()
        # Timed from the key's arrival to the table painted with the narrowed rows; Pilot's own waits
        # for idleness (at least 20 ms each) are not part of what the coordinator sees.
        started = time.perf_counter()
        pressing = asyncio.create_task(pilot.press(word[-1]))
        await _until(lambda: screen.query_text == word)
        await _painted(app)
        keystroke = time.perf_counter() - started
        await pressing
        shown = len(shown_before.rows) if shown_before else 0
    return {"first_rows_s": first_rows, "keystroke_s": keystroke, "rows_listed": listed, "rows_after_search": shown}
