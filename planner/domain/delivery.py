"""What the planner sent to whom, so that sending again sends only what changed."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from planner.domain.fields import Frozen, Ref

Method = Literal["REQUEST", "CANCEL"]


class Sent(Frozen):
    """One invitation message delivered to one person."""

    person: Ref
    method: Method
    sequence: int = Field(ge=0)
    digest: str
    """Hash of the calendar part sent: a changed event gives a new one."""
    at: AwareDatetime
