"""E-mail in tests: a real SMTP server (aiosmtpd) on 127.0.0.1, stores that name it, and reading what it received."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import icalendar
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword

from tests.helpers.store import shipped_copy

PASSWORD = "s3cret-from-env"
"""The only password :meth:`Inbox.authenticate` accepts."""


def free_port() -> int:
    """A port nothing listens on (at the time of asking)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _bytes(data: bytes | str | None) -> bytes:
    # aiosmtpd keeps the message as bytes unless told to decode it; the servers here never are.
    assert isinstance(data, bytes), f"the message is {type(data).__name__}, not bytes"
    return data


@dataclass
class Inbox:
    """The aiosmtpd handler: keeps every envelope; refuses the recipients listed in ``refuse``."""

    envelopes: list[Envelope] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Envelope, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[Message]:
        """Each message as it arrived, byte for byte, parsed."""
        return [message_from_bytes(_bytes(e.original_content or e.content)) for e in self.envelopes]

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if isinstance(data, LoginPassword):
            self.logins.append((data.login.decode(), data.password.decode()))
            # handled=False: aiosmtpd answers 535 itself when the password is wrong.
            return AuthResult(success=data.password == PASSWORD.encode(), handled=False)
        return AuthResult(success=False, handled=False)


@dataclass
class SmtpServer:
    host: str
    port: int
    inbox: Inbox


def serve(inbox: Inbox, **options: Any) -> Iterator[SmtpServer]:
    """A running server delivering into ``inbox`` until the generator is closed (a fixture's body)."""
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, inbox)
    finally:
        controller.stop()


def smtp_store(tmp_path: Path, smtp: str) -> Path:
    """A copy of the shipped store whose ``planner.toml`` ends with the ``[smtp]`` table's lines ``smtp``."""
    copy = shipped_copy(tmp_path)
    settings = copy / "planner.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n[smtp]\n" + smtp, encoding="utf-8")
    return copy


def calendar_part(message: Message) -> Message:
    """The one ``text/calendar`` part of a message."""
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0]


def invite_of(message: Message) -> icalendar.Calendar:
    """The calendar a message carries, after checking its lines arrived CRLF-terminated, byte for byte."""
    data = calendar_part(message).get_payload(decode=True)
    assert isinstance(data, bytes)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    return icalendar.Calendar.from_ical(data)


def plain_text(message: Message) -> str:
    """The text a reader sees: the ``text/plain`` part, decoded."""
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data.decode(part.get_content_charset() or "utf-8")
