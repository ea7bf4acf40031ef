"""``planner import ics --replies``: attendees' answers (METHOD:REPLY) recorded on the events' invitations.

A reply arrives as an ``.ics`` file or as the e-mail message that carries it
(``.eml``, with a ``text/calendar`` part). Each answer is matched to its
event by UID (the UIDs the exporter derives, and imported ones) and to its
person by e-mail address. Since a reply changes what the organizer believes
about a participant, it is recorded only when it names exactly one attendee,
that attendee is invited (to that meeting, for a series), an e-mail carrying
it was sent from the attendee's own address, and it is not older (SEQUENCE,
then DTSTAMP) than the answer already recorded, whose SEQUENCE and DTSTAMP
are kept on the invitation. Any other reply is reported, one line each, and
changes nothing; the others are still recorded.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import email.utils
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


_NEVER = datetime.min.replace(tzinfo=UTC)
"""Where a reply without DTSTAMP sorts: before any dated one."""


@dataclass(frozen=True)
class Reply:
    """One attendee's answer, where it was read, to which version of the event, and who sent it."""

    source: str
    line: int
    uid: str
    address: str
    answer: Answer
    occurrence: datetime | date | None
    """The RECURRENCE-ID of a reply about one occurrence of a series."""
    sequence: int
    stamp: datetime | None
    """DTSTAMP, in UTC; ``None`` when the reply has none."""

    @property
    def order(self) -> tuple[int, datetime]:
        """Which of two answers is the later one: SEQUENCE first, then DTSTAMP."""
        return self.sequence, self.stamp or _NEVER


