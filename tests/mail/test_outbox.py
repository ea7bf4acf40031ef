"""``planner send invites`` without a mail server: the outbox it writes, and what it refuses before connecting."""

from __future__ import annotations

from email import message_from_bytes
from pathlib import Path

from planner.domain.participation import Invitation
from planner.store import Store
from tests.helpers.cli import Result, run
from tests.helpers.mail import free_port, invite_of, smtp_store
from tests.helpers.store import ROUND_TABLE


def send(store: Path, cwd: Path, *options: str, event_id: str = ROUND_TABLE) -> Result:
    return run("send", "invites", event_id, "--store", str(store), *options, cwd=cwd)


def test_out_names_the_outbox_folder(tmp_path: Path, outbox_store: Path) -> None:
    result = send(outbox_store, tmp_path, "--out", str(tmp_path / "elsewhere"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere" / "outbox" / ROUND_TABLE / "felix-martinez.eml").is_file()
    assert not (tmp_path / "exports").exists()


def test_a_study_visit_sends_one_message_per_invite(tmp_path: Path, outbox_store: Path) -> None:
    loaded = Store.load(outbox_store)
    visit = next(e for e in loaded.events.values() if e.kind == "study-visit" and e.legs)
    loaded.save(
        visit.model_copy(update={"status": "confirmed", "invitations": (Invitation(person="rodrigo-delgado"),)})
    )
    result = send(outbox_store, tmp_path, event_id=visit.id)
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "exports" / "outbox" / visit.id).iterdir())
    assert len(files) == 1 + len(visit.legs)
    assert all(name.startswith("rodrigo-delgado.") and name.endswith(".eml") for name in files)
    uids = set()
    for path in (tmp_path / "exports" / "outbox" / visit.id).iterdir():
        vevents = invite_of(message_from_bytes(path.read_bytes())).walk("VEVENT")
        assert len({str(v["UID"]) for v in vevents}) == 1  # one UID per iTIP message (RFC 5546)
        uids.add(str(vevents[0]["UID"]))
    assert len(uids) == len(files)


def test_people_without_an_address_are_named(tmp_path: Path, outbox_store: Path) -> None:
    loaded = Store.load(outbox_store)
    person = loaded.people["felix-martinez"]
    loaded.save(person.model_copy(update={"email": None}))
    result = send(outbox_store, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no e-mail address, so no message: Félix Martínez (felix-martinez)" in result.stdout
    assert result.stdout.count("would send: ") == 2


def test_an_unknown_event_is_refused(tmp_path: Path, outbox_store: Path) -> None:
    result = send(outbox_store, tmp_path, event_id="no-such-event")
    assert result.returncode == 1
    assert "no event matches 'no-such-event'" in result.stderr


def test_send_without_smtp_settings_says_what_to_add(tmp_path: Path, outbox_store: Path) -> None:
    result = send(outbox_store, tmp_path, "--send")
    assert result.returncode == 1
    assert "no mail server is configured: add an [smtp] table" in result.stderr
    assert "nothing was sent" in result.stderr
    assert Store.load(outbox_store).events[ROUND_TABLE].sent == ()


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    store = smtp_store(tmp_path, f'host = "127.0.0.1"\nport = {free_port()}\nstarttls = false\n')
    result = send(store, tmp_path, "--send")
    assert result.returncode == 1
    assert "cannot send through the mail server 127.0.0.1:" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert Store.load(store).events[ROUND_TABLE].sent == ()
