"""What the screens build and check, without the screens: the drafts the dialogs make, and the event's data
validated, for the rules the keyed workflows reach (``test_workflows``, ``test_planning``, ``test_event_series``,
``test_minutes_meetings``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from planner.domain.event import Event
from planner.index import Catalog
from planner.rules.attendance import delegations, record_delegation
from planner.rules.minutes_workflow import MinutesError, advance, default_meeting, minutes_location
from planner.rules.planning import duplicate_start, make_series, numbered_id
from planner.store import Store
from planner.tui.draft import Data, data_of, errors_under, set_in, validate
from planner.tui.flows import duplicate_check, first_tab, new_event_check, with_signatories
from planner.tui.meetings import delegation_rows, meeting_options, totals_rows
from planner.tui.session import Session

from .conftest import SHIPPED_NOW, monthly_series

AGENDA = ["welcome", "presentations", "round-table", "agreements", "close"]


@pytest.fixture
def session(shipped_root: Path) -> Session:
    """A session on a copy of the shipped store, as the app opens it, on Monday 27 March 2017."""
    catalog = Catalog.open(shipped_root)
    return Session(Store.open(shipped_root, catalog), catalog, lambda: SHIPPED_NOW, "en", shipped_root.parent / "x")


def _event(session: Session, event_id: str) -> Event:
    event = session.event(event_id)
    assert event is not None
    return event


def _checked(session: Session, data: Data) -> tuple[Event | None, dict[str, str]]:
    """The event screen's check of its data: the model's messages by dotted field."""
    return validate(Event, data, {"home_tz": session.store.settings.home_tz})


def _new(session: Session, **values: Any) -> Event:
    event, errors = new_event_check(session)({"kind": "round-table", "tz": "America/Santiago", **values})
    assert errors == {} and isinstance(event, Event)
    return event


# New events, copies and signatories


def test_a_new_round_table_invites_the_programme_without_its_host_and_gets_the_default_agenda(
    session: Session,
) -> None:
    event = _new(
        session,
        title={"es": "Mesa intermunicipal de abril", "en": "April inter-municipal round table"},
        start="2017-04-27 09:30",
        end="2017-04-27 12:30",
        host="lo-prado",
    )
    assert event.id == "2017-04-27-april-inter-municipal-round-table"  # the day, then the English title
    assert event.status == "draft" and event.programme == "migrants-and-cities"
    assert len(event.guests) == 7 and "lo-prado" not in [g.municipality for g in event.guests]
    assert [item.id for item in event.agenda] == AGENDA
    assert event.start.isoformat() == "2017-04-27T09:30:00-03:00"
    assert first_tab(event) == "overview"


def test_a_round_table_without_a_host_invites_every_programme_municipality(session: Session) -> None:
    event = _new(session, title={"es": "Mesa de junio"}, start="2017-06-08 09:30", end="2017-06-08 12:30")
    data = data_of(event)
    assert data["programme"] == "migrants-and-cities"
    assert len(data["guests"]) == 8
    assert [item["title"]["en"] for item in data["agenda"]] == [
        "Welcome",
        "The speakers' presentations",
        "Round-table discussion among the municipalities",
        "Agreements and next steps",
        "Close",
    ]
    assert str(data["agenda"][0]["time"]) == "09:30:00"


def test_the_new_event_form_asks_for_a_title_and_a_start(session: Session) -> None:
    event, errors = new_event_check(session)({"kind": "workshop", "start": "8 June"})
    assert event is None
    assert errors == {
        "title": "give a title in Spanish, English or both",
        "start": "give the date (YYYY-MM-DD) and the time (HH:MM)",
    }


def test_a_study_visit_opens_on_its_legs_and_an_agreement_on_its_signatories(session: Session) -> None:
    visit = _new(session, kind="study-visit", title={"es": "Visita a Madrid"}, start="2017-06-05 09:00")
    assert visit.kind == "study-visit" and visit.programme is None and first_tab(visit) == "legs"
    signing = _new(session, kind="agreement-signing", title={"es": "Convenio OIM y UCM"}, start="2017-06-06 11:00")
    signed = with_signatories(session, signing, ["norberto-giron", "diego-duran"])
    # Each signs for their own organization unless told otherwise.
    assert data_of(signed)["signatories"] == [
        {"person": "norberto-giron", "organization": "iom-chile"},
        {"person": "diego-duran", "organization": "ucm"},
    ]
    assert first_tab(signed) == "signatories"


def test_a_copy_goes_to_the_same_weekday_next_month_as_a_new_draft(session: Session) -> None:
    march = _event(session, "lo-prado-round-table")
    start = duplicate_start(march)
    assert str(start) == "2017-04-27 09:30:00"  # the last Thursday of March gives the last Thursday of April
    copy, errors = duplicate_check(session, march)({"start": start, "title": march.title.model_dump()})
    assert errors == {} and copy is not None
    assert copy.id == "2017-04-27-lo-prado-round-table"
    assert copy.status == "draft" and copy.sequence == 0 and copy.minutes is None and copy.sent == ()
    assert copy.speakers == march.speakers and copy.guests == march.guests and copy.agenda == march.agenda


# The event's data as the event screen checks it


def test_an_end_before_the_start_is_the_end_fields_message(session: Session) -> None:
    data = set_in(data_of(_event(session, "asexma-annual-breakfast")), ("end",), "2017-03-29 07:00")
    event, errors = _checked(session, data)
    assert event is None
    assert errors_under(errors, ("end",)) == ["the end must come after the start"]


def test_a_series_rule_changed_in_its_fields_gives_its_occurrences(session: Session) -> None:
    series = monthly_series()
    data = data_of(series)
    data = set_in(set_in(data, ("recurrence", "interval"), "2"), ("recurrence", "byday"), ["2TH"])
    event, errors = _checked(session, data)
    assert errors == {} and event is not None and event.recurrence is not None
    assert [day for day, *_ in event.occurrence_times()][:3] == [
        date(2017, 5, 11),
        date(2017, 7, 13),
        date(2017, 9, 14),
    ]
    assert "every 2 months on the second Thursday, 6 times" in event.recurrence.in_words()


def test_an_invalid_series_rule_is_the_message_of_its_field(session: Session) -> None:
    data = data_of(_event(session, "monthly-round-table"))
    _, errors = _checked(session, set_in(data, ("recurrence", "byday"), ["9XX"]))
    assert any("'9XX' is not a weekday such as TH" in m for m in errors_under(errors, ("recurrence", "byday")))
    _, errors = _checked(session, set_in(data, ("recurrence", "until"), "2017-12-31"))  # it has a count already
    assert errors_under(errors, ("recurrence", "until")) == ["give either count or until, not both"]


def test_repeating_monthly_keeps_the_weekday_of_the_date(session: Session) -> None:
    series = make_series(_event(session, "lo-prado-round-table"), "monthly")
    assert data_of(series)["recurrence"] == {"freq": "monthly", "interval": 1, "byday": ["-1TH"]}  # last Thursday


# Minutes of a meeting of a series, and who came


def test_the_minutes_of_a_series_meeting_are_kept_under_its_occurrence(session: Session) -> None:
    series = _event(session, "monthly-round-table")
    assert default_meeting(series, SHIPPED_NOW) == date(2017, 5, 4)  # before the series: the next meeting
    assert "2017-06-01" in [day for _, day in meeting_options(series, session.name_of)]
    assert minutes_location(series, date(2017, 6, 1)) == ("occurrences", "2017-06-01", "minutes")
    assert numbered_id("a", []) == "a1" and numbered_id("d", ["d1"]) == "d2"


def test_draft_minutes_are_circulated_before_they_are_approved(session: Session) -> None:
    series = _event(session, "monthly-round-table")
    at = datetime(2017, 6, 2, 12, 0, tzinfo=UTC)
    data = set_in(
        data_of(series),
        ("occurrences", "2017-06-01", "minutes", "decisions"),
        [{"id": "d1", "text": {"es": "Visitar Quilicura en julio"}}],
    )
    drafted, errors = _checked(session, data)
    assert errors == {} and drafted is not None
    with pytest.raises(MinutesError):
        advance(drafted, "approve", "Test Coordinator", at=at, occurrence=date(2017, 6, 1))
    circulated = advance(drafted, "circulate", "Test Coordinator", at=at, occurrence=date(2017, 6, 1))
    approved = advance(circulated, "approve", "Test Coordinator", at=at, occurrence=date(2017, 6, 1))
    minutes = approved.occurrences[date(2017, 6, 1)].minutes
    assert minutes is not None and minutes.status == "approved"
    assert [step.step for step in minutes.history] == ["circulated", "approved"]
    assert approved.minutes is None  # the first meeting's minutes are untouched


def test_a_role_only_delegate_is_present_at_one_meeting_of_the_series(session: Session) -> None:
    series = _event(session, "monthly-round-table")
    june = date(2017, 6, 1)
    found = delegations(series, june)
    assert len(found) == 7 and found[0].municipality == "la-reina"  # Lo Prado's delegate is a named person
    assert delegation_rows(series, june, session.name_of, "en")[0][0] == "La Reina"
    present = record_delegation(series, june, "la-reina", "present")
    assert data_of(present)["occurrences"]["2017-06-01"]["delegate_attendance"] == {"la-reina": "present"}
    assert all("attendance" not in guest for guest in data_of(present)["guests"])  # not for the whole series
    rows = totals_rows(session.store, present, session.people(), session.name_of, june)
    assert ("La Reina", "1", "1", "1", "0", "0") in rows


def test_a_role_only_delegate_of_a_single_event_is_recorded_on_the_guest(session: Session) -> None:
    march = _event(session, "lo-prado-round-table")
    first = delegations(march, None)[0]
    excused = data_of(record_delegation(march, None, first.municipality, "excused"))
    assert excused["guests"][0]["attendance"] == "excused"
    assert all("attendance" not in guest for guest in excused["guests"][1:])
