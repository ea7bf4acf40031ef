"""The ``planner`` command as a coordinator runs it, on the shipped store and on copies of it.

The command runs in this process (:func:`tests.helpers.cli.run`); what only a
real process shows (exit status, no traceback on the terminal) is in
``test_process.py``.
"""

from __future__ import annotations

import json
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import run
from tests.helpers.store import ROUND_TABLE, event_file, shipped_copy


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return shipped_copy(tmp_path)


def listed(*args: str) -> list[dict[str, Any]]:
    result = run("list", "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_check_passes_on_the_shipped_store() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": " in result.stdout and " 0 errors" in result.stdout
    assert result.stderr == ""


def test_list_json_shows_the_four_march_events_with_weekdays_and_local_times() -> None:
    rows = listed("--from", "2017-03-01", "--to", "2017-03-31")
    by_id = {row["id"]: row for row in rows}
    assert len(rows) == 4
    assert {row["kind"] for row in rows} == {"round-table", "conference", "study-visit", "agreement-signing"}
    for row in rows:
        start = datetime.fromisoformat(row["start"])
        assert start.utcoffset() is not None
        assert row["weekday"] == start.strftime("%A")
        assert row["date"] == start.date().isoformat()
        assert row["time"] == start.strftime("%H:%M")
        assert {"id", "title", "kind", "status", "end", "tz", "host", "municipalities", "speakers", "path"} <= set(row)
        assert Path(row["path"]).is_file()
    round_table = by_id[ROUND_TABLE]
    assert round_table["date"] == "2017-03-30" and round_table["weekday"] == "Thursday"
    assert round_table["host"] == "lo-prado"
    assert round_table["municipalities"] == [
        "la-reina",
        "quilicura",
        "estacion-central",
        "penalolen",
        "maipu",
        "quinta-normal",
    ]
    assert len(round_table["speakers"]) == 3
    assert round_table["tz"] == "America/Santiago"
    breakfast = next(row for row in rows if row["kind"] == "conference")
    assert breakfast["date"] == "2017-03-29" and breakfast["weekday"] == "Wednesday"
    signing = next(row for row in rows if row["kind"] == "agreement-signing")
    assert signing["date"] == "2017-03-07" and signing["weekday"] == "Tuesday"
    visit = next(row for row in rows if row["kind"] == "study-visit")
    zones = [leg["tz"] for leg in visit["legs"]]
    assert zones == ["America/Chicago", "America/New_York"]
    for leg in visit["legs"]:
        start = datetime.fromisoformat(leg["start"])
        assert start.month == 3 and start.day not in (7, 29, 30) and start.weekday() < 5
        # The offset written is the leg's own zone's, not Santiago's.
        assert start.utcoffset() != datetime.fromisoformat(visit["start"]).utcoffset()


def test_list_table_names_weekday_date_and_time() -> None:
    result = run("list", "--lang", "en")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if ROUND_TABLE in line)
    assert line.startswith("Thu 2017-03-30 ")
    assert "↳" in result.stdout  # the study visit's legs under it


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--kind", "round-table"), {ROUND_TABLE}),
        (("--municipality", "Peñalolén"), {ROUND_TABLE}),
        (("--municipality", "PENALOLEN"), {ROUND_TABLE}),
        (("--municipality", "lo-prado"), {ROUND_TABLE}),
        (("--from", "2017-03-30", "--to", "2017-03-30"), {ROUND_TABLE}),
    ],
)
def test_list_filters(args: tuple[str, ...], expected: set[str]) -> None:
    assert {row["id"] for row in listed(*args) if row["date"].startswith("2017-03")} == expected


def test_list_filters_by_person_name_and_status() -> None:
    rows = listed("--person", "felix martinez")
    assert [row["id"] for row in rows] == [ROUND_TABLE]
    assert all(row["status"] == "done" for row in listed("--status", "done"))
    assert listed("--status", "cancelled", "--to", "2017-03-31") == []


def test_date_range_matches_events_that_overlap_it() -> None:
    visit = next(row for row in listed() if row["kind"] == "study-visit")
    first_day = datetime.fromisoformat(visit["start"]).date()
    last_day = datetime.fromisoformat(visit["end"]).date()
    inside = listed("--from", last_day.isoformat(), "--to", last_day.isoformat())
    assert visit["id"] in {row["id"] for row in inside}
    assert first_day < last_day


def test_store_option_after_the_subcommand_before_it_and_from_the_environment(store: Path) -> None:
    (store / "2017" / next(p.name for p in (store / "2017").iterdir())).unlink()
    after = run("list", "--json", "--store", str(store))
    before = run("--store", str(store), "list", "--json")
    environment = run("list", "--json", env={"PLANNER_STORE": str(store)})
    counts = {len(json.loads(r.stdout)) for r in (after, before, environment)}
    assert counts == {len(listed()) - 1}


def test_a_corrupted_event_file_is_named_with_its_line_and_the_rest_still_lists(store: Path) -> None:
    path = event_file(store, ROUND_TABLE)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + " = broken"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    check = run("check", "--store", str(store))
    assert check.returncode == 1
    assert f"{store / '2017' / path.name}:4: file: not valid TOML" in check.stdout
    assert check.stderr == ""

    listing = run("list", "--json", "--store", str(store))
    assert listing.returncode == 0
    ids = {row["id"] for row in json.loads(listing.stdout)}
    assert ROUND_TABLE not in ids and len(ids) == len({row["id"] for row in listed()}) - 1  # a series lists many rows
    assert "run 'planner check'" in listing.stderr


