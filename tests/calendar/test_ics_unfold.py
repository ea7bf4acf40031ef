"""Unfolding: the one content-line scanner behind the strict checks and the import, with its line numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.calendar.lines import fold, unfold
from planner.calendar.lint import problems
from planner.imports.errors import Malformed
from planner.imports.lines import decode, scan

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//unfold//EN\r\n"
ENTRY = "BEGIN:VEVENT\r\nUID:u@example.org\r\nDTSTAMP:20000101T000000Z\r\nDTSTART:20000101T000000Z\r\n"
TAIL = "END:VEVENT\r\nEND:VCALENDAR\r\n"


def _reference(text: str, lenient: bool) -> list[tuple[int, str]]:
    """The rule, written the obvious way (each piece added to the line so far): right, but quadratic."""
    logical: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n" if lenient else "\r\n"), start=1):
        line = raw.removesuffix("\r") if lenient else raw
        if line[:1] in (" ", "\t") and logical:
            first, so_far = logical[-1]
            logical[-1] = (first, so_far + line[1:])
        elif line.strip() if lenient else line:
            logical.append((number, line))
    return logical


@given(st.text(alphabet="AB:;é \t\r\n", max_size=120), st.booleans())
def test_unfolding_follows_the_rule_on_any_text(text: str, lenient: bool) -> None:
    assert unfold(text, lenient=lenient) == _reference(text, lenient)


def test_a_folded_line_is_joined_and_keeps_the_number_of_its_first_physical_line() -> None:
    text = "A:1\r\nB:one\r\n  two\r\n\tthree\r\nC:3\r\n"
    assert unfold(text) == [(1, "A:1"), (2, "B:one twothree"), (5, "C:3")]


def test_crlf_and_lf_endings_in_the_lenient_mode() -> None:
    text = "A:1\nB:one\r\n two\n\tthree\r\nC:3"
    assert unfold(text, lenient=True) == [(1, "A:1"), (2, "B:onetwothree"), (5, "C:3")]


def test_strict_mode_ends_lines_at_crlf_only_so_a_bare_lf_stays_to_be_reported() -> None:
    assert unfold("A:1\nB:2\r\nC:3\r\n") == [(1, "A:1\nB:2"), (2, "C:3")]
    assert "line 1: a bare CR or LF (lines must end with CRLF)" in problems(b"A:1\nB:2\r\nC:3\r\n", deep=False)


def test_a_continuation_at_the_start_of_the_text_has_nothing_to_continue_and_stands_alone() -> None:
    assert unfold(" X:1\r\nA:2\r\n") == [(1, " X:1"), (2, "A:2")]
    assert unfold("\tX:1\nA:2\n", lenient=True) == [(1, "\tX:1"), (2, "A:2")]


def test_empty_lines_are_skipped_and_a_continuation_after_one_continues_the_line_before() -> None:
    assert unfold("A:1\r\n\r\n\r\n b\r\nC:3\r\n\r\n") == [(1, "A:1b"), (5, "C:3")]
    assert unfold("A:1\n  \n\r\n b\nC:3\n", lenient=True) == [(1, "A:1 b"), (5, "C:3")]
    assert unfold("") == [] and unfold("\r\n\r\n") == [] and unfold("\n \n\t\n", lenient=True) == []


def test_both_readers_name_the_physical_line_where_a_folded_property_starts() -> None:
    folded = fold("DESCRIPTION:" + "x" * 200)  # three physical lines
    twice = HEAD + ENTRY + folded + "\r\n" + folded + "\r\n" + TAIL
    assert problems(twice.encode("utf-8"), deep=False) == ["line 11: DESCRIPTION twice in one VEVENT"]
    descriptions = scan(twice, "twice.ics")[0].components("VEVENT")[0].all("DESCRIPTION")
    assert [line.number for line in descriptions] == [8, 11]
    assert all(line.value == "x" * 200 for line in descriptions)


def test_a_fold_inside_a_multi_byte_character_is_refused_by_both_readers() -> None:
    # Both decode the whole file before unfolding: a character cut by a fold is not UTF-8 there.
    value = "Migración".encode()
    cut = value.index(b"\xc3") + 1
    data = (HEAD + ENTRY).encode() + b"SUMMARY:" + value[:cut] + b"\r\n " + value[cut:] + b"\r\n" + TAIL.encode()
    assert [p for p in problems(data, deep=False) if "not UTF-8" in p]
    with pytest.raises(Malformed) as refused:
        decode(data, "cut.ics")
    assert refused.value.line == 8


def test_a_five_megabyte_value_folded_into_75_octet_lines_comes_back_whole() -> None:
    value = ("Migración y ciudades; línea\\, " * 180_000)[:5_000_000]
    line = "DESCRIPTION:" + value
    folded = fold(line)
    assert folded.count("\r\n") > 60_000
    assert unfold("A:1\r\n" + folded + "\r\nB:2\r\n") == [(1, "A:1"), (2, line), (2 + folded.count("\r\n") + 1, "B:2")]
    calendar = HEAD + ENTRY + folded + "\r\n" + TAIL
    assert problems(calendar.encode("utf-8"), deep=False) == []
    description = scan(calendar, "large.ics")[0].components("VEVENT")[0].first("DESCRIPTION")
    assert description is not None and description.number == 8
    assert description.value == value.replace("\\,", ",")  # the import reads the value unescaped
