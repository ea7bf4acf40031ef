"""The registries: municipalities, organizations, people and programmes; settings and problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.problems import Problem
from planner.domain.records import Municipality, Person, Programme
from planner.domain.settings import SCHEMA_VERSION, StoreSettings
from tests.helpers.records import T0, T1, errors, make_municipality, make_organization, make_person, make_programme


def test_a_municipality_needs_a_name() -> None:
    assert errors(Municipality, {"id": "penalolen"}) == {"name": "Field required"}


@pytest.mark.parametrize(
    ("share", "message"),
    [(-0.1, "Input should be greater than or equal to 0"), (100.5, "Input should be less than or equal to 100")],
)
def test_a_migrant_share_is_a_percentage(share: float, message: str) -> None:
    found = errors(Municipality, {"id": "penalolen", "name": "Peñalolén", "migrant_share": share})
    assert found == {"migrant_share": message}


def test_origin_countries_are_single_lines() -> None:
    found = errors(Municipality, {"id": "penalolen", "name": "Peñalolén", "origin_countries": ["Perú", "Haití\n"]})
    assert found == {"origin_countries.1": "must be a single line, but contains a line break"}


def test_a_person_reads_spanish_or_english() -> None:
    found = errors(Person, {"id": "ana", "name": "Ana", "lang": "fr"})
    assert found == {"lang": "Input should be 'es' or 'en'"}


def test_a_reference_is_an_id() -> None:
    found = errors(Person, {"id": "ana", "name": "Ana", "organization": "OIM Chile"})
    assert found["organization"].startswith("'OIM Chile' is not an id")


def test_a_programme_short_name_is_short() -> None:
    found = errors(Programme, {"id": "myc", "name": {"es": "Migrantes y Ciudades"}, "short_name": "x" * 41})
    assert found == {"": "short_name: keep it under 40 characters"}
    assert make_programme(short_name="x" * 40).short_name == "x" * 40


def test_registry_records_refuse_unknown_fields() -> None:
    found = errors(Person, {"id": "ana", "name": "Ana", "emial": "ana@example.org"})
    assert found == {"emial": "extra_forbidden"}


def test_display_names() -> None:
    assert make_municipality().display_name() == "Peñalolén"
    assert make_organization(short_name="OIM").display_name() == "OIM"
    assert make_organization().display_name() == "OIM Chile"
    assert make_person().display_name("en") == "Ana Pérez"
    programme = make_programme(name={"es": "Migrantes y Ciudades", "en": "Migrants and Cities"})
    assert programme.display_name("es") == "Migrantes y Ciudades"
    assert programme.display_name("en") == "Migrants and Cities"


def test_registry_references() -> None:
    assert make_person(organization="oim-chile", municipality="penalolen").references() == [
        (("organization",), "organization", "oim-chile"),
        (("municipality",), "municipality", "penalolen"),
    ]
    assert make_municipality(migration_office_head="ana-perez").references() == [
        (("migration_office_head",), "person", "ana-perez")
    ]
    assert make_programme(lead="oim-chile").references() == [(("lead",), "organization", "oim-chile")]
    assert make_organization().references() == []


def test_stamped_sets_created_once_and_updated_every_time() -> None:
    first = make_person().stamped(T0)
    assert (first.created, first.updated) == (T0, T0)
    second = first.stamped(T1)
    assert (second.created, second.updated) == (T0, T1)


def test_stamps_must_be_aware() -> None:
    found = errors(Person, {"id": "ana", "name": "Ana", "created": "2020-01-01T00:00:00"})
    assert found == {"created": "Input should have timezone info"}


def test_default_settings() -> None:
    settings = StoreSettings()
    assert settings.schema_version == SCHEMA_VERSION == 1
    assert settings.home_tz == "America/Santiago"
    assert settings.default_lang == "es"


def test_settings_refuse_another_schema_version() -> None:
    assert errors(StoreSettings, {"schema_version": 2}) == {"schema_version": "Input should be 1"}


def test_problems_print_as_file_line_field_message() -> None:
    problem = Problem(Path("people/ana.toml"), 3, "email", "'x' is not an e-mail address")
    assert str(problem) == "people/ana.toml:3: email: 'x' is not an e-mail address"
    assert problem.is_error
    whole = Problem(Path("planner.toml"), 0, "", "missing", "warning")
    assert str(whole) == "planner.toml:0: warning: missing"
    assert not whole.is_error
    assert sorted([problem, Problem(Path("people/ana.toml"), 1, "name", "x")])[0].line == 1
