"""Reading an ``.ics`` file as content lines with their line numbers, so every problem can name its line.

icalendar parses leniently: a broken line or value becomes an entry in a
component's ``errors`` without any position. This scanner runs first: it
decodes the text, unfolds it (leniently, with ``planner.calendar.lines.unfold``,
the scanner the exporter's checks use too), splits it into content lines,
checks that BEGIN and END nest, and keeps, for each component, the physical
line where each of its properties starts. Values are still decoded by
icalendar afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icalendar.parser import Contentline

from planner.calendar.lines import ContentLine, unfold
from planner.imports.errors import Malformed


@dataclass
class Block:
    """A component (``VCALENDAR``, ``VEVENT`` ...) as written: where it begins, its lines and children."""

    name: str
    line: int
    lines: list[ContentLine] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)

    def all(self, name: str) -> list[ContentLine]:
        return [line for line in self.lines if line.name == name]

    def first(self, name: str) -> ContentLine | None:
        found = self.all(name)
        return found[0] if found else None

    def line_of(self, name: str | None, hint: str = "") -> int:
        """The line of property ``name`` (the one whose value appears in ``hint``, if any); else the BEGIN line."""
        candidates = self.all(name) if name else []
        for line in candidates:
            if line.value and line.value in hint:
                return line.number
        return candidates[0].number if candidates else self.line

    def components(self, name: str) -> list[Block]:
        return [child for child in self.children if child.name == name]


def decode(data: bytes, source: str) -> str:
    """The file's text; a byte-order mark is dropped, bytes that are not UTF-8 are refused with their line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Malformed(source, line, "is not UTF-8 text") from None
    return text.removeprefix("\ufeff")


def _parse(number: int, text: str, source: str) -> ContentLine:
    try:
        name, params, value = Contentline(text).parts()  # type: ignore[no-untyped-call]
    except ValueError:
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise Malformed(source, number, f"not a calendar line (NAME:value expected): {shown!r}") from None
    return ContentLine(number, name.upper(), {k.upper(): str(v) for k, v in params.items()}, str(value))


def scan(text: str, source: str) -> list[Block]:
    """The file's ``VCALENDAR`` blocks; raises ``Malformed`` naming the first line at fault."""
    calendars: list[Block] = []
    stack: list[Block] = []
    for number, raw in unfold(text, lenient=True):
        line = _parse(number, raw, source)
        if line.name == "BEGIN":
            block = Block(line.value.strip().upper(), number)
            if not stack:
                if block.name != "VCALENDAR":
                    raise Malformed(source, number, f"BEGIN:{block.name} outside a VCALENDAR")
                calendars.append(block)
            else:
                stack[-1].children.append(block)
            stack.append(block)
        elif line.name == "END":
            name = line.value.strip().upper()
            if not stack:
                raise Malformed(source, number, f"END:{name} without a matching BEGIN")
            if stack[-1].name != name:
                raise Malformed(
                    source, number, f"END:{name} where END:{stack[-1].name} (begun on line {stack[-1].line}) was due"
                )
            stack.pop()
        elif not stack:
            raise Malformed(
                source, number, f"{line.name} outside a VCALENDAR (the file must start with BEGIN:VCALENDAR)"
            )
        else:
            stack[-1].lines.append(line)
    if stack:
        raise Malformed(source, stack[-1].line, f"BEGIN:{stack[-1].name} is never closed by END:{stack[-1].name}")
    if not calendars:
        raise Malformed(source, 0, "holds no calendar (no BEGIN:VCALENDAR)")
    return calendars
