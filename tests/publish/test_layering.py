"""Exporters and the minutes' workflow are domain code, shared by the CLI and the UI: no Textual."""

from __future__ import annotations

import subprocess
import sys

from tests.publish.helpers import REPO


def test_publishing_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import planner.publish, planner.minutes_workflow, planner.followup\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
