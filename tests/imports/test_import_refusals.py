"""Every rule that refuses an import, fed bad input: one message naming the file and line, and nothing imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run
from tests.helpers.ics import ics, vevent
from tests.helpers.store import empty_store, shipped_copy, snapshot, write

# Line numbers: 1 BEGIN:VCALENDAR, 2 VERSION, 3 PRODID, then vevent(): 4 BEGIN:VEVENT, 5 UID, 6 DTSTAMP,
# 7 DTSTART, 8 DTEND, 9 SUMMARY, 10 the first extra line.
CASES: list[tuple[str, bytes, int, str]] = [
    ("garbage-line", ics(*vevent("esto no es una línea")).encode(), 10, "not a calendar line (NAME:value expected)"),
    ("bad-date", ics(*vevent(start="DTSTART:2017033xT0930")).encode(), 7, "DTSTART: Expected datetime"),
    (
        "unclosed-vevent",
        ics("BEGIN:VEVENT", "UID:x@example.com", "DTSTART:20170615T100000Z").encode(),
        7,
        "END:VCALENDAR where END:VEVENT (begun on line 4) was due",
    ),
    (
        "truncated",
        "\r\n".join(ics(*vevent()).split("\r\n")[:8]).encode(),
        4,
        "BEGIN:VEVENT is never closed by END:VEVENT",
    ),
    (
        "end-without-begin",
        b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        2,
        "END:VEVENT where END:VCALENDAR (begun on line 1) was due",
    ),
    ("no-uid", ics(*vevent(uid="")).encode(), 4, "this VEVENT has no UID"),
    ("no-dtstart", ics(*vevent(start="")).encode(), 4, "this VEVENT has no DTSTART"),
    (
        "end-before-start",
        ics(*vevent(end="DTEND;TZID=America/Santiago:20170615T080000")).encode(),
        8,
        "DTEND: the end (2017-06-15 08:00) must come after the start (2017-06-15 10:00)",
    ),
    ("dtend-and-duration", ics(*vevent("DURATION:PT1H")).encode(), 10, "a VEVENT gives DTEND or DURATION, not both"),
    (
        "date-and-datetime",
        ics(*vevent(end="DTEND;VALUE=DATE:20170616")).encode(),
        8,
        "DTEND and DTSTART must both be dates or both be date-times",
    ),
    (
        "dtstart-twice",
        ics(*vevent("DTSTART;TZID=America/Santiago:20170616T100000")).encode(),
        10,
        "DTSTART appears twice in one VEVENT (first on line 7)",
    ),
    (
        "unknown-zone",
        ics(*vevent(start="DTSTART;TZID=Mars/Olympus_Mons:20170615T100000")).encode(),
        7,
        "TZID 'Mars/Olympus_Mons' is neither an IANA zone nor a Windows zone name icalendar knows",
    ),
    (
        "clock-gap",
        ics(
            *vevent(
                start="DTSTART;TZID=America/Santiago:20170813T003000", end="DTEND;TZID=America/Santiago:20170813T020000"
            )
        ).encode(),
        7,
        "2017-08-13 00:30 does not exist in America/Santiago",
    ),
    ("not-utf8", ics(*vevent(summary="Reuni\udcf3n")).encode("utf-8", "surrogateescape"), 9, "is not UTF-8 text"),
    ("not-a-calendar", b"Hello,\r\nthis is a letter.\r\n", 1, "not a calendar line"),
    ("outside-vcalendar", b"SUMMARY:x\r\n", 1, "SUMMARY outside a VCALENDAR"),
    (
        "override-alone",
        ics(*vevent("RECURRENCE-ID;TZID=America/Santiago:20170615T100000")).encode(),
        10,
        "this entry changes one date of a series (UID 'abc-123@example.com') that is not in the files",
    ),
    ("uid-twice", ics(*vevent(), *vevent()).encode(), 12, "UID 'abc-123@example.com' is used twice (first at "),
]


@pytest.mark.parametrize(("name", "data", "line", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_file_names_its_line_and_imports_nothing(
    tmp_path: Path, name: str, data: bytes, line: int, message: str
) -> None:
    store = empty_store(tmp_path)
    good = write(tmp_path, "good.ics", ics(*vevent(uid="good@example.com")))
    bad = tmp_path / f"{name}.ics"
    bad.write_bytes(data)
    result = run("import", "ics", str(good), str(bad), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1  # one message
    assert lines[0].startswith(f"planner: {bad}:{line}: "), lines[0]
    assert message in lines[0]
    assert lines[0].endswith("nothing imported")
    assert snapshot(store, "*.toml") == {"planner.toml": (store / "planner.toml").read_bytes()}  # not even good.ics


def test_a_file_without_events_is_refused(tmp_path: Path) -> None:
    store = empty_store(tmp_path)
    path = write(tmp_path, "empty.ics", ics(method="PUBLISH"))
    result = run("import", "ics", str(path), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{path}: no event (VEVENT) to import; nothing imported" in result.stderr


def test_an_empty_file_holds_no_calendar(tmp_path: Path) -> None:
    store = empty_store(tmp_path)
    path = write(tmp_path, "nothing.ics", "")
    result = run("import", "ics", str(path), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{path}: holds no calendar (no BEGIN:VCALENDAR); nothing imported" in result.stderr


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    store = empty_store(tmp_path)
    result = run("import", "ics", str(tmp_path / "nowhere.ics"), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere.ics: no such file; nothing imported" in result.stderr


def test_a_uid_used_in_two_files_is_refused(tmp_path: Path) -> None:
    store = empty_store(tmp_path)
    first = write(tmp_path, "first.ics", ics(*vevent(uid="same@example.com")))
    second = write(tmp_path, "second.ics", ics(*vevent(uid="same@example.com", summary="Otra")))
    result = run("import", "ics", str(first), str(second), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{second}:5: UID 'same@example.com' is used twice (first at {first}:5)" in result.stderr
    assert list(store.rglob("*.toml")) == [store / "planner.toml"]


def test_a_file_whose_name_is_taken_is_refused(tmp_path: Path) -> None:
    store = empty_store(tmp_path)
    taken = store / "2017" / "2017-06-15-taller-de-prueba.toml"
    taken.parent.mkdir()
    taken.write_text("this file does not load, but it is someone's unfinished edit\n", encoding="utf-8")
    path = write(tmp_path, "one.ics", ics(*vevent(uid="one@example.com")))
    result = run("import", "ics", str(path), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{taken} already exists; nothing imported" in result.stderr
    assert taken.read_text(encoding="utf-8").startswith("this file does not load")


def test_replies_are_not_imported_as_events(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    before = snapshot(store, "*.toml")
    reply = ics(
        *vevent(
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:fernando.cejudo@example.org",
            uid="lo-prado-round-table@planner.iom-chile.example.org",
        ),
        method="REPLY",
    )
    path = write(tmp_path, "reply.ics", reply)
    result = run("import", "ics", str(path), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert "is already in the store (event 'lo-prado-round-table')" in result.stderr
    assert snapshot(store, "*.toml") == before
