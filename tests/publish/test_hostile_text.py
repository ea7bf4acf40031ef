"""HTML and Markdown special characters in any field are text, in every document and format."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.event import Event
from planner.domain.records import Person
from planner.publish import Format, bulletin_document, minutes_document, summary_document
from planner.store import Store
from tests.helpers.documents import md_headings, md_tables, md_text, md_tokens, parse_html
from tests.helpers.store import ROUND_TABLE

NOTE = "# Not a heading\n| not | a | table |\n<script>alert('note')</script> & &amp; <b>bold</b>"
DECISION = "- not a list item *not emphasis* [not a link](https://example.org) `not code` $x$"
ACTION = "pipe | in a cell\n# and a second line <script>alert('action')</script>"
QUOTE = "</blockquote><script>alert('quote')</script>\n> not a nested quote\n1. not a list"
TITLE = "Mesa </style><script>alert('title')</script> | # 1. *x*"
HEADLINE = "# Headline <img src=x onerror=alert(1)> | [link](javascript:alert(1))"
NAME = "Ana <i>Pérez</i> | *_x_* \\ `y`"

LITERALS = [NOTE, DECISION, ACTION, QUOTE, TITLE, HEADLINE, NAME]


def both(text: str) -> dict[str, str]:
    return {"es": text, "en": text}


@pytest.fixture
def hostile(store_path: Path) -> Store:
    store = Store.load(store_path)
    store.save(Person.model_validate({"id": "ana-perez", "name": NAME, "municipality": "lo-prado"}))
    event = store.events[ROUND_TABLE]
    minutes = {
        "status": "draft",
        "notes": [{"item": "round-table", "notes": both(NOTE)}],
        "decisions": [{"id": "d1", "text": both(DECISION)}],
        "actions": [{"id": "a1", "text": both(ACTION), "owner": "ana-perez", "municipality": "lo-prado"}],
    }
    store.save(
        Event.model_validate(
            {
                **dict(event),
                "title": both(TITLE),
                "minutes": minutes,
                "summary": {"headline": both(HEADLINE), "lead": both(NOTE), "body": both(DECISION)},
                "quotes": [{"person": "ana-perez", "text": both(QUOTE)}, {"name": NAME, "text": both(ACTION)}],
                "invitations": [
                    *event.invitations,
                    {"person": "ana-perez", "answer": "accepted", "attendance": "present"},
                ],
            }
        )
    )
    return Store.load(store_path)


def documents(store: Store, fmt: Format) -> dict[str, str]:
    from datetime import date

    return {
        "minutes": minutes_document(store, ROUND_TABLE, "en", fmt),
        "summary": summary_document(store, ROUND_TABLE, "en", fmt),
        "bulletin": bulletin_document(store, date(2017, 3, 1), date(2017, 3, 31), "en", fmt),
    }


def flat(text: str) -> str:
    return " ".join(text.split())


def test_html_keeps_every_special_character_as_text(hostile: Store) -> None:
    for kind, html in documents(hostile, "html").items():
        doc = parse_html(html)
        tags = {node.tag for node in doc.iter()}
        assert not tags & {"script", "img", "b", "i"}, kind
        assert len(doc.find_all("style")) == 1
        if kind == "summary":
            assert len(doc.find_all("blockquote")) == 2, "a quote cannot close its blockquote"
        assert not any((n.attrs.get("href") or "").startswith("javascript") for n in doc.find_all("a"))
        text = doc.text()
        wanted = {
            "minutes": [NOTE, DECISION, ACTION, TITLE, NAME],
            "summary": [NOTE, DECISION, QUOTE, HEADLINE, NAME],
            "bulletin": [NOTE, QUOTE, HEADLINE, NAME],
        }[kind]
        for literal in wanted:
            assert flat(literal) in text, (kind, literal)
    minutes = parse_html(documents(hostile, "html")["minutes"])
    # The title in the running header is a CSS string that cannot close the stylesheet.
    assert "</style>" not in minutes.find("style").children[0]
    assert minutes.find("title").text() == f"Minutes: {TITLE}"


def test_markdown_keeps_every_special_character_as_text(hostile: Store) -> None:
    for kind, md in documents(hostile, "md").items():
        tokens = md_tokens(md)
        assert not [t for t in tokens if t.type.startswith("html")], kind
        assert not [t for t in tokens if t.type == "code_block" or t.type == "fence"], kind
        for tag, text in md_headings(tokens):
            assert not text.startswith(("Not a heading", "and a second line")), (kind, tag, text)
        for table in md_tables(tokens):
            assert len({len(row) for row in table}) == 1, (kind, table)
        inline = [child for t in tokens if t.children for child in t.children]
        assert not [c for c in inline if c.type in ("image", "code_inline", "html_inline")], kind
        # The only links are the bulletin's table of contents, to its own headings.
        links = [str(c.attrs["href"]) for c in inline if c.type == "link_open"]
        assert all(href.startswith("#") for href in links), (kind, links)
        assert len(links) == (4 if kind == "bulletin" else 0)
        text = md_text(md)
        wanted = {
            "minutes": [NOTE, DECISION, ACTION, TITLE, NAME],
            "summary": [NOTE, DECISION, QUOTE, HEADLINE, NAME],
            "bulletin": [NOTE, QUOTE, HEADLINE, NAME],
        }[kind]
        for literal in wanted:
            assert flat(literal) in text, (kind, literal)

    minutes = md_tokens(documents(hostile, "md")["minutes"])
    assert [t.type for t in minutes].count("ordered_list_open") == 1
    assert [t.type for t in minutes].count("blockquote_open") == 1  # the draft banner, no quote from the text
    headings = [text for _, text in md_headings(minutes)]
    assert headings[0].replace("\\", "") == TITLE
    actions = next(t for t in md_tables(minutes) if t[0][:2] == ["No.", "Action"])
    assert len(actions) == 2 and len(actions[1]) == 6


def test_summary_quotes_stay_one_quote_each(hostile: Store) -> None:
    tokens = md_tokens(documents(hostile, "md")["summary"])
    depth, deepest, quotes = 0, 0, 0
    for token in tokens:
        if token.type == "blockquote_open":
            depth += 1
            quotes += depth == 1
            deepest = max(deepest, depth)
        elif token.type == "blockquote_close":
            depth -= 1
    assert (quotes, deepest) == (2, 1)
