"""``planner export minutes|summary|bulletin`` and ``planner minutes circulate|approve|reopen``."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path
from typing import Any

from planner.cli.common import UserError, open_store, resolve_one
from planner.domain.text import LANGS
from planner.publish import FORMATS, PublishError, export_bulletin, export_minutes, export_summary
from planner.publish.dates import moment
from planner.rules.minutes_workflow import MinutesError, advance, current_user, minutes_of
from planner.store import Store

DEFAULT_OUT = Path("exports")


def _options(args: Namespace) -> dict[str, Any]:
    return {
        "out": Path(args.out) if args.out else DEFAULT_OUT,
        "langs": (args.lang,) if args.lang else LANGS,
        "formats": (args.format,) if args.format else FORMATS,
    }


def _event_id(store: Store, text: str) -> str:
    return resolve_one(store.events, text, "event")


def _print(paths: list[Path]) -> int:
    for path in paths:
        print(path)
    return 0


def run_export_minutes(args: Namespace) -> int:
    store = open_store(args)
    try:
        return _print(export_minutes(store, _event_id(store, args.event), occurrence=args.occurrence, **_options(args)))
    except PublishError as exc:
        raise UserError(str(exc)) from None


def run_export_summary(args: Namespace) -> int:
    store = open_store(args)
    try:
        return _print(export_summary(store, _event_id(store, args.event), occurrence=args.occurrence, **_options(args)))
    except PublishError as exc:
        raise UserError(str(exc)) from None


def run_export_bulletin(args: Namespace) -> int:
    store = open_store(args)
    if args.last < args.first:
        raise UserError(f"--to {args.last} comes before --from {args.first}")
    try:
        return _print(export_bulletin(store, args.first, args.last, **_options(args)))
    except PublishError as exc:
        raise UserError(str(exc)) from None


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
