"""Summary rows to JSON and back, keeping each time's zone name (not only its offset)."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from planner.domain.rows import EventRow, LegRow


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat()  # wall clock; the row's tz applies
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, LegRow):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def dumps(row: EventRow) -> str:
    return json.dumps({f.name: _encode(getattr(row, f.name)) for f in fields(row)}, ensure_ascii=False)


def _time(text: str, tz: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=_zone(tz))


def loads(text: str, root: Path) -> EventRow:
    """A row; its path is made absolute against ``root`` again (the index keeps it relative)."""
    data = json.loads(text)
    tz = data["tz"]
    data["start"], data["end"] = _time(data["start"], tz), _time(data["end"], tz)
    data["path"] = root / data["path"] if data.get("path") else None
    for key in ("municipalities", "speakers", "people"):
        data[key] = tuple(data[key])
    data["legs"] = tuple(
        LegRow(**{**leg, "start": _time(leg["start"], leg["tz"]), "end": _time(leg["end"], leg["tz"])})
        for leg in data.get("legs", ())
    )
    for key, value in data.items():
        if key == "occurrence" and isinstance(value, str):
            data[key] = date.fromisoformat(value)
    return EventRow(**data)
