"""Nobody's edit is lost: a file changed or deleted on disk since it was read is never overwritten."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.store import RecordExists, StaleRecord, Store
from tests.helpers.records import T1, make_person
from tests.helpers.store import write

EVENT = "2017/2017-03-30-mesa-salud.toml"


def _edit(store: Store) -> None:
    event = store.events["mesa-salud"]
    store.save(event.model_copy(update={"status": "cancelled"}), now=T1)


def test_a_file_edited_on_disk_with_another_size_is_not_overwritten(store_root: Path) -> None:
    path = store_root / EVENT
    store = Store.load(store_root)
    theirs = path.read_text(encoding="utf-8").replace('status = "confirmed"', 'status = "done"')
    path.write_text(theirs, encoding="utf-8")

    with pytest.raises(StaleRecord) as caught:
        _edit(store)
    assert caught.value.path == path
    assert str(caught.value) == (
        f"{path}: not saved, it changed on disk since it was read; reload it or keep your copy elsewhere"
    )
    assert path.read_text(encoding="utf-8") == theirs


def test_an_edit_keeping_size_and_modification_time_is_still_noticed(store_root: Path) -> None:
    path = store_root / EVENT
    store = Store.load(store_root)
    mine = path.read_bytes()
    before = os.stat(path)
    theirs = mine.replace(b'status = "confirmed"', b'status = "tentative"')
    assert len(theirs) == len(mine) and theirs != mine
    path.write_bytes(theirs)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    with pytest.raises(StaleRecord):
        _edit(store)
    assert path.read_bytes() == theirs


def test_a_file_deleted_on_disk_is_not_written_again(store_root: Path) -> None:
    path = store_root / EVENT
    store = Store.load(store_root)
    path.unlink()

    with pytest.raises(StaleRecord, match="it was deleted on disk since it was read"):
        _edit(store)
    assert not path.exists()


def test_a_changed_file_is_not_deleted(store_root: Path) -> None:
    path = store_root / "people" / "luis-soto.toml"
    store = Store.load(store_root)
    theirs = path.read_bytes() + b'lang = "en"\n'
    path.write_bytes(theirs)

    with pytest.raises(StaleRecord):
        store.delete("luis-soto")
    assert path.read_bytes() == theirs
    assert store.get("luis-soto") is not None


def test_an_unchanged_file_is_deleted(store_root: Path) -> None:
    store = Store.load(store_root)
    path = store.delete("luis-soto")
    assert path == store_root / "people" / "luis-soto.toml"
    assert not path.exists()
    assert store.get("luis-soto") is None
    assert store.path_of("luis-soto") is None


def test_a_file_saved_by_this_store_can_be_saved_again(store_root: Path) -> None:
    # The store remembers the hash of what it wrote, not only of what it read.
    store = Store.load(store_root)
    _edit(store)
    event = store.events["mesa-salud"]
    saved = store.save(event.model_copy(update={"status": "done"}), now=T1)
    assert Store.load(store_root).events["mesa-salud"] == saved


def test_a_new_record_does_not_take_a_file_that_appeared_since_loading(store_root: Path) -> None:
    store = Store.load(store_root)
    theirs = 'id = "marta-diaz"\nname = "Marta Díaz"\n'
    path = write(store_root, "people/marta-diaz.toml", theirs)

    with pytest.raises(RecordExists, match="a file of that name already exists"):
        store.save(make_person("marta-diaz", "Marta Díaz", lang="es"), now=T1)
    assert path.read_text(encoding="utf-8") == theirs


def test_a_new_record_does_not_overwrite_a_file_that_failed_to_load(store_root: Path) -> None:
    # Someone's half-finished edit: it does not load, but it is not the store's to replace.
    broken = 'id = "marta-diaz"\nname = "Marta Díaz\n'
    path = write(store_root, "people/marta-diaz.toml", broken)
    store = Store.load(store_root)
    assert [p.path for p in store.problems] == [path]

    with pytest.raises(RecordExists):
        store.save(make_person("marta-diaz", "Marta Díaz"), now=T1)
    assert path.read_text(encoding="utf-8") == broken
