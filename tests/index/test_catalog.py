"""The index follows the TOML files whatever happens to them behind the planner's back."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.domain.rows import EventFilter
from planner.index import Catalog
from planner.index.catalog import INDEX_SCHEMA
from planner.index.location import index_file
from tests.helpers.cli import Result, child_env, run
from tests.helpers.store import ROUND_TABLE, event_file, shipped_copy


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return shipped_copy(tmp_path)


def listing(store: Path) -> Result:
    """``planner list --json`` of ``store``, which reads the index and brings it up to date first."""
    return run("list", "--json", "--store", str(store))


def listed(store: Path) -> dict[str, dict[str, object]]:
    result = listing(store)
    assert result.returncode == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)}


def round_table_file(store: Path) -> Path:
    return event_file(store, ROUND_TABLE)


def test_a_file_added_by_hand_is_listed(store: Path) -> None:
    before = listed(store)
    source = round_table_file(store)
    copy = source.with_name("2017-04-27-copied.toml")
    copy.write_text(source.read_text(encoding="utf-8").replace(f'id = "{ROUND_TABLE}"', 'id = "copied"'))
    after = listed(store)
    assert set(after) == set(before) | {"copied"}


def test_an_edit_that_keeps_size_and_time_is_seen(store: Path) -> None:
    listed(store)
    path = round_table_file(store)
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    # Same size, same inode, modification time set back: only the change time or the content can tell.
    path.write_text(text.replace('status = "done"', 'status = "d0ne"', 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    result = listing(store)
    assert ROUND_TABLE not in {row["id"] for row in json.loads(result.stdout)}
    assert "errors" in result.stderr


def test_an_edit_of_a_title_shows_at_once(store: Path) -> None:
    listed(store)
    path = round_table_file(store)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Mesa intermunicipal", "Mesa redonda intermunicipal", 1), encoding="utf-8")
    title = listed(store)[ROUND_TABLE]["title"]
    assert isinstance(title, dict) and str(title["es"]).startswith("Mesa redonda intermunicipal")


def test_a_renamed_and_a_deleted_file(store: Path) -> None:
    listed(store)
    path = round_table_file(store)
    renamed = path.with_name("2017-03-30-renamed-by-hand.toml")
    path.rename(renamed)
    rows = listed(store)
    assert rows[ROUND_TABLE]["path"] == str(renamed)
    renamed.unlink()
    assert ROUND_TABLE not in listed(store)


def test_a_deleted_person_makes_references_dangle_and_coming_back_heals(store: Path) -> None:
    catalog = Catalog.open(store)
    assert catalog.problems() == []
    person = store / "people" / "fernando-cejudo.toml"
    text = person.read_text(encoding="utf-8")
    person.unlink()
    catalog.refresh()
    problems = [str(p) for p in catalog.problems()]
    assert any("no person with id 'fernando-cejudo'" in p and ROUND_TABLE in p for p in problems)
    person.write_text(text, encoding="utf-8")
    catalog.refresh()
    assert catalog.problems() == []


def test_duplicate_ids_are_reported_with_their_line(store: Path) -> None:
    source = round_table_file(store)
    (store / "2017" / "2017-05-01-twin.toml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    problems = Catalog.open(store).problems()
    assert [(p.path.name, p.line, p.field) for p in problems] == [(source.name, 1, "id")] or [
        (p.path.name, p.line, p.field) for p in problems
    ] == [("2017-05-01-twin.toml", 1, "id")]


def test_a_corrupt_index_is_rebuilt_silently(store: Path) -> None:
    expected = listed(store)
    index = index_file(store)
    index.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{index}{suffix}").unlink(missing_ok=True)
    result = listing(store)
    assert result.returncode == 0 and result.stderr == ""
    assert {row["id"] for row in json.loads(result.stdout)} == set(expected)


def test_an_index_of_another_version_is_rebuilt(store: Path) -> None:
    Catalog.open(store).close()
    with sqlite3.connect(index_file(store)) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(INDEX_SCHEMA + 1),))
        db.execute("DELETE FROM rows")
    catalog = Catalog.open(store)
    assert catalog.changed > 0
    assert {row.id for row in catalog.rows(EventFilter())} >= {ROUND_TABLE}


def test_a_half_written_index_is_rebuilt(store: Path) -> None:
    Catalog.open(store).close()
    index = index_file(store)
    data = index.read_bytes()
    index.write_bytes(data[: len(data) // 3])
    catalog = Catalog.open(store)
    assert ROUND_TABLE in {row.id for row in catalog.rows(EventFilter())}


_WORKER = """
import sys
from pathlib import Path
from planner.index import Catalog
from planner.domain.rows import EventFilter
store = Path(sys.argv[1])
for round in range(int(sys.argv[2])):
    catalog = Catalog.open(store)
    catalog.rows(EventFilter())
    catalog.close()
