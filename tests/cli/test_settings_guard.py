"""A ``planner.toml`` that is missing, empty, unreadable, not TOML or not valid stops everything that goes out.

Each bad settings file is fed to every export, to sending and to both
imports: exit code 1, one message naming the file, the line and the field,
and not one byte written, in the output folder or in the store (its index
included). Reading the store goes on, and says what is wrong.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.store import SettingsUnsound, sound_settings
from planner.tui.exporting import ExportKind, run_export
from tests.helpers.cli import run
from tests.helpers.store import REPO, ROUND_TABLE, shipped_copy, snapshot

INVITE = REPO / "tests/golden/files/out/ics/invites/lo-prado-round-table.ics"
"""Any calendar file: the commands stop before they read it."""

BAD_SETTINGS: dict[str, tuple[bytes | None, str]] = {
    "missing": (None, "planner.toml:0: file: missing"),
    "empty": (b"", "planner.toml:0: file: empty"),
    "comments only": (b"# the settings come later\n", "planner.toml:0: file: empty"),
    "not UTF-8": (b'schema_version = 1\nhome_tz = "Am\xe9rica/Santiago"\n', "planner.toml:0: file: cannot be read"),
    "not TOML": (b'schema_version = 1\nhome_tz = "America/Santiago\n', "planner.toml:2: file: not valid TOML"),
    "invalid": (b'schema_version = 1\nhome_tz = "Mars/Base"\n', "planner.toml:2: home_tz: 'Mars/Base'"),
    "invalid e-mail": (b'schema_version = 1\norganizer_email = "nobody"\n', "planner.toml:2: organizer_email: "),
}

COMMANDS: dict[str, tuple[str, ...]] = {
    "export ics": ("export", "ics"),
    "export ics EVENT": ("export", "ics", ROUND_TABLE),
    "export minutes": ("export", "minutes", ROUND_TABLE),
    "export summary": ("export", "summary", ROUND_TABLE),
    "export bulletin": ("export", "bulletin", "--from", "2017-03-01", "--to", "2017-03-31"),
    "send invites": ("send", "invites", ROUND_TABLE),
    "send invites --send": ("send", "invites", ROUND_TABLE, "--send"),
    "import ics": ("import", "ics", str(INVITE)),
    "import ics --replies": ("import", "ics", "--replies", str(INVITE)),
}


def _spoil(root: Path, content: bytes | None) -> None:
    settings = root / "planner.toml"
    if content is None:
        settings.unlink()
    else:
        settings.write_bytes(content)


@pytest.mark.parametrize("command", COMMANDS.values(), ids=list(COMMANDS))
@pytest.mark.parametrize(("content", "located"), BAD_SETTINGS.values(), ids=list(BAD_SETTINGS))
def test_bad_settings_stop_the_command_and_nothing_is_written(
    tmp_path: Path, command: tuple[str, ...], content: bytes | None, located: str
) -> None:
    root = shipped_copy(tmp_path)
    _spoil(root, content)
    before = snapshot(tmp_path)

    result = run(*command, "--store", str(root), cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert message.startswith(f"planner: {root / located}"), message
    assert message.endswith("nothing written: exports, invitations and imports need sound settings")
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "exports").exists()


@pytest.mark.parametrize("kind", ["invites", "feeds", "minutes", "summary", "bulletin"])
def test_the_apps_exports_refuse_bad_settings_too(tmp_path: Path, kind: ExportKind) -> None:
    root = shipped_copy(tmp_path)
    _spoil(root, b"")
    before = snapshot(tmp_path)

    outcome = run_export(kind, root, tmp_path / "out", ROUND_TABLE, date(2017, 3, 30), lambda *_: None)

    assert outcome.failure is not None
    assert outcome.failure.startswith(f"{root / 'planner.toml'}:0: file: empty")
    assert outcome.files == []
    assert snapshot(tmp_path) == before


def test_sound_settings_names_every_problem_count(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    _spoil(root, b'schema_version = 1\nhome_tz = "Mars/Base"\ndefault_lang = "fr"\n')

    with pytest.raises(SettingsUnsound) as raised:
        sound_settings(root)

    assert len(raised.value.problems) == 2
    assert str(raised.value).startswith(f"{root / 'planner.toml'}:2: home_tz: ")
    assert "(and 1 more; run 'planner check')" in str(raised.value)


def test_sound_settings_returns_the_shipped_settings(tmp_path: Path) -> None:
    assert sound_settings(shipped_copy(tmp_path)).calendar_domain == "planner.iom-chile.example.org"


def test_check_reports_an_empty_settings_file_as_an_error(tmp_path: Path) -> None:
    root = shipped_copy(tmp_path)
    _spoil(root, b"")

    result = run("check", "--store", str(root), cwd=tmp_path)

    assert result.returncode == 1
    assert f"{root / 'planner.toml'}:0: file: empty: it sets nothing; using the default settings" in result.stdout


@pytest.mark.parametrize(("content", "located"), BAD_SETTINGS.values(), ids=list(BAD_SETTINGS))
def test_reading_goes_on_and_says_the_settings_are_broken(tmp_path: Path, content: bytes | None, located: str) -> None:
    root = shipped_copy(tmp_path)
    _spoil(root, content)

    shown = run("show", ROUND_TABLE, "--store", str(root), cwd=tmp_path)
    checked = run("check", "--store", str(root), cwd=tmp_path)

    assert shown.returncode == 0
    assert ROUND_TABLE in shown.stdout or "Lo Prado" in shown.stdout
    assert str(root / "planner.toml") in checked.stdout
    if content is not None:  # a missing file is a warning for reading, as it always was
        assert "1 file has errors" in shown.stderr
        assert str(root / located) in checked.stdout
