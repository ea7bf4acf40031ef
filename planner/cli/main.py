"""The ``planner`` entry point: parses the command line and maps failures to exit codes.

Exit codes: 0 success, 1 problems found or a user-data error (one line, no
traceback), 2 wrong usage (argparse's own code).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date

from planner import __version__
from planner.event import EVENT_KINDS, STATUSES

Handler = Callable[[argparse.Namespace], int]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2017-03-30") from None


def _store_option(parser: argparse.ArgumentParser, top: bool) -> None:
    # SUPPRESS on subcommands, so that a --store given before the subcommand is not reset.
    parser.add_argument(
        "--store",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="the store folder (default: $PLANNER_STORE, else ./events)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Plan the Migrants and Cities programme. Without a command, opens the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    _store_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", help="list events, filtered")
    _store_option(listing, top=False)
    listing.add_argument("--from", dest="first", type=_day, metavar="DATE", help="events ending on or after")
    listing.add_argument("--to", dest="last", type=_day, metavar="DATE", help="events starting on or before")
    listing.add_argument("--kind", choices=EVENT_KINDS)
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--municipality", metavar="ID|NAME", help="host or guest municipality")
    listing.add_argument("--person", metavar="ID|NAME", help="speaker, delegate, signatory or invitee")
    listing.add_argument("--lang", choices=("es", "en"), help="language of titles")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")

    show = commands.add_parser("show", help="show one record in full")
    _store_option(show, top=False)
    show.add_argument("id")
    show.add_argument("--lang", choices=("es", "en"))

    check = commands.add_parser("check", help="check the whole store")
    _store_option(check, top=False)
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    new = commands.add_parser("new", help="create a draft event and print its file")
    _store_option(new, top=False)
    new.add_argument("kind", choices=EVENT_KINDS)
    new.add_argument("--title", required=True)
    new.add_argument("--start", required=True, metavar='"YYYY-MM-DD HH:MM"')
    new.add_argument("--end", metavar='"YYYY-MM-DD HH:MM"', help="default: two hours after the start")
    new.add_argument("--tz", metavar="ZONE", help="IANA zone (default: the store's home zone)")
    new.add_argument("--host", metavar="ID|NAME")
    new.add_argument("--programme", metavar="ID|NAME")
    return parser


def _handler(command: str | None) -> Handler:
    # Imported on demand: a listing should not pay for the UI, nor the UI for exporters.
    if command == "list":
        from planner.cli.listing import run_list

        return run_list
    if command == "show":
        from planner.cli.listing import run_show

        return run_show
    if command == "check":
        from planner.cli.checking import run_check

        return run_check
    if command == "new":
        from planner.cli.new import run_new

        return run_new
    from planner.cli.ui import run_ui

    return run_ui


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from planner.cli.common import UserError
    from planner.store import StoreError

    try:
        return _handler(args.command)(args)
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
