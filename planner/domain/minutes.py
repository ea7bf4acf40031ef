"""Minutes of a meeting, and the published summary with its quotes.

Attendance is not stored here: it comes from the event's invitations. The
minutes keep notes per agenda item, numbered decisions, action items, the next
meeting, and their workflow (draft, circulated, approved) with who moved them
and when.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Literal

from pydantic import AwareDatetime

from planner.domain.fields import Frozen, Id, Ref
from planner.domain.text import Line, SingleLine, Text

MinutesStatus = Literal["draft", "circulated", "approved"]
ActionStatus = Literal["open", "done"]
Step = Literal["circulated", "approved", "reopened"]


class ItemNotes(Frozen):
    """What was discussed under one agenda item, named by the item's id."""

    item: Id
    notes: Text


class Decision(Frozen):
    """A decision taken, with an id that stays when decisions are reordered."""

    id: Id
    text: Text


class ActionItem(Frozen):
    """A follow-up action: who does what for which municipality, by when."""

    id: Id
    text: Text
    owner: Ref | None = None
    """A person id."""
    municipality: Ref | None = None
    due: Date | None = None
    status: ActionStatus = "open"


class NextMeeting(Frozen):
    """When and where the group meets next, as far as it was agreed."""

    date: Date | None = None
    note: Text | None = None


class WorkflowStep(Frozen):
    """Who circulated, approved or reopened the minutes, and when."""

    step: Step
    by: SingleLine
    at: AwareDatetime


class Minutes(Frozen):
    """The minutes of one meeting (for a series, of one occurrence)."""

    status: MinutesStatus = "draft"
    notes: tuple[ItemNotes, ...] = ()
    decisions: tuple[Decision, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    next_meeting: NextMeeting | None = None
    history: tuple[WorkflowStep, ...] = ()


class Quote(Frozen):
    """A quote for the published summary: a known person, or a name and role given here."""

    person: Ref | None = None
    name: SingleLine | None = None
    role: Line | None = None
    text: Text


class Summary(Frozen):
    """The published story of an event: a headline, a lead paragraph and optional body."""

    headline: Line
    lead: Text
    body: Text | None = None
