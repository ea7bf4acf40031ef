"""The words of the domain that commands need before (or without) loading the model."""

from __future__ import annotations

from typing import Literal

EventKind = Literal["round-table", "study-visit", "conference", "agreement-signing", "workshop", "other"]
EVENT_KINDS: tuple[EventKind, ...] = (
    "round-table",
    "study-visit",
    "conference",
    "agreement-signing",
    "workshop",
    "other",
)
Status = Literal["draft", "tentative", "confirmed", "cancelled", "done"]
STATUSES: tuple[Status, ...] = ("draft", "tentative", "confirmed", "cancelled", "done")
ConferenceFormat = Literal["breakfast", "seminar", "forum", "conference"]
