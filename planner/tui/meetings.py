"""What the Minutes tab shows of one meeting: a single event, or the occurrence of a series it records.

Plain functions from the event (as last validated) to the rows and options the
tab displays; the rules (which meetings take minutes, whose answers count)
are the domain's, in ``planner.rules.attendance`` and ``planner.rules.minutes_workflow``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from planner.domain.event import Event
from planner.domain.records import Person
from planner.domain.text import Lang
from planner.rules.attendance import UNAFFILIATED, attendance_totals, delegations, meeting_invitations
from planner.rules.minutes_workflow import meetings
from planner.store import Store
from planner.tui.widgets.rows_table import Column

Names = Callable[[str | None], str]
Row = tuple[str, ...]


def meeting_options(event: Event, names: Names) -> list[tuple[str, str]]:
    """``(label, original date)`` of every meeting of a series that can take minutes."""
    hosts = {day: o.host for day, o in event.occurrences.items()}
    options = []
    for day, start in meetings(event):
        moved = f" (moved from {day:%d %b})" if start.date() != day else ""
        host = names(hosts.get(day) or event.host)
        options.append((f"{start:%a %d %b %Y}{moved}" + (f" · {host}" if host else ""), day.isoformat()))
    return options


def totals_rows(store: Store, event: Event, people: dict[str, Person], names: Names, day: date | None) -> list[Row]:
    """Invited, replied, present, excused and absent per municipality or organization, for one meeting."""
    rows: list[Row] = []
    totals = attendance_totals(event, people, day)
    for group, counts in totals.items():
        label = names(group) if group != UNAFFILIATED else "(no affiliation)"
        rows.append(
            (
                label,
                str(counts.invited),
                str(counts.replied),
                *(str(counts.attendance[state]) for state in ("present", "excused", "absent")),
            )
        )
    shown = set(totals)
    host = event.occurrences[day].host if day in event.occurrences else None
    for muni in (host or event.host, *event.municipalities):
        if muni and muni not in shown and store.get(muni) is not None:
            rows.append((names(muni), "0", "0", "0", "0", "0"))
            shown.add(muni)
    return rows


def invitation_rows(event: Event, day: date | None, names: Names) -> list[Row]:
    """Who was invited to the meeting, their answer and attendance (a series' own answers in their place)."""
    return [(names(i.person), i.answer, i.attendance) for i in meeting_invitations(event, day)]


def delegation_rows(event: Event, day: date | None, names: Names, lang: Lang) -> list[Row]:
    """One row per guest municipality with delegates recorded by role only."""
    return [
        (names(d.municipality), "; ".join(role.get(lang) for role in d.roles), d.attendance)
        for d in delegations(event, day)
    ]


DELEGATIONS_COLUMNS = (
    Column("municipality", "Municipality", 20),
    Column("roles", "Role"),
    Column("attendance", "Attendance", 10),
)
