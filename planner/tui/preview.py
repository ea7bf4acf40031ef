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
        from planner.publish import PublishError
        from planner.publish.context import Builder, meeting
        from planner.publish.templating import render
    except ImportError as exc:
        return f"(the preview needs planner.publish, which is not installed: {exc.name})"
    try:
        builder = Builder(store, lang)
        view = builder.minutes(meeting(event, day if event.recurrence is not None else None))
        return render(store.root, "minutes.md.j2", lang, "md", builder.context(minutes=view, facts=view.facts))
    except (PublishError, LookupError, ValueError) as exc:
        return f"(no preview: {exc})"
