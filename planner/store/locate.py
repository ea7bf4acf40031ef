"""Finding the line of a key in a TOML file, so that every problem can name its line.

``tomllib`` keeps no positions, so this reads the file's lines the way a person
does: table headers, ``key = value`` lines, and one element per line inside
multi-line arrays (the shape the store writes). It is a locator, not a parser:
it only runs on files that ``tomllib`` has already accepted, and falls back to
the nearest enclosing key it found.
"""

from __future__ import annotations

import re

Path_ = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*(.*)$""")


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _opens_multiline_string(value: str) -> str | None:
    """The delimiter of a multi-line string that ``value`` opens and does not close, if any."""
    for quote in ('"""', "'''"):
        if value.count(quote) % 2 == 1:
            return quote
    return None


def key_lines(text: str) -> dict[Path_, int]:
    """Map each key path found in ``text`` to its 1-based line number."""
    found: dict[Path_, int] = {}
    table: Path_ = ()
    array_counts: dict[Path_, int] = {}
    in_string: str | None = None
    array_key: Path_ | None = None
    array_index = 0
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        stripped = line.strip()
        if array_key is not None:
            # One element per line inside a multi-line array: index it.
            if stripped.startswith(("{", '"', "'")) or stripped[:1].isdigit() or stripped[:1] == "[":
                found.setdefault((*array_key, array_index), number)
                array_index += 1
            depth += stripped.count("[") - stripped.count("]")
            if depth <= 0:
                array_key = None
            continue
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            keys = _split_key(header.group(2))
            if header.group(1) == "[[":
                index = array_counts.get(keys, 0)
                array_counts[keys] = index + 1
                table = (*keys, index)
                found.setdefault(keys, number)
            else:
                table = keys
            found.setdefault(table, number)
            continue
        match = _KEY.match(line)
        if not match:
            continue
        path = (*table, *_split_key(match.group(1)))
        found.setdefault(path, number)
        value = match.group(2)
        in_string = _opens_multiline_string(value)
        if value.startswith("[") and value.count("[") > value.count("]"):
            array_key, array_index = path, 0
            depth = value.count("[") - value.count("]")
    return found


def line_of(text: str, loc: Path_) -> int:
    """The line of ``loc`` or of its nearest enclosing key; 1 when nothing matches."""
    lines = key_lines(text)
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1