def test_check_reports_a_dangling_reference_with_field_and_line(store: Path) -> None:
    path = event_file(store, ROUND_TABLE)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('host = "lo-prado"', 'host = "lo-pradoo"'), encoding="utf-8")
    line = text.splitlines().index('host = "lo-prado"') + 1
    check = run("check", "--store", str(store))
    assert check.returncode == 1
    assert f"{path.name}:{line}: host: no municipality or organization with id 'lo-pradoo'" in check.stdout


def test_check_strict_fails_on_warnings_only(store: Path) -> None:
    (store / "planner.toml").unlink()
    assert run("check", "--store", str(store)).returncode == 0
    strict = run("check", "--strict", "--store", str(store))
    assert strict.returncode == 1
    assert "planner.toml:0: warning:" in strict.stdout


def test_show_prints_fields_assumptions_and_attendance() -> None:
    result = run("show", ROUND_TABLE, "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Thursday 2017-03-30" in out
    assert "Assumed (not in the sources)" in out
    assert "Attendance by municipality or organization" in out
    assert "Branislav Marelic" in out and "Quinta Normal" in out


def test_show_of_an_unknown_id_is_a_user_error() -> None:
    result = run("show", "no-such-event")
    assert result.returncode == 1
    assert result.stderr.startswith("planner: no record with id 'no-such-event'")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--kind", "party"),
        ("list", "--from", "30/03/2017"),
        ("new", "round-table", "--title", "x"),
        ("frobnicate",),
    ],
)
def test_wrong_usage_exits_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_unknown_municipality_is_exit_1_with_one_line() -> None:
    result = run("list", "--municipality", "Springfield")
    assert result.returncode == 1
    assert result.stderr.strip() == "planner: no municipality matches 'Springfield'; give an id or a name"


def test_new_writes_a_valid_draft_and_prints_its_path(store: Path) -> None:
    result = run(
        "new",
        "round-table",
        "--title",
        "Mesa intermunicipal de Quilicura",
        "--start",
        "2017-04-27 09:30",
        "--host",
        "Quilicura",
        "--programme",
        "migrants-and-cities",
        "--store",
        str(store),
    )
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == store / "2017" / "2017-04-27-mesa-intermunicipal-de-quilicura.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["id"] == "2017-04-27-mesa-intermunicipal-de-quilicura"
    assert data["status"] == "draft" and data["kind"] == "round-table"
    assert data["host"] == "quilicura" and data["tz"] == "America/Santiago"
    assert data["start"] == datetime(2017, 4, 27, 9, 30) and data["end"] == datetime(2017, 4, 27, 11, 30)
    assert data["title"] == {"es": "Mesa intermunicipal de Quilicura"}
    assert run("check", "--store", str(store)).returncode == 0
    again = run(
        "new",
        "round-table",
        "--title",
        "Mesa intermunicipal de Quilicura",
        "--start",
        "2017-04-27 15:00",
        "--store",
        str(store),
    )
    assert Path(again.stdout.strip()).name == "2017-04-27-mesa-intermunicipal-de-quilicura-2.toml"


def test_new_names_the_event_as_the_app_does(store: Path) -> None:
    # A title that starts with the event's date does not get the date twice (planner.rules.planning.new_event_id).
    result = run(
        "new", "workshop", "--title", "2017-04-27 Taller", "--start", "2017-04-27 09:30", "--store", str(store)
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).name == "2017-04-27-taller.toml"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--start", "2017-08-13 00:30"), "does not exist in America/Santiago"),
        (("--start", "2017-05-13 23:30"), "occurs twice in America/Santiago"),
        (("--start", "2017-04-27 09:30", "--tz", "GMT-3"), "fixed offset"),
        (("--start", "2017-04-27 09:30", "--end", "2017-04-27 08:00"), "end: the end must come after the start"),
        (("--start", "tomorrow"), "--start 'tomorrow': give a local time"),
        (("--start", "2017-04-27 09:30", "--host", "Atlantis"), "no municipality or organization matches"),
        (("--start", "2017-04-27 09:30", "--title", "Two\nlines"), "title"),
    ],
)
def test_new_refuses_bad_input_with_a_message(store: Path, args: tuple[str, ...], message: str) -> None:
    before = sorted(store.rglob("*.toml"))
    base = ["new", "workshop", "--title", "Taller", "--store", str(store)]
    result = run(*base, *args)
    assert result.returncode == 1, result.stdout
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert sorted(store.rglob("*.toml")) == before


def test_a_newer_schema_version_is_refused(store: Path) -> None:
    settings = store / "planner.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("schema_version = 1", "schema_version = 7"))
    result = run("list", "--store", str(store))
    assert result.returncode == 1
    assert "schema_version: this store is at version 7, newer than version 1" in result.stderr


def test_a_missing_store_folder_is_a_user_error(tmp_path: Path) -> None:
    result = run("list", "--store", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "no such store folder" in result.stderr
