"""The meetings documents are about: one event, or one occurrence of a series, with its times.

``meeting`` finds the meeting of a minutes or summary document;
``bulletin_meetings`` the meetings of a period that have a summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from planner.domain.event import Delegate, Event
from planner.domain.minutes import Minutes
from planner.domain.participation import Attendance, Invitation
from planner.domain.series import Occurrence
from planner.domain.times import zone
from planner.rules.attendance import Delegation, delegations, meeting_invitations
from planner.rules.minutes_workflow import MinutesError, check_occurrence, minutes_of
from planner.store import Store


@dataclass(frozen=True)
class Meeting:
    """One meeting: a single event, or one occurrence of a series."""

    event: Event
    day: date
    start: datetime
    end: datetime
    occurrence: Occurrence
    series: bool

    @property
    def minutes(self) -> Minutes | None:
        return minutes_of(self.event, self.day if self.series else None)

    @property
    def cancelled(self) -> bool:
        return self.event.status == "cancelled" or self.occurrence.cancelled

    @property
    def held(self) -> bool:
        """It took place: the event is done, or minutes were written for it."""
        return not self.cancelled and (self.event.status == "done" or self.minutes is not None)

    @property
    def invitations(self) -> tuple[Invitation, ...]:
        """The event's invitations, with an occurrence's own answers in their place, then its own invitees."""
        return meeting_invitations(self.event, self.day if self.series else None)

    @property
    def delegations(self) -> list[Delegation]:
        """Guest delegates recorded by role only, with their attendance at this meeting."""
        return delegations(self.event, self.day if self.series else None)

    def uninvited_delegates(self) -> Iterator[tuple[str, Delegate, Attendance]]:
        """The guests' delegates without an invitation of their own, in order, as (municipality, delegate,
        attendance recorded): a delegate recorded by role only has their municipality's, a named one none
        (``unknown``)."""
        invited = {i.person for i in self.invitations}
        recorded = {d.municipality: d.attendance for d in self.delegations}
        for guest in self.event.guests:
            for delegate in guest.delegates:
                if delegate.person is None:
                    yield guest.municipality, delegate, recorded.get(guest.municipality, "unknown")
                elif delegate.person not in invited:
                    yield guest.municipality, delegate, "unknown"


def meeting(event: Event, occurrence: date | None = None) -> Meeting:
    """The meeting of a single event, or the series' occurrence on ``occurrence`` (its first one by default)."""
    try:
        check_occurrence(event, occurrence)
    except MinutesError as exc:
        raise LookupError(str(exc)) from None
    day = occurrence or event.start.date()
    horizon = datetime.combine(day, datetime.max.time(), tzinfo=event.start.tzinfo)
    for found, start, end, override in event.occurrence_times(horizon):
        if found == day:
            return Meeting(event, day, start, end, override, event.recurrence is not None)
    raise LookupError(f"{day.isoformat()} is not a date of {event.id!r}")


def bulletin_meetings(store: Store, first: date, last: date) -> list[Meeting]:
    """Meetings from ``first`` to ``last`` (inclusive, each in its own zone) that have a summary, by start."""
    found = []
    for event in store.events.values():
        if event.status == "cancelled":
            continue
        horizon = datetime.combine(last, datetime.max.time(), tzinfo=zone(event.tz))
        for day, start, end, occurrence in event.occurrence_times(horizon):
            if occurrence.cancelled or end.date() < first or start.date() > last:
                continue
            series = event.recurrence is not None
            summary = occurrence.summary if series and occurrence.summary else event.summary
            if summary is not None and (not series or occurrence.summary or day == event.start.date()):
                found.append(Meeting(event, day, start, end, occurrence, series))
    return sorted(found, key=lambda m: (m.start, m.event.id))
