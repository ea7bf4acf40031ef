"""The export cache's code key covers all of the package's source: any change to it sets every rendering aside."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.calendar import keys
from planner.calendar.export import export_folder
from planner.calendar.keys import PACKAGE, code_key, package_key, source_files
from planner.store import Store


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the ``planner`` package, bytecode caches left out."""
    folder = tmp_path / "copy" / "planner"
    shutil.copytree(PACKAGE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


@pytest.fixture
def fresh_code_key() -> Iterator[None]:
    """``code_key`` worked out again in the test, and again after it (with the real package)."""
    code_key.cache_clear()
    yield
    code_key.cache_clear()


def test_every_module_template_and_translation_is_covered() -> None:
    names = set(source_files(PACKAGE))
    py = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    assert py <= names
    # What the hand-kept list of the past had missed, and what publishing reads to make text.
    assert {"domain/ids.py", "domain/minutes.py", "domain/vocabulary.py", "domain/delivery.py"} <= names
    assert {"publish/templates/minutes.html.j2", "publish/locale/es/LC_MESSAGES/planner.po"} <= names
    assert not {name for name in names if name.endswith(".tcss") or "__pycache__" in name}


def test_the_same_tree_gives_the_same_key_wherever_it_is(copy: Path) -> None:
    assert source_files(copy) == source_files(PACKAGE)
    assert package_key(copy) == package_key(PACKAGE)
    (copy / "calendar" / "__pycache__").mkdir()
    (copy / "calendar" / "__pycache__" / "export.cpython-311.pyc").write_bytes(b"bytecode")
    (copy / "tui" / "app.tcss").write_text("Screen { }\n", encoding="utf-8")
    assert package_key(copy) == package_key(PACKAGE)  # neither bytecode nor style sheets shape an export


def test_a_change_to_any_source_file_changes_the_key(copy: Path) -> None:
    unchanged = package_key(copy)
    seen = {unchanged}
    for name in source_files(copy):
        path = copy / name
        data = path.read_bytes()
        path.write_bytes(data + b"\n")
        changed = package_key(copy)
        path.write_bytes(data)
        assert changed not in seen, name
        seen.add(changed)
    assert package_key(copy) == unchanged


def test_a_module_added_removed_or_renamed_changes_the_key(copy: Path) -> None:
    unchanged = package_key(copy)
    (copy / "domain" / "new.py").write_text('"""New."""\n', encoding="utf-8")
    added = package_key(copy)
    (copy / "domain" / "new.py").unlink()
    assert package_key(copy) == unchanged
    (copy / "domain" / "ids.py").rename(copy / "domain" / "idents.py")
    renamed = package_key(copy)
    (copy / "domain" / "idents.py").unlink()
    removed = package_key(copy)
    assert len({unchanged, added, renamed, removed}) == 4


def test_the_code_key_follows_the_package_folder_and_is_worked_out_once(
    copy: Path, monkeypatch: pytest.MonkeyPatch, fresh_code_key: None
) -> None:
    real = code_key()
    code_key.cache_clear()
    monkeypatch.setattr(keys, "PACKAGE", copy)
    assert code_key() == real
    vocabulary = copy / "domain" / "vocabulary.py"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    assert code_key() == real  # once per process: the files are not walked again
    code_key.cache_clear()
    assert code_key() != real


def test_an_export_under_changed_code_renders_every_event_again(
    store_root: Path, tmp_path: Path, copy: Path, monkeypatch: pytest.MonkeyPatch, fresh_code_key: None
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    out = tmp_path / "out"
    events = sorted(k for k, e in Store.load(store_root).events.items() if e.status != "draft")
    assert sorted(export_folder(store_root, out).rendered) == events
    assert export_folder(store_root, out).rendered == []
    minutes = copy / "domain" / "minutes.py"
    minutes.write_text(minutes.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    monkeypatch.setattr(keys, "PACKAGE", copy)
    code_key.cache_clear()
    again = export_folder(store_root, out)
    assert sorted(again.rendered) == events
    assert again.written == [] and again.refused == []  # the same code in effect: the same bytes
