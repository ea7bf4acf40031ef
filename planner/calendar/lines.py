"""Content lines (RFC 5545 §3.1): folded when written, unfolded when read.

Written (:func:`fold`, :func:`component_text`): CRLF-terminated, folded at 75
octets, never inside a UTF-8 character. icalendar escapes values and builds
the lines; the folding is done here, for two reasons: it is the part of a
large export that costs most in icalendar (a character at a time), and writing
a line that still holds a bare CR or LF must be impossible, not merely
asserted (an ``assert`` vanishes under ``python -O``).

Read (:func:`unfold`, :class:`ContentLine`): the one scanner behind both the
strict checks of what the exporter writes (``planner.calendar.lint``) and the
reading of files to import (``planner.imports.lines``). It works on decoded
text: both refuse a file that is not UTF-8 as a whole, so a fold inside a
multi-byte character is refused before it reaches the scanner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

MAX_OCTETS = 75
"""RFC 5545 §3.1: a line SHOULD NOT be longer than 75 octets, excluding the line break."""


class UnsafeLine(ValueError):
    """A content line holding a line break: writing it would inject whatever follows."""


def fold(line: str) -> str:
    """``line`` folded as RFC 5545 asks: pieces of at most 75 octets, continuation lines starting with a space.

    A piece never ends inside a UTF-8 sequence, nor on the backslash (or ``^``)
    that starts an escape: some clients unescape each physical line on its own.
    """
    if "\r" in line or "\n" in line:
        raise UnsafeLine(f"a content line holds a line break: {line[:40]!r}")
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return line
    pieces: list[bytes] = []
    start, room = 0, MAX_OCTETS
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a continuation byte: step back to the character's first byte
            end -= 1
        run = 0
        while end - run - 1 > start and data[end - run - 1] in b"\\^":
            run += 1
        if run % 2:  # an odd run of escape characters ends in one that starts an escape: keep it with it
            end -= 1
        pieces.append(data[start:end])
        start, room = end, MAX_OCTETS - 1  # the continuation line's leading space counts
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def component_text(component: Any) -> str:
    """An icalendar component (subcomponents included) as folded CRLF lines, properties in insertion order."""
    lines: Iterable[str] = component.content_lines(sorted=False)
    return "".join(f"{fold(str(line))}\r\n" for line in lines if line)


@dataclass(frozen=True)
class ContentLine:
    """One unfolded content line: the physical line it starts on, its name and parameter names (upper
    case), its parameters' values and its raw value."""

    number: int
    name: str
    params: dict[str, str]
    value: str


def unfold(text: str, *, lenient: bool = False) -> list[tuple[int, str]]:
    """The logical lines of ``text``, each with the number of the physical line it starts on.

    A physical line that starts with a space or a tab continues the logical
    line before it, without that character; at the very start of the text
    there is nothing to continue, and it stands as a line of its own.

    Strict (the default, for what this package writes): only CRLF ends a
    line, so that a bare CR or LF stays in its line for the checks to report,
    and empty lines are skipped. ``lenient`` (files from other programs): a
    bare LF ends a line too, a CR just before it is dropped, and lines of
    white space alone are skipped.

    Linear in the size of ``text``: a logical line's pieces are collected and
    joined once, because adding each piece to the line so far copies the line
    again (a large folded value took minutes).
    """
    logical: list[tuple[int, str]] = []
    first = 0
    pieces: list[str] = []
    for number, line in enumerate(text.split("\n" if lenient else "\r\n"), start=1):
        if lenient and line.endswith("\r"):
            line = line[:-1]
        if line[:1] in (" ", "\t") and pieces:
            pieces.append(line[1:])
        elif line.strip() if lenient else line:
            if pieces:
                logical.append((first, "".join(pieces)))
            first, pieces = number, [line]
    if pieces:
        logical.append((first, "".join(pieces)))
    return logical
