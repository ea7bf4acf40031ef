"""The domain and the store stand alone: importing them does not pull in the terminal UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_domain_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import planner.event, planner.store, planner.query, planner.records\n"
        "assert 'planner.store.store' in sys.modules\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
