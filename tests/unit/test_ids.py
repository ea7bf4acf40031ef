"""Record ids: what is refused and why, and the slugs suggested instead."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.ids import MAX_ID_LENGTH, RESERVED_IDS, check_id, fold, slugify
from planner.domain.records import Person
from tests.helpers.records import errors


@pytest.mark.parametrize("value", ["penalolen", "mesa-2017", "a", "2017-03-30-mesa", "x" * MAX_ID_LENGTH])
def test_valid_ids_are_returned_unchanged(value: str) -> None:
    assert check_id(value) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("a/b", "'a/b' is not an id: ids are plain names, never paths"),
        ("..", "'..' is not an id: ids are plain names, never paths"),
        ("../people/ana", "ids are plain names, never paths"),
        ("/etc/passwd", "'/etc/passwd' is not an id: ids are plain names, never paths"),
        ("a\\b", "ids are plain names, never paths"),
        (".hidden", "ids are plain names, never paths"),
        ("", "an id must not be empty"),
        ("planner", "'planner' is a reserved name and cannot be an id"),
        ("people", "'people' is a reserved name and cannot be an id"),
        ("con", "'con' is a reserved name and cannot be an id"),
        ("lpt1", "'lpt1' is a reserved name and cannot be an id"),
        ("x" * (MAX_ID_LENGTH + 1), f"an id has at most {MAX_ID_LENGTH} characters, this one has 81"),
        (
            "Mesa-Salud",
            "'Mesa-Salud' is not an id: use lower-case letters a-z, digits and single hyphens "
            "(for example 'mesa-salud')",
        ),
        (
            "peñalolén",
            "'peñalolén' is not an id: use lower-case letters a-z, digits and single hyphens (for example 'penalolen')",
        ),
        ("mesa de salud", "(for example 'mesa-de-salud')"),
        ("a--b", "use lower-case letters a-z, digits and single hyphens (for example 'a-b')"),
        ("-a", "use lower-case letters a-z, digits and single hyphens (for example 'a')"),
        ("a_b", "(for example 'a-b')"),
    ],
)
def test_bad_ids_are_refused_with_a_reason(value: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_id(value)
    assert message in str(caught.value)


def test_a_suggestion_is_only_given_when_there_is_one() -> None:
    with pytest.raises(ValueError) as caught:
        check_id("¡¡!!")
    assert str(caught.value) == "'¡¡!!' is not an id: use lower-case letters a-z, digits and single hyphens"


def test_a_reserved_name_is_never_suggested() -> None:
    with pytest.raises(ValueError) as caught:
        check_id("Planner")
    assert "for example" not in str(caught.value)


@pytest.mark.parametrize("value", ["abc\n", "mesa-salud\n", "abc\r\n"])
def test_a_trailing_line_break_is_not_part_of_an_id(value: str) -> None:
    # ``$`` in a regular expression also matches before a final "\n": the id
    # "abc\n" would name the file "abc\n.toml".
    with pytest.raises(ValueError, match="is not an id"):
        check_id(value)


def test_a_record_with_a_bad_id_reports_it_on_the_id_field() -> None:
    found = errors(Person, {"id": "Ana Pérez", "name": "Ana Pérez"})
    assert found == {
        "id": "'Ana Pérez' is not an id: use lower-case letters a-z, digits and single hyphens "
        "(for example 'ana-perez')"
    }


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Peñalolén", "penalolen"),
        ("PEÑALOLÉN", "penalolen"),
        ("Mesa de Trabajo: Salud & Migración", "mesa-de-trabajo-salud-migracion"),
        ("  São Paulo  ", "sao-paulo"),
        ("Ñuñoa 2017", "nunoa-2017"),
        ("¿Qué?", "que"),
        ("¡¡!!", ""),
        ("", ""),
    ],
)
def test_slugify_folds_accents_and_joins_words_with_hyphens(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_cuts_long_text_without_a_trailing_hyphen() -> None:
    slug = slugify("palabra " * 30)
    assert len(slug) <= MAX_ID_LENGTH
    assert not slug.endswith("-")
    assert check_id(slug) == slug


@pytest.mark.parametrize(("text", "folded"), [("Peñalolén", "penalolen"), ("ÁRBOL", "arbol"), ("Straße", "strasse")])
def test_fold_drops_case_and_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


@settings(max_examples=100)
@given(st.text(max_size=120))
def test_slugify_gives_a_valid_id_or_nothing(text: str) -> None:
    slug = slugify(text)
    if slug and slug not in RESERVED_IDS:
        assert check_id(slug) == slug
