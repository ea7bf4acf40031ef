"""One meeting of a series, read and changed through the model: the one way every rule and import does it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from planner.domain.event import Event
from planner.domain.participation import Invitation
from planner.domain.series import Occurrence
from planner.store import Store

SHIPPED = Path(__file__).resolve().parents[2] / "events"
JUNE, AUGUST, NOVEMBER = date(2017, 6, 1), date(2017, 8, 3), date(2017, 11, 2)


@pytest.fixture
def series(tmp_path: Path) -> Event:
    shutil.copytree(SHIPPED, tmp_path / "events")
    event = Store.load(tmp_path / "events").events["monthly-round-table"]
    assert event.recurrence is not None
    return event


def test_a_day_without_overrides_reads_as_the_rule_gives_it(series: Event) -> None:
    first = series.start.date()  # the first meeting, 4 May 2017, keeps to the rule
    assert first not in series.occurrences
    assert series.occurrence(first) == Occurrence()
    assert series.occurrence(NOVEMBER).cancelled


def test_a_change_keeps_the_other_overrides_and_the_other_meetings(series: Event) -> None:
    changed = series.with_occurrence(JUNE, invitations=(Invitation(person="daniel-jadue", answer="declined"),))
    assert [i.person for i in changed.occurrence(JUNE).invitations] == ["daniel-jadue"]
    assert changed.occurrence(JUNE).delegate_attendance == series.occurrence(JUNE).delegate_attendance
    assert {d: o for d, o in changed.occurrences.items() if d != JUNE} == {
        d: o for d, o in series.occurrences.items() if d != JUNE
    }
    assert series.occurrence(JUNE) != changed.occurrence(JUNE)  # the original is not touched


def test_a_meeting_changed_back_to_the_rule_is_dropped(series: Event) -> None:
    restored = series.with_occurrence(NOVEMBER, cancelled=None)
    assert NOVEMBER not in restored.occurrences
    assert restored.occurrence(NOVEMBER) == Occurrence()


def test_a_day_the_series_does_not_have_is_refused_with_the_models_message(series: Event) -> None:
    with pytest.raises(ValidationError, match=r"occurrences: 2017-06-02 is not a date of this series"):
        series.with_occurrence(date(2017, 6, 2), cancelled=True)


def test_a_single_event_has_no_occurrences_to_change(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "events")
    single = Store.load(tmp_path / "events").events["lo-prado-round-table"]
    with pytest.raises(ValidationError, match="only a series"):
        single.with_occurrence(date(2017, 3, 30), cancelled=True)
