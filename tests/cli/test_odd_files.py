"""No single file can stop a command or hang it: each odd file is one located problem, the rest still loads.

Each odd file (a FIFO, a device, a file over the size limit, tables nested
past the parser's stack, a year no calendar handles, a symbolic link that
loops or leads out of the store) is planted in a copy of the shipped store;
``list``, ``show``, ``check`` and ``export ics`` then each return promptly,
``check`` names the file and why, and every other record still lists, shows
and exports.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest

from planner.store.reading import RECORD_LIMIT, SETTINGS_LIMIT, Unreadable, read_bounded
from tests.helpers.cli import run, run_subprocess
from tests.helpers.store import ROUND_TABLE, shipped_copy, write

OTHER = "2017/2017-04-27-odd.toml"
"""Where the odd record file is planted: among the shipped events."""

EVENT = 'id = "odd"\nkind = "workshop"\nstatus = "draft"\nstart = {when}\nend = {later}\n[title]\nes = "Taller"\n'


def _fifo(root: Path) -> None:
    os.mkfifo(root / OTHER)


def _oversized(root: Path) -> None:
    write(root, OTHER, b"# " + b"x" * RECORD_LIMIT + b"\n")


def _deep(root: Path) -> None:
    write(root, OTHER, "a = " + "{ b = " * 500 + "1" + " }" * 500 + "\n")


def _deep_arrays(root: Path) -> None:
    write(root, OTHER, "a = " + "[" * 500 + "]" * 500 + "\n")


def _year(year: str) -> Callable[[Path], None]:
    def plant(root: Path) -> None:
        write(root, OTHER, EVENT.format(when=f"{year}-04-27 09:00:00", later=f"{year}-04-27 10:00:00"))

    return plant


def _loop(root: Path) -> None:
    os.symlink("2017-04-27-odd.toml", root / OTHER)


def _outside(root: Path) -> None:
    target = write(
        root.parent,
        "elsewhere/2017-04-27-odd.toml",
        EVENT.format(when="2017-04-27 09:00:00", later="2017-04-27 10:00:00"),
    )
    os.symlink(target, root / OTHER)


def _year_folder_loop(root: Path) -> None:
    os.symlink("2019", root / "2019")


def _linked_year_folder(root: Path) -> None:
    os.symlink(root / "2017", root / "2019")


ODD_RECORDS: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "FIFO": (_fifo, OTHER, "0: file: not a regular file (a FIFO, socket or device): not read"),
    "oversized": (_oversized, OTHER, "0: file: larger than 8 MiB: not read"),
    "nested tables": (_deep, OTHER, "0: file: nested too deeply: not read"),
    "nested arrays": (_deep_arrays, OTHER, "0: file: nested too deeply: not read"),
    "year 0001": (_year("0001"), OTHER, "4: start: the year 1 is outside 1900-2100, the years an event may take"),
    "year 9999": (_year("9999"), OTHER, "4: start: the year 9999 is outside 1900-2100, the years an event may take"),
    "link loop": (_loop, OTHER, "0: file: is a symbolic link: not read"),
    "link out of the store": (_outside, OTHER, "0: file: is a symbolic link: not read"),
    "year folder loop": (_year_folder_loop, "2019", "0: file: is a symbolic link: not read"),
    "linked year folder": (_linked_year_folder, "2019", "0: file: is a symbolic link: not read"),
}


@contextmanager
def _promptly(seconds: int = 30) -> Iterator[None]:
    """Fail, rather than hang the suite, when a command waits on a file forever."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"the command took more than {seconds} s: it waits on a file")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("plant", "relative", "located"), ODD_RECORDS.values(), ids=list(ODD_RECORDS))
def test_an_odd_record_file_is_one_located_problem_and_the_rest_loads(
    tmp_path: Path, plant: Callable[[Path], None], relative: str, located: str
) -> None:
    root = shipped_copy(tmp_path)
    plant(root)

    with _promptly():
        listed = run("list", "--store", str(root), cwd=tmp_path)
        shown = run("show", ROUND_TABLE, "--store", str(root), cwd=tmp_path)
        checked = run("check", "--store", str(root), cwd=tmp_path)
        exported = run("export", "ics", "--store", str(root), cwd=tmp_path)

    assert listed.returncode == 0, listed.stderr
    assert ROUND_TABLE in listed.stdout
    assert "1 file has errors" in listed.stderr
    assert shown.returncode == 0, shown.stderr
    assert "Lo Prado" in shown.stdout
    assert checked.returncode == 1
    assert f"{root / relative}:{located}" in checked.stdout, checked.stdout
    assert len(checked.stdout.splitlines()) <= 3  # the odd file's problems and the total, nothing else
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "exports" / "invites" / f"{ROUND_TABLE}.ics").is_file()


