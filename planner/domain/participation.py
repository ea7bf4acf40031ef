"""Who is invited to an event, what they answered and whether they came."""

from __future__ import annotations

from typing import Literal

from planner.domain.fields import Frozen, Ref

Answer = Literal["needs-action", "accepted", "declined", "tentative"]
ANSWERS: tuple[Answer, ...] = ("needs-action", "accepted", "declined", "tentative")
Attendance = Literal["unknown", "present", "excused", "absent"]
ATTENDANCES: tuple[Attendance, ...] = ("unknown", "present", "excused", "absent")


class Invitation(Frozen):
    """A person invited to the event, their answer and, afterwards, their attendance."""

    person: Ref
    answer: Answer = "needs-action"
    attendance: Attendance = "unknown"
