"""Participation history: what a person did in which events, what a municipality took part in.

Computed from event records, never stored. The UI's detail views show these;
they take the events to look at (those the index says involve the record).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from planner.domain.event import Event
from planner.domain.records import Person
from planner.domain.text import Lang
from planner.rules.followup import ActionRow, event_actions, meetings


@dataclass(frozen=True)
class Participation:
    """One event a person is named in: as what, and their answer and attendance if invited."""

    event: Event
    roles: tuple[str, ...]
    answer: str | None
    attendance: str | None

    @property
    def day(self) -> date:
        return self.event.start.date()


def person_history(person: str, events: Iterable[Event]) -> list[Participation]:
    """Every event naming ``person``, by date: speaker, delegate, signatory, agenda speaker, invitee."""
    found = []
    for event in events:
        roles: list[str] = []
        if any(s.person == person for s in event.speakers):
            roles.append("speaker")
        for guest in event.guests:
            if any(d.person == person for d in guest.delegates):
                roles.append(f"delegate of {guest.municipality}")
        if any(s.person == person for s in event.signatories):
            roles.append("signatory")
        if any(a.speaker == person for a in event.agenda) and "speaker" not in roles:
            roles.append("agenda speaker")
        invitation = next((i for i in event.invitations if i.person == person), None)
        if invitation is not None and not roles:
            roles.append("invited")
        if any(a.owner == person for _, m in meetings(event) for a in m.actions):
            roles.append("action owner")
        if roles:
            found.append(
                Participation(
                    event,
                    tuple(roles),
                    invitation.answer if invitation else None,
                    invitation.attendance if invitation else None,
                )
            )
    return sorted(found, key=lambda p: (p.event.start, p.event.id))


@dataclass(frozen=True)
class Attended:
    """A round table (or any event) a municipality took part in, and how."""

    event: Event
    role: str
    """``host`` or ``guest``."""
    invited: int
    present: int
    delegates: tuple[str, ...]
    """Who represented it: people's ids, or roles in the event's language for role-only delegates."""


@dataclass(frozen=True)
class MunicipalityHistory:
    events: list[Attended]
    people: list[Person]
    """People of the municipality in the registry (its staff, delegates, mayor)."""
    open_actions: list[ActionRow]


def municipality_history(
    municipality: str,
    events: Iterable[Event],
    people: Mapping[str, Person],
    today: date,
    lang: Lang = "en",
) -> MunicipalityHistory:
    """What ``municipality`` hosted or was a guest of, its people, and the open actions assigned to it."""
    attended = []
    actions: list[ActionRow] = []
    staff = {pid for pid, p in people.items() if p.municipality == municipality}
    for event in sorted(events, key=lambda e: (e.start, e.id)):
        guest = next((g for g in event.guests if g.municipality == municipality), None)
        if event.host == municipality or guest is not None:
            ours = [i for i in event.invitations if i.person in staff]
            delegates = tuple(
                d.person if d.person else (d.role.get(lang) if d.role else "")
                for d in (guest.delegates if guest else ())
            )
            attended.append(
                Attended(
                    event,
                    "host" if event.host == municipality else "guest",
                    len(ours),
                    sum(1 for i in ours if i.attendance == "present"),
                    delegates,
                )
            )
        actions += [
            row
            for row in event_actions(event, today)
            if row.action.status == "open" and (row.action.municipality == municipality or row.action.owner in staff)
        ]
    members = sorted((people[p] for p in staff), key=lambda p: p.name)
    return MunicipalityHistory(attended, members, actions)
