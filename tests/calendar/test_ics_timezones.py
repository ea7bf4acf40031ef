"""VTIMEZONEs from the IANA data: every Chilean clock change in the span, with RFC 5545's onsets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from planner.calendar.timezones import transitions, vtimezone
from planner.domain.event import Event
from planner.store import Store
from tests.helpers.ics import Exported, export, parse, uid_of, vevents


def zoneinfo_changes(tz: str, first: datetime, last: datetime) -> list[tuple[datetime, timedelta, timedelta]]:
    """Changes of UTC offset found by stepping an hour at a time: slow, simple, independent.

    The zones checked change their clocks on the hour, in UTC; a change at any other minute would be found
    at the next hour and show as a mismatch, never pass unseen.
    """
    zone = ZoneInfo(tz)
    changes = []
    at = first.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    before = at.astimezone(zone).utcoffset()
    while at <= last:
        at += timedelta(hours=1)
        after = at.astimezone(zone).utcoffset()
        if after != before:
            assert before is not None and after is not None
            changes.append((at, before, after))
            before = after
    return changes


def observances(component: icalendar.Component) -> list[tuple[datetime, timedelta, timedelta]]:
    """(onset in UTC, offset from, offset to) of each observance, reading DTSTART in TZOFFSETFROM (RFC 5545)."""
    found = []
    for sub in component.subcomponents:
        onset = sub.decoded("DTSTART")
        offset_from, offset_to = sub.decoded("TZOFFSETFROM"), sub.decoded("TZOFFSETTO")
        found.append(((onset - offset_from).replace(tzinfo=UTC), offset_from, offset_to))
    return sorted(found)


def test_transitions_match_the_zone_data_for_years_of_chilean_decrees() -> None:
    first, last = datetime(2010, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    found = [(t.at, t.offset_from, t.offset_to) for t in transitions("America/Santiago", first, last)]
    assert found == zoneinfo_changes("America/Santiago", first, last)
    # 2015 had no change at all (permanent -03 that year): the data, not a yearly rule, decides.
    assert not any(at.year == 2015 for at, _, _ in found)
    assert len(found) > 20


@pytest.mark.parametrize("tz", ["America/Santiago", "America/Chicago", "America/New_York", "Pacific/Easter"])
def test_each_observance_starts_at_the_instant_of_its_change(tz: str) -> None:
    text = vtimezone(tz, date(2016, 1, 1), date(2019, 12, 31))
    [component] = parse(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{text}END:VCALENDAR\r\n".encode()).walk(
        "VTIMEZONE"
    )
    found = observances(component)
    start = found[0][0]
    assert found[0][1] == found[0][2]  # the opening observance states the offset in force
    assert found[1:] == zoneinfo_changes(tz, start, datetime(2020, 1, 1, tzinfo=UTC))


def test_santiago_spring_forward_onset_is_local_time_before_the_change() -> None:
    text = vtimezone("America/Santiago", date(2017, 8, 1), date(2017, 8, 31))
    # 13 August 2017, 04:00 UTC: 00:00 at -04, the offset before the change (icalendar writes 01:00).
    assert "BEGIN:DAYLIGHT\r\nDTSTART:20170813T000000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0300\r\n" in text


def test_every_santiago_change_between_the_first_and_last_exported_event_is_in_the_feed(shipped: Exported) -> None:
    calendar = parse(shipped.path("calendar/programme.es.ics"))
    starts = [e.decoded("DTSTART") for e in vevents(calendar)]
    ends = [e.decoded("DTEND") for e in vevents(calendar)]
    first = min(s for s in starts if isinstance(s, datetime))
    last = max(e for e in ends if isinstance(e, datetime))
    expected = zoneinfo_changes("America/Santiago", first, last)
    # The span of the shipped events (March to December 2017) crosses both changes of 2017.
    assert [at for at, _, _ in expected] == [
        datetime(2017, 5, 14, 3, 0, tzinfo=UTC),
        datetime(2017, 8, 13, 4, 0, tzinfo=UTC),
    ]
    [santiago] = [c for c in calendar.walk("VTIMEZONE") if c["TZID"] == "America/Santiago"]
    assert set(expected) <= set(observances(santiago))
    # The definition covers the whole span: its first observance starts before the first event.
    assert observances(santiago)[0][0] <= first.astimezone(UTC)


def test_every_tzid_used_has_its_vtimezone_in_the_same_file(shipped: Exported) -> None:
    for path in shipped.result.files:
        calendar = parse(path)
        defined = {str(c["TZID"]) for c in calendar.walk("VTIMEZONE")}
        used = {
            str(e[name].params["TZID"])
            for e in vevents(calendar)
            for name in ("DTSTART", "DTEND", "RECURRENCE-ID")
            if name in e and "TZID" in e[name].params
        }
        assert used == defined, path.name


def _dst_store(root: Path) -> Store:
    """Two fixture events across Santiago's 2017 clock changes (a Saturday night into Sunday)."""
    store = Store.load(root)
    for event_id, start, end in (
        ("dst-autumn", "2017-05-13T20:00:00", "2017-05-14T02:00:00"),  # clocks back at 24:00 -03 → 23:00 -04
        ("dst-spring", "2017-08-12T22:00:00", "2017-08-13T03:00:00"),  # clocks forward at 24:00 -04 → 01:00 -03
    ):
        store.save(
            Event.model_validate(
                {
                    "id": event_id,
                    "title": {"es": f"Prueba {event_id}"},
                    "kind": "other",
                    "status": "confirmed",
                    "start": start,
                    "end": end,
                    "tz": "America/Santiago",
                }
            )
        )
    return store


DST_INSTANTS = {
    "dst-autumn": (datetime(2017, 5, 13, 23, 0, tzinfo=UTC), datetime(2017, 5, 14, 6, 0, tzinfo=UTC)),
    "dst-spring": (datetime(2017, 8, 13, 2, 0, tzinfo=UTC), datetime(2017, 8, 13, 6, 0, tzinfo=UTC)),
}


def test_events_across_a_clock_change_keep_their_instants_in_a_reader_that_uses_the_vtimezone(
    store_root: Path, tmp_path: Path
) -> None:
    _dst_store(store_root)
    export(store_root, tmp_path / "out")
    text = (tmp_path / "out" / "calendar" / "programme.es.ics").read_text(encoding="utf-8")
    # vobject resolves TZID through the file's own VTIMEZONE (dateutil's tzical), not the system zone data.
    calendar = vobject.readOne(text)
    by_uid = {e.uid.value: e for e in calendar.vevent_list if not hasattr(e, "recurrence_id")}
    for event_id, (start, end) in DST_INSTANTS.items():
        vevent = by_uid[uid_of(event_id)]
        assert vevent.dtstart.value.tzinfo is not None
        assert vevent.dtstart.value.astimezone(UTC) == start
        assert vevent.dtend.value.astimezone(UTC) == end
    # Every exported instant agrees with the IANA data when read through the VTIMEZONE
    # (icalendar, which reads the same file, resolves TZID with the system's zone data).
    reference = {
        (str(e["UID"]), e.decoded("DTSTART").replace(tzinfo=None)): e.decoded("DTSTART")
        for e in vevents(parse(text.encode()))
        if isinstance(e.decoded("DTSTART"), datetime)
    }
    checked = 0
    for vevent in calendar.vevent_list:
        value = vevent.dtstart.value
        if isinstance(value, datetime):
            assert value.utcoffset() == reference[(vevent.uid.value, value.replace(tzinfo=None))].utcoffset()
            checked += 1
    assert checked >= 12
