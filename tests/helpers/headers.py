"""Reading a message's headers as two generations of the ``email`` package do, to show none was forged."""

from __future__ import annotations

import email.policy
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import EmailMessage, Message

PAYLOAD = "=?utf-8?q?=0D=0AReply-To=3A_eve=40evil=2Eexample?="
"""An encoded word that Python 3.11.7's ``email`` package turns into a real Reply-To header (CVE-2024-6923)."""

TOP = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"]
PART = {"Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "MIME-Version"}


def decoded(raw: str) -> str:
    """A header as an RFC 2047 decoder reads it: encoded words once, the space between two of them dropped."""
    return str(make_header(decode_header(raw)))


def read_headers(data: bytes) -> tuple[str, str, str]:
    """Check ``data`` holds exactly the headers the planner writes, each line within 78 octets; return
    the Subject and the To header decoded, and the To display name as the current parser reads it."""
    head = data.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= 78 for line in head.split(b"\r\n")), head
    modern = message_from_bytes(data, policy=email.policy.default)
    old = message_from_bytes(data, policy=email.policy.compat32)
    for parsed in (modern, old):
        assert list(parsed.keys()) == TOP
        for name in ("Reply-To", "Bcc", "Cc", "X-Evil"):
            assert parsed[name] is None
        for part in list(parsed.walk())[1:]:
            assert set(part.keys()) <= PART, part.keys()
    assert isinstance(modern, EmailMessage) and isinstance(old, Message)
    subject = decoded(old["Subject"])
    assert str(modern["Subject"]) == subject
    to = decoded(old["To"])
    return subject, to, modern["To"].addresses[0].display_name


def squeezed(text: str) -> str:
    """``text`` without whitespace: Python's address parser puts a space between two encoded words of a
    name (RFC 2047, 6.2 says to drop it), so a long name is compared without spaces there."""
    return "".join(text.split())
