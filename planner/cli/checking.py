"""``planner check``: every problem of the store, errors first, as ``file:line: field: message``.

Conflicts (a person in two overlapping events, two events of a programme at
the same time, an event on a Chilean holiday or weekend) are warnings.
"""

from __future__ import annotations

from argparse import Namespace

from planner.cli.common import open_store


def run_check(args: Namespace) -> int:
    store = open_store(args, quiet=True)
    from planner.rules.conflicts import as_warnings, store_conflicts

    conflicts = store_conflicts(store.events.values(), name_of=store.name_of)
    problems = [*store.problems, *as_warnings(conflicts, store.path_of)]
    errors = sorted(p for p in problems if p.is_error)
    warnings = sorted(p for p in problems if not p.is_error)
    for problem in [*errors, *warnings]:
        print(problem)
    records = sum(1 for _ in store)
    print(f"{store.root}: {records} records, {len(errors)} errors, {len(warnings)} warnings")
    if errors or (warnings and args.strict):
        return 1
    return 0
