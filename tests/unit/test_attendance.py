"""Attendance of one meeting: a series' occurrences, and guest delegates recorded by role only."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from planner.domain.event import Event
from planner.domain.minutes import Minutes
from planner.rules.attendance import attendance_totals, delegations, record_delegation, record_invitation
from planner.rules.minutes_workflow import (
    MinutesError,
    advance,
    default_meeting,
    meetings,
    minutes_location,
    replace_minutes,
)
from planner.store import Store
from planner.store.codec import dumps
from tests.helpers.store import SHIPPED

JUNE = date(2017, 6, 1)


def _event(**fields: Any) -> Event:
    base: dict[str, Any] = {
        "id": "mesa",
        "title": {"es": "Mesa"},
        "kind": "round-table",
        "status": "done",
        "start": "2017-05-04T09:30:00",
        "end": "2017-05-04T12:30:00",
        "tz": "America/Santiago",
        "guests": [
            {"municipality": "la-reina", "delegates": [{"role": {"es": "Representante de La Reina"}}]},
            {"municipality": "lo-prado", "delegates": [{"person": "fernando-cejudo"}]},
        ],
    }
    return Event.model_validate({**base, **fields}, context={"home_tz": "America/Santiago"})


def _series(**fields: Any) -> Event:
    return _event(recurrence={"freq": "monthly", "byday": ["1TH"], "count": 4}, **fields)


@pytest.fixture(scope="module")
def shipped() -> Store:
    return Store.load(SHIPPED)


def test_an_unknown_attendance_of_a_guest_is_refused_with_the_values_allowed() -> None:
    with pytest.raises(ValidationError) as caught:
        _event(guests=[{"municipality": "la-reina", "attendance": "maybe", "delegates": [{"role": {"es": "R"}}]}])
    message = str(caught.value)
    assert "guests.0.attendance" in message
    assert "'unknown', 'present', 'excused' or 'absent'" in message


def test_an_unknown_attendance_at_an_occurrence_is_refused() -> None:
    with pytest.raises(ValidationError, match="'unknown', 'present', 'excused' or 'absent'"):
        _series(occurrences={"2017-06-01": {"delegate_attendance": {"la-reina": "here"}}})


def test_occurrence_attendance_of_a_municipality_that_is_not_a_guest_is_refused() -> None:
    with pytest.raises(ValidationError, match="2017-06-01: delegate_attendance: 'quilicura' is not a guest"):
        _series(occurrences={"2017-06-01": {"delegate_attendance": {"quilicura": "present"}}})


def test_record_delegation_refuses_bad_input_with_a_message() -> None:
    event = _event()
    with pytest.raises(ValueError, match="'maybe' is not an attendance: give one of unknown, present"):
        record_delegation(event, None, "la-reina", "maybe")
    with pytest.raises(ValueError, match="'quilicura' is not a guest municipality of 'mesa'"):
        record_delegation(event, None, "quilicura", "present")
    with pytest.raises(ValueError, match="'lo-prado' has no delegate recorded by role only"):
        record_delegation(event, None, "lo-prado", "present")
    with pytest.raises(ValueError, match="is a series: say which meeting"):
        record_delegation(_series(), None, "la-reina", "present")
    with pytest.raises(ValueError, match="2017-06-02 is not a date of the series"):
        record_delegation(_series(), date(2017, 6, 2), "la-reina", "present")
    cancelled = _series(occurrences={"2017-06-01": {"cancelled": True}})
    with pytest.raises(ValueError, match="the meeting of 2017-06-01 is cancelled"):
        record_delegation(cancelled, JUNE, "la-reina", "present")
    with pytest.raises(ValueError, match="'yes' is not an answer"):
        record_invitation(event, None, "fernando-cejudo", answer="yes")


def test_a_single_event_keeps_role_only_attendance_on_the_guest_and_counts_it() -> None:
    event = record_delegation(_event(), None, "la-reina", "present")
    assert event.guests[0].attendance == "present"
    assert 'attendance = "present"' in dumps(event)
    totals = attendance_totals(event, {})
    assert totals["la-reina"].invited == 1 and totals["la-reina"].replied == 1
    assert totals["la-reina"].attendance["present"] == 1
    back = record_delegation(event, None, "la-reina", "unknown")
    assert back.guests[0].attendance is None and "attendance" not in dumps(back).split("[[guests]]")[1]


def test_a_series_keeps_role_only_attendance_per_occurrence(shipped: Store) -> None:
    series = shipped.events["monthly-round-table"]
    assert isinstance(series, Event)
    changed = record_delegation(series, JUNE, "quilicura", "excused")
    changed = record_delegation(changed, JUNE, "la-reina", "present")
    assert changed.occurrences[JUNE].delegate_attendance == {"la-reina": "present", "quilicura": "excused"}
    assert changed.occurrences[JUNE].host == "quilicura"  # the occurrence's own data stays
    states = {d.municipality: d.attendance for d in delegations(changed, JUNE)}
    assert states["la-reina"] == "present" and states["penalolen"] == "unknown"
    assert {d.attendance for d in delegations(changed, date(2017, 7, 6))} == {"unknown"}
    text = dumps(changed)
    assert '[occurrences.2017-06-01.delegate_attendance]\nla-reina = "present"\nquilicura = "excused"' in text
    assert dumps(Event.model_validate_json(changed.model_dump_json())) == text  # same record, same bytes
    totals = attendance_totals(changed, shipped.people, JUNE)
    assert totals["quilicura"].attendance["excused"] == 1 and totals["la-reina"].attendance["present"] == 1


def test_an_invitation_answered_at_one_occurrence_is_kept_under_it(shipped: Store) -> None:
    series = shipped.events["monthly-round-table"]
    assert isinstance(series, Event)
    changed = record_invitation(series, JUNE, "alex-alarcon", attendance="present")
    own = {i.person: i for i in changed.occurrences[JUNE].invitations}
    assert own["alex-alarcon"].attendance == "present" and own["alex-alarcon"].answer == "accepted"
    assert {i.person: i.attendance for i in changed.invitations}["alex-alarcon"] == "unknown"


def test_files_without_delegate_attendance_still_load_and_write_the_same(shipped: Store) -> None:
    for event_id in ("monthly-round-table", "lo-prado-round-table"):
        event = shipped.events[event_id]
        assert isinstance(event, Event)
        assert "delegate_attendance" not in dumps(event)
        assert all(g.attendance is None for g in event.guests)


def test_meetings_leave_out_cancelled_occurrences_and_default_to_the_latest_held(shipped: Store) -> None:
    series = shipped.events["monthly-round-table"]
    assert isinstance(series, Event)
    days = [day for day, _ in meetings(series)]
    assert date(2017, 11, 2) not in days and days[:2] == [date(2017, 5, 4), JUNE]
    assert default_meeting(series, datetime(2017, 3, 27, tzinfo=UTC)) == date(2017, 5, 4)
    assert default_meeting(series, datetime(2017, 6, 20, tzinfo=UTC)) == JUNE
    assert default_meeting(series, datetime(2017, 8, 5, tzinfo=UTC)) == date(2017, 7, 6)  # 3 Aug moved to 10 Aug
    assert minutes_location(series, JUNE) == ("occurrences", "2017-06-01", "minutes")
    assert minutes_location(series, date(2017, 5, 4)) == ("minutes",)
    assert meetings(_event()) == [] and default_meeting(_event(), datetime.now(UTC)) is None


def test_a_cancelled_occurrence_takes_no_minutes(shipped: Store) -> None:
    series = shipped.events["monthly-round-table"]
    assert isinstance(series, Event)
    with pytest.raises(MinutesError, match="2017-11-02 is cancelled: it cannot have minutes"):
        replace_minutes(series, Minutes(), date(2017, 11, 2))
    written = replace_minutes(series, Minutes(), JUNE)
    with pytest.raises(MinutesError, match="cancelled"):
        advance(written, "circulate", "me", occurrence=date(2017, 11, 2))
