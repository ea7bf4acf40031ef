"""Wall-clock times: gaps and overlaps refused, zones carried by every aware datetime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from planner.domain.event import Event
from planner.domain.times import DEFAULT_ZONE, localize, utc_now, wall_clock
from tests.helpers.records import SANTIAGO, errors, event_data, make_event, visit_data

# The clock changes of a zone, computed from the zone data rather than written down.


def transitions(zone_name: str, year: int) -> list[tuple[datetime, timedelta, timedelta]]:
    """Each ``(instant in UTC, offset before, offset after)`` of ``year``, found hour by hour."""
    tz = ZoneInfo(zone_name)
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    before = moment.astimezone(tz).utcoffset()
    while moment.year == year:
        later = moment + timedelta(hours=1)
        after = later.astimezone(tz).utcoffset()
        if after != before:
            # Narrow down to the minute of the change.
            low, high = moment, later
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(tz).utcoffset() == before:
                    low = middle
                else:
                    high = middle
            assert before is not None and after is not None
            found.append((high, before, after))
        moment, before = later, after
    return found


def gaps_and_overlaps(zone_name: str, year: int) -> tuple[list[datetime], list[datetime]]:
    """A naive wall-clock time in the middle of each gap and of each overlap of ``year``."""
    gaps, overlaps = [], []
    for instant, before, after in transitions(zone_name, year):
        naive = instant.replace(tzinfo=None)
        if after > before:  # clocks jump forward: local times from naive+before are skipped
            gaps.append(naive + before + (after - before) / 2)
        else:  # clocks fall back: local times from naive+after to naive+before happen twice
            overlaps.append(naive + after + (before - after) / 2)
    return gaps, overlaps


def test_the_computed_transitions_match_the_known_2017_ones() -> None:
    gaps, overlaps = gaps_and_overlaps(SANTIAGO, 2017)
    assert gaps == [datetime(2017, 8, 13, 0, 30)]
    assert overlaps == [datetime(2017, 5, 13, 23, 30)]


@pytest.mark.parametrize(
    ("local", "message"),
    [
        (
            datetime(2017, 8, 13, 0, 30),
            "2017-08-13 00:30 does not exist in America/Santiago: clocks jump forward there, "
            "from UTC-04:00 to UTC-03:00 (a gap); choose a time outside the skipped hour",
        ),
        (
            datetime(2017, 5, 13, 23, 30),
            "2017-05-13 23:30 occurs twice in America/Santiago: clocks fall back there, "
            "from UTC-03:00 to UTC-04:00 (an overlap); choose a time outside the repeated hour",
        ),
    ],
    ids=["gap", "overlap"],
)
def test_a_time_in_the_2017_gap_or_overlap_is_refused(local: datetime, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        localize(local, SANTIAGO)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("zone_name", "year"),
    [(SANTIAGO, 2016), (SANTIAGO, 2019), (SANTIAGO, 2022), (SANTIAGO, 2023), ("Europe/Madrid", 2024)],
)
def test_every_gap_and_overlap_of_a_year_is_refused(zone_name: str, year: int) -> None:
    gaps, overlaps = gaps_and_overlaps(zone_name, year)
    assert len(gaps) == 1 and len(overlaps) == 1, "this zone changes its clocks twice that year"
    for when, kind in [*((gap, "(a gap)") for gap in gaps), *((overlap, "(an overlap)") for overlap in overlaps)]:
        with pytest.raises(ValueError) as caught:
            localize(when, zone_name)
        message = str(caught.value)
        assert kind in message and zone_name in message
        assert message.startswith(when.strftime("%Y-%m-%d %H:%M"))


@pytest.mark.parametrize("year", [2016, 2019, 2023])
def test_times_just_outside_a_gap_or_overlap_are_accepted(year: int) -> None:
    tz = ZoneInfo(SANTIAGO)
    for instant, before, after in transitions(SANTIAGO, year):
        naive = instant.replace(tzinfo=None)
        first_skipped_or_repeated = naive + min(before, after)
        last_normal = first_skipped_or_repeated - timedelta(minutes=1)
        first_normal = naive + max(before, after)
        earlier, later = localize(last_normal, SANTIAGO), localize(first_normal, SANTIAGO)
        assert earlier.utcoffset() == before
        assert later.utcoffset() == after
        assert earlier.tzinfo is tz and later.tzinfo is tz


def test_an_event_starting_in_a_gap_is_refused_on_its_start() -> None:
    found = errors(Event, event_data(start=datetime(2017, 8, 13, 0, 30), end=datetime(2017, 8, 13, 3, 0)))
    assert list(found) == ["start"]
    assert "does not exist in America/Santiago" in found["start"]
    assert "gap" in found["start"]


def test_an_event_ending_in_an_overlap_is_refused_on_its_end() -> None:
    found = errors(Event, event_data(start=datetime(2017, 5, 13, 20, 0), end=datetime(2017, 5, 13, 23, 30)))
    assert list(found) == ["end"]
    assert "occurs twice in America/Santiago" in found["end"]
    assert "overlap" in found["end"]


def test_a_leg_in_its_own_zones_gap_is_refused() -> None:
    data = visit_data(start=datetime(2017, 3, 20, 8), end=datetime(2017, 3, 30, 20))
    data["legs"] = [{**data["legs"][0], "start": datetime(2017, 3, 26, 2, 30), "end": datetime(2017, 3, 27, 9)}]
    found = errors(Event, data)
    assert list(found) == ["legs.0.start"]
    assert "does not exist in Europe/Madrid" in found["legs.0.start"]


def test_an_instant_in_an_overlap_is_refused_too() -> None:
    # 03:30 UTC is 23:30 in Santiago, the second time round: the file would keep
    # only "23:30", which could never be read back.
    start = datetime(2017, 5, 14, 3, 30, tzinfo=UTC)
    found = errors(Event, event_data(start=start, end=start + timedelta(hours=2)))
    assert "occurs twice in America/Santiago" in found["start"]


# Zones carried in memory


def test_event_times_carry_the_zoneinfo_of_the_event_zone() -> None:
    event = make_event()
    assert event.start.tzinfo is ZoneInfo(SANTIAGO)
    assert event.end.tzinfo is ZoneInfo(SANTIAGO)
    assert event.start.utcoffset() == timedelta(hours=-3)
    assert event.start == datetime(2017, 3, 30, 12, 30, tzinfo=UTC)


def test_leg_times_carry_their_own_zone() -> None:
    event = Event.model_validate(visit_data())
    madrid, paris = event.legs
    assert madrid.start.tzinfo is ZoneInfo("Europe/Madrid")
    assert paris.end.tzinfo is ZoneInfo("Europe/Paris")
    assert madrid.start == datetime(2017, 6, 2, 7, 0, tzinfo=UTC)


def test_an_aware_time_is_converted_to_the_event_zone_keeping_the_instant() -> None:
    start = datetime(2017, 3, 30, 12, 30, tzinfo=UTC)
    event = make_event(start=start, end=start + timedelta(hours=2))
    assert event.start.tzinfo is ZoneInfo(SANTIAGO)
    assert event.start == start
    assert event.start.replace(tzinfo=None) == datetime(2017, 3, 30, 9, 30)


def test_iso_text_is_read_as_wall_clock_time() -> None:
    event = make_event(start="2017-03-30T09:30:00", end="2017-03-30T12:00")
    assert event.start == make_event().start


@pytest.mark.parametrize("bad", ["tomorrow", "30/03/2017 09:30", 42])
def test_something_that_is_no_time_is_refused(bad: object) -> None:
    found = errors(Event, event_data(start=bad))
    assert found == {"start": "give a date and time such as 2017-03-30T09:30:00"}


def test_an_event_without_zone_takes_the_home_zone_of_the_store() -> None:
    data = event_data()
    del data["tz"]
    assert Event.model_validate(data).tz == DEFAULT_ZONE
    madrid = Event.model_validate(data, context={"home_tz": "Europe/Madrid"})
    assert madrid.tz == "Europe/Madrid"
    assert madrid.start.tzinfo is ZoneInfo("Europe/Madrid")


def test_a_leg_without_zone_is_in_the_visits_zone_not_the_home_zone() -> None:
    data = visit_data(tz="Europe/Madrid")
    del data["legs"][0]["tz"]
    event = Event.model_validate(data, context={"home_tz": SANTIAGO})
    assert event.legs[0].tz == "Europe/Madrid"
    assert event.legs[0].start == datetime(2017, 6, 2, 7, 0, tzinfo=UTC)


def test_wall_clock_gives_the_naive_local_time() -> None:
    moment = datetime(2017, 3, 30, 12, 30, tzinfo=UTC)
    assert wall_clock(moment, SANTIAGO) == datetime(2017, 3, 30, 9, 30)
    assert wall_clock(moment, "Europe/Madrid") == datetime(2017, 3, 30, 14, 30)


def test_utc_now_is_aware_and_to_the_second() -> None:
    now = utc_now()
    assert now.tzinfo is UTC
    assert now.microsecond == 0
