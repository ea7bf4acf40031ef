"""Helpers of the calendar tests: copies of the shipped store, exports, and reading files back."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar

from planner.calendar.export import export_ics
from planner.calendar.result import ExportResult
from planner.domain.text import Lang
from planner.store import Store

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "events"
DOMAIN = "planner.iom-chile.example.org"
SERIES = "monthly-round-table"
ROUND_TABLE = "lo-prado-round-table"
VISIT = "ivlp-study-visit"


def copy_store(tmp_path: Path, name: str = "events") -> Path:
    """A copy of the shipped store: tests never write into the repository's ``events/``."""
    copy = tmp_path / name
    shutil.copytree(SHIPPED, copy, ignore=shutil.ignore_patterns(".*"))
    return copy


def export(root: Path, out: Path, lang: Lang | None = None, event_id: str | None = None) -> ExportResult:
    """Load the store afresh (as the command does) and export it."""
    return export_ics(Store.load(root), out, lang=lang, event_id=event_id)


def ics_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.ics"))


def parse(path_or_bytes: Path | bytes) -> icalendar.Calendar:
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    return icalendar.Calendar.from_ical(data)


def vevents(calendar: icalendar.Calendar, uid: str | None = None) -> list[Any]:
    found = list(calendar.walk("VEVENT"))
    return [e for e in found if uid is None or str(e["UID"]) == uid]


def one(calendar: icalendar.Calendar, uid: str, recurrence: datetime | None = None) -> Any:
    """The VEVENT of ``uid`` (the master, or the override of ``recurrence``)."""
    found = [
        e for e in vevents(calendar, uid)
        if (recurrence is None and "RECURRENCE-ID" not in e)
        or (recurrence is not None and "RECURRENCE-ID" in e and e.decoded("RECURRENCE-ID") == recurrence)
    ]
    assert len(found) == 1, f"{len(found)} VEVENTs for {uid} {recurrence}"
    return found[0]


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def attendees(component: Any) -> dict[str, Any]:
    """ATTENDEE values by address (without ``mailto:``), each with its parameters."""
    values = component.get("ATTENDEE", [])
    if not isinstance(values, list):
        values = [values]
    return {str(v).removeprefix("mailto:"): v for v in values}


def unfolded_lines(data: bytes) -> Iterator[str]:
    """The logical lines of a file, as a line-based reader sees them."""
    text = data.decode("utf-8")
    current: str | None = None
    for line in text.split("\r\n"):
        if line[:1] in (" ", "\t") and current is not None:
            current += line[1:]
            continue
        if current is not None:
            yield current
        current = line
    if current:
        yield current


def uid_of(uid_stem: str) -> str:
    return f"{uid_stem}@{DOMAIN}"


class Exported:
    """An export of a copy of the shipped store: the store as it was exported, the folder, the result."""

    def __init__(self, root: Path, out: Path, result: ExportResult) -> None:
        self.root = root
        self.out = out
        self.result = result
        self.store = Store.load(root)
        self.store_before: dict[Path, bytes] = {}
        """Every file of the store copy as it was before the export."""

    def path(self, relative: str) -> Path:
        return self.out / relative

    def data(self, relative: str) -> bytes:
        return (self.out / relative).read_bytes()
