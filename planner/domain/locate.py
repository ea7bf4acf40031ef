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
_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=\s*(.*)$")


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _opens_multiline_string(value: str) -> str | None:
    """The delimiter of a multi-line string that ``value`` opens and does not close, if any."""
    for quote in ('"""', "'''"):
        if value.count(quote) % 2 == 1:
            return quote
    return None


_TRIPLE = re.compile(r"""("{3}|'{3})[\s\S]*?\1""")
_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'[^']*'""")


def _depth_change(text: str) -> int:
    """How many arrays ``text`` opens minus how many it closes, ignoring strings and comments."""
    bare = _TRIPLE.sub('""', text)
    bare = re.split(r"""("{3}|'{3})""", bare, maxsplit=1)[0]  # a multi-line string opened here
    bare = _STRING.sub('""', bare).split("#", 1)[0]
    return bare.count("[") - bare.count("]")


def key_lines(text: str) -> dict[Path_, int]:
    """Map each key path found in ``text`` to its 1-based line number."""
    found: dict[Path_, int] = {}
    table: Path_ = ()
    array_counts: dict[Path_, int] = {}
    in_string: str | None = None
    array_key: Path_ | None = None
    array_index = 0
    depth = 0
    # Only "\n" ends a line, as for tomllib: splitlines() would also split at U+2028 and others.
    for number, line in enumerate(text.split("\n"), start=1):
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
            depth += _depth_change(stripped)
            if depth <= 0:
                array_key = None
            in_string = _opens_multiline_string(stripped)
            continue
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            # A header inside an array of tables ([legs.venue], [[guests.delegates]])
            # belongs to that array's latest element.
            keys: Path_ = ()
            for key in _split_key(header.group(2)):
                if keys in array_counts:
                    keys = (*keys, array_counts[keys] - 1)
                keys = (*keys, key)
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
        if value.startswith("[") and _depth_change(value) > 0:
            array_key, array_index = path, 0
            depth = _depth_change(value)
    return found


def top_key_line(text: str, key: str) -> int:
    """The line of a top-level ``key`` written before any table (as the store writes ``id``); else 1.

    A quick search, for the index, which needs only this line of every file.
    """
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    if match is None or "[" in "".join(line[:1] for line in text[: match.start()].split("\n")):
        return line_of(text, (key,))
    return text.count("\n", 0, match.start()) + 1


def line_of(text: str, loc: Path_) -> int:
    """The line of ``loc`` or of its nearest enclosing key; 1 when nothing matches."""
    lines = key_lines(text)
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1
