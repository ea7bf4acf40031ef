"""Bare ``planner``: opens the terminal UI on the store, lazily (events are read when opened)."""

from __future__ import annotations

from argparse import Namespace

from planner.cli.common import store_path


def run_ui(args: Namespace) -> int:
    from planner.store import StoreError
    from planner.tui.app import PlannerApp

    root = store_path(args)
    if not root.is_dir():
        raise StoreError(f"{root}: no such store folder (give --store PATH or set PLANNER_STORE)")
    PlannerApp.for_store(root).run()
    return 0
