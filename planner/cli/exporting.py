"""``planner export ics``: calendar feeds and invitation files under ``exports/``."""

from __future__ import annotations

from argparse import Namespace

from planner.cli.common import UserError, out_path, store_path, warn_file_errors


def run_export_ics(args: Namespace) -> int:
    """Write the feeds and invites (one event's invites with EVENT_ID); print every file and every note.

    The store is read through its index, and only the files that changed
    since the last export are read and rendered again
    (``planner.calendar.export.export_folder``). Exit code 1 when an event
    could not be exported (its reason is printed).
    """
    from planner.calendar.export import export_folder
    from planner.calendar.result import ExportError

    out = out_path(args)
    try:
        result = export_folder(store_path(args), out, lang=args.lang, event_id=args.event)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    warn_file_errors(result.errors)
    lines = [f"{'wrote' if written else 'unchanged'}  {result.path_text(name)}" for name, written in result.listing()]
    lines += [f"removed  {result.path_text(name)}  (no longer produced)" for name in result.removed_names]
    lines += [f"note: {note}" for note in result.notes]
    lines += [f"not exported: {reason}" for reason in result.refused]
    if lines:
        print("\n".join(lines))
    written, unchanged = len(result.written_names), len(result.unchanged_names)
    counts = f"{written} written, {unchanged} unchanged"
    if result.removed_names:
        counts += f", {len(result.removed_names)} removed"
    print(f"{written + unchanged} files in {out} ({counts})")
    return 1 if result.refused else 0
