"""Bare ``planner``: opens the terminal UI on the store, lazily (events are read when opened)."""

from __future__ import annotations

from argparse import Namespace

from planner.cli.common import store_path


def run_ui(args: Namespace) -> int:
    from planner.index import Catalog
    from planner.store import Store, StoreError
    from planner.tui.app import PlannerApp

    root = store_path(args)
    if not root.is_dir():
        raise StoreError(f"{root}: no such store folder (give --store PATH or set PLANNER_STORE)")
    catalog = Catalog.open(root)
    store = Store.open(root, catalog)
    PlannerApp(store, catalog=catalog).run()
    return 0
