"""Attendance totals per municipality and organization, computed from an event's invitations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from planner.event import Event
from planner.records import Person

UNAFFILIATED = ""
"""The group of invited people with neither a municipality nor an organization."""


@dataclass
class Totals:
    """How many of a group were invited, what they answered and whether they came."""

    invited: int = 0
    answers: Counter[str] = field(default_factory=Counter)
    attendance: Counter[str] = field(default_factory=Counter)

    @property
    def replied(self) -> int:
        return self.invited - self.answers["needs-action"]


def group_of(person: Person | None) -> str:
    """The id a person's attendance counts under: their municipality, else their organization."""
    if person is None:
        return UNAFFILIATED
    return person.municipality or person.organization or UNAFFILIATED


def attendance_totals(event: Event, people: dict[str, Person]) -> dict[str, Totals]:
    """Totals per municipality or organization id, in the order groups first appear."""
    totals: dict[str, Totals] = {}
    for invitation in event.invitations:
        group = totals.setdefault(group_of(people.get(invitation.person)), Totals())
        group.invited += 1
        group.answers[invitation.answer] += 1
        group.attendance[invitation.attendance] += 1
    return totals
