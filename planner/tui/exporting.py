"""Exports run from the app: which exporter writes what, run in a worker thread with a store of its own.

Each export calls the very function the command line calls for that kind,
with the same inputs: ``export_folder`` (``planner export ics``) reads the
store through its index, and the publishing exporters get the store opened
as the command opens it (``planner.index.opening.open_store``), in every
language and format. A worker thread opens its own store: the one the
screens use is never touched from another thread. An exporter that is not
installed is reported, not raised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from planner.index.opening import open_store
from planner.store import Store, StoreError, sound_settings

ExportKind = Literal["invites", "feeds", "minutes", "summary", "bulletin"]
EXPORTS: tuple[tuple[ExportKind, str], ...] = (
    ("invites", "Invitations (.ics) of this event"),
    ("feeds", "All calendar feeds and invitations"),
    ("minutes", "Minutes (Markdown and HTML, es and en)"),
    ("summary", "Published summary"),
    ("bulletin", "Bulletin of the event's month"),
)
Progress = Callable[[int, int, str], None]
"""Called with (step, steps, what is being done)."""


@dataclass
class ExportOutcome:
    """What an export wrote, and anything the coordinator should read."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failure: str | None = None

    @property
    def files(self) -> list[Path]:
        return [*self.written, *self.unchanged]


def month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    if first.month == 12:
        following = first.replace(year=first.year + 1, month=1)
    else:
        following = first.replace(month=first.month + 1)
    return first, date.fromordinal(following.toordinal() - 1)


def run_export(kind: ExportKind, root: Path, out: Path, event_id: str, day: date, progress: Progress) -> ExportOutcome:
    """Run one export; every failure becomes ``failure`` with a message, never an exception."""
    outcome = ExportOutcome()
    progress(0, 3, "opening the store")
    try:
        sound_settings(root)  # nothing goes out on guessed settings: the failure names the file, line and field
        store = open_store(root)
    except StoreError as exc:
        outcome.failure = str(exc)
        return outcome
    progress(1, 3, "rendering")
    from planner.publish.templating import PublishError  # loaded with the exporter it guards, not at start-up

    try:
        if kind in ("invites", "feeds"):
            _calendar(kind, store, out, event_id, outcome)
        else:
            _publish(kind, store, out, event_id, day, outcome)
    except ImportError as exc:
        outcome.failure = f"the exporter could not be loaded, so nothing was written ({exc})"
    except (PublishError, ValueError, StoreError, OSError) as exc:
        outcome.failure = str(exc)  # each says what is missing or wrong, in words fit for the coordinator
    except Exception as exc:  # an exporter's bug is reported, it never brings the app down
        outcome.failure = f"the exporter failed: {exc!r}"
    progress(3, 3, "done")
    return outcome


def _calendar(kind: ExportKind, store: Store, out: Path, event_id: str, outcome: ExportOutcome) -> None:
    from planner.calendar.export import export_folder

    if kind == "invites" and getattr(store.get(event_id), "status", "") == "draft":
        outcome.failure = (
            "a draft is never sent to calendars: set its status to tentative or confirmed (Overview), save, "
            "and export again"
        )
        return
    result = export_folder(store.root, out, event_id=event_id if kind == "invites" else None)
    outcome.written = list(result.written)
    outcome.unchanged = list(result.unchanged)
    outcome.notes = [*result.notes, *(f"not exported: {r}" for r in result.refused)]
    if kind == "invites" and not result.files and not result.refused:
        outcome.notes.append("no invitation written: nobody invited has an e-mail address (Invitations tab)")


def _publish(kind: ExportKind, store: Store, out: Path, event_id: str, day: date, outcome: ExportOutcome) -> None:
    from planner.publish import export_bulletin, export_minutes, export_summary

    if kind == "minutes":
        outcome.written = export_minutes(store, event_id, out)
    elif kind == "summary":
        outcome.written = export_summary(store, event_id, out)
    else:
        first, last = month_of(day)
        outcome.written = export_bulletin(store, first, last, out)
