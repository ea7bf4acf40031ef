"""Where a store's index lives: in the user's cache folder, never inside the store (it is not for git)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

INDEX_NAME = "index.sqlite"


def cache_home() -> Path:
    """``$XDG_CACHE_HOME``, else ``~/.cache``."""
    given = os.environ.get("XDG_CACHE_HOME")
    return Path(given) if given else Path.home() / ".cache"


def index_file(root: Path) -> Path:
    """One index per store folder, named by a hash of the folder's absolute path."""
    key = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_home() / "planner" / key / INDEX_NAME
