"""The ``planner`` entry point: parses the command line and maps failures to exit codes.

Exit codes: 0 success, 1 problems found or a user-data error (one line, no
traceback), 2 wrong usage (argparse's own code).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date

from planner import __version__
from planner.domain.vocabulary import EVENT_KINDS, STATUSES

Handler = Callable[[argparse.Namespace], int]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2017-03-30") from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds between 0 and 3600, such as 30")
    return value


def _store_option(parser: argparse.ArgumentParser, top: bool) -> None:
    # SUPPRESS on subcommands, so that a --store given before the subcommand is not reset.
    parser.add_argument(
        "--store",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="the store folder (default: $PLANNER_STORE, else ./events)",
    )


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, handler: str, help_text: str
) -> argparse.ArgumentParser:
    """A leaf subcommand, with ``--store`` and the ``module:function`` that runs it."""
    parser = commands.add_parser(name, help=help_text, description=help_text)
    _store_option(parser, top=False)
    parser.set_defaults(handler=handler)
    return parser


def _out_and_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", help="output folder (default: exports/)")
    parser.add_argument("--lang", choices=("es", "en"), help="one language only")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Plan the Migrants and Cities programme. Without a command, opens the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    _store_option(parser, top=True)
    parser.set_defaults(handler="planner.cli.ui:run_ui")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = _command(commands, "list", "planner.cli.listing:run_list", "list events, filtered")
    listing.add_argument("--from", dest="first", type=_day, metavar="DATE", help="events ending on or after")
    listing.add_argument("--to", dest="last", type=_day, metavar="DATE", help="events starting on or before")
    listing.add_argument("--kind", choices=EVENT_KINDS)
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--municipality", metavar="ID|NAME", help="host or guest municipality")
    listing.add_argument("--person", metavar="ID|NAME", help="speaker, delegate, signatory or invitee")
    listing.add_argument("--lang", choices=("es", "en"), help="language of titles")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")

    show = _command(commands, "show", "planner.cli.listing:run_show", "show one record in full")
    show.add_argument("id")
    show.add_argument("--lang", choices=("es", "en"))

    check = _command(commands, "check", "planner.cli.checking:run_check", "check the whole store")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    new = _command(commands, "new", "planner.cli.new:run_new", "create a draft event and print its file")
    new.add_argument("kind", choices=EVENT_KINDS)
    new.add_argument("--title", required=True)
    new.add_argument("--start", required=True, metavar='"YYYY-MM-DD HH:MM"')
    new.add_argument("--end", metavar='"YYYY-MM-DD HH:MM"', help="default: two hours after the start")
    new.add_argument("--tz", metavar="ZONE", help="IANA zone (default: the store's home zone)")
    new.add_argument("--host", metavar="ID|NAME")
    new.add_argument("--programme", metavar="ID|NAME")

    exports = commands.add_parser("export", help="write calendars, minutes, summaries and bulletins")
    what = exports.add_subparsers(dest="what", metavar="WHAT", required=True)
    ics = _command(what, "ics", "planner.cli.exporting:run_export_ics", "calendar feeds and invitations (.ics)")
    ics.add_argument("event", nargs="?", metavar="EVENT_ID", help="only this event's invitations")
    _out_and_lang(ics)
    for name, handler, help_text in (
        ("minutes", "planner.cli.publishing:run_export_minutes", "the minutes of one meeting"),
        ("summary", "planner.cli.publishing:run_export_summary", "the published summary of one event"),
    ):
        doc = _command(what, name, handler, help_text)
        doc.add_argument("event", metavar="EVENT_ID")
        doc.add_argument("--occurrence", type=_day, metavar="DATE", help="a series' occurrence, by its date")
        _out_and_lang(doc)
        doc.add_argument("--format", choices=("md", "html"), help="one format only")
    bulletin = _command(what, "bulletin", "planner.cli.publishing:run_export_bulletin", "the period's bulletin")
    bulletin.add_argument("--from", dest="first", type=_day, metavar="DATE", required=True)
    bulletin.add_argument("--to", dest="last", type=_day, metavar="DATE", required=True)
    _out_and_lang(bulletin)
    bulletin.add_argument("--format", choices=("md", "html"), help="one format only")

    sending = commands.add_parser("send", help="send invitations by e-mail")
    send_what = sending.add_subparsers(dest="what", metavar="WHAT", required=True)
    invites = _command(send_what, "invites", "planner.cli.sending:run_send_invites", "e-mail an event's invites")
    invites.add_argument("event", metavar="EVENT_ID")
    invites.add_argument("--send", action="store_true", help="deliver through the store's SMTP server")
    invites.add_argument("--out", metavar="DIR", help="output folder (default: exports/)")
    invites.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="give up on a mail server step (connecting, login, one message) after this long (default: 30)",
    )

    imports = commands.add_parser("import", help="import calendar files")
    import_what = imports.add_subparsers(dest="what", metavar="WHAT", required=True)
    ics_in = _command(import_what, "ics", "planner.cli.importing:run_import_ics", "events or replies from .ics")
    ics_in.add_argument("files", nargs="+", metavar="FILE")
    ics_in.add_argument("--replies", action="store_true", help="read METHOD:REPLY files or .eml messages")

    minutes = _command(commands, "minutes", "planner.cli.publishing:run_minutes_step", "move minutes along")
    minutes.add_argument("step", choices=("circulate", "approve", "reopen"))
    minutes.add_argument("event", metavar="EVENT_ID")
    minutes.add_argument("--occurrence", type=_day, metavar="DATE", help="a series' occurrence, by its date")

    actions = _command(commands, "actions", "planner.cli.actions:run_actions", "action items across meetings")
    actions.add_argument("--open", action="store_true", help="open items only")
    actions.add_argument("--owner", metavar="ID|NAME")
    actions.add_argument("--municipality", metavar="ID|NAME")
    actions.add_argument("--overdue", action="store_true", help="open items past their due date")
    return parser


def _handler(spec: str) -> Handler:
    # Imported on demand: a listing should not pay for the UI, nor the UI for exporters.
    module, _, name = spec.partition(":")
    handler: Handler = getattr(importlib.import_module(module), name)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from planner.cli.common import UserError
    from planner.domain.errors import StoreError
    from planner.index.unusable import forget

    forget()  # each command names an unusable cache folder once, also when tests run many in one process

    try:
        return _handler(args.handler)(args)
    except (UserError, StoreError) as exc:
        print(f"planner: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"planner: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        print(f"planner: unexpected error: {exc!r} (set PLANNER_DEBUG=1 to see where)", file=sys.stderr)
        return 1
