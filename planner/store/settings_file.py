"""Reading ``planner.toml`` before anything else: a missing store folder or a newer store stops here.

Standard library only: a listing answered from the index reads the settings
too, without importing the model.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from planner.domain.errors import StoreError
from planner.domain.schema import SCHEMA_VERSION, newer_version
from planner.store.folders import SETTINGS_FILE
from planner.store.reading import SETTINGS_LIMIT, read_bounded


def raw_settings(root: Path) -> tuple[dict[str, Any], str | None]:
    """The settings file's values and text (``({}, None)`` when it is missing or unreadable).

    Raises ``StoreError`` when the folder is missing or the store is newer than this planner.
    """
    if not root.is_dir():
        raise StoreError(f"{root}: no such store folder (give --store PATH or set PLANNER_STORE)")
    path = root / SETTINGS_FILE
    try:
        text = read_bounded(path, SETTINGS_LIMIT, follow=True).decode("utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}, None  # said as a problem by ``settings_load``, which reads it again
    message = newer_version(path, text, data.get("schema_version", SCHEMA_VERSION))
    if message is not None:
        raise StoreError(message)
    return data, text
