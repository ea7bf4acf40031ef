"""``planner new``: a valid new draft event file from a kind, a title and a start."""

from __future__ import annotations

from argparse import Namespace
from datetime import UTC, datetime

from pydantic import ValidationError

from planner.cli.common import UserError, open_store, resolve_one
from planner.domain.event import Event
from planner.domain.records import Municipality, Organization, Record
from planner.domain.times import localize, zone
from planner.rules.planning import DEFAULT_LENGTH, new_event_id


def parse_local(text: str, option: str) -> datetime:
    """A naive ``YYYY-MM-DD HH:MM`` wall-clock time."""
    try:
        return datetime.strptime(text.strip().replace("T", " "), "%Y-%m-%d %H:%M")
    except ValueError:
        raise UserError(f'{option} {text!r}: give a local time as "YYYY-MM-DD HH:MM"') from None


def run_new(args: Namespace) -> int:
    store = open_store(args)
    tz = args.tz or store.settings.home_tz
    lang = store.settings.default_lang
    try:
        zone(tz)
    except ValueError as exc:
        raise UserError(f"--tz: {exc}") from None
    try:
        start = localize(parse_local(args.start, "--start"), tz)
    except ValueError as exc:
        raise UserError(f"--start: {exc}") from None
    try:
        end = (
            localize(parse_local(args.end, "--end"), tz)
            if args.end
            else (start.astimezone(UTC) + DEFAULT_LENGTH).astimezone(start.tzinfo)
        )
    except ValueError as exc:
        raise UserError(f"--end: {exc}") from None
    hosts: list[Record] = [*store.all(Municipality).values(), *store.all(Organization).values()]
    host = resolve_one(hosts, args.host, "municipality or organization") if args.host else None
    programme = resolve_one(store.programmes, args.programme, "programme") if args.programme else None
    data = {
        "id": new_event_id(lambda candidate: store.get(candidate) is not None, start.date(), args.title),
        "title": {lang: args.title},
        "kind": args.kind,
        "status": "draft",
        "start": start,
        "end": end,
        "tz": tz,
        "host": host,
        "programme": programme,
    }
    try:
        event = Event.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        from planner.domain.data import validation_problems

        details = "; ".join(f"{p.field}: {p.message}" for p in validation_problems(exc, Event, "", store.root))
        raise UserError(details) from None
    saved = store.save(event)
    print(store.path_of(saved.id))
    return 0
