"""The minutes' workflow: draft, circulated, approved; who moved them and when.

Minutes live in the event (for a series, under the occurrence's original
date). Approved minutes are locked: ``replace_minutes`` refuses them until
they are reopened, and every step is kept in ``Minutes.history`` with the
person who took it and the time, in UTC.

Who "the person" is: ``$PLANNER_USER``, else the git ``user.name`` of the
store's folder, else the login name.
"""

from __future__ import annotations

import getpass
import os
import subprocess
from datetime import UTC, datetime
from datetime import date as Date
from pathlib import Path
from typing import Literal

from planner.domain.event import Event
from planner.domain.minutes import Minutes, WorkflowStep

Command = Literal["circulate", "approve", "reopen"]
USER_VARIABLE = "PLANNER_USER"


class MinutesError(Exception):
    """A minutes operation that cannot be done; the message is fit to show a coordinator."""


class MinutesLocked(MinutesError):
    """The minutes are approved: they cannot change until someone reopens them."""


def current_user(store_root: Path | None = None) -> str:
    """``$PLANNER_USER``, else ``git config user.name`` run in the store's folder, else the login name."""
    given = os.environ.get(USER_VARIABLE, "").strip()
    if given:
        return given
    if store_root is not None and store_root.is_dir():
        try:
            found = subprocess.run(
                ["git", "config", "user.name"],
                cwd=store_root,
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            found = None
        name = found.stdout.strip() if found is not None and found.returncode == 0 else ""
        if name:
            return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return "unknown"


def _meeting(event: Event, occurrence: Date | None) -> str:
    if occurrence is None:
        return repr(event.id)
    return f"{event.id!r} on {occurrence.isoformat()}"


def check_occurrence(event: Event, occurrence: Date | None) -> None:
    """Refuse an occurrence date on a single event, or a date that is not one of the series'."""
    if occurrence is None:
        return
    if event.recurrence is None:
        raise MinutesError(f"{event.id!r} is a single event, not a series: leave out the occurrence date")
    horizon = datetime.combine(occurrence, datetime.max.time(), tzinfo=event.start.tzinfo)
    if occurrence not in {day for day, *_ in event.occurrence_times(horizon)}:
        raise MinutesError(f"{occurrence.isoformat()} is not a date of the series {event.id!r}")


def check_held(event: Event, occurrence: Date | None) -> None:
    """Refuse a cancelled occurrence: a meeting that did not take place has no minutes."""
    if occurrence is not None and event.occurrence(occurrence).cancelled:
        raise MinutesError(f"the meeting of {_meeting(event, occurrence)} is cancelled: it cannot have minutes")


def meetings(event: Event) -> list[tuple[Date, datetime]]:
    """The meetings of a series that can take minutes (original date, aware start), cancelled ones left out.

    A single event gives nothing: it is its own only meeting.
    """
    if event.recurrence is None:
        return []
    return [(day, start) for day, start, _, override in event.occurrence_times() if not override.cancelled]


def default_meeting(event: Event, now: datetime) -> Date | None:
    """The meeting the minutes are most likely written for: the latest one started by ``now``, else the next."""
    found = meetings(event)
    started = [day for day, start in found if start <= now]
    if started:
        return started[-1]
    return found[0][0] if found else None


def minutes_location(event: Event, occurrence: Date | None) -> tuple[str, ...]:
    """Where in the event's file ``minutes_of`` finds (and the workflow writes) the minutes of a meeting."""
    if occurrence is None or event.recurrence is None:
        return ("minutes",)
    own = event.occurrence(occurrence).minutes
    if own is None and occurrence == event.start.date():
        return ("minutes",)
    return ("occurrences", occurrence.isoformat(), "minutes")


def minutes_of(event: Event, occurrence: Date | None = None) -> Minutes | None:
    """The minutes of a single event, or of one occurrence of a series.

    A series' first occurrence may keep its minutes at the top of the file, as
    a single event does; its own entry under ``occurrences`` wins.
    """
    if occurrence is None or event.recurrence is None:
        return event.minutes
    found = event.occurrence(occurrence).minutes
    if found is None and occurrence == event.start.date():
        return event.minutes
    return found


def _put(event: Event, minutes: Minutes, occurrence: Date | None) -> Event:
    """The event with ``minutes`` where ``minutes_of`` finds them, re-validated."""
    if occurrence is None or minutes_location(event, occurrence) == ("minutes",):
        return _revalidated(event, minutes=minutes)
    return event.with_occurrence(occurrence, minutes=minutes)


def _revalidated(event: Event, **update: object) -> Event:
    # Validated again, so that notes naming unknown agenda items or repeated ids are refused here.
    return Event.model_validate({**dict(event), **update})


def replace_minutes(event: Event, minutes: Minutes, occurrence: Date | None = None) -> Event:
    """The event with new minutes; refused while its current minutes are approved.

    The workflow fields of the new minutes are ignored: status and history
    only change through ``advance``.
    """
    check_occurrence(event, occurrence)
    check_held(event, occurrence)
    current = minutes_of(event, occurrence)
    if current is not None and current.status == "approved":
        raise MinutesLocked(
            f"the minutes of {_meeting(event, occurrence)} are approved and cannot be edited; "
            "reopen them first ('planner minutes reopen')"
        )
    kept = current or Minutes()
    minutes = minutes.model_copy(update={"status": kept.status, "history": kept.history})
    return _put(event, minutes, occurrence)


_NEXT: dict[Command, tuple[tuple[str, ...], str, str]] = {
    # command: (statuses it may start from, the status it leads to, the step recorded)
    "circulate": (("draft", "circulated"), "circulated", "circulated"),
    "approve": (("circulated",), "approved", "approved"),
    "reopen": (("approved",), "draft", "reopened"),
}

_REFUSALS: dict[tuple[Command, str], str] = {
    ("circulate", "approved"): "are approved; reopen them before circulating them again",
    ("approve", "draft"): "are a draft; circulate them before approving them",
    ("approve", "approved"): "are already approved",
    ("reopen", "draft"): "are not approved, so there is nothing to reopen",
    ("reopen", "circulated"): "are not approved, so there is nothing to reopen",
}


def advance(
    event: Event, command: Command, by: str, at: datetime | None = None, occurrence: Date | None = None
) -> Event:
    """The event with its minutes circulated, approved or reopened by ``by`` at ``at`` (UTC)."""
    check_occurrence(event, occurrence)
    check_held(event, occurrence)
    minutes = minutes_of(event, occurrence)
    if minutes is None:
        raise MinutesError(f"{_meeting(event, occurrence)} has no minutes yet; write them before you {command} them")
    allowed, status, step = _NEXT[command]
    if minutes.status not in allowed:
        raise MinutesError(f"the minutes of {_meeting(event, occurrence)} {_REFUSALS[(command, minutes.status)]}")
    when = (at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    record = WorkflowStep.model_validate({"step": step, "by": by, "at": when})
    moved = minutes.model_copy(update={"status": status, "history": (*minutes.history, record)})
    return _put(event, moved, occurrence)
