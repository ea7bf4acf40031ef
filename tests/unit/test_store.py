"""The store as a whole: settings, layout, references checked on save, ids shared across types."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from planner.domain.event import Event
from planner.domain.records import Municipality
from planner.store import RecordExists, RecordInvalid, Store, StoreError
from planner.store.layout import record_path
from tests.helpers.records import T1, event_data, make_event, make_municipality, make_organization, make_person
from tests.helpers.store import file_names, new_store, write

# Opening a store


def test_a_newer_schema_version_is_refused_with_its_number(tmp_path: Path) -> None:
    root = new_store(tmp_path)
    settings = write(root, "planner.toml", 'home_tz = "America/Santiago"\nschema_version = 2\n')
    with pytest.raises(StoreError) as caught:
        Store.load(root)
    assert str(caught.value) == (
        f"{settings}:2: schema_version: this store is at version 2, newer than version 1 "
        "that this planner reads; upgrade the planner"
    )


def test_a_missing_store_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no such store folder \(give --store PATH or set PLANNER_STORE\)"):
        Store.load(tmp_path / "nowhere")


def test_a_file_instead_of_a_store_folder_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "store", "not a folder")
    with pytest.raises(StoreError, match="no such store folder"):
        Store.load(path)


def test_missing_settings_are_a_warning_and_the_defaults_apply(tmp_path: Path) -> None:
    store = Store.load(tmp_path)
    (problem,) = store.problems
    assert (problem.path, problem.line, problem.severity) == (tmp_path / "planner.toml", 0, "warning")
    assert problem.message == "missing; using the default settings"
    assert store.errors == []
    assert store.settings.home_tz == "America/Santiago"


def test_bad_settings_are_reported_on_their_line(tmp_path: Path) -> None:
    root = new_store(tmp_path)
    settings = write(root, "planner.toml", 'schema_version = 1\nhome_tz = "EST"\n')
    store = Store.load(root)
    (problem,) = store.problems
    assert (problem.path, problem.line, problem.field) == (settings, 2, "home_tz")
    assert "fixed offset or legacy zone" in problem.message
    assert store.settings.home_tz == "America/Santiago"


def test_unreadable_settings_toml_is_reported(tmp_path: Path) -> None:
    root = new_store(tmp_path)
    write(root, "planner.toml", "schema_version = \n")
    (problem,) = Store.load(root).problems
    assert (problem.line, problem.field) == (1, "file")
    assert problem.message.startswith("not valid TOML")


def test_the_home_zone_applies_to_events_without_a_zone(tmp_path: Path) -> None:
    root = new_store(tmp_path)
    write(root, "planner.toml", 'schema_version = 1\nhome_tz = "Europe/Madrid"\n')
    write(
        root,
        "2017/2017-03-30-mesa.toml",
        'id = "mesa"\nkind = "other"\nstart = 2017-03-30T09:30:00\nend = 2017-03-30T10:30:00\n[title]\nes = "Mesa"\n',
    )
    event = Store.load(root).events["mesa"]
    assert event.tz == "Europe/Madrid"
    assert event.start.utcoffset() is not None and event.start.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]


def test_only_record_folders_and_year_folders_are_read(store_root: Path) -> None:
    valid_person = 'id = "x"\nname = "X"\n'
    write(store_root, "templates/person.toml", valid_person)
    write(store_root, "people/.ana-perez.toml.abc.tmp", valid_person)
    write(store_root, "people/.hidden.toml", valid_person)
    write(store_root, "2017/notes.txt", "not toml")
    write(store_root, "17/2017-01-01-x.toml", "not even toml = = =")
    write(store_root, ".cache/index.toml", "= broken")
    store = Store.load(store_root)
    assert store.problems == []
    assert "x" not in list(store.ids())


# Where records live


def test_record_paths(tmp_path: Path) -> None:
    assert record_path(tmp_path, make_event()) == tmp_path / "2017" / "2017-03-30-mesa-salud.toml"
    dated = make_event(id="2017-03-30-mesa")
    assert record_path(tmp_path, dated) == tmp_path / "2017" / "2017-03-30-mesa.toml"
    assert record_path(tmp_path, make_person()) == tmp_path / "people" / "ana-perez.toml"
    assert record_path(tmp_path, make_municipality()) == tmp_path / "municipalities" / "penalolen.toml"
    assert record_path(tmp_path, make_organization()) == tmp_path / "organizations" / "oim-chile.toml"


def test_an_event_file_keeps_its_name_when_the_date_moves(store_root: Path) -> None:
    store = Store.load(store_root)
    event = store.events["mesa-salud"]
    moved = Event.model_validate(
        {**event.model_dump(), "start": datetime(2018, 1, 5, 9, 0), "end": datetime(2018, 1, 5, 10, 0)}
    )
    store.save(moved, now=T1)
    assert store.path_of("mesa-salud") == store_root / "2017" / "2017-03-30-mesa-salud.toml"
    assert not (store_root / "2018").exists()
    assert Store.load(store_root).events["mesa-salud"].start.year == 2018


# Saving: rules that span the store


def test_a_dangling_reference_is_refused_and_nothing_is_written(store_root: Path) -> None:
    store = Store.load(store_root)
    listing = file_names(store_root)
    event = make_event(id="taller", speakers=[{"person": "ana-perez"}, {"person": "nadie"}])
    with pytest.raises(RecordInvalid) as caught:
        store.save(event, now=T1)
    (problem,) = caught.value.problems
    assert problem.field == "speakers.1.person"
    assert problem.message == "no person with id 'nadie' in the store"
    assert "speakers.1.person" in str(caught.value) and "'nadie'" in str(caught.value)
    assert file_names(store_root) == listing
    assert store.get("taller") is None


def test_every_dangling_reference_is_listed(store_root: Path) -> None:
    store = Store.load(store_root)
    person = make_person("marta-diaz", "Marta Díaz", organization="nowhere", municipality="ninguna")
    with pytest.raises(RecordInvalid) as caught:
        store.save(person, now=T1)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("organization", "no organization with id 'nowhere' in the store"),
        ("municipality", "no municipality with id 'ninguna' in the store"),
    ]


def test_a_reference_to_a_record_of_the_wrong_type_is_refused(store_root: Path) -> None:
    store = Store.load(store_root)
    with pytest.raises(RecordInvalid) as caught:
        store.save(make_event(id="taller", host="ana-perez", invitations=[{"person": "penalolen"}]), now=T1)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("host", "'ana-perez' is a person, not a municipality or organization"),
        ("invitations.0.person", "'penalolen' is a municipality, not a person"),
    ]


def test_a_host_may_be_a_municipality_or_an_organization(store_root: Path) -> None:
    store = Store.load(store_root)
    store.save(make_event(id="en-muni", host="penalolen"), now=T1)
    store.save(make_event(id="en-oim", host="oim-chile"), now=T1)
    assert {"en-muni", "en-oim"} <= set(Store.load(store_root).events)


def test_a_new_record_may_not_reuse_an_id_of_another_type(store_root: Path) -> None:
    store = Store.load(store_root)
    with pytest.raises(RecordExists) as caught:
        store.save(make_municipality("ana-perez", "Ana Pérez"), now=T1)
    assert "'ana-perez' is already the id of a person" in str(caught.value)
    assert "people/ana-perez.toml" in str(caught.value)
    assert not (store_root / "municipalities" / "ana-perez.toml").exists()
    assert isinstance(store.get("ana-perez"), type(make_person()))


def test_an_event_may_not_take_a_persons_id(store_root: Path) -> None:
    store = Store.load(store_root)
    with pytest.raises(RecordExists, match="already the id of a person"):
        store.save(make_event(id="luis-soto"), now=T1)


def test_two_files_with_one_id_across_types_are_reported(store_root: Path) -> None:
    write(store_root, "organizations/penalolen.toml", 'id = "penalolen"\nname = "Otra"\n')
    store = Store.load(store_root)
    (problem,) = store.problems
    assert problem.path == store_root / "organizations" / "penalolen.toml"
    assert (problem.line, problem.field) == (1, "id")
    assert problem.message == f"'penalolen' is already the id of {store_root / 'municipalities' / 'penalolen.toml'}"
    assert isinstance(store.get("penalolen"), Municipality)


def test_a_reference_broken_by_a_deleted_record_is_reported_on_load(store_root: Path) -> None:
    (store_root / "people" / "luis-soto.toml").unlink()
    store = Store.load(store_root)
    assert [(p.path.name, p.field, p.message) for p in store.problems] == [
        ("2017-03-30-mesa-salud.toml", "speakers.1.person", "no person with id 'luis-soto' in the store")
    ]
    line = (
        (store_root / "2017" / "2017-03-30-mesa-salud.toml")
        .read_text(encoding="utf-8")
        .splitlines()[store.problems[0].line - 1]
    )
    assert "luis-soto" in line


# Reading


def test_accessors(store_root: Path) -> None:
    store = Store.load(store_root)
    assert list(store.municipalities) == ["penalolen", "quilicura"]
    assert list(store.organizations) == ["oim-chile"]
    assert list(store.people) == ["ana-perez", "luis-soto"]
    assert list(store.events) == ["mesa-salud"]
    assert store.programmes == {}
    assert len(list(store)) == len(list(store.ids())) == 6
    assert store.name_of("penalolen") == "Peñalolén"
    assert store.name_of("mesa-salud", "en") == "Migrant health round table"
    assert store.name_of("nobody") == "nobody"
    assert store.path_of("oim-chile") == store_root / "organizations" / "oim-chile.toml"


def test_check_lists_problems_without_raising(store_root: Path) -> None:
    store = Store.load(store_root)
    problems = store.check(Event.model_validate(event_data(id="t", host="nowhere")))
    assert [(p.field, p.line) for p in problems] == [("host", 0)]
