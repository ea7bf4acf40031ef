"""No text from the store can add or change a header of an invitation e-mail (CVE-2024-6923 and friends).

A title, a person's name and a venue carry RFC 2047 encoded words, raw line
breaks and very long text; the messages are read back as written to the
outbox and as delivered, with the current and the compat32 parser.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.event import Event, Venue
from planner.domain.records import Person
from planner.domain.text import Text
from planner.mail.compose import Mailbox, message
from planner.mail.errors import MailError
from planner.mail.headers import LIMIT, header_text, mailbox, unstructured
from planner.store import Store
from tests.helpers.cli import run
from tests.helpers.headers import PAYLOAD, read_headers, squeezed
from tests.helpers.mail import SmtpServer
from tests.helpers.store import ROUND_TABLE

FERNANDO = "fernando-cejudo"
LONG = "Mesa intermunicipal de inclusión y convivencia " * 6


def hostile(store: Path, title: str, name: str) -> None:
    """The round table titled ``title`` at a venue named with the payload; Fernando called ``name``."""
    loaded = Store.load(store)
    event = loaded.events[ROUND_TABLE]
    assert isinstance(event, Event)
    venue = Venue(name=f"Sala {PAYLOAD}", address="Av. San Pablo 5959")
    loaded.save(event.model_copy(update={"title": Text(es=title, en=title), "venue": venue}))
    person = loaded.people[FERNANDO]
    assert isinstance(person, Person)
    loaded.save(person.model_copy(update={"name": name}))


def mime(to: str, subject: str, sender: str = "IOM Chile") -> bytes:
    return message(
        sender=Mailbox(sender, "planner@example.org"),
        recipient=Mailbox(to, "fernando.cejudo@example.org"),
        subject_line=subject,
        text="hola\n",
        calendar=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        method="REQUEST",
        attachment="invitacion.ics",
        domain="planner.example.org",
        now=datetime(2017, 3, 1, tzinfo=UTC),
    ).as_bytes()


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (f"Mesa {PAYLOAD}", f"Fernando {PAYLOAD}"),
        (PAYLOAD, PAYLOAD),
        (f"{PAYLOAD}{PAYLOAD} {LONG}", f"Fernando Cejudo Bcc: eve@evil.example {PAYLOAD}"),
        (LONG, "Fernando Cejudo"),
    ],
)
def test_encoded_words_in_the_store_stay_literal_text_in_the_outbox(
    tmp_path: Path, outbox_store: Path, title: str, name: str
) -> None:
    hostile(outbox_store, title, name)
    assert run("check", "--store", str(outbox_store)).returncode == 0  # the store accepts all of it
    result = run("send", "invites", ROUND_TABLE, "--store", str(outbox_store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "exports" / "outbox" / ROUND_TABLE / f"{FERNANDO}.eml").read_bytes()
    subject, to, display = read_headers(data)
    assert header_text(title) in subject
    assert to == f"{name} <fernando.cejudo@example.org>"
    assert squeezed(name) == squeezed(display)


@pytest.mark.slow  # an SMTP server (aiosmtpd)
def test_a_delivered_message_carries_the_same_headers(tmp_path: Path, store: Path, smtp_server: SmtpServer) -> None:
    title, name = f"Mesa {PAYLOAD} {LONG}", f"Fernando {PAYLOAD}"
    hostile(store, title, name)
    result = run("send", "invites", ROUND_TABLE, "--store", str(store), "--send", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    [envelope] = [e for e in smtp_server.inbox.envelopes if e.rcpt_tos == ["fernando.cejudo@example.org"]]
    data = envelope.original_content
    assert isinstance(data, bytes)
    subject, to, _ = read_headers(data)
    assert header_text(title) in subject and to == f"{name} <fernando.cejudo@example.org>"


@pytest.mark.parametrize(
    "name",
    ["Fernando\r\nBcc: eve@evil.example", "Fernando\nReply-To: eve@evil.example", "Fer\rnando\x00\u2028Bcc: x@y.org"],
)
def test_raw_line_breaks_and_control_characters_become_spaces(name: str) -> None:
    subject, to, _ = read_headers(mime(name, f"Mesa\r\nReply-To: eve@evil.example {name}", sender=name))
    assert subject == header_text(f"Mesa\r\nReply-To: eve@evil.example {name}")
    assert to == f"{header_text(name)} <fernando.cejudo@example.org>"


def test_a_long_plain_subject_folds_at_spaces_and_a_long_word_is_encoded() -> None:
    words = unstructured("Subject", "Invitation: " + "round table " * 20)
    assert "=?" not in words and all(len(line) <= LIMIT for line in f"Subject: {words}".split("\r\n"))
    word = "x" * 200
    encoded = unstructured("Subject", word)
    assert all(len(line) <= LIMIT for line in f"Subject: {encoded}".split("\r\n"))
    assert str(make_header(decode_header(encoded))) == word


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=120))
def test_any_text_decodes_to_itself_in_lines_of_78(subject: str, name: str) -> None:
    for header, folded in (("Subject", unstructured("Subject", subject)), ("To", mailbox("To", name, "a@b.org"))):
        lines = f"{header}: {folded}".split("\r\n")
        assert all(len(line) <= LIMIT and line.isascii() for line in lines)
        assert all(line.startswith(" ") for line in lines[1:])
    assert str(make_header(decode_header(unstructured("Subject", subject)))) == header_text(subject)
    to = str(make_header(decode_header(mailbox("To", name, "a@b.org"))))
    assert to == (f"{header_text(name)} <a@b.org>" if header_text(name) else "<a@b.org>")


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("maría@example.org", "only ASCII letters, digits and punctuation are sent"),
        ("fer nando@example.org", "only ASCII letters, digits and punctuation are sent"),
        ("a\r\nBcc: x@y.org", "only ASCII letters, digits and punctuation are sent"),
        ("a" * 80 + "@example.org", "the To header cannot be written in lines of 78 characters"),
    ],
)
def test_an_address_that_cannot_be_written_safely_is_refused(address: str, why: str) -> None:
    with pytest.raises(MailError, match=why):
        mailbox("To", "Fernando", address)


def test_an_organizer_address_that_is_not_ascii_is_refused_and_nothing_is_written(
    tmp_path: Path, outbox_store: Path
) -> None:
    settings = outbox_store / "planner.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("migrantsandcities@example.org", "migrañtesyciudades@oim.cl.example.org"), encoding="utf-8"
    )
    result = run("send", "invites", ROUND_TABLE, "--store", str(outbox_store), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "planner: the e-mail address 'migrañtesyciudades@oim.cl.example.org' cannot be written in a From header: "
        "only ASCII letters, digits and punctuation are sent; change it in the store\n"
    )
    assert not (tmp_path / "exports" / "outbox").exists()
