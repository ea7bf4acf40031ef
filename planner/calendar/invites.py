"""Invitations: one iTIP message (RFC 5546) per calendar object, REQUEST or CANCEL.

RFC 5546 allows one UID per message, so an event gives one invitation, a
series one (its master and overrides share the UID), and a study visit one
for the whole trip and one per leg. Each carries ORGANIZER (the store's
settings) and an ATTENDEE for every invited person with an e-mail address:
CN, ROLE (CHAIR for the host's contact person, REQ-PARTICIPANT for speakers,
delegates and signatories, OPT-PARTICIPANT for everyone else), PARTSTAT from
the stored answer and RSVP=TRUE. A cancelled event gives METHOD:CANCEL with
the same UID; its SEQUENCE is higher because status is significant (see
``planner.domain.fingerprint``).

The e-mail sender (``planner.mail``) builds its messages from these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planner.calendar.feeds import calendar_text
from planner.calendar.vevent import Renderer
from planner.domain.event import Event
from planner.domain.text import Lang
from planner.store import Store


@dataclass(frozen=True)
class Invite:
    """One invitation file: a whole ``.ics`` with one UID, METHOD REQUEST or CANCEL."""

    uid: str
    method: Literal["REQUEST", "CANCEL"]
    sequence: int
    event_id: str
    leg_id: str | None
    """``None`` for the event itself or a study visit's whole trip."""
    attendees: tuple[str, ...]
    """Ids of the people written as ATTENDEE (invited people with an e-mail address)."""
    text: str
    """The whole ``.ics``, CRLF lines."""
    stem: str
    """The file stem: ``invites/<stem>.ics``."""


def invites_for(store: Store, event: Event, lang: Lang) -> list[Invite]:
    """One invite per calendar object (the event, or the trip and each leg); [] when no invitee has an e-mail.

    Drafts are never exported, so a draft gives none. Raises
    ``planner.calendar.vevent.Unexportable`` for an event that cannot be a
    valid calendar entry (an end before its start in a record built without
    validation).
    """
    if event.status == "draft":
        return []
    renderer = Renderer(store, lang)
    method: Literal["REQUEST", "CANCEL"] = "CANCEL" if event.status == "cancelled" else "REQUEST"
    invites = []
    for calendar_object in renderer.invitation(event):
        if not calendar_object.attendees:
            continue
        invites.append(
            Invite(
                uid=calendar_object.uid,
                method=method,
                sequence=max(0, int(event.sequence)),
                event_id=event.id,
                leg_id=calendar_object.leg_id,
                attendees=calendar_object.attendees,
                text=calendar_text([calendar_object], method),
                stem=calendar_object.stem,
            )
        )
    return invites
