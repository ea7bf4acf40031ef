"""The store when others change its files: noticing, reading again, and keeping both versions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.event import Event
from planner.index import Catalog
from planner.store import StaleRecord, Store
from planner.store.layout import conflict_copies

SHIPPED = Path(__file__).resolve().parents[2] / "events"
MARCH = "lo-prado-round-table"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    target = tmp_path / "events"
    shutil.copytree(SHIPPED, target)
    return target


def _edit(path: Path, old: str, new: str) -> bytes:
    text = path.read_text(encoding="utf-8").replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text.encode("utf-8")


def test_keep_mine_saves_mine_and_keeps_theirs_as_a_copy(root: Path) -> None:
    store = Store.open(root)
    mine = store.get(MARCH)
    assert isinstance(mine, Event)
    path = store.path_of(MARCH)
    assert path is not None and store.is_current(path)
    theirs = _edit(path, 'city = "Lo Prado"', 'city = "Santiago"')
    assert not store.is_current(path) and store.id_at(path) == MARCH
    edited = mine.model_copy(update={"status": "confirmed"})
    with pytest.raises(StaleRecord):
        store.save(edited)
    saved, copy = store.keep_mine(edited)
    assert saved.status == "confirmed"
    assert copy is not None and copy.read_bytes() == theirs
    assert conflict_copies(root) == [copy] and copy.is_relative_to(root / ".conflicts")
    assert 'status = "confirmed"' in path.read_text(encoding="utf-8") and store.is_current(path)
    again = Store.load(root)
    assert again.problems == [] and again.events[MARCH].status == "confirmed"  # the copy is not loaded


def test_resync_reads_changed_files_again_and_keeps_the_one_being_edited(root: Path) -> None:
    catalog = Catalog.open(root)
    store = Store.open(root, catalog)
    march, breakfast = store.get(MARCH), store.get("asexma-annual-breakfast")
    assert isinstance(march, Event) and isinstance(breakfast, Event)
    march_path, breakfast_path = store.path_of(MARCH), store.path_of("asexma-annual-breakfast")
    assert march_path is not None and breakfast_path is not None
    _edit(march_path, 'city = "Lo Prado"', 'city = "Santiago"')
    _edit(breakfast_path, 'es = "Desayuno Anual de ASEXMA"', 'es = "Desayuno 2017"')
    catalog.refresh()
    store.resync(catalog, keep=[MARCH])
    fresh = store.get("asexma-annual-breakfast")
    assert isinstance(fresh, Event) and fresh.title.es == "Desayuno 2017"
    assert store.get(MARCH) == march  # being edited: still as read, so saving it notices the change
    with pytest.raises(StaleRecord):
        store.save(march.model_copy(update={"status": "confirmed"}))
