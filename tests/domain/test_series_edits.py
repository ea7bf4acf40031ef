"""Changing a series: its rule (validated by the model) and each occurrence's cancellation, move and host."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from pydantic import ValidationError

from planner.domain.event import Event
from planner.domain.series import Occurrence, Recurrence
from planner.rules import planning
from planner.rules.planning import SeriesError
from planner.store import Store
from tests.helpers.store import shipped_copy

JUNE, JULY, AUGUST, NOVEMBER = date(2017, 6, 1), date(2017, 7, 6), date(2017, 8, 3), date(2017, 11, 2)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.load(shipped_copy(tmp_path))


@pytest.fixture
def series(store: Store) -> Event:
    """Monthly on the first Thursday from 4 May 2017, eight sessions; August moved, November skipped."""
    event = store.events["monthly-round-table"]
    assert isinstance(event, Event)
    return event


@pytest.fixture
def single(store: Store) -> Event:
    """Lo Prado, Thursday 30 March 2017: the last Thursday of the month."""
    event = store.events["lo-prado-round-table"]
    assert isinstance(event, Event)
    return event


# The rule


def test_a_weekday_that_does_not_exist_is_refused_with_its_message() -> None:
    with pytest.raises(ValidationError) as caught:
        Recurrence.model_validate({"freq": "monthly", "byday": ["9XX"]})
    error = caught.value.errors()[0]
    assert error["loc"] == ("byday",)
    assert "'9XX' is not a weekday such as TH, 1TH (first Thursday) or -1FR (last Friday)" in error["msg"]


def test_count_and_until_together_are_refused_on_until() -> None:
    with pytest.raises(ValidationError) as caught:
        Recurrence.model_validate({"freq": "monthly", "count": 8, "until": "2017-12-31"})
    error = caught.value.errors()[0]
    assert error["loc"] == ("until",)
    assert "give either count or until, not both" in error["msg"]


def test_a_weekly_rule_takes_plain_weekdays_only() -> None:
    assert Recurrence(freq="weekly", byday=("MO", "WE")).byday == ("MO", "WE")
    with pytest.raises(ValidationError, match="a weekly series repeats on plain weekdays such as TH"):
        Recurrence.model_validate({"freq": "weekly", "byday": ["1TH"]})


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ({"freq": "monthly", "byday": ["1TH"], "count": 8}, "every month on the first Thursday, 8 times"),
        (
            {"freq": "monthly", "byday": ["-1FR"], "until": "2017-12-31"},
            "every month on the last Friday, until 2017-12-31",
        ),
        (
            {"freq": "weekly", "interval": 2, "byday": ["MO", "WE"]},
            "every 2 weeks on Monday and Wednesday, with no end date",
        ),
        ({"freq": "yearly"}, "every year, with no end date"),
    ],
)
def test_the_rule_in_words(rule: dict[str, object], words: str) -> None:
    assert Recurrence.model_validate(rule).in_words() == words


# Making a series and back


def test_make_series_repeats_like_its_date(single: Event, series: Event) -> None:
    assert planning.make_series(single).recurrence == Recurrence(freq="monthly", byday=("-1TH",))
    assert planning.make_series(single, "weekly").recurrence == Recurrence(freq="weekly", byday=("TH",))
    assert planning.make_series(single, "yearly").recurrence == Recurrence(freq="yearly")
    first_thursday = planning.make_single(
        planning.make_series(series.model_copy(update={"recurrence": None, "occurrences": {}}))
    )
    assert first_thursday.recurrence is None
    assert planning.make_series(first_thursday).recurrence == Recurrence(freq="monthly", byday=("1TH",))
    with pytest.raises(SeriesError, match="monthly-round-table is already a series"):
        planning.make_series(series)


def test_make_single_drops_moves_and_refuses_to_lose_records(series: Event, single: Event) -> None:
    with pytest.raises(SeriesError) as caught:
        planning.make_single(series)
    assert str(caught.value).startswith(
        "these occurrences have their own records, which a single event cannot keep: 2017-06-01 (invitations)"
    )
    assert caught.value.field == "recurrence"
    plain = planning.make_series(single)
    plain = planning.cancel_occurrence(plain, date(2017, 4, 27))
    back = planning.make_single(plain)
    assert back.recurrence is None and back.occurrences == {} and back.start == single.start
    with pytest.raises(SeriesError, match="lo-prado-round-table is not a series"):
        planning.make_single(single)


# Occurrences


def test_cancel_keeps_the_occurrences_other_data(series: Event) -> None:
    cancelled = planning.cancel_occurrence(series, JUNE)
    june = cancelled.occurrences[JUNE]
    assert june.cancelled and june.host == "quilicura" and [i.person for i in june.invitations] == ["juan-carrasco"]
    moved_then_cancelled = planning.cancel_occurrence(series, AUGUST).occurrences[AUGUST]
    assert moved_then_cancelled.cancelled and moved_then_cancelled.start is None
    assert series.occurrences[JUNE].cancelled is False  # the original is untouched


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2017, 6, 2), "2017-06-02 is not a date of this series"),
        (date(2018, 1, 4), "2018-01-04 is not a date of this series"),  # past the eight sessions
        (NOVEMBER, "the occurrence of 2017-11-02 is already cancelled"),
    ],
)
def test_cancel_refuses(series: Event, day: date, message: str) -> None:
    with pytest.raises(SeriesError) as caught:
        planning.cancel_occurrence(series, day)
    assert str(caught.value) == message


def test_a_single_event_has_no_occurrences_to_change(single: Event) -> None:
    with pytest.raises(SeriesError, match="lo-prado-round-table is not a series: it has no occurrences"):
        planning.cancel_occurrence(single, date(2017, 3, 30))


def test_restore_brings_back_a_cancelled_or_moved_occurrence(series: Event) -> None:
    restored = planning.restore_occurrence(series, NOVEMBER)
    assert NOVEMBER not in restored.occurrences  # nothing left to say about it
    unmoved = planning.restore_occurrence(series, AUGUST).occurrences[AUGUST]
    assert unmoved.start is None and unmoved.host == "maipu"
    with pytest.raises(SeriesError) as caught:
        planning.restore_occurrence(series, JULY)
    assert str(caught.value) == "the occurrence of 2017-07-06 is neither cancelled nor moved: nothing to restore"


def test_move_an_occurrence(series: Event) -> None:
    moved = planning.move_occurrence(series, JULY, datetime(2017, 7, 13, 15, 0), datetime(2017, 7, 13, 17, 30))
    july = moved.occurrences[JULY]
    assert (july.start, july.end) == (datetime(2017, 7, 13, 15, 0), datetime(2017, 7, 13, 17, 30))
    assert july.host == "penalolen"
    found = {day: (start.isoformat(), end.isoformat()) for day, start, end, _ in moved.occurrence_times()}
    assert found[JULY] == ("2017-07-13T15:00:00-04:00", "2017-07-13T17:30:00-04:00")
    # Moved back to the rule's own time, it is no longer a move.
    back = planning.move_occurrence(moved, JULY, *_rule_time(JULY))
    assert back.occurrences[JULY] == Occurrence(host="penalolen")
    # A skipped occurrence that is moved takes place again.
    reinstated = planning.move_occurrence(series, NOVEMBER, datetime(2017, 11, 9, 9, 30), datetime(2017, 11, 9, 12, 30))
    assert not reinstated.occurrences[NOVEMBER].cancelled


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (datetime(2017, 7, 13, 15, 0), datetime(2017, 7, 13, 14, 0), "end", "the end must come after the start"),
        (
            datetime(2017, 8, 13, 0, 30),
            datetime(2017, 8, 13, 2, 0),
            "start",
            "2017-08-13 00:30 does not exist in America/Santiago: clocks jump forward there",
        ),
        (
            datetime(2017, 7, 13, 15, 0, tzinfo=UTC),
            datetime(2017, 7, 13, 16, 0),
            "start",
            "give a local time, without an offset: the series' zone applies",
        ),
    ],
)
def test_move_refuses_impossible_times(series: Event, start: datetime, end: datetime, field: str, message: str) -> None:
    with pytest.raises(SeriesError) as caught:
        planning.move_occurrence(series, JULY, start, end)
    assert caught.value.field == field
    assert str(caught.value).startswith(message)


def test_another_host_for_one_occurrence(series: Event) -> None:
    hosted = planning.host_occurrence(series, JULY, "recoleta")
    assert hosted.occurrences[JULY].host == "recoleta"
    assert JULY not in planning.host_occurrence(series, JULY, None).occurrences  # nothing left to say about it
    # The series' own host is no override.
    assert planning.host_occurrence(series, JULY, "la-reina").occurrences.get(JULY, Occurrence()).host is None
    with pytest.raises(SeriesError) as caught:
        planning.host_occurrence(series, JULY, "Recoleta Centro")
    assert "Recoleta Centro" in str(caught.value)


def _rule_time(day: date) -> tuple[datetime, datetime]:
    """The series' own time on ``day``: 09:30–12:30."""
    return datetime.combine(day, time(9, 30)), datetime.combine(day, time(12, 30))
