"""The minutes of the Lo Prado round table, in both languages, as a person would read them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypedDict

import pytest

from planner.publish import minutes_document
from planner.store import Store
from tests.helpers.cli import run
from tests.helpers.documents import css_unescape, md_headings, md_tables, md_tokens, parse_html, table_rows
from tests.helpers.store import ROUND_TABLE

GUESTS = ("La Reina", "Quilicura", "Estación Central", "Peñalolén", "Maipú", "Quinta Normal")


class Expected(TypedDict):
    """What a reader finds in the minutes in one language."""

    title: str
    date: str
    sections: list[str]
    attendance: list[str]
    decision: str
    action: list[str]
    status: str
    running: str
    page: str


EXPECTED: dict[str, Expected] = {
    "es": {
        "title": "Mesa intermunicipal sobre migración en Lo Prado",
        "date": "jueves 30 de marzo de 2017",
        "sections": [
            "Asistencia",
            "Orden del día",
            "Temas tratados",
            "Desarrollo de la sesión",
            "Acuerdos",
            "Compromisos",
            "Estado del acta",
        ],
        "attendance": [
            "Municipalidad u organización",
            "Invitados",
            "Respondieron",
            "Presentes",
            "Excusados",
            "Ausentes",
        ],
        "decision": "Mantener la mesa intermunicipal como espacio de trabajo colaborativo",
        "action": [
            "1",
            "Enviar a las Oficinas de Migración participantes las presentaciones de la jornada.",
            "Félix Martínez",
            "—",
            "7 abr 2017",
            "Pendiente",
        ],
        "status": "Aprobada",
        "running": "Acta · Mesa intermunicipal sobre migración en Lo Prado",
        "page": "Página ",
    },
    "en": {
        "title": "Inter-municipal round table on migration in Lo Prado",
        "date": "Thursday 30 March 2017",
        "sections": [
            "Attendance",
            "Agenda",
            "Themes discussed",
            "Proceedings",
            "Decisions",
            "Action items",
            "Minutes status",
        ],
        "attendance": ["Municipality or organization", "Invited", "Replied", "Present", "Excused", "Absent"],
        "decision": "To keep the inter-municipal round table as a space for collaborative work",
        "action": [
            "1",
            "Send the day's presentations to the participating Migration Offices.",
            "Félix Martínez",
            "—",
            "7 Apr 2017",
            "Open",
        ],
        "status": "Approved",
        "running": "Minutes · Inter-municipal round table on migration in Lo Prado",
        "page": "Page ",
    },
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``planner export minutes`` run once per language, on the shipped store, into a temporary folder."""
    out = tmp_path_factory.mktemp("exports")
    for lang in ("es", "en"):
        result = run("export", "minutes", ROUND_TABLE, "--lang", lang, "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [
            str(out / "minutes" / f"{ROUND_TABLE}.{lang}.md"),
            str(out / "minutes" / f"{ROUND_TABLE}.{lang}.html"),
        ]
    return out


