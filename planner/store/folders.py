"""The names of a store's files and folders: standard library only, so that a listing pays for no model.

``planner.toml`` holds the settings; registries live in one folder each
(``municipalities/<id>.toml`` ...); events live in four-digit year folders.
"""

from __future__ import annotations

import re

SETTINGS_FILE = "planner.toml"
REGISTRY_FOLDERS = ("municipalities", "organizations", "people", "programmes")
"""The registries' folders; each registry model names its own (``Person.folder``), and a test keeps both equal."""
CONFLICTS_FOLDER = ".conflicts"
"""Where the app keeps someone else's version of a file when a coordinator chose to keep their own."""

_YEAR = re.compile(r"^\d{4}$")


def is_year_folder(name: str) -> bool:
    """Whether a folder of the store's root holds events: its name is a four-digit year."""
    return _YEAR.match(name) is not None


def is_record_file(name: str) -> bool:
    """Whether a file in a record folder is a record: ``*.toml``, not a dot-file (editors' and the store's own
    temporary files)."""
    return name.endswith(".toml") and not name.startswith(".")
