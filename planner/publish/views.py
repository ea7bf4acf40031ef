"""What the templates see: plain, read-only views of a meeting's facts, its minutes, its summary, and the
bulletin.

Every value is final text in the document's language (``Localized`` where it
may have fallen back to the other one); templates only lay the views out, so
an office that overrides a template cannot get a fact wrong, only its
presentation. ``planner.publish.builder`` fills them in.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.publish.text import Localized


@dataclass(frozen=True)
class When:
    date: str
    time: str | None
    legs: tuple[Leg, ...] = ()


@dataclass(frozen=True)
class Leg:
    place: str
    date: str
    time: str | None


@dataclass(frozen=True)
class PersonView:
    name: str
    role: Localized | None
    affiliation: str | None = None


@dataclass(frozen=True)
class PeopleGroup:
    label: str
    people: tuple[PersonView, ...]


@dataclass(frozen=True)
class QuoteView:
    text: Localized
    name: str
    role: Localized | None


@dataclass(frozen=True)
class AttendanceRow:
    name: str
    invited: int = 0
    replied: int = 0
    present: int = 0
    excused: int = 0
    absent: int = 0
    by_role: bool = False
    """Counts delegates recorded by role only, presumed present because their attendance was not recorded."""


@dataclass(frozen=True)
class DelegationView:
    """A guest municipality's delegate recorded by role only, and whether they came."""

    municipality: str
    role: Localized
    attendance: str
    attendance_label: str


@dataclass(frozen=True)
class AgendaView:
    id: str | None
    time: str | None
    title: Localized
    speaker: str | None
    notes: Localized | None


@dataclass(frozen=True)
class DecisionView:
    number: int
    id: str
    text: Localized


@dataclass(frozen=True)
class ActionView:
    number: int
    id: str
    text: Localized
    owner: str | None
    municipality: str | None
    due: str | None
    status: str
    status_label: str
    meeting: str | None = None
    """For actions pending from an earlier meeting: that meeting's date."""


@dataclass(frozen=True)
class StepView:
    step: str
    label: str
    by: str
    at: str


@dataclass(frozen=True)
class NextMeetingView:
    date: str | None
    note: Localized | None


@dataclass(frozen=True)
class Facts:
    """Who, what, where and when: what every document says about its event."""

    id: str
    anchor: str
    title: Localized
    kind: str
    programme: str | None
    when: When
    place: str | None
    venue: str | None
    host: str | None
    organizers: tuple[str, ...]
    sponsors: tuple[str, ...]
    themes: tuple[str, ...]
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class MinutesView:
    facts: Facts
    status: str
    status_label: str
    attendance: tuple[AttendanceRow, ...]
    attendance_total: AttendanceRow
    by_role: bool
    present: tuple[PersonView, ...]
    delegations: tuple[DelegationView, ...]
    agenda: tuple[AgendaView, ...]
    decisions: tuple[DecisionView, ...]
    actions: tuple[ActionView, ...]
    series: bool
    pending: tuple[ActionView, ...]
    next_meeting: NextMeetingView | None
    history: tuple[StepView, ...]


@dataclass(frozen=True)
class SummaryView:
    facts: Facts
    headline: Localized
    dateline: str
    lead: Localized
    body: Localized | None
    quotes: tuple[QuoteView, ...]
    people: tuple[PeopleGroup, ...]


@dataclass(frozen=True)
class BulletinView:
    title: str
    period: str
    first: str
    last: str
    stories: tuple[SummaryView, ...]
