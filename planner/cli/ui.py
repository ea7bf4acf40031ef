"""Bare ``planner``: opens the terminal UI on the store."""

from __future__ import annotations

from argparse import Namespace

from planner.cli.common import open_store


def run_ui(args: Namespace) -> int:
    from planner.tui.app import PlannerApp

    store = open_store(args, quiet=True)
    PlannerApp(store).run()
    return 0
