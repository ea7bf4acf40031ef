"""The store: one TOML file per record under ``events/``, read with problems collected, written atomically.

``store`` loads and saves records; ``codec`` turns records into TOML text and
back; ``files`` is the one atomic, guarded file writer (with ``digest``, the
content key of a file) and ``batch`` writes many files at once, both used by
every package that writes files; ``reading`` is the one bounded reader every
package reads the store's files with; ``folders`` names the store's folders;
``layout`` says which record lives in which file; ``settings_file`` reads
``planner.toml`` and ``settings_load`` makes settings of it, with the one rule
that nothing is sent out on guessed settings (``sound_settings``); ``known``
is what the store needs from the index.

May import ``planner.rules`` and ``planner.domain``. The names below are
loaded on first use, so that ``files`` and ``folders`` cost a listing nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.store.errors import RecordExists, RecordInvalid, StaleRecord, StoreError
    from planner.store.settings_load import SettingsUnsound, sound_settings
    from planner.store.store import Store

__all__ = ["RecordExists", "RecordInvalid", "SettingsUnsound", "StaleRecord", "Store", "StoreError", "sound_settings"]

_HOMES = {
    "Store": "planner.store.store",
    "SettingsUnsound": "planner.store.settings_load",
    "sound_settings": "planner.store.settings_load",
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'planner.store' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES.get(name, "planner.store.errors")), name)
