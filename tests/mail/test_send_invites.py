"""``planner send invites`` against a real SMTP server on 127.0.0.1: what arrives, and that it arrives once."""

from __future__ import annotations

import email.policy
from datetime import timedelta
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import icalendar
import pytest

from planner.domain.event import Event
from planner.domain.participation import Invitation
from planner.domain.text import Text
from planner.store import Store
from tests.mail.helpers import ROUND_TABLE, ROUND_TABLE_GUESTS, SmtpServer, copy_store, free_port, planner


def calendar_part(message: Message) -> Message:
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0]


def parsed_invite(message: Message) -> icalendar.Calendar:
    part = calendar_part(message)
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF lines arrive byte for byte
    return icalendar.Calendar.from_ical(data)


def plain_text(message: Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data.decode(part.get_content_charset() or "utf-8")


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
    result = planner("send", "invites", ROUND_TABLE, "--store", str(store), cwd=tmp_path)
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
    assert "fernando.cejudo@example.org" in attendees(parsed_invite(message))


def test_out_names_the_outbox_folder(tmp_path: Path, store: Path) -> None:
    result = planner("send", "invites", ROUND_TABLE, "--store", str(store), "--out", str(tmp_path / "elsewhere"),
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere" / "outbox" / ROUND_TABLE / "felix-martinez.eml").is_file()
    assert not (tmp_path / "exports").exists()


def test_send_delivers_one_valid_request_per_attendee_and_records_it(
    tmp_path: Path, store: Path, smtp_server: SmtpServer
) -> None:
    result = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    inbox = smtp_server.inbox
    assert sorted(r for e in inbox.envelopes for r in e.rcpt_tos) == sorted(ROUND_TABLE_GUESTS)
    for envelope, message in zip(inbox.envelopes, inbox.messages(), strict=True):
        assert envelope.mail_from == "migrantsandcities@example.org"
        part = calendar_part(message)
        assert part.get_content_type() == "text/calendar"
        assert part.get_param("method") == "REQUEST"
        assert (part.get_content_charset() or "").lower() == "utf-8"
        calendar = parsed_invite(message)
        assert str(calendar["METHOD"]) == "REQUEST"
        vevent = calendar.walk("VEVENT")[0]
        assert str(vevent["UID"]) == "lo-prado-round-table@planner.iom-chile.example.org"
        assert int(vevent["SEQUENCE"]) == 0
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
    first = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    second = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
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
    planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    loaded, event = load_event(store)
    answered = tuple(
        i.model_copy(update={"answer": "declined"}) if i.person == "felix-martinez" else i for i in event.invitations
    )
    loaded.save(event.model_copy(update={"invitations": answered}))
    again = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert len(smtp_server.inbox.envelopes) == 3


def test_a_time_change_sends_again_with_a_higher_sequence(
    tmp_path: Path, store: Path, smtp_server: SmtpServer
) -> None:
    planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    loaded, event = load_event(store)
    moved = loaded.save(event.model_copy(update={"start": event.start + timedelta(hours=1),
                                                 "end": event.end + timedelta(hours=1)}))
    assert moved.sequence == 1
    again = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    updates = smtp_server.inbox.messages()[3:]
    assert len(updates) == 3
    for message in updates:
        vevent = parsed_invite(message).walk("VEVENT")[0]
        assert int(vevent["SEQUENCE"]) == 1
        assert vevent["DTSTART"].dt.strftime("%H:%M") == "10:30"
        assert str(vevent["UID"]) == "lo-prado-round-table@planner.iom-chile.example.org"
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        assert subject.startswith("Invitación actualizada: ")
        assert "10:30–13:30" in plain_text(message)
    _, event = load_event(store)
    assert [s.sequence for s in event.sent] == [0, 0, 0, 1, 1, 1]


def test_a_new_description_is_sent_again_with_the_same_sequence(
    tmp_path: Path, store: Path, smtp_server: SmtpServer
) -> None:
    planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    loaded, event = load_event(store)
    saved = loaded.save(event.model_copy(update={"description": Text(es="Nueva sala: salón municipal.")}))
    assert saved.sequence == 0  # not significant for a calendar (RFC 5546): a later DTSTAMP carries it
    again = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    updates = smtp_server.inbox.messages()[3:]
    assert len(updates) == 3
    for message in updates:
        vevent = parsed_invite(message).walk("VEVENT")[0]
        assert int(vevent["SEQUENCE"]) == 0
        assert "Nueva sala: salón municipal." in str(vevent["DESCRIPTION"])


def test_a_cancelled_event_sends_cancel_once(tmp_path: Path, store: Path, smtp_server: SmtpServer) -> None:
    planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    loaded, event = load_event(store)
    loaded.save(event.model_copy(update={"status": "cancelled"}))
    result = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    cancels = smtp_server.inbox.messages()[3:]
    assert len(cancels) == 3
    for message in cancels:
        part = calendar_part(message)
        assert part.get_param("method") == "CANCEL"
        calendar = parsed_invite(message)
        assert str(calendar["METHOD"]) == "CANCEL"
        vevent = calendar.walk("VEVENT")[0]
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert int(vevent["SEQUENCE"]) >= 1
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        assert subject.startswith("Cancelado: ")
        assert "cancelada" in plain_text(message)
    _, event = load_event(store)
    assert [s.method for s in event.sent].count("CANCEL") == 3
    again = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert again.returncode == 0 and len(smtp_server.inbox.envelopes) == 6


def test_each_reader_gets_their_own_language(tmp_path: Path, store: Path, smtp_server: SmtpServer) -> None:
    loaded = Store.load(store)
    person = loaded.people["branislav-marelic"]
    loaded.save(person.model_copy(update={"lang": "en"}))
    result = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    by_reader = {e.rcpt_tos[0]: m for e, m in zip(smtp_server.inbox.envelopes, smtp_server.inbox.messages(),
                                                    strict=True)}
    english = by_reader["branislav.marelic@example.org"]
    subject = str(email.header.make_header(email.header.decode_header(english["Subject"])))
    assert subject == "Invitation: Inter-municipal round table on migration in Lo Prado — Thursday 30 March 2017"
    assert "Thursday 30 March 2017, 09:30–12:30 (America/Santiago time)" in plain_text(english)
    summary = str(parsed_invite(english).walk("VEVENT")[0]["SUMMARY"])
    assert summary == "Inter-municipal round table on migration in Lo Prado"
    spanish = by_reader["felix.martinez@example.org"]
    assert "Cuándo:" in plain_text(spanish)


def test_a_study_visit_sends_one_message_per_invite(tmp_path: Path, store: Path, smtp_server: SmtpServer) -> None:
    loaded = Store.load(store)
    visit = next(e for e in loaded.events.values() if e.kind == "study-visit" and e.legs)
    loaded.save(visit.model_copy(update={"status": "confirmed",
                                         "invitations": (Invitation(person="rodrigo-delgado"),)}))
    result = planner("send", "invites", visit.id, "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "exports" / "outbox" / visit.id).iterdir())
    assert len(files) == 1 + len(visit.legs)
    assert all(name.startswith("rodrigo-delgado.") and name.endswith(".eml") for name in files)
    uids = set()
    for path in (tmp_path / "exports" / "outbox" / visit.id).iterdir():
        calendar = parsed_invite(message_from_bytes(path.read_bytes()))
        vevents = calendar.walk("VEVENT")
        assert len({str(v["UID"]) for v in vevents}) == 1  # one UID per iTIP message (RFC 5546)
        uids.add(str(vevents[0]["UID"]))
    assert len(uids) == len(files)


def test_people_without_an_address_are_named(tmp_path: Path, store: Path) -> None:
    loaded = Store.load(store)
    person = loaded.people["felix-martinez"]
    loaded.save(person.model_copy(update={"email": None}))
    result = planner("send", "invites", ROUND_TABLE, "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no e-mail address, so no message: Félix Martínez (felix-martinez)" in result.stdout
    assert result.stdout.count("would send: ") == 2


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
    result = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert smtp_server.inbox.envelopes == []


def test_an_unknown_event_is_refused(tmp_path: Path, store: Path) -> None:
    result = planner("send", "invites", "no-such-event", "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert "no event matches 'no-such-event'" in result.stderr


def test_send_without_smtp_settings_says_what_to_add(tmp_path: Path) -> None:
    store = copy_store(tmp_path)
    result = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert "no mail server is configured: add an [smtp] table" in result.stderr
    assert "nothing was sent" in result.stderr
    assert Store.load(store).events[ROUND_TABLE].sent == ()


def test_the_password_comes_from_the_named_environment_variable_only(
    tmp_path: Path, smtp_server_with_login: SmtpServer
) -> None:
    server = smtp_server_with_login
    store = copy_store(
        tmp_path,
        f'host = "127.0.0.1"\nport = {server.port}\nstarttls = false\nuser = "planner"\n'
        'password_env = "TEST_PLANNER_SMTP_SECRET"\n',
    )
    missing = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert missing.returncode == 1
    assert "environment variable TEST_PLANNER_SMTP_SECRET, which is not set" in missing.stderr
    assert server.inbox.envelopes == [] and server.inbox.logins == []
    wrong = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path,
                    env={"TEST_PLANNER_SMTP_SECRET": "wrong"})
    assert wrong.returncode == 1
    assert f"the mail server 127.0.0.1:{server.port} refused the login of planner" in wrong.stderr
    assert server.inbox.envelopes == []
    right = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path,
                    env={"TEST_PLANNER_SMTP_SECRET": "s3cret-from-env"})
    assert right.returncode == 0, right.stderr
    assert len(server.inbox.envelopes) == 3
    assert server.inbox.logins[-1] == ("planner", "s3cret-from-env")
    assert "s3cret" not in (store / "planner.toml").read_text(encoding="utf-8")


def test_starttls_against_a_server_without_it_is_a_clear_error(tmp_path: Path, smtp_server: SmtpServer) -> None:
    store = copy_store(tmp_path, f'host = "127.0.0.1"\nport = {smtp_server.port}\nstarttls = true\n')
    result = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert "STARTTLS" in result.stderr or "starttls" in result.stderr
    assert smtp_server.inbox.envelopes == []


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    store = copy_store(tmp_path, f'host = "127.0.0.1"\nport = {free_port()}\nstarttls = false\n')
    result = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert "cannot send through the mail server 127.0.0.1:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_refused_recipient_is_reported_and_sent_again_next_time(
    tmp_path: Path, store: Path, smtp_server: SmtpServer
) -> None:
    smtp_server.inbox.refuse.add("felix.martinez@example.org")
    result = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert "not sent: Félix Martínez <felix.martinez@example.org>" in result.stderr
    assert "550" in result.stderr
    _, event = load_event(store)
    assert {s.person for s in event.sent} == {"fernando-cejudo", "branislav-marelic"}
    smtp_server.inbox.refuse.clear()
    again = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert [e.rcpt_tos for e in smtp_server.inbox.envelopes][-1] == ["felix.martinez@example.org"]
