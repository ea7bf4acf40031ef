"""A feed that lists no event is still a calendar: it carries the store's home zone.

RFC 5545 wants at least one component in a VCALENDAR; strict readers refuse
one without, and a subscriber's URL must keep answering with a calendar
while a municipality has no event yet.
"""

from __future__ import annotations

from pathlib import Path

from planner.calendar import lint
from tests.helpers.cli import run
from tests.helpers.ics import export, parse
from tests.helpers.store import new_store

MUNICIPALITY = 'id = "penalolen"\nname = "Peñalolén"\n'


def test_a_feed_without_events_carries_the_home_zone(tmp_path: Path) -> None:
    root = new_store(tmp_path / "events", {"municipalities/penalolen.toml": MUNICIPALITY})

    result = export(root, tmp_path / "out")

    assert not result.refused
    names = sorted(p.name for p in (tmp_path / "out" / "calendar").glob("*.ics"))
    assert names == ["municipality-penalolen.ics", "programme.en.ics", "programme.es.ics"]
    for name in names:
        data = (tmp_path / "out" / "calendar" / name).read_bytes()
        assert lint.problems(data) == []
        calendar = parse(data)
        assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
        assert str(calendar.subcomponents[0]["TZID"]) == "America/Santiago"
        assert calendar.walk("VEVENT") == []


def test_the_command_writes_the_same_empty_feed_again_unchanged(tmp_path: Path) -> None:
    root = new_store(tmp_path / "events", {"municipalities/penalolen.toml": MUNICIPALITY})
    first = run("export", "ics", "--store", str(root), cwd=tmp_path)
    feed = tmp_path / "exports" / "calendar" / "municipality-penalolen.ics"
    written = feed.read_bytes()

    again = run("export", "ics", "--store", str(root), cwd=tmp_path)

    assert first.returncode == again.returncode == 0
    assert "BEGIN:VTIMEZONE\r\nTZID:America/Santiago\r\n" in written.decode("utf-8")
    assert "unchanged  exports/calendar/municipality-penalolen.ics" in again.stdout
    assert feed.read_bytes() == written


def test_lint_refuses_a_calendar_without_any_component() -> None:
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"

    assert lint.problems(data) == ["line 1: VCALENDAR without any component (RFC 5545 wants one)"]


def test_lint_counts_components_of_the_calendar_only() -> None:
    """A VALARM inside a VEVENT is no component of the calendar; the VEVENT is."""
    event = (
        "BEGIN:VEVENT\r\nUID:a@b\r\nDTSTAMP:20170101T000000Z\r\nDTSTART:20170101T100000Z\r\n"
        "DTEND:20170101T110000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
    )
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n{event}END:VCALENDAR\r\n".encode()

    assert not [p for p in lint.problems(data) if "without any component" in p]
