"""Reading the documents the planner writes: HTML into a small tree, Markdown into tokens as GitHub renders it.

Both parsers are strict where a browser is lenient: an element closed out of
order fails the test, so that a document that only renders by luck is caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

# HTML, parsed with the standard library's parser into a small tree.


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Any] = field(default_factory=list)
    """Nodes and strings, in document order."""

    def text(self) -> str:
        parts = [c.text() if isinstance(c, Node) else c for c in self.children]
        return " ".join("".join(parts).split())

    def iter(self) -> list[Node]:
        found = [self]
        for child in self.children:
            if isinstance(child, Node):
                found += child.iter()
        return found

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in (n.attrs.get("class") or "").split())]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]

    def by_id(self, ident: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
        return found[0]


_VOID = {"meta", "br", "img", "link", "hr", "input"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        assert tag not in _VOID
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    """The document as a tree; every element must be closed where it was opened."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements: " + ", ".join(n.tag for n in builder.stack[1:])
    return builder.root


def table_rows(table: Node) -> list[list[str]]:
    """Each row's cells' text, header rows included."""
    return [[cell.text() for cell in row.children if isinstance(cell, Node)] for row in table.find_all("tr")]


def css_unescape(text: str) -> str:
    return re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), text)


# Markdown, parsed with markdown-it-py: CommonMark plus GitHub's tables.

MARKDOWN = MarkdownIt("commonmark").enable("table")


def md_tokens(text: str) -> list[Token]:
    return MARKDOWN.parse(text)


def md_headings(tokens: list[Token]) -> list[tuple[str, str]]:
    """``(tag, text)`` of every heading, in order."""
    return [(token.tag, tokens[n + 1].content) for n, token in enumerate(tokens) if token.type == "heading_open"]


def md_tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cells' inline source."""
    tables: list[list[list[str]]] = []
    row: list[str] | None = None
    for n, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open") and row is not None:
            row.append(tokens[n + 1].content if tokens[n + 1].type == "inline" else "")
        elif token.type == "tr_close" and row is not None:
            tables[-1].append(row)
            row = None
    return tables


def md_text(text: str) -> str:
    """What a reader sees of rendered Markdown, whitespace collapsed."""
    return parse_html("<div>" + MARKDOWN.render(text) + "</div>").text()
