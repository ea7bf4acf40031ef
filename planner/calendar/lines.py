"""Content lines as written: CRLF-terminated, folded at 75 octets, never inside a UTF-8 character.

icalendar escapes values and builds the lines; the folding is done here, for
two reasons: it is the part of a large export that costs most in icalendar
(a character at a time), and writing a line that still holds a bare CR or LF
must be impossible, not merely asserted (an ``assert`` vanishes under
``python -O``).
"""

from __future__ import annotations

from collections.abc import Iterable
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
