"""The March 2017 bulletin: the four event stories of the seed newsletter, in date order, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.domain.event import Event
from planner.domain.text import Lang
from planner.publish import bulletin_document
from planner.store import Store
from tests.helpers.cli import run
from tests.helpers.documents import md_headings, md_text, md_tokens, parse_html
from tests.helpers.store import MARCH, SHIPPED

DATES = {
    "es": [
        "martes 7 de marzo de 2017",
        "lunes 20 de marzo de 2017 – viernes 24 de marzo de 2017",
        "miércoles 29 de marzo de 2017",
        "jueves 30 de marzo de 2017",
    ],
    "en": [
        "Tuesday 7 March 2017",
        "Monday 20 March 2017 – Friday 24 March 2017",
        "Wednesday 29 March 2017",
        "Thursday 30 March 2017",
    ],
}
CONTENTS = {"es": "En este número", "en": "In this issue"}
QUOTED = {
    "iom-ucm-cooperation-agreement": ["Norberto Girón", "Dr. Diego Durán"],
    "ivlp-study-visit": ["Juan Carrasco", "Rodrigo Delgado", "Norberto Girón", "Daniel Jadue", "Jorge Triviño"],
    "asexma-annual-breakfast": ["Roberto Fantuzzi"],
    "lo-prado-round-table": [],
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    result = run("export", "bulletin", "--from", "2017-03-01", "--to", "2017-03-31", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.split()) == sorted(
        str(out / "bulletins" / f"2017-03-01_2017-03-31.{lang}.{fmt}")
        for lang in ("es", "en")
        for fmt in ("md", "html")
    )
    return out


def headlines(lang: Lang) -> list[str]:
    events = Store.load(SHIPPED).events
    found = []
    for event_id in MARCH:
        summary = events[event_id].summary
        assert summary is not None, f"{event_id} has no summary"
        found.append(summary.headline.get(lang))
    return found


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_html_bulletin_has_the_four_stories_in_date_order(written: Path, lang: Lang) -> None:
    doc = parse_html((written / "bulletins" / f"2017-03-01_2017-03-31.{lang}.html").read_text("utf-8"))
    assert doc.find("h1").text() == ("OIM Chile · Boletín" if lang == "es" else "IOM Chile · Bulletin")
    assert doc.find("p", "subtitle").text() == ("Marzo de 2017" if lang == "es" else "March 2017")
    stories = doc.find_all("article", "story")
    assert [s.attrs["id"] for s in stories] == list(MARCH)
    assert [s.find("h2").text() for s in stories] == headlines(lang)
    assert [s.find("p", "dateline").text().split(", ")[-1] for s in stories] == DATES[lang]
    toc = doc.find("nav", "toc")
    assert toc.find("h2").text() == CONTENTS[lang]
    assert [a.attrs["href"] for a in toc.find_all("a")] == [f"#{event_id}" for event_id in MARCH]
    assert [a.text() for a in toc.find_all("a")] == headlines(lang)
    for story, event_id in zip(stories, MARCH, strict=True):
        footers = [q.find("footer").text() for q in story.find_all("blockquote")]
        assert [f.removeprefix("— ").split(",")[0] for f in footers] == QUOTED[event_id]
    text = doc.text()
    assert "Lesly" not in text and "Haitian" not in text and "haitiano" not in text, "the return case is no event"
    if lang == "es":
        assert not doc.find_all("span", "fallback") and "[en]" not in text
        assert not doc.find_all("p", "legend")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_markdown_bulletin_has_the_four_stories_in_date_order(written: Path, lang: Lang) -> None:
    md = (written / "bulletins" / f"2017-03-01_2017-03-31.{lang}.md").read_text("utf-8")
    headings = md_headings(md_tokens(md))
    assert headings[0][0] == "h1"
    assert [text for tag, text in headings if tag == "h2"] == [CONTENTS[lang], *headlines(lang)]
    text = md_text(md)
    positions = [text.index(day) for day in DATES[lang]]
    assert positions == sorted(positions)
    if lang == "es":
        assert "[en]" not in text and "\\[en\\]" not in md


def test_a_missing_translation_falls_back_and_is_marked(store_path: Path) -> None:
    store = Store.load(store_path)
    event = store.events["asexma-annual-breakfast"]
    assert event.summary is not None
    lead = event.summary.lead.model_copy(update={"es": None})
    store.save(Event.model_validate({**dict(event), "summary": event.summary.model_copy(update={"lead": lead})}))
    store = Store.load(store_path)
    from datetime import date

    html = parse_html(bulletin_document(store, date(2017, 3, 1), date(2017, 3, 31), "es", "html"))
    marks = html.find_all("span", "fallback")
    assert [m.text() for m in marks] == ["[en]", "[en]"]  # the lead, and the legend explaining the mark
    lead_paragraph = html.by_id("asexma-annual-breakfast").find("div", "lead").find("p")
    assert lead_paragraph.attrs["lang"] == "en" and lead_paragraph.text().startswith("[en] The Annual Breakfast")
    assert "Texto no disponible en español; se muestra en inglés." in html.find("p", "legend").text()
    md = bulletin_document(store, date(2017, 3, 1), date(2017, 3, 31), "es", "md")
    assert "[en] The Annual Breakfast" in md_text(md)
    english = bulletin_document(store, date(2017, 3, 1), date(2017, 3, 31), "en", "md")
    assert "[es]" not in md_text(english) and "[en]" not in md_text(english)


def test_an_empty_period_says_so(tmp_path: Path) -> None:
    result = run(
        "export",
        "bulletin",
        "--from",
        "2016-01-01",
        "--to",
        "2016-01-31",
        "--lang",
        "en",
        "--format",
        "md",
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "bulletins" / "2016-01-01_2016-01-31.en.md").read_text("utf-8")
    assert "No summaries were published in this period." in text
