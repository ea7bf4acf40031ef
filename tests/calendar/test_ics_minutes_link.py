"""Calendar entries link to the published minutes once they are approved and the store says where exports live."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.ics import export, parse, vevents
from tests.helpers.store import shipped_copy

ROUND_TABLE = "lo-prado-round-table"
URL = "https://programa.example.org/exports"


def _descriptions(out: Path, lang: str) -> dict[str, str]:
    feed = parse(out / "calendar" / f"programme.{lang}.ics")
    return {str(e["UID"]): str(e.get("DESCRIPTION", "")) for e in vevents(feed)}


def test_approved_minutes_are_linked_in_both_languages(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    settings = store / "planner.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + f'publish_url = "{URL}/"\n', encoding="utf-8")
    export(store, tmp_path / "out")
    for lang, label in (("es", "Acta"), ("en", "Minutes")):
        descriptions = _descriptions(tmp_path / "out", lang)
        linked = [d for uid, d in descriptions.items() if uid.startswith(ROUND_TABLE)]
        assert linked and all(f"{label}: {URL}/minutes/{ROUND_TABLE}.{lang}.html" in d for d in linked)
        # Events without approved minutes get no link.
        others = [d for uid, d in descriptions.items() if not uid.startswith(ROUND_TABLE)]
        assert others and not any("/minutes/" in d for d in others)


def test_no_link_without_a_publish_url(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    export(store, tmp_path / "out")
    assert not any("/minutes/" in d for d in _descriptions(tmp_path / "out", "en").values())


def test_a_publish_url_that_is_not_a_web_address_is_refused(tmp_path: Path) -> None:
    from planner.store import Store

    store = shipped_copy(tmp_path)
    settings = store / "planner.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + 'publish_url = "javascript:alert(1)"\n')
    problems = [str(p) for p in Store.load(store).problems]
    assert any("publish_url" in p and "is not a web address" in p for p in problems)
