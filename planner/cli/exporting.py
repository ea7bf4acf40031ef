"""``planner export ics``: calendar feeds and invitation files under ``exports/``."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from planner.cli.common import UserError, open_store

DEFAULT_OUT = Path("exports")


def run_export_ics(args: Namespace) -> int:
    """Write the feeds and invites (one event's invites with EVENT_ID); print every file and every note.

    Exit code 1 when an event could not be exported (its reason is printed).
    """
    from planner.calendar.export import ExportError, export_ics

    store = open_store(args)
    out = Path(args.out) if args.out else DEFAULT_OUT
    try:
        result = export_ics(store, out, lang=args.lang, event_id=args.event)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    for path in result.files:
        print(f"{'wrote' if path in result.written else 'unchanged'}  {path}")
    for path in result.removed:
        print(f"removed  {path}  (no longer produced)")
    for note in result.notes:
        print(f"note: {note}")
    for reason in result.refused:
        print(f"not exported: {reason}")
    counts = f"{len(result.written)} written, {len(result.unchanged)} unchanged"
    if result.removed:
        counts += f", {len(result.removed)} removed"
    print(f"{len(result.files)} files in {out} ({counts})")
    return 1 if result.refused else 0
