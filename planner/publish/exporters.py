"""Minutes, summaries and bulletins as Markdown and HTML files: the functions the CLI and the UI call.

``*_document`` functions return a document's text; ``export_*`` functions,
one per kind of document and the same for the command line and the UI, write
the language and format asked for (every one by default) under ``out`` and
return the paths written, in a stable order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from planner.domain.event import Event
from planner.domain.text import LANGS, Lang
from planner.publish import dates
from planner.publish.builder import Builder
from planner.publish.meetings import Meeting, bulletin_meetings, meeting
from planner.publish.templating import FORMATS, Format, PublishError, render
from planner.publish.views import BulletinView
from planner.store import Store
from planner.store.batch import Batch


class NothingToPublish(PublishError):
    """The event, the occurrence or the content asked for does not exist."""


def _event(store: Store, event_id: str) -> Event:
    event = store.events.get(event_id)
    if event is None:
        raise NothingToPublish(f"no event with id {event_id!r} in {store.root}")
    return event


def _meeting(event: Event, occurrence: date | None) -> Meeting:
    try:
        return meeting(event, occurrence)
    except LookupError as exc:
        raise NothingToPublish(str(exc)) from None


def minutes_document(store: Store, event_id: str, lang: Lang, fmt: Format, occurrence: date | None = None) -> str:
    """The minutes of one meeting (a series' occurrence by its original date)."""
    return event_minutes(store, _event(store, event_id), lang, fmt, occurrence)


def event_minutes(store: Store, event: Event, lang: Lang, fmt: Format, occurrence: date | None = None) -> str:
    """The minutes of one meeting of ``event`` as given, saved or not (the UI previews the event being edited)."""
    meet = _meeting(event, occurrence)
    builder = Builder(store, lang)
    view = builder.minutes(meet)
    return render(store.root, f"minutes.{fmt}.j2", lang, fmt, builder.context(minutes=view, facts=view.facts))


def summary_document(store: Store, event_id: str, lang: Lang, fmt: Format, occurrence: date | None = None) -> str:
    """The published summary of one event or occurrence."""
    meet = _meeting(_event(store, event_id), occurrence)
    builder = Builder(store, lang)
    try:
        view = builder.summary(meet)
    except LookupError as exc:
        raise NothingToPublish(str(exc)) from None
    return render(store.root, f"summary.{fmt}.j2", lang, fmt, builder.context(story=view, facts=view.facts))


def bulletin_document(store: Store, first: date, last: date, lang: Lang, fmt: Format) -> str:
    """The period's summaries in date order, with a table of contents."""
    if last < first:
        raise NothingToPublish(f"the period ends ({last}) before it starts ({first})")
    builder = Builder(store, lang)
    stories = tuple(builder.summary(m) for m in bulletin_meetings(store, first, last))
    view = BulletinView(
        title=builder._("Bulletin"),
        period=_capitalized(dates.period_label(first, last, lang)),
        first=first.isoformat(),
        last=last.isoformat(),
        stories=stories,
    )
    return render(store.root, f"bulletin.{fmt}.j2", lang, fmt, builder.context(bulletin=view))


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _write(
    folder: Path, stem: str, text: Callable[[Lang, Format], str], lang: Lang | None, fmt: Format | None
) -> list[Path]:
    """Render ``<stem>.<lang>.<fmt>`` in ``lang`` and ``fmt``, or in every language and format, first, so that
    a failure writes nothing; then write them (UTF-8, newlines as rendered) as one batch, so that a reader
    never sees half a document and a failure midway leaves the files as they were. The paths, in order."""
    documents = {
        folder / f"{stem}.{each}.{kind}": text(each, kind)
        for each in ((lang,) if lang else LANGS)
        for kind in ((fmt,) if fmt else FORMATS)
    }
    with Batch(len(documents)) as batch:
        for path, document in documents.items():
            batch.stage(path, document.encode("utf-8"))
        batch.commit()
    return list(documents)


def _export_event(
    folder: str,
    document: Callable[[Store, str, Lang, Format, date | None], str],
    store: Store,
    event_id: str,
    out: Path,
    occurrence: date | None,
    lang: Lang | None,
    fmt: Format | None,
) -> list[Path]:
    stem = f"{event_id}.{occurrence.isoformat()}" if occurrence else event_id
    return _write(out / folder, stem, lambda each, kind: document(store, event_id, each, kind, occurrence), lang, fmt)


# One function per kind of document, called alike by the command line and the UI's Exports tab: ``lang``
# and ``fmt`` name one language or format, ``None`` asks for every one.


def export_minutes(
    store: Store,
    event_id: str,
    out: Path,
    occurrence: date | None = None,
    lang: Lang | None = None,
    fmt: Format | None = None,
) -> list[Path]:
    """Write ``minutes/<event>[.<occurrence>].<lang>.<md|html>``."""
    return _export_event("minutes", minutes_document, store, event_id, out, occurrence, lang, fmt)


def export_summary(
    store: Store,
    event_id: str,
    out: Path,
    occurrence: date | None = None,
    lang: Lang | None = None,
    fmt: Format | None = None,
) -> list[Path]:
    """Write ``summaries/<event>[.<occurrence>].<lang>.<md|html>``."""
    return _export_event("summaries", summary_document, store, event_id, out, occurrence, lang, fmt)


def export_bulletin(
    store: Store, first: date, last: date, out: Path, lang: Lang | None = None, fmt: Format | None = None
) -> list[Path]:
    """Write ``bulletins/<from>_<to>.<lang>.<md|html>``."""
    return _write(
        out / "bulletins",
        f"{first.isoformat()}_{last.isoformat()}",
        lambda each, kind: bulletin_document(store, first, last, each, kind),
        lang,
        fmt,
    )
