"""Regenerate the golden files after an intended change: ``python -m tests.golden``, then review ``git diff``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tests.golden.make import GOLDEN, produce, write

with tempfile.TemporaryDirectory() as folder:
    os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
    produced = produce(Path(folder))
write(produced)
print(f"{len(produced)} files written under {GOLDEN}")
