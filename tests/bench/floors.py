"""The floors every figure is compared with: the cost of the unavoidable work on the same files.

Run in a fresh process by the benchmark (``python -m tests.bench floors --store DIR``)
and printed as JSON: reading every file's bytes, parsing every file with
tomllib, validating the parsed data with the model, and serializing every
event once with icalendar.
"""

from __future__ import annotations

import json
import sys
import time
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

from planner.store.layout import record_files


def measure(root: Path) -> dict[str, float]:
    files = list(record_files(root))
    started = time.perf_counter()
    raw = [path.read_bytes() for _, path in files]
    read = time.perf_counter() - started

    started = time.perf_counter()
    parsed = [tomllib.loads(data.decode("utf-8")) for data in raw]
    parse = time.perf_counter() - started

    context = {"home_tz": "America/Santiago"}
    started = time.perf_counter()
    records = [model.model_validate(data, context=context) for (model, _), data in zip(files, parsed, strict=True)]
    validate = time.perf_counter() - started

    from icalendar import Calendar
    from icalendar import Event as VEvent

    from planner.domain.event import Event

    events = [r for r in records if isinstance(r, Event)]
    started = time.perf_counter()
    for event in events:
        calendar = Calendar()
        calendar.add("prodid", "-//bench//floor//EN")
        calendar.add("version", "2.0")
        entry = VEvent()
        entry.add("uid", f"{event.id}@bench.example.org")
        entry.add("dtstamp", event.updated or event.start)
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end)
        entry.add("summary", event.title.get("es"))
        if event.description:
            entry.add("description", event.description.get("es"))
        if event.venue:
            entry.add("location", event.venue.one_line())
        entry.add("sequence", event.sequence)
        alarm_at = -timedelta(hours=1)
        entry.add("x-alarm-offset", str(alarm_at))
        calendar.add_component(entry)
        calendar.to_ical()
    serialize = time.perf_counter() - started
    return {
        "files": float(len(files)),
        "events": float(len(events)),
        "read_s": read,
        "tomllib_s": parse,
        "validate_s": validate,
        "icalendar_s": serialize,
    }


def main(argv: list[str]) -> int:
    store = Path(argv[argv.index("--store") + 1])
    result: dict[str, Any] = measure(store)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
