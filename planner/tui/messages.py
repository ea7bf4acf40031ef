"""Messages that travel up from screens to the app, and from the app's store watcher to screens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from planner.domain.event import Event


class StoreChanged(Message):
    """Records were saved or deleted from the app: the index is refreshed and screens show the new data."""

    def __init__(self, *paths: Path) -> None:
        super().__init__()
        self.paths = paths


class OpenEvent(Message):
    """Open an event's screen (from a table, the calendar, Home or the command palette)."""

    def __init__(self, event_id: str) -> None:
        super().__init__()
        self.event_id = event_id


class OpenDraft(Message):
    """Open an event that is not saved yet (a new event or a copy) in its screen, on ``tab``."""

    def __init__(self, event: Event, tab: str = "overview") -> None:
        super().__init__()
        self.event = event
        self.tab = tab


class ChangedOnDisk(Message):
    """Someone else changed (or deleted) the file of the record this screen edits."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
