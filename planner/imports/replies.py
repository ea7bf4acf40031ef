"""``planner import ics --replies``: attendees' answers (METHOD:REPLY) recorded on the events' invitations.

A reply arrives as an ``.ics`` file or as the e-mail message that carries it
(``.eml``, with a ``text/calendar`` part). Each answer is matched to its
event by UID (the UIDs the exporter derives, and imported ones) and to its
person by e-mail address; the person must be invited. Answers are applied in
the order they were given (DTSTAMP), so the latest answer wins. Replies that
cannot be matched are reported one line each; the others are still recorded.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage

from planner.domain.event import Event
from planner.domain.participation import Answer, Invitation
from planner.domain.times import zone
from planner.imports.errors import ImportRefused, Malformed
from planner.imports.events import PARTSTATS, address_of, people_by_email
from planner.imports.reading import Entry, read_entries
from planner.imports.uids import uid_index
from planner.store import Store

_MESSAGE_SUFFIXES = (".eml", ".mbox")


@dataclass(frozen=True)
class Reply:
    """One attendee's answer, where it was read, and to which version of the event."""

    source: str
    line: int
    uid: str
    address: str
    answer: Answer
    occurrence: datetime | date | None
    """The RECURRENCE-ID of a reply about one occurrence of a series."""
    sequence: int
    stamp: datetime


