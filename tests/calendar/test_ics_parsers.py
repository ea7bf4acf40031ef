"""Every exported file through independent parsers, the series' occurrences, and the strict checks."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import vobject

from planner.calendar.lint import problems
from tests.helpers.ics import Exported, parse, uid_of, vevents
from tests.helpers.store import SERIES

SANTIAGO = ZoneInfo("America/Santiago")


def test_every_exported_file_passes_the_strict_checks(shipped: Exported) -> None:
    assert shipped.result.files
    for path in shipped.result.files:
        data = path.read_bytes()
        assert problems(data) == [], path.name
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\n" not in data.replace(b"\r\n", b"")
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))


@pytest.mark.slow  # vobject reads each of the thirty files and its zones afresh
def test_every_exported_file_is_read_by_icalendar_vobject_and_recurring_ical_events(shipped: Exported) -> None:
    for path in shipped.result.files:
        data = path.read_bytes()
        calendar = parse(data)
        expected = [(str(e["UID"]), e.get("RECURRENCE-ID") is not None) for e in vevents(calendar)]
        assert expected, path.name
        # vobject: reads, gives the same VEVENTs, and serializes back.
        [other] = list(vobject.readComponents(data.decode("utf-8")))
        assert [(e.uid.value, hasattr(e, "recurrence_id")) for e in other.vevent_list] == expected
        for vevent in other.vevent_list:
            assert vevent.dtend.value > vevent.dtstart.value
        other.serialize()
        # recurring-ical-events: expands every file over the year without complaint.
        occurrences = recurring_ical_events.of(calendar).between(date(2017, 1, 1), date(2018, 1, 1))
        assert {str(o["UID"]) for o in occurrences} == {uid for uid, _ in expected}, path.name


def test_the_series_expands_to_its_occurrences_with_the_skipped_one_left_out_and_the_moved_one_moved(
    shipped: Exported,
) -> None:
    calendar = parse(shipped.path(f"invites/{SERIES}.ics"))
    found = recurring_ical_events.of(calendar).between(date(2017, 1, 1), date(2018, 1, 1))
    starts = [o.decoded("DTSTART") for o in found]
    assert starts == [
        datetime(2017, 5, 4, 9, 30, tzinfo=SANTIAGO),
        datetime(2017, 6, 1, 9, 30, tzinfo=SANTIAGO),
        datetime(2017, 7, 6, 9, 30, tzinfo=SANTIAGO),
        datetime(2017, 8, 10, 15, 0, tzinfo=SANTIAGO),  # moved from Thursday 3 August
        datetime(2017, 9, 7, 9, 30, tzinfo=SANTIAGO),
        datetime(2017, 10, 5, 9, 30, tzinfo=SANTIAGO),
        datetime(2017, 12, 7, 9, 30, tzinfo=SANTIAGO),  # 2 November is skipped
    ]
    assert [o.decoded("DTSTART").astimezone(UTC).hour for o in found] == [12, 13, 13, 19, 12, 12, 12]
    locations = [str(o["LOCATION"]) for o in found]
    assert locations == [
        f"Municipalidad de {name}"
        for name in ("La Reina", "Quilicura", "Peñalolén", "Maipú", "Quinta Normal", "Estación Central", "Recoleta")
    ]
    moved = found[3]
    assert moved.decoded("DTEND") == datetime(2017, 8, 10, 17, 30, tzinfo=SANTIAGO)
    assert moved.decoded("RECURRENCE-ID") == datetime(2017, 8, 3, 9, 30, tzinfo=SANTIAGO)
    assert recurring_ical_events.of(calendar).at(date(2017, 11, 2)) == []
    assert recurring_ical_events.of(calendar).at(date(2017, 8, 3)) == []
    # The occurrence's own invitee is an attendee of that occurrence only.
    june = found[1]
    assert "mailto:juan.carrasco@example.org" in [str(a) for a in june["ATTENDEE"]]
    assert "mailto:juan.carrasco@example.org" not in [str(a) for a in found[2]["ATTENDEE"]]


def test_the_series_master_has_the_rule_and_the_skipped_date(shipped: Exported) -> None:
    calendar = parse(shipped.path("calendar/programme.en.ics"))
    [master] = [e for e in vevents(calendar, uid_of(SERIES)) if "RECURRENCE-ID" not in e]
    assert master["RRULE"].to_ical() == b"FREQ=MONTHLY;COUNT=8;BYDAY=1TH"
    assert [d.dt for d in master["EXDATE"].dts] == [datetime(2017, 11, 2, 9, 30, tzinfo=SANTIAGO)]
    assert master["EXDATE"].params["TZID"] == "America/Santiago"
    overrides = [e for e in vevents(calendar, uid_of(SERIES)) if "RECURRENCE-ID" in e]
    assert len(overrides) == 6  # every occurrence with a host, time or invitees of its own
    # vobject's own rule engine agrees on the dates, EXDATE included.
    [other] = list(vobject.readComponents(shipped.data("calendar/programme.en.ics").decode()))
    [series] = [e for e in other.vevent_list if e.uid.value == uid_of(SERIES) and not hasattr(e, "recurrence_id")]
    dates = [d.date() for d in series.getrruleset()]
    assert len(dates) == 7 and date(2017, 11, 2) not in dates and date(2017, 8, 3) in dates


GOOD = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nMETHOD:PUBLISH\r\n"
    b"BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20170101T000000Z\r\n"
    b"DTSTART:20170330T123000Z\r\nDTEND:20170330T153000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (b"\xef\xbb\xbf" + GOOD, "byte-order mark"),
        (GOOD.replace(b"\r\n", b"\n"), "bare CR or LF"),
        (GOOD.replace(b"SUMMARY:x", b"SUMMARY:" + b"x" * 80), "more than 75"),
        (GOOD.replace(b"SUMMARY:x", b"SUMMARY:x\r\nSTATUS:CONFIRMED\r\nSTATUS:CANCELLED"), "STATUS twice"),
        (GOOD.replace(b"DTSTART:20170330T123000Z", b"DTSTART;TZID=America/Santiago:20170330T093000"), "no VTIMEZONE"),
        (GOOD.replace(b"DTEND:20170330T153000Z", b"DTEND:20170330T113000Z"), "DTEND is not after DTSTART"),
        (GOOD.replace(b"SUMMARY:x", b"SUMMARY:x\r\nATTENDEE:mailto:x@y.org"), "ATTENDEE in a METHOD:PUBLISH"),
        (GOOD.replace(b"UID:a@b\r\n", b""), "VEVENT without UID"),
        (GOOD.replace(b"METHOD:PUBLISH", b"METHOD:REQUEST"), "without ORGANIZER"),
        (GOOD.replace(b"END:VEVENT\r\n", b""), "END:VCALENDAR does not close"),
    ],
)
def test_the_strict_checks_catch_what_lenient_parsers_accept(broken: bytes, message: str) -> None:
    assert problems(GOOD) == []
    found = problems(broken)
    assert any(message in problem for problem in found), found
