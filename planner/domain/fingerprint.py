"""SEQUENCE: raised when, and only when, something that matters to participants' calendars changes.

RFC 5546 has the organizer raise SEQUENCE on a significant change, so that
clients replace the entry they hold; a calendar ignores an update whose
SEQUENCE is lower than the one it has. What is significant here: date,
time and zone, place (venue and host), calendar status, a study visit's
legs, and a series' rule and its occurrences (skipped, moved, hosted
elsewhere). A new description, title or invitation is not: a client takes
those from a copy with a later DTSTAMP and the same SEQUENCE.

The event file keeps ``sequence`` and ``calendar_fingerprint``, the hash
of those fields as of the last raise. ``Store.save`` and ``planner export``
compare it with the record's current hash, so a hand edit of the file is
caught too. Standard library only: the store calls this on every save.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from planner.domain.event import Event

VERSION = "v1"
"""Changes when the hashed fields change; a fingerprint of another version is no baseline."""

CALENDAR_STATUS: dict[str, str] = {
    "tentative": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "done": "CONFIRMED",
    "cancelled": "CANCELLED",
}
"""The VEVENT STATUS of each event status; drafts are never exported."""


def calendar_status(status: str) -> str:
    """``done`` and ``confirmed`` are the same to a calendar: marking an event done raises nothing."""
    return CALENDAR_STATUS.get(status, status.upper())


def _wall(value: datetime | None, tz: str) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        with suppress(ValueError, KeyError, OSError):  # an unknown zone is hashed as given; export refuses it
            value = value.astimezone(ZoneInfo(tz))
    return value.replace(tzinfo=None).isoformat()


def _dump(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump(mode="json", exclude_none=True) if dump is not None else value


def significant(event: Event) -> dict[str, Any]:
    """The fields that matter to a calendar, as plain data (wall-clock times in their own zones)."""
    return {
        "status": calendar_status(event.status),
        "tz": event.tz,
        "start": _wall(event.start, event.tz),
        "end": _wall(event.end, event.tz),
        "venue": _dump(event.venue),
        "host": event.host,
        "legs": [
            {
                "id": leg.id,
                "city": leg.city,
                "country": leg.country,
                "tz": leg.tz,
                "start": _wall(leg.start, leg.tz),
                "end": _wall(leg.end, leg.tz),
                "venue": _dump(leg.venue),
            }
            for leg in event.legs
        ],
        "recurrence": _dump(event.recurrence),
        "occurrences": {
            str(day): {
                "cancelled": occurrence.cancelled,
                "start": _wall(occurrence.start, event.tz),
                "end": _wall(occurrence.end, event.tz),
                "host": occurrence.host,
            }
            for day, occurrence in sorted(event.occurrences.items())
        },
    }


def fingerprint(event: Event) -> str:
    """``v1:`` and a hash of :func:`significant`; equal records give equal fingerprints anywhere."""
    canonical = json.dumps(significant(event), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return f"{VERSION}:{hashlib.sha256(canonical.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}"


def _usable(value: str | None) -> str | None:
    return value if value is not None and value.startswith(f"{VERSION}:") else None


def with_sequence(previous: Event | None, new: Event) -> Event:
    """``new`` with ``sequence`` raised by one if its significant fields changed, and its fingerprint set.

    The baseline is the fingerprint ``new`` carries (copied from the record it
    was edited from), else the one ``previous`` (the record as read) carries,
    else ``previous``'s own fields. Without any baseline (a new event, or a
    file that never had a fingerprint and nothing to compare with) the
    fingerprint is set and the sequence kept. The sequence never goes down.
    """
    current = fingerprint(new)
    sequence = max(new.sequence, previous.sequence if previous is not None else 0)
    if new.calendar_fingerprint == current and sequence == new.sequence:
        return new
    baseline = _usable(new.calendar_fingerprint)
    if baseline is None and previous is not None:
        baseline = _usable(previous.calendar_fingerprint) or fingerprint(previous)
    if baseline is not None and baseline != current:
        sequence += 1
    return new.model_copy(update={"sequence": sequence, "calendar_fingerprint": current})


def hand_edited(event: Event) -> bool:
    """True when the file's significant fields no longer match the fingerprint it carries."""
    stored = _usable(event.calendar_fingerprint)
    return stored is not None and stored != fingerprint(event)
