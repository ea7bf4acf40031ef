"""``planner check``: every problem of the store, errors first, as ``file:line: field: message``."""

from __future__ import annotations

from argparse import Namespace

from planner.cli.common import open_store


def run_check(args: Namespace) -> int:
    store = open_store(args, quiet=True)
    errors = sorted(p for p in store.problems if p.is_error)
    warnings = sorted(p for p in store.problems if not p.is_error)
    for problem in [*errors, *warnings]:
        print(problem)
    records = sum(1 for _ in store)
    print(f"{store.root}: {records} records, {len(errors)} errors, {len(warnings)} warnings")
    if errors or (warnings and args.strict):
        return 1
    return 0