def test_an_odd_registry_file_is_one_located_problem(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    os.mkfifo(root / "people" / "nobody.toml")

    with _promptly():
        checked = run("check", "--store", str(root), cwd=tmp_path)
        shown = run("show", ROUND_TABLE, "--store", str(root), cwd=tmp_path)

    assert f"{root / 'people' / 'nobody.toml'}:0: file: not a regular file" in checked.stdout
    assert shown.returncode == 0 and "Lo Prado" in shown.stdout


def _settings_fifo(root: Path) -> None:
    (root / "planner.toml").unlink()
    os.mkfifo(root / "planner.toml")


def _settings_zero(root: Path) -> None:
    (root / "planner.toml").unlink()
    os.symlink("/dev/zero", root / "planner.toml")


def _settings_oversized(root: Path) -> None:
    write(root, "planner.toml", (root / "planner.toml").read_bytes() + b"#" * SETTINGS_LIMIT)


def _settings_deep(root: Path) -> None:
    write(root, "planner.toml", (root / "planner.toml").read_bytes() + b"x = " + b"[" * 500 + b"]" * 500)


ODD_SETTINGS: dict[str, tuple[Callable[[Path], None], str]] = {
    "FIFO": (_settings_fifo, "not a regular file (a FIFO, socket or device): not read"),
    "linked to /dev/zero": (_settings_zero, "not a regular file (a FIFO, socket or device): not read"),
    "oversized": (_settings_oversized, "larger than 1 MiB: not read"),
    "nested": (_settings_deep, "nested too deeply: not read"),
}


@pytest.mark.parametrize(("plant", "located"), ODD_SETTINGS.values(), ids=list(ODD_SETTINGS))
def test_an_odd_settings_file_is_said_and_stops_only_what_goes_out(
    tmp_path: Path, plant: Callable[[Path], None], located: str
) -> None:
    root = shipped_copy(tmp_path)
    plant(root)
    settings = root / "planner.toml"

    with _promptly():
        listed = run("list", "--store", str(root), cwd=tmp_path)
        shown = run("show", ROUND_TABLE, "--store", str(root), cwd=tmp_path)
        checked = run("check", "--store", str(root), cwd=tmp_path)
        exported = run("export", "ics", "--store", str(root), cwd=tmp_path)

    assert listed.returncode == 0 and ROUND_TABLE in listed.stdout
    assert shown.returncode == 0 and "Lo Prado" in shown.stdout
    assert checked.returncode == 1
    assert f"{settings}:0: file: {located}" in checked.stdout
    assert exported.returncode == 1
    assert exported.stderr.startswith(f"planner: {settings}:0: file: {located}; nothing written")
    assert not (tmp_path / "exports").exists()


@pytest.mark.slow
def test_a_fifo_as_settings_does_not_hang_a_real_process(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    _settings_fifo(root)

    result = run_subprocess("list", "--store", str(root), cwd=tmp_path)  # killed after 120 s

    assert result.returncode == 0
    assert ROUND_TABLE in result.stdout


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("0001-04-27 09:30", "--start: the year 1 is outside 1900-2100"),
        ("9999-04-27 09:30", "--start: the year 9999 is outside 1900-2100"),
        ("1899-12-31 23:00", "--start: the year 1899 is outside 1900-2100"),
    ],
)
def test_new_refuses_a_year_no_calendar_handles(tmp_path: Path, start: str, message: str) -> None:
    root = shipped_copy(tmp_path)
    before = sorted(root.rglob("*.toml"))

    result = run("new", "workshop", "--title", "Taller", "--start", start, "--store", str(root), cwd=tmp_path)

    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert sorted(root.rglob("*.toml")) == before


def test_new_accepts_the_last_years_of_the_range(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)

    result = run(
        "new", "workshop", "--title", "Taller", "--start", "2100-12-31 09:30", "--store", str(root), cwd=tmp_path
    )
    exported = run("export", "ics", "--store", str(root), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert exported.returncode == 0, exported.stderr


def test_a_series_until_a_year_out_of_range_is_refused(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    text = EVENT.format(when="2017-04-27 09:00:00", later="2017-04-27 10:00:00")
    write(root, OTHER, text + '[recurrence]\nfreq = "weekly"\nuntil = 9999-01-01\n')

    checked = run("check", "--store", str(root), cwd=tmp_path)
    exported = run("export", "ics", "--store", str(root), cwd=tmp_path)

    assert "recurrence.until: the year 9999 is outside 1900-2100" in checked.stdout, checked.stdout
    assert exported.returncode == 0, exported.stderr


def test_read_bounded_refuses_what_grew_and_follows_only_when_told(tmp_path: Path) -> None:
    target = write(tmp_path, "a.toml", b"x = 1\n")
    link = tmp_path / "b.toml"
    os.symlink(target, link)

    assert read_bounded(link, 100, follow=True) == b"x = 1\n"
    with pytest.raises(Unreadable, match="is a symbolic link: not read"):
        read_bounded(link, 100)
    with pytest.raises(Unreadable, match="larger than 0 MiB"):
        read_bounded(target, 3)
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "missing.toml", 100)


if sys.platform == "win32":  # pragma: no cover - FIFOs and symbolic links as POSIX has them
    pytestmark = pytest.mark.skip("POSIX files only")
