"""Documents are written atomically and durably: a failure midway leaves the earlier files as they were and
no temporary file; every document written is fsynced, readable by a web server, and holds the rendered text
byte for byte."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from planner.domain.text import LANGS, Lang
from planner.publish import FORMATS, Format, export_minutes, minutes_document
from planner.store import Store
from tests.helpers.store import ROUND_TABLE

KINDS: list[tuple[Lang, Format]] = [(lang, fmt) for lang in LANGS for fmt in FORMATS]
DOCUMENTS = [f"{ROUND_TABLE}.{lang}.{fmt}" for lang, fmt in KINDS]


def _fail(*args: Any, **kwargs: Any) -> None:
    raise OSError(28, "No space left on device")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failure_midway_leaves_the_earlier_documents_intact(
    step: str, store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.load(store_path)
    folder = tmp_path / "out" / "minutes"
    folder.mkdir(parents=True)
    for name in DOCUMENTS:
        (folder / name).write_bytes(b"the earlier document\n")
    before = _files(folder)
    monkeypatch.setattr(os, step, _fail)
    with pytest.raises(OSError, match="No space left on device"):
        export_minutes(store, ROUND_TABLE, tmp_path / "out")
    monkeypatch.undo()
    assert _files(folder) == before  # and no temporary file


def test_every_document_is_fsynced_and_holds_the_rendered_text(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.load(store_path)
    synced: set[int] = set()
    real = os.fsync

    def recording(fd: int) -> None:
        synced.add(os.fstat(fd).st_ino)
        real(fd)

    monkeypatch.setattr(os, "fsync", recording)
    paths = export_minutes(store, ROUND_TABLE, tmp_path / "out")
    assert [p.name for p in paths] == DOCUMENTS
    assert sorted(p.name for p in (tmp_path / "out" / "minutes").iterdir()) == sorted(DOCUMENTS)
    for path, (lang, fmt) in zip(paths, KINDS, strict=True):
        assert path.stat().st_ino in synced  # a rename keeps the inode: this file's data was synced
        assert path.stat().st_mode & 0o777 == 0o644
        assert path.read_bytes() == minutes_document(store, ROUND_TABLE, lang, fmt).encode("utf-8")
    assert (tmp_path / "out" / "minutes").stat().st_ino in synced
