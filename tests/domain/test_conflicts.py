"""Conflicts computed by the domain: double-booked people, a programme's events at once, holidays, weekends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planner.domain.event import Event
from planner.domain.records import Person
from planner.domain.settings import StoreSettings
from planner.rules.conflicts import conflicts_of, day_conflicts, holiday, store_conflicts
from planner.store.codec import dumps
from planner.store.folders import SETTINGS_FILE
from planner.store.layout import record_path
from tests.helpers.cli import run


def event(**fields: Any) -> Event:
    data = {"tz": "America/Santiago", "kind": "workshop", "status": "confirmed", **fields}
    return Event.model_validate(data, context={"home_tz": "America/Santiago"})


def at(day: str, start: str, end: str, **fields: Any) -> Event:
    return event(start=f"{day}T{start}:00", end=f"{day}T{end}:00", **fields)


def test_a_speaker_in_two_overlapping_events() -> None:
    a = at("2017-06-07", "09:30", "12:30", id="a", title={"es": "A"}, speakers=[{"person": "ana"}])
    b = at(
        "2017-06-07",
        "12:00",
        "13:00",
        id="b",
        title={"es": "B"},
        guests=[
            {"municipality": "quilicura", "delegates": [{"person": "ana"}]},
        ],
    )
    found = conflicts_of(a, [b], name_of=lambda i: {"ana": "Ana Pérez"}.get(i, i))
    assert [(c.kind, c.other, c.loc) for c in found] == [("person", "b", ("speakers", 0, "person"))]
    assert found[0].message == "Ana Pérez is also in 'B' (Wednesday 2017-06-07 12:00) at the same time"
    # Back to back is no conflict; a cancelled event conflicts with nothing.
    c = at("2017-06-07", "12:30", "13:30", id="c", title={"es": "C"}, speakers=[{"person": "ana"}])
    assert conflicts_of(a, [c]) == []
    cancelled = b.model_copy(update={"status": "cancelled"})
    assert conflicts_of(a, [cancelled]) == []


def test_invitees_alone_are_not_a_conflict() -> None:
    a = at("2017-06-07", "09:00", "11:00", id="a", title={"es": "A"}, invitations=[{"person": "ana"}])
    b = at("2017-06-07", "10:00", "12:00", id="b", title={"es": "B"}, invitations=[{"person": "ana"}])
    assert conflicts_of(a, [b]) == []


def test_two_events_of_one_programme_at_the_same_time() -> None:
    a = at("2017-06-07", "09:00", "11:00", id="a", title={"es": "A"}, programme="migrants-and-cities")
    b = at("2017-06-07", "10:00", "12:00", id="b", title={"es": "B"}, programme="migrants-and-cities")
    other = at("2017-06-07", "10:00", "12:00", id="o", title={"es": "O"}, programme="ivlp")
    assert [c.kind for c in conflicts_of(a, [b, other])] == ["programme"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2017-04-14", "holiday"), ("2017-06-10", "weekend"), ("2017-06-07", None), ("2017-09-18", "holiday")],
)
def test_holidays_and_weekends_in_chile(day: str, expected: str | None) -> None:
    found = day_conflicts(at(day, "10:00", "11:00", id="x", title={"es": "X"}))
    assert [c.kind for c in found] == ([expected] if expected else [])


def test_holiday_names_in_both_languages() -> None:
    from datetime import date

    assert holiday(date(2017, 9, 18), "en") == "Independence Day"
    assert holiday(date(2017, 9, 18), "es") == "Día de la Independencia"


def test_events_abroad_and_multi_day_visits() -> None:
    abroad = event(
        id="x", title={"es": "X"}, tz="Europe/Madrid", start="2017-06-10T10:00:00", end="2017-06-10T11:00:00"
    )
    assert day_conflicts(abroad) == []
    # A week-long visit starting on a Monday crosses a weekend without a warning: only its first and last days count.
    visit = event(id="v", title={"es": "V"}, kind="study-visit", start="2017-03-20T11:00:00", end="2017-03-24T19:00:00")
    assert day_conflicts(visit) == []


def test_a_series_conflicts_on_the_occurrence_that_overlaps() -> None:
    series = at(
        "2017-05-04",
        "09:30",
        "12:30",
        id="s",
        title={"es": "S"},
        speakers=[{"person": "ana"}],
        recurrence={"freq": "monthly", "byday": ["1TH"], "count": 3},
    )
    june = at("2017-06-01", "10:00", "11:00", id="j", title={"es": "J"}, speakers=[{"person": "ana"}])
    found = store_conflicts([series, june])
    found_pairs = {(c.event, c.other, c.day.isoformat()) for c in found}
    assert found_pairs == {("s", "j", "2017-06-01"), ("j", "s", "2017-06-01")}


def test_planner_check_lists_conflicts_as_warnings(tmp_path: Path) -> None:
    root = tmp_path / "events"
    root.mkdir()
    (root / SETTINGS_FILE).write_text(dumps(StoreSettings()), encoding="utf-8")
    records = [
        Person(id="ana", name="Ana Pérez"),
        at("2017-06-07", "09:30", "12:30", id="a", title={"es": "A"}, speakers=[{"person": "ana"}]),
        at("2017-06-07", "11:00", "13:00", id="b", title={"es": "B"}, speakers=[{"person": "ana"}]),
    ]
    for record in records:
        path = record_path(root, record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(record), encoding="utf-8")
    result = run("check", "--store", str(root))
    lines = result.stdout.splitlines()
    a_file = root / "2017" / "2017-06-07-a.toml"
    line = next(n for n, text in enumerate(a_file.read_text(encoding="utf-8").splitlines(), 1) if "ana" in text)
    assert f"{a_file}:{line}: warning: Ana Pérez is also in 'B' (Wednesday 2017-06-07 11:00) at the same time" in lines
    assert result.returncode == 0  # warnings fail only with --strict
    strict = run("check", "--strict", "--store", str(root))
    assert strict.returncode == 1
