"""Recurring events: the rule, and each occurrence's own data kept under its original date.

A series is one event file with a ``recurrence``. An occurrence that is
skipped is ``cancelled`` (exported as EXDATE); one that moved keeps its
original date as its key and gives its new ``start``/``end`` (exported as a
RECURRENCE-ID override). Occurrence dates come from ``dateutil.rrule``, the
same rule engine calendar clients follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from dateutil import rrule
from pydantic import Field, ValidationInfo, field_validator, model_validator

from planner.domain.fields import Frozen, Ref
from planner.domain.minutes import Minutes, Quote, Summary
from planner.domain.participation import Attendance, Invitation
from planner.domain.times import FIRST_YEAR, LAST_YEAR, localize

Frequency = Literal["weekly", "monthly", "yearly"]
FREQUENCIES: tuple[Frequency, ...] = ("weekly", "monthly", "yearly")
_FREQ: dict[str, Literal[0, 1, 2, 3, 4, 5, 6]] = {"weekly": 2, "monthly": 1, "yearly": 0}
"""rrule's own numbers for each frequency (YEARLY=0, MONTHLY=1, WEEKLY=2)."""
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second-to-last"}

HORIZON = timedelta(days=3 * 366)
"""How far past its start an endless series is expanded for listings and summaries."""


class Recurrence(Frozen):
    """How a series repeats: ``monthly`` on ``1TH`` (the first Thursday), a ``count`` or an ``until``."""

    freq: Frequency
    interval: int = Field(default=1, ge=1, le=52)
    byday: tuple[str, ...] = ()
    """RFC 5545 BYDAY values: ``TH``, ``1TH`` (first Thursday), ``-1FR`` (last Friday)."""
    count: int | None = Field(default=None, ge=1, le=1000)
    until: date | None = None

    @field_validator("byday")
    @classmethod
    def _days(cls, values: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        for value in values:
            match = _BYDAY.match(value)
            if not match:
                raise ValueError(f"{value!r} is not a weekday such as TH, 1TH (first Thursday) or -1FR (last Friday)")
            if match.group(1) and info.data.get("freq") == "weekly":
                # RFC 5545 forbids numbered days in a weekly rule; calendar clients would disagree on it.
                raise ValueError(f"{value!r}: a weekly series repeats on plain weekdays such as TH, not numbered ones")
        return values

    @field_validator("until")
    @classmethod
    def _one_end(cls, value: date | None, info: ValidationInfo) -> date | None:
        # A field validator, not a model one, so that the message sits on ``until``, the field to clear.
        if value is not None and info.data.get("count") is not None:
            raise ValueError("give either count or until, not both")
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValueError(f"the year {value.year} is outside {FIRST_YEAR}-{LAST_YEAR}, the years an event may take")
        return value

    def in_words(self) -> str:
        """The rule as a coordinator says it: ``every month on the first Thursday, 8 times``."""
        unit = {"weekly": "week", "monthly": "month", "yearly": "year"}[self.freq]
        every = f"every {unit}" if self.interval == 1 else f"every {self.interval} {unit}s"
        days = []
        for value in self.byday:
            match = _BYDAY.match(value)
            assert match is not None  # checked by the validator
            name = _DAY_NAMES[_DAYS.index(match.group(2))]
            days.append(f"the {_NTH.get(int(match.group(1)), match.group(1))} {name}" if match.group(1) else name)
        listed = ", ".join(days[:-1]) + " and " + days[-1] if len(days) > 1 else "".join(days)
        on = f" on {listed}" if days else ""
        if self.count is not None:
            end = f", {self.count} times"
        elif self.until is not None:
            end = f", until {self.until.isoformat()}"
        else:
            end = ", with no end date"
        return every + on + end

    def rule_text(self, tz: str) -> dict[str, Any]:
        """The RRULE value as icalendar's ``vRecur`` mapping; ``until`` is the last day, in UTC."""
        rule: dict[str, Any] = {"FREQ": self.freq.upper()}
        if self.interval != 1:
            rule["INTERVAL"] = self.interval
        if self.byday:
            rule["BYDAY"] = list(self.byday)
        if self.count is not None:
            rule["COUNT"] = self.count
        if self.until is not None:
            last = localize(datetime.combine(self.until, time(23, 59, 59)), tz)
            rule["UNTIL"] = last.astimezone(UTC)
        return rule

    def starts(self, first: datetime, horizon: datetime | None = None) -> Iterator[datetime]:
        """Wall-clock starts of every occurrence (naive), from ``first``, up to the horizon."""
        naive = first.replace(tzinfo=None)
        byweekday = [_weekday(value) for value in self.byday] or None
        until = datetime.combine(self.until, datetime.max.time()) if self.until else None
        limit = (horizon or first + HORIZON).replace(tzinfo=None)
        if until is None or until > limit:
            until = limit if self.count is None else until
        rule = rrule.rrule(
            _FREQ[self.freq],
            dtstart=naive,
            interval=self.interval,
            byweekday=byweekday,
            count=self.count,
            until=until,
        )
        yield from rule


def _weekday(value: str) -> rrule.weekday:
    match = _BYDAY.match(value)
    assert match is not None  # checked by the validator
    day = rrule.weekdays[_DAYS.index(match.group(2))]
    return day(int(match.group(1))) if match.group(1) else day


class Occurrence(Frozen):
    """One occurrence's own data, under its original date: skipped, moved, or hosted elsewhere.

    ``start`` and ``end`` of a moved occurrence are wall-clock times in the
    series' zone; the event checks that they exist there.
    """

    cancelled: bool = False
    start: datetime | None = None
    end: datetime | None = None
    host: Ref | None = None
    invitations: tuple[Invitation, ...] = ()
    delegate_attendance: dict[Ref, Attendance] = Field(default_factory=dict)
    """Whether each guest municipality's delegates recorded by role only came, by municipality id."""
    minutes: Minutes | None = None
    summary: Summary | None = None
    quotes: tuple[Quote, ...] = ()

    @field_validator("start", "end")
    @classmethod
    def _wall_clock(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            raise ValueError("give a local time (2017-06-01T09:30:00) without an offset: the series' zone applies")
        return value

    @field_validator("delegate_attendance")
    @classmethod
    def _sorted(cls, value: dict[str, Attendance]) -> dict[str, Attendance]:
        # Sorted, so the file's bytes do not depend on the order attendance was recorded in.
        return dict(sorted(value.items()))

    @model_validator(mode="after")
    def _moved_both(self) -> Occurrence:
        if (self.start is None) != (self.end is None):
            raise ValueError("a moved occurrence gives both start and end")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError("end: the end must come after the start")
        if self.cancelled and self.start is not None:
            raise ValueError("an occurrence is either cancelled or moved, not both")
        return self
