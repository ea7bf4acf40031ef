"""Action items across meetings: what is still open, what is overdue, and what carries over.

Nothing here is stored. In a series, the open actions of earlier meetings are
"pending from previous meetings" in the next meeting's minutes; an action is
closed by setting its status to ``done`` in the minutes of the meeting it came
from. An action is overdue when it is open and its due date is before today,
today being the date in the store's home zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from planner.domain.event import Event
from planner.domain.minutes import ActionItem, Minutes
from planner.domain.times import zone
from planner.rules.minutes_workflow import minutes_of


@dataclass(frozen=True)
class ActionRow:
    """One action item with the meeting it came from."""

    event: Event
    meeting: date
    """The meeting's date: a single event's start date, or an occurrence's original date."""
    action: ActionItem
    overdue: bool


def today_in(home_tz: str) -> date:
    """Today's date in the store's home zone."""
    return datetime.now(zone(home_tz)).date()


def is_overdue(action: ActionItem, today: date) -> bool:
    return action.status == "open" and action.due is not None and action.due < today


def meetings(event: Event) -> list[tuple[date, Minutes]]:
    """Every meeting of the event that has minutes, in date order (cancelled occurrences left out)."""
    if event.recurrence is None:
        return [(event.start.date(), event.minutes)] if event.minutes else []
    days = {day for day, occurrence in event.occurrences.items() if occurrence.minutes and not occurrence.cancelled}
    if event.minutes is not None:
        days.add(event.start.date())
    found = []
    for day in sorted(days):
        minutes = minutes_of(event, day)
        if minutes is not None:
            found.append((day, minutes))
    return found


def event_actions(event: Event, today: date) -> list[ActionRow]:
    """The event's action items, meeting by meeting."""
    return [
        ActionRow(event, day, action, is_overdue(action, today))
        for day, minutes in meetings(event)
        for action in minutes.actions
    ]


def pending_from_previous(event: Event, occurrence: date, today: date) -> list[ActionRow]:
    """Open actions of the series' meetings before ``occurrence``: they carry over to it."""
    if event.recurrence is None:
        return []
    return [row for row in event_actions(event, today) if row.meeting < occurrence and row.action.status == "open"]


def all_actions(events: Iterable[Event], today: date) -> list[ActionRow]:
    """Action items of every meeting of every event, by meeting date, then event, then order given."""
    rows = [row for event in events for row in event_actions(event, today)]
    return sorted(rows, key=lambda row: (row.meeting, row.event.id))


def select_actions(
    rows: Iterable[ActionRow],
    *,
    open_only: bool = False,
    owner: str | None = None,
    municipality: str | None = None,
    overdue_only: bool = False,
) -> list[ActionRow]:
    """The rows that pass every filter given."""
    return [
        row
        for row in rows
        if (not open_only or row.action.status == "open")
        and (owner is None or row.action.owner == owner)
        and (municipality is None or row.action.municipality == municipality)
        and (not overdue_only or row.overdue)
    ]