@dataclass
class Outcome:
    """What ``record_replies`` did: a line per answer recorded, already known, or not recorded and why."""

    recorded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def calendar_parts(data: bytes, source: str) -> list[tuple[str, bytes]]:
    """The calendar objects an e-mail message carries: its ``text/calendar`` parts, else its ``.ics`` attachments."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    if not parts:
        parts = [
            p
            for p in message.walk()
            if p.get_content_type() == "application/ics" or (p.get_filename() or "").lower().endswith(".ics")
        ]
    found: list[bytes] = []
    for part in parts:
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset() or "utf-8"
        if charset.lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii"):
            # Left as it is when the charset is unknown: the reader then names the line that is not UTF-8.
            with contextlib.suppress(LookupError, UnicodeDecodeError):
                payload = payload.decode(charset).encode("utf-8")
        if payload not in found:
            found.append(payload)
    if not found:
        raise ImportRefused(f"{source}: this message carries no calendar (no text/calendar part or .ics attachment)")
    if len(found) == 1:
        return [(f"{source} (calendar part)", found[0])]
    return [(f"{source} (calendar part {n})", payload) for n, payload in enumerate(found, start=1)]


def _is_message(source: str, data: bytes) -> bool:
    if source.lower().endswith(_MESSAGE_SUFFIXES):
        return True
    if source.lower().endswith((".ics", ".ical", ".ifb", ".icalendar")):
        return False
    return not data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper().startswith(b"BEGIN:VCALENDAR")


def _stamp(entry: Entry) -> datetime:
    given = entry.time("DTSTAMP")
    if given is None or not isinstance(given[0], datetime):
        return datetime.min.replace(tzinfo=UTC)
    value = given[0]
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _replies_of(entry: Entry) -> tuple[list[Reply], list[str]]:
    if entry.method != "REPLY":
        method = f"METHOD:{entry.method}" if entry.method else "no METHOD"
        raise Malformed(
            entry.source,
            entry.calendar.line_of("METHOD"),
            f"this file has {method}, not METHOD:REPLY: it is not an answer to an invitation "
            "(to add its events, run 'planner import ics' without --replies)",
        )
    attendees = entry.all("ATTENDEE")
    if not attendees:
        raise entry.fail(None, "this reply names no ATTENDEE, so there is nobody to record an answer for")
    sequence = entry.component.get("SEQUENCE")
    occurrence = entry.time("RECURRENCE-ID")
    replies: list[Reply] = []
    problems: list[str] = []
    for value in attendees:
        line = entry.line("ATTENDEE")
        address = address_of(value)
        for candidate in entry.block.all("ATTENDEE"):
            if address_of(candidate.value) == address:
                line = candidate.number
                break
        partstat = str(getattr(value, "params", {}).get("PARTSTAT", "NEEDS-ACTION")).upper()
        answer = PARTSTATS.get(partstat)
        if answer is None:
            known = ", ".join(PARTSTATS)
            problems.append(
                f"{entry.source}:{line}: {address}: PARTSTAT {partstat} is not an answer the planner records ({known})"
            )
            continue
        replies.append(
            Reply(
                entry.source,
                line,
                entry.uid,
                address,
                answer,
                occurrence[0] if occurrence else None,
                int(sequence) if sequence is not None else 0,
                _stamp(entry),
            )
        )
    return replies, problems


def read_replies(source: str, data: bytes) -> tuple[list[Reply], list[str]]:
    """The answers in one file (an ``.ics`` or an ``.eml``); raises ``ImportRefused`` for a file that is no reply."""
    if source.lower().endswith(".msg") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            f"{source}: an Outlook .msg file, which the planner does not read; "
            "save the message as .eml, or save its .ics attachment, and import that"
        )
    objects = calendar_parts(data, source) if _is_message(source, data) else [(source, data)]
    replies: list[Reply] = []
    problems: list[str] = []
    for name, calendar in objects:
        entries = read_entries(calendar, name)
        if not entries:
            raise ImportRefused(f"{name}: no VEVENT, so no answer to record")
        for entry in entries:
            found, wrong = _replies_of(entry)
            replies += found
            problems += wrong
    return replies, problems


def _occurrence_date(event: Event, value: datetime | date) -> date:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(zone(event.tz)).date()
    return value.date() if isinstance(value, datetime) else value


def _answered(invitations: tuple[Invitation, ...], person: str, answer: Answer) -> tuple[Invitation, ...]:
    return tuple(i.model_copy(update={"answer": answer}) if i.person == person else i for i in invitations)


def apply_reply(event: Event, person: str, reply: Reply) -> tuple[Event, Answer] | None:
    """``event`` with the answer recorded and the answer it replaces; ``None`` when the person is not invited."""
    invited = next((i for i in event.invitations if i.person == person), None)
    if reply.occurrence is not None and event.recurrence is not None:
        day = _occurrence_date(event, reply.occurrence)
        if day in {d for d, *_ in event.occurrence_times()}:
            occurrence = event.occurrence(day)
            own = next((i for i in occurrence.invitations if i.person == person), None)
            if own is None and invited is None:
                return None
            if own is not None:
                invitations = _answered(occurrence.invitations, person, reply.answer)
                before = own.answer
            else:
                invitations = (*occurrence.invitations, Invitation(person=person, answer=reply.answer))
                before = invited.answer if invited else "needs-action"
            return event.with_occurrence(day, invitations=invitations), before
    if invited is None:
        return None
    return event.model_copy(update={"invitations": _answered(event.invitations, person, reply.answer)}), invited.answer


def record_replies(store: Store, files: Sequence[tuple[str, bytes]]) -> Outcome:
    """Record every answer that matches an invited person of a known event; save each changed event once."""
    outcome = Outcome()
    replies: list[Reply] = []
    for source, data in files:
        try:
            found, problems = read_replies(source, data)
        except ImportRefused as exc:
            outcome.problems.append(str(exc))
            continue
        replies += found
        outcome.problems += problems
    index = uid_index(store)
    people = people_by_email(store)
    changed: dict[str, Event] = {}
    for reply in sorted(replies, key=lambda r: r.stamp):
        where = f"{reply.source}:{reply.line}"
        event_id = index.get(reply.uid)
        if event_id is None:
            outcome.problems.append(f"{where}: UID {reply.uid!r} matches no event in the store")
            continue
        event = changed.get(event_id) or store.events[event_id]
        person = people.get(reply.address)
        if person is None:
            outcome.problems.append(f"{where}: {reply.address} is not the e-mail address of anyone in the store")
            continue
        applied = apply_reply(event, person.id, reply)
        if applied is None:
            outcome.problems.append(f"{where}: {person.name} ({person.id}) is not invited to {event.id}")
            continue
        updated, before = applied
        when = f" for {_occurrence_date(event, reply.occurrence)}" if reply.occurrence and event.recurrence else ""
        older = (
            f"; an answer to an earlier version (SEQUENCE {reply.sequence}, now {event.sequence})"
            if reply.sequence < event.sequence
            else ""
        )
        line = f"{event.id}{when}: {person.name} <{reply.address}>: {reply.answer}"
        if updated == event:
            outcome.unchanged.append(f"{line} (already recorded){older}")
            continue
        outcome.recorded.append(f"{line} (was {before}){older}")
        changed[event_id] = updated
    for event in changed.values():
        store.save(event)
    return outcome
