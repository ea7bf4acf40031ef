"""``planner export ics`` and the series' rows in ``planner list``, run as a coordinator runs them."""

from __future__ import annotations

import json
from pathlib import Path

from planner.store import Store
from tests.helpers.cli import run
from tests.helpers.ics import ics_files, parse
from tests.helpers.store import ROUND_TABLE, SERIES, VISIT


def test_export_writes_under_exports_in_the_current_folder_and_prints_every_file(
    store_root: Path, tmp_path: Path
) -> None:
    result = run("export", "ics", "--store", str(store_root), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "exports"
    written = ics_files(out)
    assert len(written) >= 25
    printed = [line.split(maxsplit=1)[1] for line in result.stdout.splitlines() if line.startswith("wrote")]
    assert sorted(tmp_path / p for p in printed) == written
    assert f"note: {VISIT}: no invite written: nobody is invited" in result.stdout
    assert result.stdout.splitlines()[-1] == f"{len(written)} files in exports ({len(written)} written, 0 unchanged)"
    again = run("export", "ics", "--store", str(store_root), cwd=tmp_path)
    assert f"({len(written)} unchanged)" in again.stdout.splitlines()[-1].replace("0 written, ", "")


def test_export_of_one_event_writes_only_its_invites(store_root: Path, tmp_path: Path) -> None:
    result = run("export", "ics", SERIES, "--store", str(store_root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert ics_files(tmp_path / "out") == [tmp_path / "out" / "invites" / f"{SERIES}.ics"]
    assert str(parse(tmp_path / "out" / "invites" / f"{SERIES}.ics")["METHOD"]) == "REQUEST"
    none = run("export", "ics", VISIT, "--store", str(store_root), "--out", str(tmp_path / "visit"))
    assert none.returncode == 0
    assert f"{VISIT}: no invite written: nobody is invited" in none.stdout


def test_lang_forces_one_language_everywhere(store_root: Path, tmp_path: Path) -> None:
    result = run("export", "ics", "--lang", "en", "--store", str(store_root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    calendar = tmp_path / "out" / "calendar"
    assert not (calendar / "programme.es.ics").exists() and (calendar / "programme.en.ics").exists()
    token = Store.load(store_root).people["fernando-cejudo"].calendar_token
    feed = parse(calendar / f"person-{token}.ics")
    assert str(feed["X-WR-CALNAME"]) == "IOM Chile: events of Fernando Cejudo"
    invite = parse(tmp_path / "out" / "invites" / f"{ROUND_TABLE}.ics")
    assert "Speakers:" in str(next(iter(invite.walk("VEVENT")))["DESCRIPTION"])


def test_unknown_events_and_drafts_are_user_errors(store_root: Path, tmp_path: Path) -> None:
    unknown = run("export", "ics", "no-such-event", "--store", str(store_root), "--out", str(tmp_path / "o"))
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("planner: no event with id 'no-such-event'")
    new = run("new", "workshop", "--title", "Borrador", "--start", "2017-06-15 10:00", "--store", str(store_root))
    draft_id = Path(new.stdout.strip()).stem
    draft = run("export", "ics", draft_id, "--store", str(store_root), "--out", str(tmp_path / "o"))
    assert draft.returncode == 1 and "drafts are never exported" in draft.stderr
    assert len(unknown.stderr.splitlines()) == len(draft.stderr.splitlines()) == 1


def test_list_shows_each_occurrence_of_the_series_as_a_row(store_root: Path) -> None:
    result = run("list", "--json", "--store", str(store_root), "--from", "2017-05-01")
    assert result.returncode == 0, result.stderr
    rows = [row for row in json.loads(result.stdout) if row["id"] == SERIES]
    assert [row["occurrence"] for row in rows] == [
        "2017-05-04",
        "2017-06-01",
        "2017-07-06",
        "2017-08-03",
        "2017-09-07",
        "2017-10-05",
        "2017-11-02",
        "2017-12-07",
    ]
    by_day = {row["occurrence"]: row for row in rows}
    assert by_day["2017-08-03"]["date"] == "2017-08-10" and by_day["2017-08-03"]["time"] == "15:00"
    assert by_day["2017-11-02"]["status"] == "cancelled"
    assert by_day["2017-06-01"]["host"] == "quilicura" and "juan-carrasco" in by_day["2017-06-01"]["people"]
    assert "juan-carrasco" not in by_day["2017-07-06"]["people"]
    # Offsets follow Santiago's clock: -03 in May, -04 in winter, -03 again from 13 August.
    assert [row["start"][-6:] for row in rows] == [
        "-03:00",
        "-04:00",
        "-04:00",
        "-04:00",
        "-03:00",
        "-03:00",
        "-03:00",
        "-03:00",
    ]
    single = run("list", "--json", "--store", str(store_root), "--to", "2017-03-31")
    assert {row["occurrence"] for row in json.loads(single.stdout)} == {None}


def test_list_filters_occurrences_by_date_person_and_status(store_root: Path) -> None:
    def ids(*args: str) -> list[tuple[str, str | None]]:
        result = run("list", "--json", "--store", str(store_root), *args)
        assert result.returncode == 0, result.stderr
        return [(row["id"], row["occurrence"]) for row in json.loads(result.stdout)]

    assert ids("--from", "2017-08-01", "--to", "2017-08-31") == [(SERIES, "2017-08-03")]
    assert ids("--person", "Juan Carrasco", "--from", "2017-04-01") == [(SERIES, "2017-06-01")]
    assert ids("--status", "cancelled") == [(SERIES, "2017-11-02")]
    table = run("list", "--store", str(store_root), "--lang", "en", "--from", "2017-08-01", "--to", "2017-08-31")
    assert "(moved from Thu 2017-08-03)" in table.stdout