"""


@pytest.mark.slow
def test_two_processes_refreshing_at_once_corrupt_nothing(store: Path) -> None:
    source = round_table_file(store)
    text = source.read_text(encoding="utf-8")
    # Two processes, not threads: what is shared is the index file, as between two coordinators' planners.
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(store), "15"], stderr=subprocess.PIPE, text=True, env=child_env()
        )
        for _ in range(2)
    ]
    for n in range(15):
        # Meanwhile files appear and change, as during a git pull.
        (store / "2017" / f"2017-06-{n + 1:02d}-extra.toml").write_text(
            text.replace(f'id = "{ROUND_TABLE}"', f'id = "extra-{n}"'), encoding="utf-8"
        )
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    ids = set(listed(store))
    assert {f"extra-{n}" for n in range(15)} <= ids
    with sqlite3.connect(index_file(store)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_racy_rule_a_file_changed_in_the_tick_it_was_indexed_is_hashed_again(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.index import catalog as catalog_module
    from planner.index.scan import scan

    path = round_table_file(store)
    os.utime(path)  # modified just now, so indexing happens in the same "tick"
    frozen = scan(store)
    monkeypatch.setattr(catalog_module, "scan", lambda root: frozen)
    catalog = Catalog.open(store)
    assert catalog.changed > 0
    text = path.read_text(encoding="utf-8")
    # A coarse clock: the stat seen is exactly the one indexed, yet the content changed.
    path.write_text(text.replace("Mesa intermunicipal", "Mesa XYZ intermunicip", 1), encoding="utf-8")
    assert catalog.refresh() == 1
    title = next(r for r in catalog.rows(EventFilter()) if r.id == ROUND_TABLE).title_es
    assert title is not None and title.startswith("Mesa XYZ")
    # An old file whose stat is unchanged is not read at all.
    assert catalog.refresh() == 0


def _index_contents(store: Path) -> list[list[tuple[object, ...]]]:
    db = sqlite3.connect(index_file(store))
    try:
        return [
            sorted(db.execute("SELECT path, kind, size, digest, refs FROM files").fetchall()),
            sorted(db.execute("SELECT * FROM rows").fetchall()),
            sorted(db.execute("SELECT * FROM records").fetchall()),
            sorted(db.execute("SELECT path, line, field, message, severity FROM problems").fetchall()),
        ]
    finally:
        db.close()


def test_a_pool_of_readers_indexes_exactly_what_one_reader_does(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.index import reader

    (store / "2017" / "2017-05-01-broken.toml").write_text('id = "broken"\nkind = [\n', encoding="utf-8")
    alone = tmp_path / "alone"
    shutil.copytree(store, alone)
    Catalog.open(alone, refresh=False).refresh(workers=1)
    # Chunks of two files, so that many more chunks than the pool keeps in flight go through it.
    monkeypatch.setattr(reader, "CHUNK_MIN", 2)
    Catalog.open(store, refresh=False).refresh(workers=2)
    pooled, single = _index_contents(store), _index_contents(alone)
    assert pooled[0] and pooled[1] and pooled[3]  # files, rows and the broken file's problem are there
    rewritten = [[tuple(str(v).replace(str(alone), str(store)) for v in row) for row in table] for table in single]
    assert [[tuple(str(v) for v in row) for row in table] for table in pooled] == rewritten


def test_a_reference_broken_by_one_edit_is_reported_and_mended_by_the_next(store: Path) -> None:
    catalog = Catalog.open(store)
    assert not [p for p in catalog.problems() if p.is_error]
    path = round_table_file(store)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('host = "lo-prado"', 'host = "fernando-cejudo"', 1), encoding="utf-8")
    assert catalog.refresh() == 1
    messages = [(p.field, p.message) for p in catalog.problems() if p.is_error]
    assert messages == [("host", "'fernando-cejudo' is a person, not a municipality or organization")]
    path.write_text(text.replace('host = "lo-prado"', 'host = "no-such-place"', 1), encoding="utf-8")
    catalog.refresh()
    messages = [(p.field, p.message) for p in catalog.problems() if p.is_error]
    assert messages == [("host", "no municipality or organization with id 'no-such-place' in the store")]
    path.write_text(text, encoding="utf-8")
    catalog.refresh()
    assert not [p for p in catalog.problems() if p.is_error]
