"""Folding: at most 75 octets a line, never inside a UTF-8 character or an escape, and lossless."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.calendar.lines import UnsafeLine, fold

# Text as it reaches the folder: escaped already, so no CR or LF, any other character possible.
LINE = st.text(alphabet=st.characters(exclude_characters="\r\n", exclude_categories=["Cs"]), max_size=400)


@given(LINE)
def test_folding_keeps_every_line_within_75_octets_and_unfolds_to_the_same_text(text: str) -> None:
    line = "DESCRIPTION:" + text
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in physical)
    assert all(piece.startswith(" ") for piece in physical[1:])
    assert "".join([physical[0], *(piece[1:] for piece in physical[1:])]) == line
    # Every piece is valid UTF-8 on its own: no character was cut in two.
    for piece in physical:
        piece.encode("utf-8").decode("utf-8")


@given(st.text(alphabet="\\,;ñ漢a", min_size=60, max_size=300))
def test_no_piece_ends_on_the_backslash_that_starts_an_escape(text: str) -> None:
    for piece in fold("SUMMARY:" + text).split("\r\n")[:-1]:
        trailing = len(piece) - len(piece.rstrip("\\"))
        assert trailing % 2 == 0, piece


@pytest.mark.parametrize("bad", ["SUMMARY:a\r\nATTENDEE:mailto:x@attacker.example", "SUMMARY:a\nb", "SUMMARY:a\rb"])
def test_a_line_break_in_a_content_line_is_refused_not_written(bad: str) -> None:
    with pytest.raises(UnsafeLine):
        fold(bad)


def test_short_lines_are_left_alone() -> None:
    assert fold("UID:x@y") == "UID:x@y"
    assert fold("X:" + "é" * 36) == "X:" + "é" * 36  # 74 octets
