"""The minutes as they will be published, rendered from the event being edited (not the saved file)."""

from __future__ import annotations

from datetime import date

from planner.domain.event import Event
from planner.domain.text import Lang
from planner.store import Store


def minutes_preview(store: Store, event: Event, lang: Lang, day: date | None = None) -> str:
    """The Markdown minutes of ``event`` (of a series, its meeting on ``day``) through the publishing templates."""
    if event.minutes is None and event.recurrence is None:
        return "No minutes yet: add notes, decisions or action items above."
    try:
        from planner.publish import PublishError, event_minutes
    except ImportError as exc:
        return f"(the preview needs planner.publish, which is not installed: {exc.name})"
    try:
        return event_minutes(store, event, lang, "md", day if event.recurrence is not None else None)
    except (PublishError, LookupError, ValueError) as exc:
        return f"(no preview: {exc})"
