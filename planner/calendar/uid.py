"""Calendar UIDs, derived from ids and the store's calendar domain: the same on every export and machine.

A client replaces an earlier copy of an entry only when the UID (plus
RECURRENCE-ID) matches, so a UID is never random: it is the event's
permanent id, the leg's id for a study visit's leg, and the store's
``calendar_domain``. A series keeps one UID; its occurrences are told apart
by RECURRENCE-ID, as RFC 5545 requires. Ids are plain names (a-z, 0-9 and
single hyphens), so ``.`` joins an event and a leg without ambiguity; a
value that is not plain (a record built without validation) is replaced by
a stable hash, so it can neither break the line nor escape a folder.
"""

from __future__ import annotations

from planner.calendar.safe import stem


def uid_stem(event_id: str, leg_id: str | None = None) -> str:
    """The part of the UID before ``@``, also the invite's file stem: ``ivlp-study-visit.houston``."""
    local = stem(event_id)
    return f"{local}.{stem(leg_id)}" if leg_id is not None else local


def uid(event_id: str, domain: str, leg_id: str | None = None) -> str:
    """``lo-prado-round-table@planner.iom-chile.example.org``; a leg adds ``.<leg id>``."""
    return f"{uid_stem(event_id, leg_id)}@{stem(domain)}"
