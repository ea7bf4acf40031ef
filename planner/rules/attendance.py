"""Who came to a meeting: invitations, guest delegates recorded by role only, and totals per group.

A meeting is a single event, or one occurrence of a series (``day``, its
original date). A series' invitations hold for every occurrence; an
occurrence's own invitations take their place. Delegates recorded by role
only have no invitation: their attendance is kept per guest municipality
(``Guest.attendance``, an occurrence's ``delegate_attendance`` winning).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from planner.domain.event import Event, Guest
from planner.domain.participation import ANSWERS, ATTENDANCES, Attendance, Invitation
from planner.domain.records import Person
from planner.domain.series import Occurrence
from planner.domain.text import Line

UNAFFILIATED = ""
"""The group of invited people with neither a municipality nor an organization."""


@dataclass
class Totals:
    """How many of a group were invited, what they answered and whether they came."""

    invited: int = 0
    answers: Counter[str] = field(default_factory=Counter)
    attendance: Counter[str] = field(default_factory=Counter)
    by_role: Counter[str] = field(default_factory=Counter)
    """Delegates recorded by role only, by attendance; counted in ``invited`` and ``attendance`` too."""

    @property
    def replied(self) -> int:
        # A delegate recorded by role only has no answer: it counts as replied once its attendance is known.
        return self.invited - self.answers["needs-action"] - self.by_role["unknown"]


@dataclass(frozen=True)
class Delegation:
    """A guest municipality's delegates recorded by role only, and whether they came to the meeting."""

    municipality: str
    roles: tuple[Line, ...]
    attendance: Attendance


def group_of(person: Person | None) -> str:
    """The id a person's attendance counts under: their municipality, else their organization."""
    if person is None:
        return UNAFFILIATED
    return person.municipality or person.organization or UNAFFILIATED


def _occurrence(event: Event, day: date | None) -> Occurrence:
    if day is None or event.recurrence is None:
        return Occurrence()
    return event.occurrence(day)


def meeting_invitations(event: Event, day: date | None = None) -> tuple[Invitation, ...]:
    """The event's invitations, with an occurrence's own in their place, then its own invitees."""
    by_person = {i.person: i for i in event.invitations}
    by_person.update({i.person: i for i in _occurrence(event, day).invitations})
    return tuple(by_person.values())


def _role_only(guest: Guest) -> tuple[Line, ...]:
    return tuple(d.role for d in guest.delegates if d.person is None and d.role is not None)


def delegations(event: Event, day: date | None = None) -> list[Delegation]:
    """Every guest municipality with delegates recorded by role only, in the order of the guests."""
    own = _occurrence(event, day).delegate_attendance
    found = []
    for guest in event.guests:
        roles = _role_only(guest)
        if roles:
            state = own.get(guest.municipality) or guest.attendance or "unknown"
            found.append(Delegation(guest.municipality, roles, state))
    return found


def attendance_totals(event: Event, people: dict[str, Person], day: date | None = None) -> dict[str, Totals]:
    """Totals per municipality or organization id of one meeting, in the order groups first appear."""
    totals: dict[str, Totals] = {}
    for invitation in meeting_invitations(event, day):
        group = totals.setdefault(group_of(people.get(invitation.person)), Totals())
        group.invited += 1
        group.answers[invitation.answer] += 1
        group.attendance[invitation.attendance] += 1
    for delegation in delegations(event, day):
        group = totals.setdefault(delegation.municipality, Totals())
        count = len(delegation.roles)
        group.invited += count
        group.attendance[delegation.attendance] += count
        group.by_role[delegation.attendance] += count
    return totals


def _series_day(event: Event, day: date | None) -> date | None:
    """The occurrence a change is recorded under: ``None`` for a single event."""
    if event.recurrence is None:
        if day is not None and day != event.start.date():
            raise ValueError(f"{event.id!r} is a single event: it has no meeting on {day.isoformat()}")
        return None
    if day is None:
        raise ValueError(f"{event.id!r} is a series: say which meeting (its original date)")
    if day not in {found for found, *_ in event.occurrence_times(_end_of(event, day))}:
        raise ValueError(f"{day.isoformat()} is not a date of the series {event.id!r}")
    if _occurrence(event, day).cancelled:
        raise ValueError(f"the meeting of {day.isoformat()} is cancelled: nobody attended it")
    return day


def _end_of(event: Event, day: date) -> datetime:
    return datetime.combine(day, datetime.max.time(), tzinfo=event.start.tzinfo)


def record_invitation(
    event: Event, day: date | None, person: str, *, answer: str | None = None, attendance: str | None = None
) -> Event:
    """The event with ``person``'s answer or attendance at one meeting; a series keeps it under the occurrence."""
    if answer is not None and answer not in ANSWERS:
        raise ValueError(f"{answer!r} is not an answer: give one of {', '.join(ANSWERS)}")
    if attendance is not None and attendance not in ATTENDANCES:
        raise ValueError(f"{attendance!r} is not an attendance: give one of {', '.join(ATTENDANCES)}")
    occurrence = _series_day(event, day)
    current = next((i for i in meeting_invitations(event, occurrence) if i.person == person), None)
    base = current or Invitation(person=person)
    changes = {k: v for k, v in (("answer", answer), ("attendance", attendance)) if v is not None}
    invitation = Invitation.model_validate({**base.model_dump(), **changes})
    if occurrence is None:
        kept = [i for i in event.invitations if i.person != person]
        at = next((n for n, i in enumerate(event.invitations) if i.person == person), len(kept))
        return Event.model_validate({**dict(event), "invitations": (*kept[:at], invitation, *kept[at:])})
    own = list(_occurrence(event, occurrence).invitations)
    mine = next((n for n, i in enumerate(own) if i.person == person), None)
    if mine is None:
        own.append(invitation)
    else:
        own[mine] = invitation
    return event.with_occurrence(occurrence, invitations=tuple(own))


def record_delegation(event: Event, day: date | None, municipality: str, attendance: str) -> Event:
    """The event with whether a guest municipality's delegates recorded by role only came to one meeting."""
    if attendance not in ATTENDANCES:
        raise ValueError(f"{attendance!r} is not an attendance: give one of {', '.join(ATTENDANCES)}")
    guest = next((g for g in event.guests if g.municipality == municipality), None)
    if guest is None:
        raise ValueError(f"{municipality!r} is not a guest municipality of {event.id!r}")
    if not _role_only(guest):
        raise ValueError(
            f"{municipality!r} has no delegate recorded by role only: record its named delegates' attendance "
            "on their invitations"
        )
    occurrence = _series_day(event, day)
    if occurrence is None:
        state: str | None = None if attendance == "unknown" else attendance
        guests = tuple(g.model_copy(update={"attendance": state}) if g is guest else g for g in event.guests)
        return Event.model_validate({**dict(event), "guests": guests})
    own: dict[str, str] = dict(_occurrence(event, occurrence).delegate_attendance)
    own[municipality] = attendance
    if attendance == "unknown" and guest.attendance in (None, "unknown"):
        own.pop(municipality)  # nothing to say beyond the series' default
    return event.with_occurrence(occurrence, delegate_attendance=own)
