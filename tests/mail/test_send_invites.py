"""``planner send invites`` against a real SMTP server on 127.0.0.1: what arrives, and that it arrives once."""

from __future__ import annotations

import email.policy
from datetime import timedelta
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import icalendar
import pytest

from planner.domain.event import Event
from planner.domain.text import Text
from planner.store import Store
from tests.helpers.cli import Result, run
from tests.helpers.mail import PASSWORD, Inbox, SmtpServer, calendar_part, invite_of, plain_text, smtp_store
from tests.helpers.store import ROUND_TABLE

pytestmark = pytest.mark.slow  # an SMTP server (aiosmtpd) for each test

ROUND_TABLE_GUESTS = {"fernando.cejudo@example.org", "felix.martinez@example.org", "branislav.marelic@example.org"}


def send(store: Path, cwd: Path, *options: str, env: dict[str, str] | None = None) -> Result:
    """``planner send invites`` of the round table."""
    return run("send", "invites", ROUND_TABLE, "--store", str(store), *options, cwd=cwd, env=env)


def resent(inbox: Inbox) -> list[tuple[Message, Any]]:
    """The messages after the first sending to the round table's three guests, each with its VEVENT."""
    later = inbox.messages()[len(ROUND_TABLE_GUESTS) :]
    assert len(later) == len(ROUND_TABLE_GUESTS)
    return [(message, invite_of(message).walk("VEVENT")[0]) for message in later]


def attendees(calendar: icalendar.Calendar) -> set[str]:
    vevent = calendar.walk("VEVENT")[0]
    values = vevent.get("ATTENDEE", [])
    values = values if isinstance(values, list) else [values]
    return {str(v).lower().removeprefix("mailto:") for v in values}


def load_event(store: Path, event_id: str = ROUND_TABLE) -> tuple[Store, Event]:
    loaded = Store.load(store)
    return loaded, loaded.events[event_id]


