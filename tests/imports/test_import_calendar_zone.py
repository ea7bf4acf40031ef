"""``planner import ics``: a file's X-WR-TIMEZONE places its times without a zone, and a moved occurrence's own
title or description is not silently lost."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from planner.domain.event import Event
from planner.store import Store
from tests.helpers.cli import run
from tests.helpers.ics import ics, vevent
from tests.helpers.store import empty_store, write


def imported(tmp_path: Path, text: str) -> dict[str, Event]:
    store = empty_store(tmp_path)
    result = run("import", "ics", str(write(tmp_path, "in.ics", text)), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return {e.source_uid or "": e for e in Store.load(store).events.values()}


def with_zone(zone: str, *body: str) -> str:
    # X-WR-TIMEZONE sits among the calendar's own properties, before its first VEVENT, as Google writes it.
    return ics(f"X-WR-TIMEZONE:{zone}", *body)


def test_floating_times_are_read_in_the_file_s_x_wr_timezone(tmp_path: Path) -> None:
    text = with_zone(
        "America/New_York",
        *vevent(uid="floating@example.com", start="DTSTART:20170320T090000", end="DTEND:20170320T110000"),
    )
    event = imported(tmp_path, text)["floating@example.com"]
    assert event.tz == "America/New_York"
    assert event.start == datetime(2017, 3, 20, 13, tzinfo=UTC)  # 09:00 in New York (EDT, UTC-4)
    assert event.start.strftime("%H:%M") == "09:00"
    assert any("read as America/New_York time (the file's X-WR-TIMEZONE)" in note for note in event.assumed)


def test_utc_and_all_day_entries_are_placed_in_the_file_s_x_wr_timezone(tmp_path: Path) -> None:
    text = with_zone(
        "America/New_York",
        *vevent(uid="utc@example.com", start="DTSTART:20170320T130000Z", end="DTEND:20170320T150000Z"),
        *vevent(uid="day@example.com", start="DTSTART;VALUE=DATE:20170321", end="DTEND;VALUE=DATE:20170322"),
    )
    events = imported(tmp_path, text)
    utc = events["utc@example.com"]
    assert (utc.tz, utc.start.strftime("%H:%M")) == ("America/New_York", "09:00")
    assert utc.start == datetime(2017, 3, 20, 13, tzinfo=UTC)
    day = events["day@example.com"]
    assert (day.tz, day.start.isoformat()) == ("America/New_York", "2017-03-21T00:00:00-04:00")


def test_a_time_with_its_own_zone_keeps_it_whatever_the_x_wr_timezone(tmp_path: Path) -> None:
    text = with_zone("America/New_York", *vevent(uid="santiago@example.com"))
    event = imported(tmp_path, text)["santiago@example.com"]
    assert (event.tz, event.start.strftime("%H:%M")) == ("America/Santiago", "10:00")
    assert event.assumed == ()


def test_an_x_wr_timezone_naming_no_place_falls_back_to_the_home_zone_and_says_so(tmp_path: Path) -> None:
    text = with_zone(
        "Mars/Olympus_Mons",
        *vevent(uid="floating@example.com", start="DTSTART:20170320T090000", end="DTEND:20170320T110000"),
    )
    event = imported(tmp_path, text)["floating@example.com"]
    assert (event.tz, event.start.strftime("%H:%M")) == ("America/Santiago", "09:00")
    assert any("X-WR-TIMEZONE:Mars/Olympus_Mons) names no place" in note for note in event.assumed)


def test_a_moved_occurrence_s_own_title_and_description_are_named_as_not_kept(tmp_path: Path) -> None:
    text = ics(
        *vevent(
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "DESCRIPTION:Orden del día habitual",
            uid="series@example.com",
            summary="Mesa semanal",
        ),
        *vevent(
            "RECURRENCE-ID;TZID=America/Santiago:20170622T100000",
            "DESCRIPTION:Sesión especial con la alcaldesa",
            uid="series@example.com",
            start="DTSTART;TZID=America/Santiago:20170623T100000",
            end="DTEND;TZID=America/Santiago:20170623T120000",
            summary="Mesa semanal: sesión especial",
        ),
    )
    event = imported(tmp_path, text)["series@example.com"]
    assert str(event.occurrences[datetime(2017, 6, 22).date()].start) == "2017-06-23 10:00:00"
    note = (
        "In the imported file the occurrence of 2017-06-22 has its own title and description, "
        "which the planner does not keep: the series' one is shown."
    )
    assert note in event.assumed
