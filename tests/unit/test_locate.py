"""Finding the line of a key, so that every problem can name its line."""

from __future__ import annotations

from pathlib import Path

from planner.domain.event import Event
from planner.domain.locate import key_lines, line_of
from planner.store.codec import dumps, parse_record
from tests.helpers.records import visit_data


def test_keys_tables_and_array_elements() -> None:
    text = (
        'id = "mesa"\n'  # 1
        "speakers = [\n"  # 2
        '    { person = "ana" },\n'  # 3
        '    { person = "luis" },\n'  # 4
        "]\n"  # 5
        "\n"  # 6
        "[title]  # a comment\n"  # 7
        'es = "Mesa"\n'  # 8
    )
    lines = key_lines(text)
    assert lines[("id",)] == 1
    assert lines[("speakers",)] == 2
    assert lines[("speakers", 1)] == 4
    assert lines[("title",)] == 7
    assert lines[("title", "es")] == 8
    assert line_of(text, ("speakers", 1, "person")) == 4
    assert line_of(text, ("nothing",)) == 1


def test_tables_inside_arrays_of_tables_belong_to_their_element() -> None:
    # The store writes a leg's venue as [legs.venue] under each [[legs]].
    data = visit_data()
    data["legs"][0]["venue"] = {"name": "Ayuntamiento"}
    data["legs"][1]["venue"] = {"name": "Mairie"}
    text = dumps(Event.model_validate(data))
    numbered = text.split("\n")
    assert numbered[line_of(text, ("legs", 0, "venue", "name")) - 1] == 'name = "Ayuntamiento"'
    assert numbered[line_of(text, ("legs", 1, "venue", "name")) - 1] == 'name = "Mairie"'
    assert numbered[line_of(text, ("legs", 1, "id")) - 1] == 'id = "paris"'


def test_nested_arrays_of_tables_count_per_parent() -> None:
    text = (
        "[[guests]]\n"  # 1
        'municipality = "a"\n'  # 2
        "[[guests.delegates]]\n"  # 3
        'person = "p1"\n'  # 4
        "[[guests.delegates]]\n"  # 5
        'person = "p2"\n'  # 6
        "[[guests]]\n"  # 7
        'municipality = "b"\n'  # 8
        "[[guests.delegates]]\n"  # 9
        'person = "p3"\n'  # 10
    )
    assert line_of(text, ("guests", 0, "delegates", 1, "person")) == 6
    assert line_of(text, ("guests", 1, "municipality")) == 8
    assert line_of(text, ("guests", 1, "delegates", 0, "person")) == 10


def test_brackets_inside_strings_do_not_end_or_open_arrays() -> None:
    text = (
        "areas = [\n"  # 1
        '    { es = "Salud ]" },\n'  # 2
        '    { es = "[borrador" },\n'  # 3
        "]\n"  # 4
        'status = "draft"\n'  # 5
        "\n"  # 6
        "[venue]\n"  # 7
        'name = "Sala [A]"\n'  # 8
    )
    assert line_of(text, ("areas", 1)) == 3
    assert line_of(text, ("status",)) == 5
    assert line_of(text, ("venue", "name")) == 8


def test_multi_line_strings_are_skipped() -> None:
    text = (
        'description = """\n'  # 1
        "not = a key\n"  # 2
        '[not a table]"""\n'  # 3
        "assumed = [\n"  # 4
        '    """\n'  # 5
        '"quoted" start\n'  # 6
        "2017 was ]\n"  # 7
        'end""",\n'  # 8
        '    "second",\n'  # 9
        "]\n"  # 10
        'status = "draft"\n'  # 11
    )
    lines = key_lines(text)
    assert ("not",) not in lines
    assert lines[("assumed", 1)] == 9
    assert lines[("status",)] == 11


def test_lines_are_counted_like_toml_counts_them() -> None:
    # U+2028 in a comment is no line break for TOML, nor for the locator.
    text = 'id = "mesa"  # a\u2028b\nkind = "party"\n'
    _, problems = parse_record(Event, text, Path("x.toml"))
    kind = next(p for p in problems if p.field == "kind")
    assert kind.line == 2