def test_without_send_messages_are_written_to_the_outbox_and_nothing_is_sent(
    tmp_path: Path, store: Path, smtp_server: SmtpServer
) -> None:
    before = (store / "2017" / f"2017-03-30-{ROUND_TABLE}.toml").read_bytes()
    result = send(store, tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "exports" / "outbox" / ROUND_TABLE
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["branislav-marelic.eml", "felix-martinez.eml", "fernando-cejudo.eml"]
    assert smtp_server.inbox.envelopes == []
    assert (store / "2017" / f"2017-03-30-{ROUND_TABLE}.toml").read_bytes() == before  # nothing recorded
    assert result.stdout.count("would send: ") == 3 and "nothing sent" in result.stdout
    message = message_from_bytes((folder / "fernando-cejudo.eml").read_bytes(), policy=email.policy.default)
    assert message["To"] == "Fernando Cejudo <fernando.cejudo@example.org>"
    assert message["From"].addresses[0].addr_spec == "migrantsandcities@example.org"
    # Spanish reader, weekday computed in the event's zone.
    assert message["Subject"] == (
        "Invitación: Mesa intermunicipal sobre migración en Lo Prado — jueves 30 de marzo de 2017"
    )
    assert calendar_part(message).get_param("method") == "REQUEST"
    assert "fernando.cejudo@example.org" in attendees(invite_of(message))


def test_send_delivers_one_valid_request_per_attendee_and_records_it(
    tmp_path: Path, store: Path, smtp_server: SmtpServer
) -> None:
    result = send(store, tmp_path, "--send")
    assert result.returncode == 0, result.stderr
    inbox = smtp_server.inbox
    assert sorted(r for e in inbox.envelopes for r in e.rcpt_tos) == sorted(ROUND_TABLE_GUESTS)
    for envelope, message in zip(inbox.envelopes, inbox.messages(), strict=True):
        assert envelope.mail_from == "migrantsandcities@example.org"
        part = calendar_part(message)
        assert part.get_content_type() == "text/calendar"
        assert part.get_param("method") == "REQUEST"
        assert (part.get_content_charset() or "").lower() == "utf-8"
        calendar = invite_of(message)
        assert str(calendar["METHOD"]) == "REQUEST"
        vevent = calendar.walk("VEVENT")[0]
        assert str(vevent["UID"]) == "lo-prado-round-table@planner.iom-chile.example.org"
        assert vevent.decoded("SEQUENCE") == 0
        assert envelope.rcpt_tos[0] in attendees(calendar)
        assert str(vevent["ORGANIZER"]).lower() == "mailto:migrantsandcities@example.org"
        text = plain_text(message)
        assert "Mesa intermunicipal sobre migración en Lo Prado" in text
        assert "jueves 30 de marzo de 2017, 09:30–12:30" in text
        assert "Municipalidad de Lo Prado" in text
        assert "09:45  La Oficina de Migración de Lo Prado (Fernando Cejudo)" in text
    _, event = load_event(store)
    assert {s.person for s in event.sent} == {"fernando-cejudo", "felix-martinez", "branislav-marelic"}
    assert all(s.method == "REQUEST" and s.sequence == 0 and s.digest.startswith("sha256:") for s in event.sent)
    assert all(s.at.utcoffset() == timedelta(0) for s in event.sent)


def test_a_second_run_sends_nothing(tmp_path: Path, store: Path, smtp_server: SmtpServer) -> None:
    first = send(store, tmp_path, "--send")
    assert first.returncode == 0, first.stderr
    second = send(store, tmp_path, "--send")
    assert second.returncode == 0, second.stderr
    assert len(smtp_server.inbox.envelopes) == 3
    assert second.stdout.count("skipped: ") == 3
    assert "already sent REQUEST SEQUENCE 0" in second.stdout
    assert "nothing to send" in second.stdout
    _, event = load_event(store)
    assert len(event.sent) == 3


def test_an_answer_recorded_meanwhile_is_no_reason_to_send_again(
    tmp_path: Path, store: Path, smtp_server: SmtpServer
) -> None:
    send(store, tmp_path, "--send")
    loaded, event = load_event(store)
    answered = tuple(
        i.model_copy(update={"answer": "declined"}) if i.person == "felix-martinez" else i for i in event.invitations
    )
    loaded.save(event.model_copy(update={"invitations": answered}))
    again = send(store, tmp_path, "--send")
    assert again.returncode == 0, again.stderr
    assert len(smtp_server.inbox.envelopes) == 3


def test_a_time_change_sends_again_with_a_higher_sequence(tmp_path: Path, store: Path, smtp_server: SmtpServer) -> None:
    send(store, tmp_path, "--send")
    loaded, event = load_event(store)
    moved = loaded.save(
        event.model_copy(update={"start": event.start + timedelta(hours=1), "end": event.end + timedelta(hours=1)})
    )
    assert moved.sequence == 1
    again = send(store, tmp_path, "--send")
    assert again.returncode == 0, again.stderr
    for message, vevent in resent(smtp_server.inbox):
        assert vevent.decoded("SEQUENCE") == 1
        assert vevent.decoded("DTSTART").strftime("%H:%M") == "10:30"
        assert str(vevent["UID"]) == "lo-prado-round-table@planner.iom-chile.example.org"
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        assert subject.startswith("Invitación actualizada: ")
        assert "10:30–13:30" in plain_text(message)
    _, event = load_event(store)
    assert [s.sequence for s in event.sent] == [0, 0, 0, 1, 1, 1]


def test_a_new_description_is_sent_again_with_the_same_sequence(
    tmp_path: Path, store: Path, smtp_server: SmtpServer
) -> None:
    send(store, tmp_path, "--send")
    loaded, event = load_event(store)
    saved = loaded.save(event.model_copy(update={"description": Text(es="Nueva sala: salón municipal.")}))
    assert saved.sequence == 0  # not significant for a calendar (RFC 5546): a later DTSTAMP carries it
    again = send(store, tmp_path, "--send")
    assert again.returncode == 0, again.stderr
    for _, vevent in resent(smtp_server.inbox):
        assert vevent.decoded("SEQUENCE") == 0
        assert "Nueva sala: salón municipal." in str(vevent["DESCRIPTION"])


def test_a_cancelled_event_sends_cancel_once(tmp_path: Path, store: Path, smtp_server: SmtpServer) -> None:
    send(store, tmp_path, "--send")
    loaded, event = load_event(store)
    loaded.save(event.model_copy(update={"status": "cancelled"}))
    result = send(store, tmp_path, "--send")
    assert result.returncode == 0, result.stderr
    for message, vevent in resent(smtp_server.inbox):
        assert calendar_part(message).get_param("method") == "CANCEL"
        assert str(invite_of(message)["METHOD"]) == "CANCEL"
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert vevent.decoded("SEQUENCE") >= 1
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        assert subject.startswith("Cancelado: ")
        assert "cancelada" in plain_text(message)
    _, event = load_event(store)
    assert [s.method for s in event.sent].count("CANCEL") == 3
    again = send(store, tmp_path, "--send")
    assert again.returncode == 0 and len(smtp_server.inbox.envelopes) == 6


def test_each_reader_gets_their_own_language(tmp_path: Path, store: Path, smtp_server: SmtpServer) -> None:
    loaded = Store.load(store)
    person = loaded.people["branislav-marelic"]
    loaded.save(person.model_copy(update={"lang": "en"}))
    result = send(store, tmp_path, "--send")
    assert result.returncode == 0, result.stderr
    by_reader = {
        e.rcpt_tos[0]: m for e, m in zip(smtp_server.inbox.envelopes, smtp_server.inbox.messages(), strict=True)
    }
    english = by_reader["branislav.marelic@example.org"]
    subject = str(email.header.make_header(email.header.decode_header(english["Subject"])))
    assert subject == "Invitation: Inter-municipal round table on migration in Lo Prado — Thursday 30 March 2017"
    assert "Thursday 30 March 2017, 09:30–12:30 (America/Santiago time)" in plain_text(english)
    summary = str(invite_of(english).walk("VEVENT")[0]["SUMMARY"])
    assert summary == "Inter-municipal round table on migration in Lo Prado"
    spanish = by_reader["felix.martinez@example.org"]
    assert "Cuándo:" in plain_text(spanish)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "draft"}, "is a draft, and drafts are never sent"),
        ({"invitations": ()}, "nobody to invite: none of its invitees has an e-mail address"),
    ],
)
def test_events_that_cannot_be_sent_are_refused(
    tmp_path: Path, store: Path, smtp_server: SmtpServer, change: dict[str, object], message: str
) -> None:
    loaded, event = load_event(store)
    loaded.save(event.model_copy(update=change))
    result = send(store, tmp_path, "--send")
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert smtp_server.inbox.envelopes == []


