"""The calendar exporter is domain code: no Textual; and the store's save hook does not pull in icalendar."""

from __future__ import annotations

import subprocess
import sys

from tests.calendar.icshelp import REPO


def _modules_after(imports: str) -> set[str]:
    code = f"import sys\nimport {imports}\nprint(' '.join(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_the_calendar_package_never_imports_textual() -> None:
    loaded = _modules_after(
        "planner.calendar.export, planner.calendar.invites, planner.calendar.lint, planner.cli.exporting"
    )
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_saving_through_the_store_does_not_load_the_calendar_library() -> None:
    # The store raises SEQUENCE on save through planner.calendar.fingerprint, which is standard library only.
    loaded = _modules_after("planner.store, planner.calendar.fingerprint")
    assert "planner.calendar.fingerprint" in loaded
    assert "icalendar" not in loaded and "planner.calendar.vevent" not in loaded
