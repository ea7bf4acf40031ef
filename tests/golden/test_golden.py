"""The shipped store's every output is byte-identical to the committed golden files.

After an intended change, regenerate them with ``python -m tests.golden`` and review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.golden.make import produce, read


def test_every_output_of_the_shipped_store_matches_the_golden_files(tmp_path: Path) -> None:
    produced = produce(tmp_path)
    golden = read()
    assert sorted(produced) == sorted(golden), "files added or missing: run python -m tests.golden and review"
    changed = [name for name in golden if produced[name] != golden[name]]
    report = []
    for name in changed[:3]:
        old = golden[name].decode("utf-8", "replace").splitlines()
        new = produced[name].decode("utf-8", "replace").splitlines()
        report += list(difflib.unified_diff(old, new, f"golden/{name}", f"now/{name}", lineterm="", n=1))[:40]
    assert not changed, f"{len(changed)} files differ:\n" + "\n".join(report)
