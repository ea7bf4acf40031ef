"""Open actions carry over to the next meeting of a series; ``planner actions`` lists and filters them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.domain.event import Event
from planner.rules.followup import all_actions, pending_from_previous
from planner.store import Store
from tests.helpers.cli import run
from tests.helpers.documents import md_tables, md_text, md_tokens, parse_html, table_rows

SERIES = "carry-over-round-table"
KNOWN = {"share-presentations", "map-offices", "send-agenda", "health-survey"}
"""The shipped round table's action and this test's series' actions; other events' actions are not counted."""
FIRST, SECOND, THIRD = date(2017, 4, 6), date(2017, 5, 4), date(2017, 6, 1)


def _minutes(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"status": "draft", "actions": list(actions)}


def _action(ident: str, text: str, **fields: Any) -> dict[str, Any]:
    return {"id": ident, "text": {"es": f"{text} (es)", "en": f"{text} (en)"}, **fields}


def add_series(store_path: Path) -> Store:
    """A monthly round table on the first Thursday, three meetings, each with minutes."""
    store = Store.load(store_path)
    series = Event.model_validate(
        {
            "id": SERIES,
            "title": {"es": "Mesa intermunicipal mensual", "en": "Monthly inter-municipal round table"},
            "kind": "round-table",
            "programme": "migrants-and-cities",
            "status": "confirmed",
            "start": "2017-04-06T09:30:00",
            "end": "2017-04-06T12:00:00",
            "tz": "America/Santiago",
            "host": "lo-prado",
            "recurrence": {"freq": "monthly", "byday": ["1TH"], "count": 3},
            "occurrences": {
                FIRST.isoformat(): {
                    "minutes": _minutes(
                        _action(
                            "map-offices",
                            "Map the Migration Offices",
                            owner="fernando-cejudo",
                            municipality="lo-prado",
                            due="2017-04-20",
                        ),
                        _action(
                            "send-agenda", "Send the agenda", owner="fernando-cejudo", due="2017-04-10", status="done"
                        ),
                    )
                },
                SECOND.isoformat(): {
                    "minutes": _minutes(
                        _action(
                            "health-survey", "Survey migrant health services", municipality="la-reina", due="2999-01-01"
                        ),
                    )
                },
                THIRD.isoformat(): {"minutes": _minutes()},
            },
        },
        context={"home_tz": "America/Santiago"},
    )
    store.save(series)
    return Store.load(store_path)


def test_open_actions_of_earlier_meetings_are_pending_in_the_next(store_path: Path) -> None:
    store = add_series(store_path)
    event = store.events[SERIES]
    today = date(2017, 6, 1)
    assert pending_from_previous(event, FIRST, today) == []
    assert [row.action.id for row in pending_from_previous(event, SECOND, today)] == ["map-offices"]
    third = pending_from_previous(event, THIRD, today)
    assert [(row.meeting, row.action.id) for row in third] == [(FIRST, "map-offices"), (SECOND, "health-survey")]
    assert [row.overdue for row in third] == [True, False]
    # A single event has no earlier meetings.
    assert pending_from_previous(store.events["lo-prado-round-table"], date(2017, 3, 30), today) == []


def test_the_next_meetings_minutes_show_what_is_pending(store_path: Path, tmp_path: Path) -> None:
    add_series(store_path)
    out = tmp_path / "out"
    result = run(
        "export",
        "minutes",
        SERIES,
        "--occurrence",
        THIRD.isoformat(),
        "--lang",
        "en",
        "--store",
        str(store_path),
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    md = (out / "minutes" / f"{SERIES}.{THIRD.isoformat()}.en.md").read_text(encoding="utf-8")
    assert "## Pending from previous meetings" in md
    pending = md_tables(md_tokens(md))[-1]
    assert pending[0] == ["Meeting", "Action", "Owner", "Municipality", "Due"]
    assert [row[:2] for row in pending[1:]] == [
        ["6 Apr 2017", "Map the Migration Offices (en)"],
        ["4 May 2017", "Survey migrant health services (en)"],
    ]
    assert "Send the agenda" not in md_text(md), "a done action does not carry over"
    html = parse_html((out / "minutes" / f"{SERIES}.{THIRD.isoformat()}.en.html").read_text(encoding="utf-8"))
    rows = table_rows(html.find("table", "pending"))
    assert [row[1] for row in rows[1:]] == ["Map the Migration Offices (en)", "Survey migrant health services (en)"]
    assert "Thursday 1 June 2017" in html.text()

    result = run(
        "export",
        "minutes",
        SERIES,
        "--occurrence",
        FIRST.isoformat(),
        "--lang",
        "es",
        "--format",
        "md",
        "--store",
        str(store_path),
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    first = (out / "minutes" / f"{SERIES}.{FIRST.isoformat()}.es.md").read_text(encoding="utf-8")
    assert "No hay compromisos pendientes de reuniones anteriores." in first


def _listed(store_path: Path, *options: str) -> dict[str, str]:
    """The action ids ``planner actions`` lists, each with its line."""
    result = run("actions", "--store", str(store_path), *options)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    if lines == ["no action items match"]:
        return {}
    header, *rows, total = lines
    assert header.split()[:4] == ["EVENT", "MEETING", "ID", "STATUS"]
    assert total.startswith(f"{len(rows)} action item")
    return {line.split()[2]: line for line in rows}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), {"share-presentations", "map-offices", "send-agenda", "health-survey"}),
        (("--open",), {"share-presentations", "map-offices", "health-survey"}),
        (("--owner", "Fernando Cejudo"), {"map-offices", "send-agenda"}),
        (("--owner", "felix-martinez"), {"share-presentations"}),
        (("--municipality", "La Reina"), {"health-survey"}),
        (("--municipality", "lo-prado", "--open"), {"map-offices"}),
        (("--overdue",), {"share-presentations", "map-offices"}),
        (("--overdue", "--municipality", "la-reina"), set()),
    ],
)
def test_planner_actions_filters(store_path: Path, options: tuple[str, ...], expected: set[str]) -> None:
    add_series(store_path)
    assert set(_listed(store_path, *options)) & KNOWN == expected


def test_planner_actions_flags_overdue_items_and_names_their_meeting(store_path: Path) -> None:
    add_series(store_path)
    rows = _listed(store_path)
    assert rows["map-offices"].split()[:5] == [SERIES, "2017-04-06", "map-offices", "OVERDUE", "2017-04-20"]
    assert rows["health-survey"].split()[3] == "open"
    assert rows["send-agenda"].split()[3] == "done"
    assert "Fernando Cejudo" in rows["map-offices"] and "Lo Prado" in rows["map-offices"]
    store = Store.load(store_path)
    meetings = [row.meeting for row in all_actions(store.events.values(), date(2017, 6, 1))]
    assert meetings == sorted(meetings)


def test_an_unknown_owner_is_a_one_line_error(store_path: Path) -> None:
    result = run("actions", "--store", str(store_path), "--owner", "Nobody Known")
    assert result.returncode == 1
    assert result.stderr.startswith("planner: no person matches") and len(result.stderr.splitlines()) == 1
