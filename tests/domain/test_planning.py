"""Planning rules: new events by kind, duplicates, deleting, inviting, participation history."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from planner.domain.event import Event
from planner.rules import planning
from planner.rules.history import municipality_history, person_history
from planner.store import Store
from tests.helpers.store import shipped_copy


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.load(shipped_copy(tmp_path))


def _march(store: Store) -> Event:
    event = store.events["lo-prado-round-table"]
    assert isinstance(event, Event)
    return event


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2017, 3, 30), date(2017, 4, 27)),  # the last Thursday gives the last Thursday
        (date(2017, 3, 7), date(2017, 4, 4)),  # the first Tuesday gives the first Tuesday
        (date(2017, 12, 14), date(2018, 1, 11)),  # the second Thursday, into the next year
        (date(2017, 1, 31), date(2017, 2, 28)),
    ],  # a fifth Tuesday gives the last
)
def test_same_weekday_next_month(day: date, expected: date) -> None:
    assert planning.same_weekday_next_month(day) == expected


def test_duplicate_keeps_the_plan_and_resets_the_rest(store: Store) -> None:
    march = _march(store)
    copy = planning.duplicate(march, "2017-04-27-lo-prado-round-table", planning.duplicate_start(march))
    assert copy.id != march.id and copy.status == "draft" and copy.sequence == 0
    assert copy.start.isoformat() == "2017-04-27T09:30:00-03:00" and copy.end.isoformat() == "2017-04-27T12:30:00-03:00"
    assert copy.minutes is None and copy.summary is None and copy.sent == () and copy.calendar_fingerprint is None
    assert copy.speakers == march.speakers and copy.guests == march.guests and copy.agenda == march.agenda
    assert [i.person for i in copy.invitations] == [i.person for i in march.invitations]
    assert {(i.answer, i.attendance) for i in copy.invitations} == {("needs-action", "unknown")}
    assert copy.created is None and copy.description is None and copy.assumed == ()


def test_duplicate_moves_a_study_visits_legs(store: Store) -> None:
    visit = store.events["ivlp-study-visit"]
    assert isinstance(visit, Event)
    copy = planning.duplicate(visit, "2018-03-19-ivlp-study-visit", datetime(2018, 3, 19, 11, 0))
    assert [leg.tz for leg in copy.legs] == [leg.tz for leg in visit.legs]
    assert copy.legs[0].start.isoformat() == "2018-03-19T09:00:00-05:00"  # Houston, moved by 364 days


def test_a_duplicate_into_a_clock_change_gap_is_refused(store: Store) -> None:
    march = _march(store)
    with pytest.raises(ValidationError):
        planning.duplicate(march, "x", datetime(2017, 8, 13, 0, 15))  # Santiago skips 00:00-01:00 that night


def test_new_round_table_defaults(store: Store) -> None:
    hosts = planning.host_labels(store.municipalities, store.organizations)
    event = planning.new_event(
        "round-table",
        event_id="2017-04-27-mesa",
        title={"es": "Mesa"},
        start=datetime(2017, 4, 27, 9, 30),
        end=None,
        tz="America/Santiago",
        host="lo-prado",
        programme=planning.default_programme(store.programmes),
        municipalities=planning.participating(store.municipalities),
        name_of=store.name_of,
        hosts=hosts,
    )
    assert event.end.hour == 12 and event.end.minute == 30  # three hours by default
    assert event.programme == "migrants-and-cities"
    assert "lo-prado" not in event.municipalities and len(event.municipalities) == 7
    assert [a.id for a in event.agenda] == ["welcome", "presentations", "round-table", "agreements", "close"]
    assert event.agenda[0].title.es == "Bienvenida de la Municipalidad de Lo Prado"
    assert [str(a.time) for a in event.agenda] == ["09:30:00", "09:45:00", "11:00:00", "12:05:00", "12:25:00"]


def test_new_agreement_signing_has_its_signatories() -> None:
    event = planning.new_event(
        "agreement-signing",
        event_id="x",
        title={"en": "Agreement"},
        start=datetime(2017, 6, 6, 11, 0),
        end=None,
        tz="America/Santiago",
        signatories=[("norberto-giron", "iom-chile"), ("diego-duran", None)],
    )
    assert [(s.person, s.organization) for s in event.signatories] == [
        ("norberto-giron", "iom-chile"),
        ("diego-duran", None),
    ]
    assert event.guests == () and event.agenda == ()


def test_delete_steps(store: Store) -> None:
    march = _march(store)
    assert planning.delete_step(march) == "cancel"  # done: participants have it in their calendars
    assert planning.delete_step(planning.cancelled(march)) == "remove"
    draft = march.model_copy(update={"status": "draft"})
    assert planning.delete_step(draft) == "remove"
    assert planning.ever_published(draft) is False


def test_new_ids_are_free_and_dated() -> None:
    taken = {"2017-04-27-mesa", "2017-04-27-mesa-2"}
    assert planning.new_event_id(taken.__contains__, date(2017, 4, 27), "Mesa") == "2017-04-27-mesa-3"
    assert planning.undated("2017-03-30-lo-prado-round-table") == "lo-prado-round-table"
    assert planning.numbered_id("d", ["d1", "d3"]) == "d2"
    assert planning.item_id("Welcome by the host", ["welcome-by-the-host"]) == "welcome-by-the-host-2"


def test_invite_participants_adds_speakers_once(store: Store) -> None:
    march = _march(store)
    bare = march.model_copy(update={"invitations": ()})
    invited = planning.invite_participants(bare)
    assert [i.person for i in invited.invitations] == ["fernando-cejudo", "felix-martinez", "branislav-marelic"]
    assert planning.invite_participants(invited) is invited


def test_participation_history(store: Store) -> None:
    events = list(store.events.values())
    history = person_history("fernando-cejudo", events)
    march = next(p for p in history if p.event.id == "lo-prado-round-table")
    assert "speaker" in march.roles and march.attendance == "present"
    lo_prado = municipality_history("lo-prado", events, store.people, date(2017, 5, 1))
    assert any(a.event.id == "lo-prado-round-table" and a.role == "host" for a in lo_prado.events)
    assert [p.id for p in lo_prado.people] == ["fernando-cejudo"]
