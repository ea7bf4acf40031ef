"""What a calendar part says to one attendee, hashed: the same digest means there is nothing new to send.

The invite's text changes on every save of the event (DTSTAMP and
LAST-MODIFIED follow the record's last change, and recording a delivery is a
change), and whenever anyone else answers (their PARTSTAT) or is invited.
None of that is news to this attendee, so the digest leaves out DTSTAMP,
LAST-MODIFIED, the other attendees, this attendee's own PARTSTAT and RSVP,
and the VTIMEZONE and VALARM components. Everything else counts: a new
SEQUENCE, time, place, status, title or description is sent again.
"""

from __future__ import annotations

import hashlib
import re

from icalendar.parser import Contentline

_VOLATILE = frozenset({"DTSTAMP", "LAST-MODIFIED"})
_SKIPPED_COMPONENTS = frozenset({"VTIMEZONE", "VALARM"})
_OWN_VOLATILE_PARAMS = frozenset({"PARTSTAT", "RSVP"})


def _attendee(line: str, email: str) -> str | None:
    """The attendee's own ATTENDEE line without PARTSTAT and RSVP; ``None`` for anyone else's."""
    try:
        _, params, value = Contentline(line).parts()  # type: ignore[no-untyped-call]
    except ValueError:
        return line
    address = str(value).strip()
    if address[:7].lower() == "mailto:":
        address = address[7:]
    if address.strip().lower() != email.strip().lower():
        return None
    kept = sorted((k.upper(), str(v)) for k, v in params.items() if k.upper() not in _OWN_VOLATILE_PARAMS)
    return "ATTENDEE" + "".join(f";{k}={v}" for k, v in kept) + f":mailto:{email.strip().lower()}"


def calendar_digest(calendar_text: str, email: str) -> str:
    """``sha256:<hex>`` of what ``calendar_text`` tells the attendee at ``email``."""
    unfolded = re.sub(r"\r?\n[ \t]", "", calendar_text)
    kept: list[str] = []
    skipping: list[str] = []
    for raw in unfolded.split("\n"):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        name = re.split(r"[;:]", line, maxsplit=1)[0].upper()
        value = line.split(":", 1)[1].strip().upper() if ":" in line else ""
        if name == "BEGIN" and (skipping or value in _SKIPPED_COMPONENTS):
            skipping.append(value)
            continue
        if skipping:
            if name == "END" and value == skipping[-1]:
                skipping.pop()
            continue
        if name in _VOLATILE:
            continue
        if name == "ATTENDEE":
            own = _attendee(line, email)
            if own is not None:
                kept.append(own)
            continue
        kept.append(line)
    return "sha256:" + hashlib.sha256("\r\n".join(kept).encode("utf-8")).hexdigest()
