"""Guest delegates recorded by role only: their recorded attendance in the published minutes, both languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.domain.event import Event
from planner.publish import minutes_document
from planner.rules.attendance import record_delegation
from planner.store import Store

MARCH = "lo-prado-round-table"
SERIES = "monthly-round-table"


def _recorded(store_path: Path, event_id: str, day: date | None, states: dict[str, str]) -> Store:
    store = Store.load(store_path)
    event = store.events[event_id]
    assert isinstance(event, Event)
    for municipality, state in states.items():
        event = record_delegation(event, day, municipality, state)
    store.save(event)
    return Store.load(store_path)


def _row(document: str, name: str) -> str:
    return next(line for line in document.splitlines() if line.startswith(f"| {name}"))


def test_recorded_attendance_replaces_the_presumption_in_both_languages(store_path: Path) -> None:
    before = minutes_document(Store.load(store_path), MARCH, "en", "md")
    assert _row(before, "La Reina") == "| La Reina \\* | 1 | 1 | 1 | 0 | 0 |"  # presumed present
    store = _recorded(store_path, MARCH, None, {"la-reina": "excused", "quilicura": "present"})
    en = minutes_document(store, MARCH, "en", "md")
    es = minutes_document(store, MARCH, "es", "md")
    assert _row(en, "La Reina") == "| La Reina | 1 | 1 | 0 | 1 | 0 |"
    assert _row(en, "Quilicura") == "| Quilicura | 1 | 1 | 1 | 0 | 0 |"
    assert "### Delegates recorded by role only" in en
    assert "| La Reina | Representative of the Migration Office of La Reina | Excused absence |" in en
    assert "### Delegados registrados solo por su cargo" in es
    assert "| La Reina | Representante de la Oficina de Migración de La Reina | Ausencia justificada |" in es
    assert "| Quilicura | Representante de la Oficina de Migración de Quilicura | Asistió |" in es
    present = en.split("### Present", 1)[1].split("###", 1)[0]
    assert "Representative of the Migration Office of Quilicura" in present
    assert "Representative of the Migration Office of La Reina" not in present
    html = minutes_document(store, MARCH, "es", "html")
    assert '<tr class="attendance-excused"><td>La Reina</td>' in html


def test_an_occurrence_of_a_series_shows_its_own_recorded_attendance(store_path: Path) -> None:
    store = _recorded(store_path, SERIES, date(2017, 6, 1), {"la-reina": "absent"})
    june = minutes_document(store, SERIES, "en", "md", date(2017, 6, 1))
    assert _row(june, "La Reina") == "| La Reina | 1 | 1 | 0 | 0 | 1 |"
    assert "| La Reina | Representative of the Migration Office of La Reina | Did not attend |" in june
    july = minutes_document(store, SERIES, "en", "md", date(2017, 7, 6))
    assert "Delegates recorded by role only" not in july