@dataclass
class Outcome:
    """What ``record_replies`` did: a line per answer recorded, already known, or not recorded and why."""

    recorded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def sender_of(data: bytes) -> str:
    """The one address in an e-mail message's From header, lower-cased; ``""`` when there is not exactly one."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    found = [a for _, a in email.utils.getaddresses([str(h) for h in message.get_all("From", [])]) if "@" in a]
    return found[0].strip().lower() if len(found) == 1 else ""


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


def _stamp(entry: Entry) -> datetime | None:
    given = entry.time("DTSTAMP")
    if given is None or not isinstance(given[0], datetime):
        return None
    value = given[0]
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _replies_of(entry: Entry, sender: str | None) -> tuple[list[Reply], list[str]]:
    """The reply in one VEVENT, or why it is not recorded; ``sender`` is the From of the message that carried it."""
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
    where = f"{entry.source}:{entry.line('ATTENDEE')}"
    if len(attendees) > 1:
        # An attendee answers for themselves: a reply speaking for several is not one the planner can trust.
        named = ", ".join(address_of(value) for value in attendees)
        return [], [f"{where}: {len(attendees)} attendees ({named}); a reply answers for one attendee only"]
    value = attendees[0]
    address = address_of(value)
    if sender is not None and sender != address:
        shown = sender or "an unknown address (the message has no single From address)"
        return [], [f"{where}: sent from {shown}, not the attendee {address}"]
    partstat = str(getattr(value, "params", {}).get("PARTSTAT", "NEEDS-ACTION")).upper()
    answer = PARTSTATS.get(partstat)
    if answer is None:
        known = ", ".join(PARTSTATS)
        return [], [f"{where}: {address}: PARTSTAT {partstat} is not an answer the planner records ({known})"]
    sequence = entry.component.get("SEQUENCE")
    occurrence = entry.time("RECURRENCE-ID")
    reply = Reply(
        entry.source,
        entry.line("ATTENDEE"),
        entry.uid,
        address,
        answer,
        occurrence[0] if occurrence else None,
        int(sequence) if sequence is not None else 0,
        _stamp(entry),
    )
    return [reply], []


def read_replies(source: str, data: bytes) -> tuple[list[Reply], list[str]]:
    """The answers in one file (an ``.ics`` or an ``.eml``); raises ``ImportRefused`` for a file that is no reply."""
    if source.lower().endswith(".msg") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            f"{source}: an Outlook .msg file, which the planner does not read; "
            "save the message as .eml, or save its .ics attachment, and import that"
        )
    sender: str | None = None
    if _is_message(source, data):
        objects = calendar_parts(data, source)
        sender = sender_of(data)
    else:
        objects = [(source, data)]
    replies: list[Reply] = []
    problems: list[str] = []
    for name, calendar in objects:
        entries = read_entries(calendar, name)
        if not entries:
            raise ImportRefused(f"{name}: no VEVENT, so no answer to record")
        for entry in entries:
            found, wrong = _replies_of(entry, sender)
            replies += found
            problems += wrong
    return replies, problems


def _occurrence_date(event: Event, value: datetime | date) -> date:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(zone(event.tz)).date()
    return value.date() if isinstance(value, datetime) else value


def _older(reply: Reply, current: Invitation | None) -> str | None:
    """Why ``reply`` is older than the answer ``current`` records, or ``None`` when it is not."""
    if current is None or (current.answered_sequence is None and current.answered_at is None):
        return None  # an answer set by hand or by an invitation file: nothing to order it by
    recorded = (current.answered_sequence or 0, current.answered_at or _NEVER)
    if reply.order >= recorded:
        return None
    when = f"{current.answered_at:%Y-%m-%d %H:%M} UTC" if current.answered_at else "an unknown date"
    if reply.sequence < recorded[0]:
        return f"older than the answer recorded on {when}: it answers SEQUENCE {reply.sequence}, that one {recorded[0]}"
    stamp = f"{reply.stamp:%Y-%m-%d %H:%M} UTC" if reply.stamp else "no DTSTAMP"
    return f"older than the answer recorded on {when} (this reply: {stamp})"


def _answered(invitation: Invitation, reply: Reply) -> Invitation:
    changes = {"answer": reply.answer, "answered_sequence": reply.sequence, "answered_at": reply.stamp}
    return invitation.model_copy(update=changes)


def _replaced(invitations: tuple[Invitation, ...], new: Invitation) -> tuple[Invitation, ...]:
    return tuple(new if i.person == new.person else i for i in invitations)


def apply_reply(event: Event, person: str, reply: Reply) -> tuple[Event, Invitation | None] | str:
    """``event`` with the answer recorded and the invitation it replaces, or why the reply is not recorded."""
    invited = next((i for i in event.invitations if i.person == person), None)
    if reply.occurrence is not None and event.recurrence is not None:
        day = _occurrence_date(event, reply.occurrence)
        if day not in {d for d, *_ in event.occurrence_times()}:
            return f"{reply.uid} ({event.id}) has no meeting on {day} (RECURRENCE-ID)"
        own = next((i for i in event.occurrence(day).invitations if i.person == person), None)
        if own is None and invited is None:
            return f"not invited to {reply.uid} ({event.id}) on {day}"
        current = own or invited
        older = _older(reply, current)
        if older:
            return older
        invitations = event.occurrence(day).invitations
        if own is not None:
            invitations = _replaced(invitations, _answered(own, reply))
        else:
            invitations = (*invitations, _answered(Invitation(person=person), reply))
        return event.with_occurrence(day, invitations=invitations), current
    if invited is None:
        return f"not invited to {reply.uid} ({event.id})"
    older = _older(reply, invited)
    if older:
        return older
    return event.model_copy(update={"invitations": _replaced(event.invitations, _answered(invited, reply))}), invited


def record_replies(store: Store, files: Sequence[tuple[str, bytes]]) -> Outcome:
    """Record every answer that passes the checks (one attendee, invited, sent by them, not older than the
    answer recorded); save each changed event once. Every other reply is reported and changes nothing."""
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
    # Oldest first, so that of several answers in one run the latest is the one that stays.
    for reply in sorted(replies, key=lambda r: r.order):
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
        if isinstance(applied, str):
            outcome.problems.append(f"{where}: {person.name} <{reply.address}>: {applied}")
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
        changed[event_id] = updated
        if before is not None and before.answer == reply.answer:
            # The same answer, from a later reply: kept with its date, so that an older reply cannot undo it.
            outcome.unchanged.append(f"{line} (already recorded; this reply's date is kept){older}")
            continue
        outcome.recorded.append(f"{line} (was {before.answer if before else 'needs-action'}){older}")
    for event in changed.values():
        store.save(event)
    return outcome
