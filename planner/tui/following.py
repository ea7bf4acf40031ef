"""Screens that show store data follow the app's ``data_version``: they reload when records change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen


def follow_store(screen: Screen[Any], reload: Callable[[], None]) -> None:
    """Call ``reload`` whenever the app's ``data_version`` rises (not when it is first read)."""
    seen = [getattr(screen.app, "data_version", 0)]

    def changed(version: int) -> None:
        if version != seen[0]:
            seen[0] = version
            reload()

    screen.watch(screen.app, "data_version", changed, init=False)
