"""Field values as they go into documents: literal text, whatever characters they hold.

``Localized`` is a text in the requested language, or in the other one when it
is missing there (``fallback`` names that language, and the document marks it
``[en]`` or ``[es]``). The Markdown functions escape every Markdown special
character, so that a note starting with ``#``, a ``|`` in a table cell or a
``<script>`` tag stays text; the HTML ones escape through MarkupSafe.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from planner.domain.text import Lang


class Localized(str):
    """A text in one language; ``fallback`` is set when it is shown in the other one."""

    fallback: Lang | None

    def __new__(cls, text: str, fallback: Lang | None = None) -> Localized:
        value = super().__new__(cls, text)
        value.fallback = fallback
        return value

    def __html__(self) -> Markup:
        # What autoescaping calls: the text escaped, with its mark when it is a fallback.
        return mark_html(self) + escape(str(self))


def fallback_of(value: object) -> Lang | None:
    return value.fallback if isinstance(value, Localized) else None


def mark_html(value: object) -> Markup:
    lang = fallback_of(value)
    if lang is None:
        return Markup("")
    return Markup('<span class="fallback" lang="{0}">[{0}]</span> ').format(lang)


def mark_md(value: object) -> str:
    lang = fallback_of(value)
    return f"*\\[{lang}\\]* " if lang else ""


# Markdown

_ALWAYS = re.compile(r"([\\`*_\[\]<>|$~])")
"""Characters that are special wherever they stand (emphasis, links, HTML, tables, math, code)."""
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(#|\+(?=\s|$)|-|=|\d{1,9}(?=[.)](?:\s|$)))")
"""What opens a block at the start of a line: headings, list items, rules and setext underlines."""
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def md_line(text: str) -> str:
    """One line of literal text as Markdown: nothing in it can open a block or an inline element."""
    text = text.strip()
    text = _ALWAYS.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    ordered = _ORDERED.match(text)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{text[ordered.end() :]}"
    return _LINE_START.sub(r"\\\1", text)


def md_inline(value: object) -> Markup:
    """Literal text on one line (a table cell, a list item): line breaks become spaces."""
    text = " ".join(str(value).split())
    return Markup(mark_md(value) + md_line(text))


def md_block(value: object, indent: int = 0) -> Markup:
    """Literal text keeping its paragraphs and line breaks; ``indent`` continues a list item."""
    if isinstance(value, Markup):
        return value
    pad = " " * indent
    paragraphs = [p for p in re.split(r"\n\s*\n", str(value).strip()) if p.strip()]
    rendered = []
    for paragraph in paragraphs:
        lines = [md_line(line) for line in paragraph.split("\n") if line.strip()]
        # A backslash at the end of a line is CommonMark's hard line break.
        rendered.append(("\\\n" + pad).join(lines))
    return Markup(mark_md(value) + ("\n\n" + pad).join(rendered))


def md_quote(value: object) -> Markup:
    """Literal text as a block quote: every line, blank ones included, opens with ``>``."""
    lines = str(md_block(value)).split("\n")
    return Markup("\n".join(f"> {line}" if line else ">" for line in lines))


def md_finalize(value: object) -> object:
    """Every ``{{ value }}`` of a Markdown template goes through here: literal text, escaped."""
    if value is None or isinstance(value, Markup):
        return value if value is not None else ""
    if isinstance(value, (int, float)):
        return str(value)
    return md_block(value)


_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def md_anchor(text: object) -> Markup:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return Markup(_SLUG_DROP.sub("", str(text).strip().lower()).replace(" ", "-"))


# HTML


def html_paragraphs(value: object) -> Markup:
    """Literal text as ``<p>`` paragraphs, line breaks kept; the mark goes in the first one."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(value).strip()) if p.strip()]
    lang = fallback_of(value)
    attribute = Markup(' lang="{}"').format(lang) if lang else Markup("")
    out = []
    for number, paragraph in enumerate(paragraphs):
        lines = Markup("<br>\n").join(escape(line.strip()) for line in paragraph.split("\n") if line.strip())
        mark = mark_html(value) if number == 0 else Markup("")
        out.append(Markup("<p{}>{}{}</p>").format(attribute, mark, lines))
    return Markup("\n").join(out)


def css_string(value: object) -> Markup:
    """A CSS string literal (for ``@page`` running headers): only letters, digits and spaces stay as they are."""
    # A hex escape ends at the space after it, which CSS consumes: the text's own spaces survive.
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(value))
    return Markup(f'"{escaped}"')
