"""Which invitation e-mails an event needs: one per attendee and invite, minus those already delivered.

Each attendee gets each of the event's invites (a study visit has one per
leg and one for the whole trip: RFC 5546 allows one UID per iTIP message,
and a mail client acts on one calendar part per message) in their own
language: the person's ``lang``, else the store's default. A message whose
calendar part says nothing new to its reader (same digest as one already
delivered to them, see ``planner.mail.digest``) is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from planner.calendar.invites import Invite, invites_for
from planner.domain.delivery import Sent
from planner.domain.event import Event
from planner.domain.records import Person
from planner.domain.text import Lang
from planner.domain.times import utc_now
from planner.mail.compose import Mailbox, body, header_text, message, read_entry, subject
from planner.mail.digest import calendar_digest
from planner.mail.errors import MailError
from planner.mail.words import WORDS
from planner.store import Store
from planner.store.batch import Batch

__all__ = ["MailError", "Outgoing", "Plan", "Skipped", "plan_invitations", "with_deliveries", "write_outbox"]


@dataclass(frozen=True)
class Outgoing:
    """One message to one person, carrying one invite."""

    person: Person
    address: str
    invite: Invite
    lang: Lang
    digest: str
    update: bool
    message: EmailMessage
    filename: str

    def describe(self) -> str:
        return (
            f"{self.person.name} <{self.address}>: {self.invite.method} SEQUENCE {self.invite.sequence}, "
            f"{self.lang}, \u201c{self.message['Subject']}\u201d"
        )

    def data(self) -> bytes:
        """The message as written to the outbox and as delivered, byte for byte."""
        return self.message.as_bytes(policy=SMTP)

    def sent(self, at: datetime) -> Sent:
        return Sent(
            person=self.person.id, method=self.invite.method, sequence=self.invite.sequence, digest=self.digest, at=at
        )


@dataclass(frozen=True)
class Skipped:
    """A message not needed: the person already has this version, delivered as ``sent``."""

    person: Person
    invite: Invite
    sent: Sent

    def describe(self) -> str:
        return (
            f"{self.person.name} ({self.person.id}): already sent {self.sent.method} SEQUENCE {self.sent.sequence} "
            f"on {self.sent.at:%Y-%m-%d %H:%M} UTC, unchanged since"
        )


@dataclass(frozen=True)
class Plan:
    """What sending the event's invitations would do."""

    event: Event
    outgoing: tuple[Outgoing, ...]
    skipped: tuple[Skipped, ...]
    without_email: tuple[str, ...]
    """Invited people who get no message: ``Name (id)`` of each without an e-mail address."""


def _lang(store: Store, person: Person) -> Lang:
    return person.lang or store.settings.default_lang


def _without_email(store: Store, event: Event, attendees: set[str]) -> tuple[str, ...]:
    invited = [i.person for i in event.invitations]
    invited += [i.person for o in event.occurrences.values() for i in o.invitations]
    missing = []
    for person_id in dict.fromkeys(invited):
        if person_id in attendees:
            continue
        person = store.people.get(person_id)
        missing.append(f"{person.name} ({person_id})" if person else person_id)
    return tuple(missing)


def plan_invitations(store: Store, event: Event, now: datetime | None = None) -> Plan:
    """Every message the event's invitations need now; raises ``MailError`` for a draft."""
    if event.status == "draft":
        raise MailError(
            f"{event.id} is a draft, and drafts are never sent; set its status to tentative or confirmed first"
        )
    now = now or utc_now()
    settings = store.settings
    sender = Mailbox(settings.organizer_name, settings.organizer_email)
    invites: dict[Lang, list[Invite]] = {}

    def in_lang(lang: Lang) -> list[Invite]:
        if lang not in invites:
            invites[lang] = invites_for(store, event, lang)
        return invites[lang]

    base = in_lang(settings.default_lang)
    attendees = list(dict.fromkeys(pid for invite in base for pid in invite.attendees))
    outgoing: list[Outgoing] = []
    skipped: list[Skipped] = []
    for person_id in attendees:
        person = store.people.get(person_id)
        if person is None or not person.email:
            continue
        lang = _lang(store, person)
        names = {pid: store.name_of(pid, lang) for pid in event.people()}
        mine = [invite for invite in in_lang(lang) if person_id in invite.attendees]
        update = any(s.person == person_id and s.method == "REQUEST" for s in event.sent)
        for invite in mine:
            digest = calendar_digest(invite.text, person.email)
            earlier = [s for s in event.sent if s.person == person_id and s.digest == digest]
            if earlier:
                skipped.append(Skipped(person, invite, earlier[-1]))
                continue
            entry = read_entry(invite.text)
            text = body(
                entry=entry,
                event=event,
                method=invite.method,
                update=update,
                lang=lang,
                reader=person.name,
                organizer=header_text(settings.organizer_name),
                organizer_email=settings.organizer_email,
                names=names,
                with_agenda=invite.leg_id is None,
            )
            mail = message(
                sender=sender,
                recipient=Mailbox(person.name, person.email),
                subject_line=subject(entry, invite.method, update, lang),
                text=text,
                calendar=invite.text.encode("utf-8"),
                method=invite.method,
                attachment=WORDS[lang].attachment,
                domain=settings.calendar_domain,
                now=now,
            )
            filename = f"{person_id}.eml" if len(mine) == 1 else f"{person_id}.{invite.stem}.eml"
            outgoing.append(Outgoing(person, person.email, invite, lang, digest, update, mail, filename))
    return Plan(event, tuple(outgoing), tuple(skipped), _without_email(store, event, set(attendees)))


def write_outbox(plan: Plan, folder: Path) -> list[Path]:
    """Write each message as ``<person>.eml`` in ``folder`` (the paths, in the plan's order), then remove
    the other ``.eml`` files of an earlier run.

    The messages are written as one batch: a failure midway leaves the
    outbox of the earlier run as it was, and no file half-written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / outgoing.filename for outgoing in plan.outgoing]
    with Batch(len(written)) as batch:
        for outgoing, path in zip(plan.outgoing, written, strict=True):
            batch.stage(path, outgoing.data())
        batch.commit()
    kept = set(written)
    for old in folder.glob("*.eml"):
        if old not in kept:
            old.unlink()
    return written


def with_deliveries(event: Event, delivered: Sequence[Sent]) -> Event:
    """``event`` with ``delivered`` added to what it records as sent."""
    return event.model_copy(update={"sent": (*event.sent, *delivered)})
