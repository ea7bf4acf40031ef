"""Who is invited to an event, what they answered and whether they came."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import AwareDatetime, field_validator

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
    answered_sequence: int | None = None
    """The SEQUENCE of the event version the recorded reply answered; ``None`` when not set by a reply."""
    answered_at: AwareDatetime | None = None
    """The DTSTAMP of the recorded reply, in UTC: an older reply imported later does not overwrite it."""

    @field_validator("answered_at")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        # One zone, so that the file's bytes do not depend on the zone the reply was written in.
        return value.astimezone(UTC) if value is not None else None
