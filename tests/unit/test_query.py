"""Event rows, the filters of ``planner list``, and resolving names typed by a coordinator."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from planner.domain.event import Event
from planner.rules.query import EventFilter, EventRow, event_row, resolve, select
from tests.helpers.records import make_event, make_municipality, make_organization, make_person, make_programme


def rows() -> dict[str, EventRow]:
    events = [
        # Spans 30 March to 2 April.
        make_event(
            id="visita",
            kind="study-visit",
            status="confirmed",
            start=datetime(2017, 3, 30, 9, 0),
            end=datetime(2017, 4, 2, 18, 0),
            host="oim-chile",
            guests=[{"municipality": "quilicura", "delegates": [{"person": "marta"}]}],
        ),
        make_event(
            id="mesa",
            kind="round-table",
            status="done",
            start=datetime(2017, 3, 28, 9, 30),
            end=datetime(2017, 3, 28, 12, 0),
            host="penalolen",
            speakers=[{"person": "ana"}],
        ),
        make_event(
            id="taller",
            kind="workshop",
            status="confirmed",
            start=datetime(2017, 4, 5, 10, 0),
            end=datetime(2017, 4, 5, 13, 0),
            guests=[{"municipality": "penalolen"}],
            invitations=[{"person": "luis"}],
            agenda=[{"title": {"es": "Cierre"}, "speaker": "sofia"}],
        ),
    ]
    return {e.id: event_row(e, Path(f"{e.id}.toml")) for e in events}


def ids(wanted: EventFilter) -> list[str]:
    return [r.id for r in select(rows().values(), wanted)]


def test_no_filter_lists_every_event_by_start() -> None:
    assert ids(EventFilter()) == ["mesa", "visita", "taller"]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2017, 4, 2), None, ["visita", "taller"]),  # the visit's last day counts
        (date(2017, 4, 3), None, ["taller"]),
        (None, date(2017, 3, 30), ["mesa", "visita"]),  # the visit's first day counts
        (None, date(2017, 3, 29), ["mesa"]),
        (date(2017, 3, 31), date(2017, 4, 1), ["visita"]),  # inside a long event
        (date(2017, 3, 29), date(2017, 3, 31), ["visita"]),  # across its start
        (date(2017, 4, 1), date(2017, 4, 4), ["visita"]),  # across its end
        (date(2017, 3, 28), date(2017, 3, 28), ["mesa"]),  # one day, inclusive on both ends
        (date(2017, 4, 6), date(2017, 4, 30), []),
    ],
)
def test_dates_select_events_that_touch_the_range(first: date | None, last: date | None, expected: list[str]) -> None:
    assert ids(EventFilter(first=first, last=last)) == expected


def test_dates_are_the_events_own_local_dates() -> None:
    # 23:00 on 30 March in Santiago is already 31 March in UTC.
    late = make_event(start=datetime(2017, 3, 30, 21, 0), end=datetime(2017, 3, 30, 23, 0))
    row = event_row(late, None)
    assert row.overlaps(date(2017, 3, 30), date(2017, 3, 30))
    assert not row.overlaps(date(2017, 3, 31), None)


def test_kind_and_status() -> None:
    assert ids(EventFilter(kind="workshop")) == ["taller"]
    assert ids(EventFilter(status="confirmed")) == ["visita", "taller"]
    assert ids(EventFilter(kind="round-table", status="confirmed")) == []


def test_municipality_matches_host_or_guest() -> None:
    assert ids(EventFilter(municipality="penalolen")) == ["mesa", "taller"]
    assert ids(EventFilter(municipality="quilicura")) == ["visita"]
    assert ids(EventFilter(municipality="oim-chile")) == ["visita"]
    assert ids(EventFilter(municipality="maipu")) == []


@pytest.mark.parametrize(
    ("person", "expected"),
    [("ana", ["mesa"]), ("marta", ["visita"]), ("luis", ["taller"]), ("sofia", ["taller"]), ("nadie", [])],
)
def test_person_matches_anyone_the_event_names(person: str, expected: list[str]) -> None:
    assert ids(EventFilter(person=person)) == expected


def test_filters_combine() -> None:
    assert ids(EventFilter(first=date(2017, 4, 1), municipality="penalolen", status="confirmed")) == ["taller"]


def test_a_row_holds_what_listing_needs() -> None:
    visit = Event.model_validate(
        {
            "id": "v",
            "title": {"en": "Visit"},
            "kind": "study-visit",
            "start": datetime(2017, 6, 1, 8, 0),
            "end": datetime(2017, 6, 10, 20, 0),
            "tz": "America/Santiago",
            "speakers": [{"person": "ana"}, {"person": "ana", "topic": {"es": "Otro"}}],
            "legs": [
                {
                    "id": "madrid",
                    "city": "Madrid",
                    "tz": "Europe/Madrid",
                    "start": datetime(2017, 6, 2, 9),
                    "end": datetime(2017, 6, 3, 9),
                }
            ],
        }
    )
    row = event_row(visit, Path("v.toml"))
    assert (row.title("es"), row.title("en")) == ("Visit", "Visit")
    assert row.speakers == ("ana",)
    assert row.tz == "America/Santiago"
    assert row.start == visit.start
    (leg,) = row.legs
    assert (leg.id, leg.city, leg.tz) == ("madrid", "Madrid", "Europe/Madrid")
    assert leg.start.tzinfo is not None and leg.start.tzinfo.key == "Europe/Madrid"  # type: ignore[attr-defined]


# Resolving names


@pytest.mark.parametrize("typed", ["penalolen", "Peñalolén", "PEÑALOLÉN", "peñalolen", "  Penalolén "])
def test_resolve_ignores_case_and_accents(typed: str) -> None:
    records = [make_municipality("m-1", "Peñalolén"), make_municipality("m-2", "Quilicura")]
    assert [r.id for r in resolve(records, typed)] == ["m-1"]


def test_resolve_prefers_an_exact_id() -> None:
    records = [make_municipality("penalolen", "Peñalolén"), make_person("other", "penalolen")]
    assert [r.id for r in resolve(records, "penalolen")] == ["penalolen"]


def test_resolve_returns_every_record_of_that_name() -> None:
    records = [make_person("ana-1", "Ana Pérez"), make_person("ana-2", "Ana Perez"), make_person("luis", "Luis")]
    assert [r.id for r in resolve(records, "ana perez")] == ["ana-1", "ana-2"]


def test_resolve_matches_names_in_either_language_and_short_names() -> None:
    programme = make_programme(name={"es": "Migrantes y Ciudades", "en": "Migrants and Cities"})
    organization = make_organization(short_name="OIM")
    assert resolve([programme], "migrants and cities") == [programme]
    assert resolve([programme], "MIGRANTES Y CIUDADES") == [programme]
    assert resolve([organization], "oim") == [organization]
    assert resolve([organization], "oim chile") == [organization]


def test_resolve_matches_whole_names_only() -> None:
    assert resolve([make_municipality()], "penal") == []
    assert resolve([make_municipality()], "") == []
