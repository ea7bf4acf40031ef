"""``python -m tests.bench [--events N ...] [--out FILE.json] [--work DIR] [--no-ui]``, and
``python -m tests.bench generate --events N --out DIR``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if argv[:1] == ["generate"]:
        parser = argparse.ArgumentParser(prog="python -m tests.bench generate")
        parser.add_argument("--events", type=int, required=True)
        parser.add_argument("--out", type=Path, required=True)
        args = parser.parse_args(argv[1:])
        from tests.bench.generate import generate

        generate(args.out, args.events)
        print(args.out)
        return 0
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--events", type=int, action="append", help="store size; repeat for several")
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    parser.add_argument("--work", type=Path, default=Path("/tmp/planner-bench"), help="stores and caches")
    parser.add_argument("--no-ui", action="store_true", help="skip the terminal UI steps")
    args = parser.parse_args(argv)
    from tests.bench.run import run_size, table

    results = []
    for events in args.events or [1000, 10000, 100000]:
        results.append(run_size(events, args.work, ui=not args.no_ui))
        print(f"measured {events} events", file=sys.stderr)
    print(table(results))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