def test_the_password_comes_from_the_named_environment_variable_only(
    tmp_path: Path, smtp_server_with_login: SmtpServer
) -> None:
    server = smtp_server_with_login
    store = smtp_store(
        tmp_path,
        f'host = "127.0.0.1"\nport = {server.port}\nstarttls = false\nuser = "planner"\n'
        'password_env = "TEST_PLANNER_SMTP_SECRET"\n',
    )
    missing = send(store, tmp_path, "--send")
    assert missing.returncode == 1
    assert "environment variable TEST_PLANNER_SMTP_SECRET, which is not set" in missing.stderr
    assert server.inbox.envelopes == [] and server.inbox.logins == []
    wrong = send(store, tmp_path, "--send", env={"TEST_PLANNER_SMTP_SECRET": "wrong"})
    assert wrong.returncode == 1
    assert f"the mail server 127.0.0.1:{server.port} refused the login of planner" in wrong.stderr
    assert server.inbox.envelopes == []
    right = send(store, tmp_path, "--send", env={"TEST_PLANNER_SMTP_SECRET": PASSWORD})
    assert right.returncode == 0, right.stderr
    assert len(server.inbox.envelopes) == 3
    assert server.inbox.logins[-1] == ("planner", PASSWORD)
    assert PASSWORD not in (store / "planner.toml").read_text(encoding="utf-8")


def test_starttls_against_a_server_without_it_is_a_clear_error(tmp_path: Path, smtp_server: SmtpServer) -> None:
    store = smtp_store(tmp_path, f'host = "127.0.0.1"\nport = {smtp_server.port}\nstarttls = true\n')
    result = send(store, tmp_path, "--send")
    assert result.returncode == 1
    assert "STARTTLS" in result.stderr or "starttls" in result.stderr
    assert smtp_server.inbox.envelopes == []


def test_a_refused_recipient_is_reported_and_sent_again_next_time(
    tmp_path: Path, store: Path, smtp_server: SmtpServer
) -> None:
    smtp_server.inbox.refuse.add("felix.martinez@example.org")
    result = send(store, tmp_path, "--send")
    assert result.returncode == 1
    assert "not sent: Félix Martínez <felix.martinez@example.org>" in result.stderr
    assert "550" in result.stderr
    _, event = load_event(store)
    assert {s.person for s in event.sent} == {"fernando-cejudo", "branislav-marelic"}
    smtp_server.inbox.refuse.clear()
    again = send(store, tmp_path, "--send")
    assert again.returncode == 0, again.stderr
    assert [e.rcpt_tos for e in smtp_server.inbox.envelopes][-1] == ["felix.martinez@example.org"]
