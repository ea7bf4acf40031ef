"""What every subcommand shares: finding and opening the store, resolving names, user errors."""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.domain.records import Record
    from planner.store import Store


DEFAULT_STORE = Path("events")
DEFAULT_OUT = Path("exports")


class UserError(Exception):
    """A mistake in the user's data or request: shown as one line, exit code 1."""


def store_path(args: Namespace) -> Path:
    """``--store``, else ``$PLANNER_STORE``, else ``./events``."""
    given = getattr(args, "store", None) or os.environ.get("PLANNER_STORE")
    return Path(given) if given else DEFAULT_STORE


def out_path(args: Namespace) -> Path:
    """``--out``, else ``./exports``: where exports and the outbox are written."""
    return Path(args.out) if args.out else DEFAULT_OUT


def open_store(args: Namespace, quiet: bool = False, lazy: bool = False, sends: bool = False) -> Store:
    """Load the store (``lazy``: events read on demand); unless ``quiet``, say how many files have errors.

    ``sends``: the command sends something out or takes something in (an export, e-mail, an import), so
    a settings file that is not sound stops it before anything is read or written (``SettingsUnsound``).
    """
    if sends:
        from planner.store import sound_settings

        sound_settings(store_path(args))
    if lazy:
        from planner.index.opening import open_store as open_indexed

        store = open_indexed(store_path(args))
    else:
        from planner.store import Store

        store = Store.load(store_path(args))
    if not quiet:
        warn_file_errors(len({p.path for p in store.errors}))
    return store


def warn_file_errors(files: int) -> None:
    """Say on stderr how many of the store's files have errors, when any has."""
    if files:
        noun = "file has" if files == 1 else "files have"
        print(f"planner: {files} {noun} errors; run 'planner check' for details", file=sys.stderr)


def resolve_one(records: Mapping[str, Record] | Sequence[Record], text: str, what: str) -> str:
    """The id of the one record that ``text`` names (id, or name ignoring case and accents)."""
    from planner.rules.query import resolve

    pool = list(records.values()) if isinstance(records, Mapping) else list(records)
    found = resolve(pool, text)
    if not found:
        raise UserError(f"no {what} matches {text!r}; give an id or a name")
    if len(found) > 1:
        ids = ", ".join(r.id for r in found)
        raise UserError(f"{text!r} names more than one {what} ({ids}); give the id")
    return found[0].id