@pytest.mark.parametrize("lang", ["es", "en"])
def test_html_minutes_are_an_official_document(written: Path, lang: str) -> None:
    want = EXPECTED[lang]
    html = (written / "minutes" / f"{ROUND_TABLE}.{lang}.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    doc = parse_html(html)
    assert doc.find("html").attrs["lang"] == lang
    assert [h.text() for h in doc.find_all("h1")] == [want["title"]]
    assert [h.text() for h in doc.find_all("h2")] == want["sections"]
    facts = dict(row for row in table_rows(doc.find("table", "facts")) if len(row) == 2)
    assert want["date"] in facts.values()
    assert "09:30–12:30" in facts.values()
    assert want["status"] in facts.values()

    # Attendance by municipality: the host, the six guests (role-only delegates counted present), the organizations.
    rows = table_rows(doc.find("table", "attendance"))
    assert rows[0] == want["attendance"]
    by_name = {row[0].rstrip(" *"): row[1:] for row in rows[1:]}
    assert by_name["Lo Prado"] == ["1", "1", "1", "0", "0"]
    for guest in GUESTS:
        assert by_name[guest] == ["1", "1", "1", "0", "0"], guest
    assert by_name["OIM Chile" if lang == "es" else "IOM Chile"] == ["1", "1", "1", "0", "0"]
    assert by_name["INDH"] == ["1", "1", "1", "0", "0"]
    assert rows[-1][1:] == ["9", "9", "9", "0", "0"]
    assert [row[0] for row in rows[1:8]] == ["Lo Prado", *(f"{g} *" for g in GUESTS)]

    decisions = doc.find("ol", "decisions").find_all("li")
    assert len(decisions) == 1
    assert decisions[0].attrs["id"] == "decision-continue-round-table"
    assert decisions[0].text().startswith(want["decision"])

    actions = table_rows(doc.find("table", "actions"))
    assert len(actions) == 2
    assert actions[1] == want["action"]

    history = table_rows(doc.find("table", "history"))
    assert [row[0] for row in history[1:]] == (
        ["Circulada", "Aprobada"] if lang == "es" else ["Circulated", "Approved"]
    )
    assert not doc.find_all("p", "banner"), "approved minutes carry no draft banner"
    assert not doc.find_all("span", "fallback"), "every text of these minutes exists in both languages"

    # Print: A4, margins, a running header naming the event, page numbers, as Chromium prints them.
    style = doc.find("style").text()
    page = re.search(r"@page \{(.*?)\n\}", css_unescape(doc.find("style").children[0]), re.S)
    assert page is not None
    rules = page.group(1)
    assert "size: A4;" in rules
    assert re.search(r"margin: \d+mm \d+mm \d+mm \d+mm;", rules)
    assert re.search(r"@top-right \{ content: \"" + re.escape(want["running"]) + '"', rules)
    assert re.search(r"@bottom-right \{ content: \"" + re.escape(want["page"]) + r"\" counter\(page\)", rules)
    assert "counter(pages)" in rules
    assert "@page :first" in style


@pytest.mark.parametrize("lang", ["es", "en"])
def test_markdown_minutes_have_the_structure_github_renders(written: Path, lang: str) -> None:
    want = EXPECTED[lang]
    text = (written / "minutes" / f"{ROUND_TABLE}.{lang}.md").read_text(encoding="utf-8")
    tokens = md_tokens(text)
    headings = md_headings(tokens)
    assert [t for tag, t in headings if tag == "h1"] == [want["title"]]
    assert [t for tag, t in headings if tag == "h2"] == want["sections"]
    notes = [t for tag, t in headings if tag == "h3"]
    assert any("La Oficina de Migración de Lo Prado" in t or "Lo Prado's Migration Office" in t for t in notes)
    assert not any(t.type.startswith("html") for t in tokens), "no raw HTML in the Markdown"

    attendance, agenda, actions, history = md_tables(tokens)
    assert attendance[0] == want["attendance"]
    assert len(attendance) == 1 + 9 + 1  # header, the host, six guests, two organizations, the total
    assert all(len(row) == 6 for row in attendance)
    assert attendance[-1][1:] == ["**9**", "**9**", "**9**", "**0**", "**0**"]
    assert len(agenda) == 1 + 7
    assert [cell.replace("\\", "") for cell in actions[1]] == want["action"]
    assert len(history) == 3

    ordered = [t for t in tokens if t.type == "ordered_list_open"]
    assert len(ordered) == 1
    items = [tokens[n + 2].content for n, t in enumerate(tokens) if t.type == "list_item_open"]
    assert any(item.startswith(want["decision"]) for item in items)
    assert want["date"] in text


def test_minutes_of_an_event_in_another_zone_name_that_zone(store_path: Path) -> None:
    store = Store.load(store_path)
    event = store.events[ROUND_TABLE]
    moved = event.model_validate(
        {**dict(event), "tz": "Europe/Madrid", "start": "2017-03-30T09:30:00", "end": "2017-03-30T12:30:00"}
    )
    store.save(moved)
    es = minutes_document(Store.load(store_path), ROUND_TABLE, "es", "md")
    en = minutes_document(Store.load(store_path), ROUND_TABLE, "en", "md")
    assert "09:30–12:30, hora de España (Madrid)" in es
    assert "09:30–12:30, Spain (Madrid) Time" in en
