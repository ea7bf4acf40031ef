"""The store when others change its files: noticing, reading again, and keeping both versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.index import Catalog
from planner.store import StaleRecord, Store
from planner.store.layout import conflict_copies
from tests.helpers.store import ROUND_TABLE, event_of, shipped_copy


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return shipped_copy(tmp_path)


def _edit(path: Path, old: str, new: str) -> bytes:
    text = path.read_text(encoding="utf-8").replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text.encode("utf-8")


def test_keep_mine_saves_mine_and_keeps_theirs_as_a_copy(root: Path) -> None:
    store = Store.open(root, Catalog.open(root))
    mine = event_of(store, ROUND_TABLE)
    path = store.path_of(ROUND_TABLE)
    assert path is not None and store.is_current(path)
    theirs = _edit(path, 'city = "Lo Prado"', 'city = "Santiago"')
    assert not store.is_current(path) and store.id_at(path) == ROUND_TABLE
    edited = mine.model_copy(update={"status": "confirmed"})
    with pytest.raises(StaleRecord):
        store.save(edited)
    saved, copy = store.keep_mine(edited)
    assert saved.status == "confirmed"
    assert copy is not None and copy.read_bytes() == theirs
    assert conflict_copies(root) == [copy] and copy.is_relative_to(root / ".conflicts")
    assert 'status = "confirmed"' in path.read_text(encoding="utf-8") and store.is_current(path)
    again = Store.load(root)
    assert again.problems == [] and again.events[ROUND_TABLE].status == "confirmed"  # the copy is not loaded


def test_resync_reads_changed_files_again_and_keeps_the_one_being_edited(root: Path) -> None:
    catalog = Catalog.open(root)
    store = Store.open(root, catalog)
    march = event_of(store, ROUND_TABLE)
    event_of(store, "asexma-annual-breakfast")  # read now, before its file changes
    march_path, breakfast_path = store.path_of(ROUND_TABLE), store.path_of("asexma-annual-breakfast")
    assert march_path is not None and breakfast_path is not None
    _edit(march_path, 'city = "Lo Prado"', 'city = "Santiago"')
    _edit(breakfast_path, 'es = "Desayuno Anual de ASEXMA"', 'es = "Desayuno 2017"')
    catalog.refresh()
    store.resync(catalog, keep=[ROUND_TABLE])
    fresh = event_of(store, "asexma-annual-breakfast")
    assert fresh.title.es == "Desayuno 2017"
    assert store.get(ROUND_TABLE) == march  # being edited: still as read, so saving it notices the change
    with pytest.raises(StaleRecord):
        store.save(march.model_copy(update={"status": "confirmed"}))


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return reads


def test_opening_reads_no_record_file_and_names_come_from_the_index(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Catalog.open(root).close()
    reads = _counting_reads(monkeypatch)
    store = Store.open(root, Catalog.open(root))
    assert [p for p in reads if p.parent.name in {"people", "municipalities", "organizations", "programmes"}] == []
    assert store.name_of("lo-prado") == "Lo Prado"
    assert (store.name_of("iom-chile"), store.name_of("iom-chile", "en")) == ("OIM Chile", "IOM Chile")
    assert store.name_of("no-such-id") == "no-such-id"
    assert [p for p in reads if p.parent.name in {"people", "municipalities", "organizations"}] == []
    people = store.people
    assert "alex-alarcon" in people and len(people) == len(list((root / "people").glob("*.toml")))
    assert all(p.parent.name != "municipalities" for p in reads)


def test_a_registry_file_changed_before_it_is_read_is_read_as_it_is_now(root: Path) -> None:
    store = Store.open(root, Catalog.open(root))
    _edit(root / "municipalities" / "la-reina.toml", 'name = "La Reina"', 'name = "La Reina Alta"')
    catalog = Catalog.open(root)
    store.resync(catalog)
    assert store.name_of("la-reina") == "La Reina Alta"
    assert store.municipalities["la-reina"].name == "La Reina Alta"
    (root / "municipalities" / "estacion-central.toml").unlink()
    store.resync(Catalog.open(root))
    assert "estacion-central" not in store.municipalities
    assert store.name_of("estacion-central") == "estacion-central"
