"""Deterministic writes: no rewrite without a change, and a one-field edit is a one-line diff."""

from __future__ import annotations

import difflib
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from planner.domain.data import to_data
from planner.domain.event import Event
from planner.store import Store
from planner.store import store as store_module
from planner.store.codec import dumps
from tests.helpers.records import T0, T1, make_event, make_person, visit_data

EVENT = "2017/2017-03-30-mesa-salud.toml"


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines removed from ``old`` and added in ``new``."""
    removed: list[str] = []
    added: list[str] = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith("---") or line.startswith("+++") or line.startswith("@@"):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def rich_event() -> Event:
    return make_event(
        host="penalolen",
        status="confirmed",
        venue={"name": "Centro Cultural", "city": "Peñalolén"},
        speakers=[{"person": "ana-perez"}, {"person": "luis-soto", "role": {"es": "Coordinador"}}],
        guests=[{"municipality": "quilicura", "delegates": [{"person": "marta-diaz"}]}],
        themes=["migrant-health", "housing"],
        agenda=[{"time": "09:30", "title": {"es": "Bienvenida"}}, {"time": "10:00", "title": {"es": "Panel"}}],
        description={"es": "Primera línea.\nSegunda línea.\n\nTercer párrafo.", "en": "One line."},
        invitations=[{"person": "ana-perez", "answer": "accepted"}],
        created=T0,
        updated=T0,
    )


ONE_FIELD_EDITS: list[tuple[str, dict[str, Any], str, str]] = [
    ("status", {"status": "done"}, 'status = "confirmed"', 'status = "done"'),
    ("sequence", {"sequence": 3}, "sequence = 0", "sequence = 3"),
    (
        "title.es",
        {"title": {"es": "Mesa de salud", "en": "Migrant health round table"}},
        'es = "Mesa de salud migrante"',
        'es = "Mesa de salud"',
    ),
    (
        "venue.name",
        {"venue": {"name": "Casa de la Cultura", "city": "Peñalolén"}},
        'name = "Centro Cultural"',
        'name = "Casa de la Cultura"',
    ),
    (
        "speakers.1.person",
        {"speakers": [{"person": "ana-perez"}, {"person": "sofia-rojas", "role": {"es": "Coordinador"}}]},
        '    { person = "luis-soto", role = { es = "Coordinador" } },',
        '    { person = "sofia-rojas", role = { es = "Coordinador" } },',
    ),
    ("themes.1", {"themes": ["migrant-health", "education"]}, '    "housing",', '    "education",'),
    (
        "description.es line 2",
        {"description": {"es": "Primera línea.\nOtra línea.\n\nTercer párrafo.", "en": "One line."}},
        "Segunda línea.",
        "Otra línea.",
    ),
    ("end", {"end": datetime(2017, 3, 30, 13, 0)}, "end = 2017-03-30 12:00:00", "end = 2017-03-30 13:00:00"),
]


@pytest.mark.parametrize(
    ("update", "old_line", "new_line"), [e[1:] for e in ONE_FIELD_EDITS], ids=[e[0] for e in ONE_FIELD_EDITS]
)
def test_a_one_field_change_changes_exactly_one_line(update: dict[str, Any], old_line: str, new_line: str) -> None:
    event = rich_event()
    changed = Event.model_validate({**event.model_dump(), **update})
    assert changed_lines(dumps(event), dumps(changed)) == ([old_line], [new_line])


@pytest.mark.parametrize(
    ("update", "old_line", "new_line"),
    [
        ({"status": "done"}, 'status = "confirmed"', 'status = "done"'),
        (
            {"title": {"es": "Mesa de salud", "en": "Migrant health round table"}},
            'es = "Mesa de salud migrante"',
            'es = "Mesa de salud"',
        ),
    ],
    ids=["status", "title.es"],
)
def test_saving_a_one_field_change_rewrites_that_line_and_the_updated_stamp(
    store_root: Path, update: dict[str, Any], old_line: str, new_line: str
) -> None:
    # Neither change matters to a calendar, so the sequence and its fingerprint stay.
    path = store_root / EVENT
    before = path.read_text(encoding="utf-8")
    store = Store.load(store_root)
    event = store.events["mesa-salud"]
    store.save(Event.model_validate({**event.model_dump(), **update}), now=T1)
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert sorted(removed) == sorted([old_line, "updated = 2020-01-02 03:04:05+00:00"])
    assert sorted(added) == sorted([new_line, "updated = 2020-02-03 04:05:06+00:00"])


def test_saving_an_unchanged_record_does_not_write(store_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = store_root / EVENT
    before = path.stat()
    store = Store.load(store_root)
    event = store.events["mesa-salud"]

    def no_write(*args: object) -> str:
        raise AssertionError("an unchanged record was written")

    monkeypatch.setattr(store_module, "write_atomic", no_write)
    assert store.save(event, now=T1) is event
    # Equal but not the same object: a copy re-validated from its own data.
    assert store.save(Event.model_validate(event.model_dump()), now=T1) == event
    after = path.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_a_record_built_afresh_keeps_its_creation_stamp(store_root: Path) -> None:
    store = Store.load(store_root)
    fresh = make_person("luis-soto", "Luis Soto", organization="oim-chile", lang="es")
    assert fresh.created is None
    saved = store.save(fresh, now=T1)
    assert (saved.created, saved.updated) == (T0, T1)
    assert Store.load(store_root).people["luis-soto"].created == T0


def test_the_same_record_always_gives_the_same_bytes() -> None:
    assert dumps(rich_event()) == dumps(rich_event())
    assert dumps(Event.model_validate(visit_data())) == dumps(Event.model_validate(visit_data()))


def test_multi_line_text_is_written_as_a_toml_multi_line_string() -> None:
    text = dumps(rich_event())
    assert 'es = """\nPrimera línea.\nSegunda línea.\n\nTercer párrafo."""\n' in text
    assert 'en = "One line."' in text
    assert tomllib.loads(text)["description"]["es"] == "Primera línea.\nSegunda línea.\n\nTercer párrafo."


def test_keys_follow_the_model_with_stamps_last_and_empty_values_left_out() -> None:
    data = to_data(rich_event())
    keys = list(data)
    assert keys[:6] == ["id", "title", "kind", "status", "start", "end"]
    assert keys[-3:] == ["sequence", "created", "updated"]
    for empty in ("programme", "organizers", "sponsors", "legs", "links", "format", "recurrence"):
        assert empty not in data
    text = dumps(make_person())
    assert text == 'id = "ana-perez"\nname = "Ana Pérez"\n'


def test_times_are_written_as_wall_clock_in_the_records_own_zone() -> None:
    data = tomllib.loads(dumps(Event.model_validate(visit_data())))
    assert data["start"] == datetime(2017, 6, 1, 8, 0)
    assert data["tz"] == "America/Santiago"
    assert data["legs"][0]["start"] == datetime(2017, 6, 2, 9, 0)
    assert data["legs"][0]["tz"] == "Europe/Madrid"
