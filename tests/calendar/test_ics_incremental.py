"""Render once, export what changed: every file byte-identical to a full export from an empty cache.

Each test compares the folder an incremental export leaves with the one a
full export of the same store writes from an empty cache into an empty folder
(the ``cold`` fixture): the same files, the same bytes. ``ExportResult.rendered``
counts the events rendered, ``written`` the files rewritten.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from planner.calendar.export import export_folder, export_ics
from planner.calendar.feeds import municipalities_of
from planner.domain.event import Event
from planner.domain.text import Text
from planner.store import Store
from tests.helpers.cli import child_env
from tests.helpers.ics import ics_files, one, parse, uid_of
from tests.helpers.store import REPO, ROUND_TABLE, SERIES


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in ics_files(out)}


Cold = Callable[..., dict[str, bytes]]


@pytest.fixture
def cold(store_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cold:
    """``cold(name="cold")``: a full export of ``store_root`` as it is now, from an empty cache into an empty
    folder, as the files it writes (the store is copied, so that the reference export saves nothing into the
    store under test; ``name`` keeps apart two references taken in one test)."""

    def export(name: str = "cold") -> dict[str, bytes]:
        copy = tmp_path / f"{name}-store"
        shutil.copytree(store_root, copy)
        with monkeypatch.context() as patch:
            patch.setenv("XDG_CACHE_HOME", str(tmp_path / f"{name}-cache"))
            result = export_folder(copy, tmp_path / f"{name}-out")
        assert result.refused == []
        return _tree(tmp_path / f"{name}-out")

    return export


@pytest.fixture
def out(store_root: Path, tmp_path: Path) -> Path:
    """The folder a first, full export of ``store_root`` was written to: what the next export finds."""
    folder = tmp_path / "out"
    export_folder(store_root, folder)
    return folder


def _events(root: Path) -> dict[str, Event]:
    return {k: e for k, e in Store.load(root).events.items() if e.status != "draft"}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _event_file(root: Path, event_id: str) -> Path:
    return next(root.glob(f"*/*{event_id}.toml"))


def _holding(tree: dict[str, bytes], uid: str) -> set[str]:
    return {name for name, data in tree.items() if f"UID:{uid}\r\n".encode() in data}


def test_a_second_export_renders_nothing_writes_nothing_and_matches_a_full_export(
    store_root: Path, tmp_path: Path, cold: Cold
) -> None:
    out = tmp_path / "out"
    first = export_folder(store_root, out)
    assert sorted(first.rendered) == sorted(_events(store_root))  # every event once, whatever the feeds
    assert first.unchanged_names == [] and first.refused == []
    before = _tree(out)
    times = {p: p.stat().st_mtime_ns for p in ics_files(out)}

    again = export_folder(store_root, out)
    assert again.rendered == [] and again.written == []
    assert again.files == first.files == ics_files(out)
    assert {p: p.stat().st_mtime_ns for p in ics_files(out)} == times
    assert _tree(out) == before == cold()
    # The notes are the same on every export, kept or not.
    assert again.notes == first.notes


def test_a_loaded_store_and_the_folder_give_the_same_bytes_and_share_the_renderings(
    store_root: Path, tmp_path: Path
) -> None:
    loaded = export_ics(Store.load(store_root), tmp_path / "loaded")
    assert loaded.rendered
    folder = export_folder(store_root, tmp_path / "folder")
    assert folder.rendered == []  # renderings are kept by content: the same records, read either way
    assert _tree(tmp_path / "loaded") == _tree(tmp_path / "folder")


def test_one_change_renders_that_event_only_and_rewrites_only_the_files_holding_it(
    store_root: Path, out: Path, cold: Cold
) -> None:
    before = _tree(out)
    times = {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in ics_files(out)}
    # A Spanish description edited by hand: the English entries do not change.
    _edit(_event_file(store_root, ROUND_TABLE), "organizaron una mesa", "organizaron una gran mesa")

    result = export_folder(store_root, out)
    assert result.rendered == [ROUND_TABLE]
    after = _tree(out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert set(result.written_names) == changed
    assert changed <= _holding(before, uid_of(ROUND_TABLE))
    assert "calendar/programme.es.ics" in changed and f"invites/{ROUND_TABLE}.ics" in changed
    assert "calendar/programme.en.ics" not in changed
    # Files not written keep their bytes and were not even replaced.
    for name in set(after) - changed:
        assert (out / name).stat().st_mtime_ns == times[name], name
    assert after == cold()


def test_a_time_change_saved_through_the_store_moves_the_event_in_every_feed(
    store_root: Path, out: Path, cold: Cold
) -> None:
    store = Store.load(store_root)
    event = store.events[ROUND_TABLE]
    # Moved a year on: its place in the feeds changes, its SEQUENCE rises.
    store.save(
        event.model_copy(update={"start": event.start + timedelta(days=365), "end": event.end + timedelta(days=365)})
    )
    result = export_folder(store_root, out)
    assert result.rendered == [ROUND_TABLE]
    assert one(parse(out / "invites" / f"{ROUND_TABLE}.ics"), uid_of(ROUND_TABLE))["SEQUENCE"] == 1
    assert _tree(out) == cold()


def test_a_hand_edit_of_the_time_still_raises_the_sequence_with_everything_kept(
    store_root: Path, out: Path, cold: Cold
) -> None:
    export_folder(store_root, out)  # everything kept now
    path = _event_file(store_root, ROUND_TABLE)
    _edit(path, "start = 2017-03-30 09:30:00", "start = 2017-03-30 10:00:00")

    result = export_folder(store_root, out)
    assert any("changed by hand: SEQUENCE raised to 1" in note for note in result.notes)
    assert result.rendered == [ROUND_TABLE]
    assert "sequence = 1" in path.read_text(encoding="utf-8")
    assert one(parse(out / "invites" / f"{ROUND_TABLE}.ics"), uid_of(ROUND_TABLE))["SEQUENCE"] == 1
    assert _tree(out) == cold()
    # Noticed once: the saved file is current, and the next export finds everything kept.
    again = export_folder(store_root, out)
    assert not [n for n in again.notes if "changed by hand" in n]
    assert again.rendered == [] and again.written == []


def test_renaming_a_person_renders_again_the_events_that_name_them(store_root: Path, out: Path, cold: Cold) -> None:
    store = Store.load(store_root)
    person = "fernando-cejudo"
    naming = {k for k, e in _events(store_root).items() if person in e.people()}
    heads = {m.id for m in store.municipalities.values() if m.migration_office_head == person}
    hosting = {k for k, e in _events(store_root).items() if heads & set(municipalities_of(e))}
    assert naming
    _edit(store_root / "people" / f"{person}.toml", 'name = "Fernando Cejudo"', 'name = "Fernando Cejudo Aliaga"')

    result = export_folder(store_root, out)
    assert naming <= set(result.rendered) <= naming | hosting
    token = store.people[person].calendar_token
    feed = parse(out / "calendar" / f"person-{token}.ics")
    assert str(feed["X-WR-CALNAME"]).endswith("Fernando Cejudo Aliaga")
    assert _tree(out) == cold()
    # A new feed token is no change to any entry: nothing is rendered for it.
    _edit(store_root / "people" / f"{person}.toml", f'calendar_token = "{token}"', 'calendar_token = "short"')
    reissued = export_folder(store_root, out)
    assert reissued.rendered == []
    assert any(n.startswith(f"{person}: replaced an unusable calendar token") for n in reissued.notes)
    assert f"calendar/person-{token}.ics" in reissued.removed_names


def test_a_deleted_and_an_added_event_leave_the_same_files_as_a_full_export(
    store_root: Path, out: Path, cold: Cold
) -> None:
    _event_file(store_root, ROUND_TABLE).unlink()
    store = Store.load(store_root)
    series = store.events[SERIES]
    copy = series.model_copy(
        update={
            "id": "another-round-table",
            "recurrence": None,
            "occurrences": {},
            "title": Text(es="Otra mesa", en="Another round table"),
            "calendar_fingerprint": None,
            "sequence": 0,
            "created": None,
        }
    )
    store.save(copy)

    result = export_folder(store_root, out)
    assert result.rendered == ["another-round-table"]
    assert f"invites/{ROUND_TABLE}.ics" in result.removed_names
    assert (out / "invites" / "another-round-table.ics").is_file()
    assert _tree(out) == cold()


def test_an_event_made_a_draft_leaves_every_feed_and_comes_back_unrendered(
    store_root: Path, out: Path, cold: Cold
) -> None:
    path = _event_file(store_root, ROUND_TABLE)
    original = path.read_text(encoding="utf-8")
    _edit(path, 'status = "done"', 'status = "draft"')
    drafted = export_folder(store_root, out)
    assert drafted.rendered == []  # a draft is not rendered at all
    assert f"invites/{ROUND_TABLE}.ics" in drafted.removed_names
    assert not _holding(_tree(out), uid_of(ROUND_TABLE))
    assert _tree(out) == cold("drafted")
    path.write_text(original, encoding="utf-8")
    back = export_folder(store_root, out)
    assert back.rendered == []  # the same bytes as before: its entries were kept
    assert _tree(out) == cold("back")


def test_settings_changes_render_everything_again(store_root: Path, out: Path, cold: Cold) -> None:
    settings = store_root / "planner.toml"
    _edit(settings, 'organizer_name = "IOM Chile — Migrants and Cities"', 'organizer_name = "OIM Chile, Santiago"')
    result = export_folder(store_root, out)
    assert sorted(result.rendered) == sorted(_events(store_root))
    assert "OIM Chile, Santiago" in (out / "invites" / f"{ROUND_TABLE}.ics").read_text(encoding="utf-8")
    assert _tree(out) == cold()


def test_an_output_file_changed_or_removed_by_someone_else_is_written_again(
    store_root: Path, out: Path, cold: Cold
) -> None:
    programme = out / "calendar" / "programme.en.ics"
    data = programme.read_bytes()
    programme.write_bytes(data.replace(b"SUMMARY:", b"SUMMARY:X", 1))  # a hand edit
    (out / "calendar" / "municipality-lo-prado.ics").unlink()
    result = export_folder(store_root, out)
    assert result.rendered == []
    assert {"calendar/programme.en.ics", "calendar/municipality-lo-prado.ics"} <= set(result.written_names)
    assert programme.read_bytes() == data
    assert _tree(out) == cold()


def test_one_language_and_one_event_exports_use_the_same_kept_renderings(store_root: Path, tmp_path: Path) -> None:
    export_folder(store_root, tmp_path / "all")
    english = export_folder(store_root, tmp_path / "en", lang="en")
    assert english.rendered  # English invitations were not rendered yet (Spanish is the default)
    assert export_folder(store_root, tmp_path / "en", lang="en").rendered == []
    single = export_folder(store_root, tmp_path / "one", event_id=ROUND_TABLE)
    assert single.rendered == [] and single.files == [tmp_path / "one" / "invites" / f"{ROUND_TABLE}.ics"]
    assert (tmp_path / "one" / "invites" / f"{ROUND_TABLE}.ics").read_bytes() == (
        tmp_path / "all" / "invites" / f"{ROUND_TABLE}.ics"
    ).read_bytes()


def test_a_damaged_cache_is_started_again_without_a_word(
    store_root: Path, out: Path, cold: Cold, cache_home: Path
) -> None:
    [kept] = list(cache_home.rglob("export.sqlite"))
    kept.write_bytes(b"not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{kept}{suffix}").unlink(missing_ok=True)
    result = export_folder(store_root, out)
    assert result.refused == [] and result.written == []
    assert _tree(out) == cold()


@pytest.mark.slow
def test_an_export_that_finds_everything_kept_loads_neither_the_model_nor_icalendar(
    store_root: Path, out: Path, cache_home: Path
) -> None:
    # A fresh interpreter of its own: this one has loaded every library already.
    code = (
        "import sys\nfrom pathlib import Path\nfrom planner.cli.main import main\n"
        f"main(['export', 'ics', '--store', {str(store_root)!r}, '--out', {str(out)!r}])\n"
        "heavy = ('pydantic', 'icalendar')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m == 'planner.domain.event'))\n"
    )
    env = child_env({"XDG_CACHE_HOME": str(cache_home)})
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "[]"
    assert f"0 written, {len(ics_files(out))} unchanged" in run.stdout
