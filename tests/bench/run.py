"""Runs the benchmark for one or more store sizes and reports figures with their ratios to the floors.

Each command is started as a user would start it, in a fresh process, and
timed from process start to exit; its peak memory is that process's own
maximum resident set (``wait4``). The index lives in a cache folder of the
run, so the first listing after every file changed rebuilds it. The listing
right after it hashes every file again (each was modified within two seconds
of being indexed: git's racy rule), so it is reported on its own; "index
current" is a listing once the files are older than that.
"""

from __future__ import annotations

import compileall
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.index.catalog import RACY_NS
from tests.bench.generate import generate

MONTH = ("2019-06-01", "2019-06-30")
YEAR = ("2019-01-01", "2019-12-31")


@dataclass
class Timed:
    seconds: float
    peak_mb: float
    output: str


def timed(args: list[str], env: dict[str, str]) -> Timed:
    """Wall time and peak memory of one process, from its start to its exit."""
    os.sync()  # what the previous step wrote is on disk first: its writeback is not this step's time
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        actions = [(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        started = time.perf_counter()
        pid = os.posix_spawn(args[0], args, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)  # wait4 gives this child's own peak memory
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode("utf-8"), err.read().decode("utf-8")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} failed ({code}): {errors[-2000:]}")
    return Timed(seconds, usage.ru_maxrss / 1024, output)


def _python(module: str, *args: str, env: dict[str, str]) -> tuple[dict[str, Any], Timed]:
    result = timed([sys.executable, "-m", module, *args], env)
    return json.loads(result.output.strip().splitlines()[-1]), result


def _planner(*args: str, env: dict[str, str]) -> Timed:
    return timed([sys.executable, "-m", "planner", *args], env)


def _touch_all(store: Path) -> None:
    """Change every file's modification time, as a checkout or a pull that touches them all would."""
    now = time.time_ns()
    for path in store.rglob("*.toml"):
        os.utime(path, ns=(now, now))


def compile_package() -> None:
    """Cache the package's bytecode, as an installed package has it: the planner's own modules would
    otherwise be compiled again by every command where ``PYTHONDONTWRITEBYTECODE`` is set (40 ms each)."""
    import planner

    compileall.compile_dir(Path(planner.__file__).parent, quiet=1)


def run_size(events: int, work: Path, ui: bool = True) -> dict[str, Any]:
    compile_package()
    store = work / f"store-{events}"
    if not store.exists():
        started = time.perf_counter()
        generate(store, events)
        print(f"generated {events} events in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    cache = work / f"cache-{events}"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(Path.cwd())}
    env.pop("PLANNER_STORE", None)
    figures: dict[str, Any] = {"events": events}

    floors, _ = _python("tests.bench.floors", "--store", str(store), env=env)
    figures["floors"] = floors

    month = ("list", "--from", MONTH[0], "--to", MONTH[1], "--store", str(store))
    _touch_all(store)
    touched = time.monotonic()
    first = _planner(*month, env=env)
    # Right after: every file was modified within the racy window of its indexing, so each is hashed again.
    racy = _planner(*month, env=env)
    # Once the files are older than the window, one command settles them; the next finds the index current.
    time.sleep(max(0.0, touched + RACY_NS / 1e9 + 0.5 - time.monotonic()))
    _planner(*month, env=env)
    current = _planner(*month, env=env)
    year = _planner("list", "--from", YEAR[0], "--to", YEAR[1], "--store", str(store), env=env)
    check = _planner("check", "--store", str(store), env=env)
    figures["list_month_first_s"] = first.seconds
    figures["list_month_racy_s"] = racy.seconds
    figures["list_month_current_s"] = current.seconds
    figures["list_month_rows"] = len(current.output.splitlines())
    figures["list_year_s"] = year.seconds
    figures["check_s"] = check.seconds
    figures["list_peak_mb"] = current.peak_mb
    figures["list_rebuild_peak_mb"] = first.peak_mb

    saved, _ = _python("tests.bench.steps", "save", "--store", str(store), env=env)
    figures.update({f"save_{k}": v for k, v in saved.items()})

    out = work / f"exports-{events}"
    full = _planner("export", "ics", "--out", str(out), "--store", str(store), env=env)
    again = _planner("export", "ics", "--out", str(out), "--store", str(store), env=env)
    figures["export_full_s"] = full.seconds
    figures["export_unchanged_s"] = again.seconds
    _edit_one(store)
    changed = _planner("export", "ics", "--out", str(out), "--store", str(store), env=env)
    figures["export_after_one_change_s"] = changed.seconds
    unfolded, _ = _python("tests.bench.steps", "unfold", "--store", str(store), env=env)
    figures.update({f"unfold_{k}": v for k, v in unfolded.items()})

    if ui:
        shown, process = _python("tests.bench.steps", "ui", "--store", str(store), env=env)
        figures.update({f"ui_{k}": v for k, v in shown.items()})
        figures["ui_peak_mb"] = process.peak_mb
    figures["ratios"] = ratios(figures)
    return figures


def _edit_one(store: Path) -> None:
    """Change one event's description by hand, as a coordinator would in an editor."""
    path = sorted(store.glob("2019/*.toml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('[description]\nes = "', '[description]\nes = "Editado. ', 1), encoding="utf-8")


def ratios(figures: dict[str, Any]) -> dict[str, float]:
    floors = figures["floors"]
    parse, validate, serialize = floors["tomllib_s"], floors["validate_s"], floors["icalendar_s"]
    return {
        "list_month_current_to_tomllib": figures["list_month_current_s"] / parse,
        "list_month_first_to_tomllib_plus_validation": figures["list_month_first_s"] / (parse + validate),
        "export_full_to_serialization": figures["export_full_s"] / serialize,
        "check_to_tomllib_plus_validation": figures["check_s"] / (parse + validate),
    }


ROWS = (
    ("floor: read every file", "floors.read_s"),
    ("floor: tomllib parse", "floors.tomllib_s"),
    ("floor: model validation", "floors.validate_s"),
    ("floor: icalendar serialization", "floors.icalendar_s"),
    ("list a month, first run after every file changed", "list_month_first_s"),
    ("list a month, right after (every file hashed again)", "list_month_racy_s"),
    ("list a month, index current", "list_month_current_s"),
    ("list a year, index current", "list_year_s"),
    ("check (validates every file)", "check_s"),
    ("save one event (in process)", "save_save_s"),
    ("files read while saving", "save_files_read_while_saving"),
    ("export ics, everything", "export_full_s"),
    ("export ics, nothing changed", "export_unchanged_s"),
    ("export ics, after one event changed", "export_after_one_change_s"),
    ("strict checks of a 5 MB folded value", "unfold_check_s"),
    ("import scan of a 5 MB folded value", "unfold_scan_s"),
    ("UI: first rows on screen", "ui_first_rows_s"),
    ("UI: one search keystroke", "ui_keystroke_s"),
    ("peak memory: planner list, index current (MB)", "list_peak_mb"),
    ("peak memory: planner list, index rebuilt (MB)", "list_rebuild_peak_mb"),
    ("peak memory: UI (MB)", "ui_peak_mb"),
    ("list month / tomllib floor", "ratios.list_month_current_to_tomllib"),
    ("first run / (tomllib + validation)", "ratios.list_month_first_to_tomllib_plus_validation"),
    ("export / serialization floor", "ratios.export_full_to_serialization"),
)


def _get(figures: dict[str, Any], key: str) -> Any:
    value: Any = figures
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table: one column per store size."""
    head = "| measure | " + " | ".join(f"{r['events']:,} events" for r in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]
    for label, key in ROWS:
        cells = []
        for result in results:
            value = _get(result, key)
            if value is None:
                cells.append("–")
            elif key.startswith("ratios"):
                cells.append(f"{value:.2f}x")
            elif key.endswith("_mb"):
                cells.append(f"{value:.0f}")
            elif key.endswith("_s"):
                cells.append(f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s")
            else:
                cells.append(str(value))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
