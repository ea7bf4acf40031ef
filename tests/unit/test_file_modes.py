"""A save keeps the replaced file's mode and group; a new record file gets the mode the user's umask gives any
new file, so that a colleague sharing the folder still reads it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from planner.store import Store
from planner.store.batch import Batch
from planner.store.files import PUBLISHED, write_atomic
from tests.helpers.records import T1, make_person
from tests.helpers.store import file_names

PERSON = "people/ana-perez.toml"


@contextmanager
def umask(mask: int) -> Iterator[None]:
    """The process's umask set to ``mask`` for the block, then restored."""
    before = os.umask(mask)
    try:
        yield
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _rename(root: Path, name: str) -> None:
    store = Store.load(root)
    store.save(store.people["ana-perez"].model_copy(update={"name": name}), now=T1)


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664], ids=oct)
def test_a_saved_file_keeps_its_mode(store_root: Path, mode: int) -> None:
    path = store_root / PERSON
    path.chmod(mode)
    with umask(0o022):
        _rename(store_root, "Ana Renamed")
    assert Store.load(store_root).people["ana-perez"].name == "Ana Renamed"
    assert _mode(path) == mode


@pytest.mark.parametrize(
    ("mask", "mode"),
    [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o002, 0o664)],
    ids=["umask-022", "umask-027", "umask-077", "umask-002"],
)
def test_a_new_record_gets_the_mode_the_umask_gives_a_new_file(store_root: Path, mask: int, mode: int) -> None:
    with umask(mask):
        Store.load(store_root).save(make_person("eva-rojas", "Eva Rojas"), now=T1)
    assert _mode(store_root / "people" / "eva-rojas.toml") == mode


def test_a_new_file_written_directly_gets_the_umask_mode_and_no_temporary_file_stays(tmp_path: Path) -> None:
    with umask(0o027):
        write_atomic(tmp_path / "people" / "ana.toml", b"one\n", None)
    assert _mode(tmp_path / "people" / "ana.toml") == 0o640
    assert file_names(tmp_path) == ["people/ana.toml"]


def _other_group() -> int | None:
    """A group this process may give a file other than its own: any group as root, else a supplementary one."""
    own = os.getegid()
    if os.geteuid() == 0:
        return 1 if own != 1 else 2
    return next((group for group in os.getgroups() if group != own), None)


def test_a_saved_file_keeps_its_group_when_the_user_may_give_it(store_root: Path) -> None:
    group = _other_group()
    if group is None:
        pytest.skip("this user belongs to no second group, and is not root")
    path = store_root / PERSON
    os.chown(path, -1, group)
    path.chmod(0o660)
    _rename(store_root, "Ana Renamed")
    assert Store.load(store_root).people["ana-perez"].name == "Ana Renamed"
    assert path.stat().st_gid == group
    assert _mode(path) == 0o660


def test_a_group_the_user_may_not_give_is_left_and_the_save_still_succeeds(
    store_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = _other_group()
    if group is None:
        pytest.skip("this user belongs to no second group, and is not root")
    path = store_root / PERSON
    os.chown(path, -1, group)
    path.chmod(0o640)

    def refused(*args: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    # As for a colleague's file whose group this user is not in: the kernel refuses to give that group.
    monkeypatch.setattr(os, "fchown", refused)
    _rename(store_root, "Ana Renamed")
    monkeypatch.undo()

    assert Store.load(store_root).people["ana-perez"].name == "Ana Renamed"
    assert _mode(path) == 0o640
    assert path.stat().st_gid == os.getegid()


def test_an_export_is_readable_by_others_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "feed.ics"
    with umask(0o077), Batch(1) as batch:
        batch.stage(path, b"BEGIN:VCALENDAR\r\n")
        batch.commit()
    assert _mode(path) == PUBLISHED == 0o644
