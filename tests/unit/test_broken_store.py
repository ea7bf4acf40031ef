"""Broken stores: each fixture has ONE defect, reported with file, line and field, and the rest still loads.

Every folder under ``fixtures/broken/`` is a tiny store: ``planner.toml``,
the municipality ``penalolen``, the person ``ana-perez``, the good event
``mesa-salud``, and one more file holding the defect. What each case must
report is written here, not in the fixtures.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from planner.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "broken"
GOOD_EVENT = "2017/2017-03-30-mesa-salud.toml"


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    """The file at fault, relative to the store."""
    line: int
    field: str
    message: tuple[str, ...]
    """Pieces the message must contain, in order."""
    events: tuple[str, ...] = ("mesa-salud",)
    people: tuple[str, ...] = ("ana-perez",)


CASES = [
    Case(
        "invalid-toml",
        "2017/2017-04-12-taller-empleo.toml",
        3,
        "file",
        ("not valid TOML: ", "Invalid value"),
    ),
    Case(
        "wrong-type",
        "2017/2017-04-12-taller-empleo.toml",
        8,
        "sequence",
        ("Input should be a valid integer",),
    ),
    Case(
        "unknown-field",
        "people/luis-soto.toml",
        3,
        "emial",
        ("unknown field (check its spelling)",),
    ),
    Case(
        "bad-kind",
        "2017/2017-04-12-taller-empleo.toml",
        2,
        "kind",
        ("Input should be 'round-table', 'study-visit', 'conference', 'agreement-signing', 'workshop' or 'other'",),
    ),
    Case(
        "dangling-reference",
        "2017/2017-04-12-taller-empleo.toml",
        9,
        "speakers.0.person",
        ("no person with id 'nadie' in the store",),
        # A reference that does not resolve is reported, but the event itself loads.
        events=("mesa-salud", "taller-empleo"),
    ),
    Case(
        "duplicate-id",
        "2017/2017-04-12-taller-empleo.toml",
        1,
        "id",
        ("'mesa-salud' is already the id of ", GOOD_EVENT),
    ),
    Case(
        "line-break-in-title",
        "2017/2017-04-12-taller-empleo.toml",
        13,
        "title.es",
        ("must be a single line, but contains a line break",),
    ),
    Case(
        "end-before-start",
        "2017/2017-04-12-taller-empleo.toml",
        5,
        "end",
        ("the end must come after the start",),
    ),
    Case(
        "not-utf8",
        "people/luis-soto.toml",
        2,
        "file",
        ("is not UTF-8 text",),
    ),
    Case(
        "nonexistent-local-time",
        "2017/2017-08-13-taller-empleo.toml",
        4,
        "start",
        ("2017-08-13 00:30 does not exist in America/Santiago", "UTC-04:00 to UTC-03:00", "(a gap)"),
    ),
    Case(
        "repeated-local-time",
        "2017/2017-05-13-taller-empleo.toml",
        5,
        "end",
        ("2017-05-13 23:30 occurs twice in America/Santiago", "UTC-03:00 to UTC-04:00", "(an overlap)"),
    ),
    Case(
        # The error sits in the second leg's [legs.venue] table: its line, not the leg's.
        "leg-venue-line-break",
        "2017/2017-06-01-visita-europa.toml",
        28,
        "legs.1.venue.name",
        ("must be a single line, but contains a line break",),
    ),
]


def test_every_fixture_folder_has_a_case() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(c.name for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_broken_store_reports_one_problem_and_loads_the_rest(case: Case, tmp_path: Path) -> None:
    root = tmp_path / case.name
    shutil.copytree(FIXTURES / case.name, root)

    store = Store.load(root)

    assert len(store.problems) == 1, [str(p) for p in store.problems]
    (problem,) = store.problems
    assert problem.severity == "error"
    assert problem.path == root / case.file
    assert problem.line == case.line
    assert problem.field == case.field
    position = 0
    for piece in case.message:
        found = problem.message.find(piece, position)
        assert found >= 0, f"{piece!r} not in {problem.message!r}"
        position = found + len(piece)
    assert str(problem).startswith(f"{root / case.file}:{case.line}: {case.field}: ")

    assert sorted(store.events) == sorted(case.events)
    assert sorted(store.people) == sorted(case.people)
    assert list(store.municipalities) == ["penalolen"]
    assert store.path_of("mesa-salud") == root / GOOD_EVENT


def test_the_fixtures_without_their_defect_load_cleanly(tmp_path: Path) -> None:
    # The shared files are sound, so each case's one problem is its own defect.
    root = tmp_path / "clean"
    shutil.copytree(FIXTURES / "end-before-start", root)
    (root / "2017" / "2017-04-12-taller-empleo.toml").unlink()
    store = Store.load(root)
    assert store.problems == []
    assert list(store.events) == ["mesa-salud"]
