"""``planner export minutes|summary|bulletin`` and ``planner minutes circulate|approve|reopen``."""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

from planner.cli.common import UserError, open_store, out_path, resolve_one
from planner.publish import PublishError, export_bulletin, export_minutes, export_summary
from planner.publish.dates import moment
from planner.rules.minutes_workflow import MinutesError, advance, current_user, minutes_of
from planner.store import Store


def _event_id(store: Store, text: str) -> str:
    return resolve_one(store.events, text, "event")


def _export(args: Namespace, export: Callable[[Store], list[Path]]) -> int:
    """Open the store as the UI's Exports tab does (through its index), export, print each path written."""
    store = open_store(args, lazy=True, sends=True)
    try:
        paths = export(store)
    except PublishError as exc:
        raise UserError(str(exc)) from None
    for path in paths:
        print(path)
    return 0


def run_export_minutes(args: Namespace) -> int:
    return _export(
        args,
        lambda store: export_minutes(
            store, _event_id(store, args.event), out_path(args), args.occurrence, args.lang, args.format
        ),
    )


def run_export_summary(args: Namespace) -> int:
    return _export(
        args,
        lambda store: export_summary(
            store, _event_id(store, args.event), out_path(args), args.occurrence, args.lang, args.format
        ),
    )


def run_export_bulletin(args: Namespace) -> int:
    def export(store: Store) -> list[Path]:
        if args.last < args.first:
            raise UserError(f"--to {args.last} comes before --from {args.first}")
        return export_bulletin(store, args.first, args.last, out_path(args), args.lang, args.format)

    return _export(args, export)


def run_minutes_step(args: Namespace) -> int:
    store = open_store(args)
    event = store.events[_event_id(store, args.event)]
    who = current_user(store.root)
    try:
        moved = advance(event, args.step, who, occurrence=args.occurrence)
    except MinutesError as exc:
        raise UserError(str(exc)) from None
    saved = store.save(moved)
    minutes = minutes_of(saved, args.occurrence)
    assert minutes is not None  # advance() refuses an event without minutes
    last = minutes.history[-1]
    meeting = f"{saved.id} on {args.occurrence.isoformat()}" if args.occurrence else saved.id
    when = moment(last.at, store.settings.home_tz, "en")
    print(f"minutes of {meeting}: {last.step} by {last.by}, {when} ({store.settings.home_tz})")
    print(store.path_of(saved.id))
    return 0
