"""``planner import ics FILE...`` (events as drafts) and ``planner import ics --replies FILE...`` (answers)."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.common import UserError, open_store

if TYPE_CHECKING:
    from planner.store import Store


def _read(names: list[str]) -> list[tuple[str, bytes]]:
    files = []
    for name in names:
        path = Path(name)
        try:
            files.append((name, path.read_bytes()))
        except FileNotFoundError:
            raise UserError(f"{name}: no such file; nothing imported") from None
        except IsADirectoryError:
            raise UserError(f"{name}: is a folder, not a calendar file; nothing imported") from None
        except OSError as exc:
            raise UserError(f"{name}: cannot be read ({exc.strerror}); nothing imported") from None
    return files


def run_import_ics(args: Namespace) -> int:
    store = open_store(args, sends=True)
    files = _read(list(args.files))
    if args.replies:
        return _replies(store, files)
    return _events(store, files)


def _events(store: Store, files: list[tuple[str, bytes]]) -> int:
    from planner.imports.errors import ImportRefused
    from planner.imports.events import import_events

    try:
        imported = import_events(store, files)
    except ImportRefused as exc:
        raise UserError(f"{exc}; nothing imported") from None
    lang = store.settings.default_lang
    for draft in imported:
        event = draft.event
        print(f"imported: {store.path_of(event.id)}  {event.title.get(lang)}  (draft, UID {event.source_uid})")
        for attendee in draft.unmatched:
            print(f"  attendee not in the store, not invited: {attendee}")
        for note in event.assumed:
            print(f"  assumed: {note}")
    count = len(imported)
    print(f"{count} event{'s' if count != 1 else ''} imported as drafts")
    return 0


def _replies(store: Store, files: list[tuple[str, bytes]]) -> int:
    from planner.imports.replies import record_replies

    outcome = record_replies(store, files)
    for line in outcome.recorded:
        print(f"recorded: {line}")
    for line in outcome.unchanged:
        print(f"unchanged: {line}")
    for line in outcome.problems:
        print(f"planner: not recorded: {line}", file=sys.stderr)
    if not outcome.recorded and not outcome.unchanged:
        print("planner: no answer could be recorded", file=sys.stderr)
    # A refused reply may be a forged or stale answer: a script running the import must notice it.
    return 1 if outcome.problems or not (outcome.recorded or outcome.unchanged) else 0
