"""Header lines of an outgoing message, encoded here and never by the ``email`` package's folder.

Text from the store or an imported file (a title, a name, a venue) may hold
an RFC 2047 encoded word such as ``=?utf-8?q?=0D=0AReply-To=3A_...?=``. The
``email`` package decodes such a word when a header is set and, on Python
3.11 patch levels without the fix for CVE-2024-6923, may write the decoded
line break back out raw, adding a header. So the text is made one line here
(``header_text``), and any value that is not plain printable ASCII, or holds
``=?``, is written as encoded words of its own: a reader decodes them once
and sees the literal text, ``=?`` and all. The folded value is stored with
``Message.set_raw`` and the ``SMTP`` policy writes it as it is, because every
line already fits in 78 octets.
"""

from __future__ import annotations

import re
from email.message import EmailMessage

from planner.mail.errors import MailError

LIMIT = 78
"""The longest physical header line, in octets without CRLF (RFC 5322, 2.1.1)."""

_WORD = 75
"""The longest encoded word (RFC 2047, 2)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_PLAIN = re.compile(r"[\x20-\x7e]*")
_ATOMS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*")
_ADDRESS = re.compile(r"[\x21-\x7e]+@[\x21-\x7e]+")
# Characters a Q-encoded word may carry as they are, in a phrase as well as in unstructured text (RFC 2047, 5).
_Q_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


def header_text(value: str) -> str:
    """One line for a header: breaks and control characters become spaces, so no header can be injected."""
    return " ".join(_CONTROL.sub(" ", value).split())


def _q(char: str) -> str:
    return "".join(chr(b) if b in _Q_SAFE else "_" if b == 0x20 else f"={b:02X}" for b in char.encode("utf-8"))


def encoded_words(text: str, first: int) -> list[str]:
    """``text`` as UTF-8 Q-encoded words, the first at most ``first`` long, the others at most 75.

    A character is never split between two words: each word decodes on its own.
    """
    words: list[str] = []
    budget = first
    chunk = ""
    for char in text:
        piece = _q(char)
        if chunk and len("=?utf-8?q?" + chunk + piece + "?=") > budget:
            words.append(f"=?utf-8?q?{chunk}?=")
            chunk, budget = "", _WORD
        chunk += piece
    words.append(f"=?utf-8?q?{chunk}?=")
    return words


def _fold(name: str, tokens: list[str]) -> str:
    """Tokens joined by spaces, a line break before a token that would pass the limit."""
    lines = [f"{name}:"]
    for token in tokens:
        if len(lines[-1]) + 1 + len(token) > LIMIT and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += " " + token
    if any(len(line) > LIMIT for line in lines):
        raise MailError(f"the {name} header cannot be written in lines of {LIMIT} characters")
    # set_raw keeps the value; the policy writes "name: " before it and CRLF between its lines.
    return "\r\n".join(lines)[len(name) + 2 :]


def _needs_encoding(text: str) -> bool:
    return not _PLAIN.fullmatch(text) or "=?" in text or "?=" in text


def unstructured(name: str, text: str) -> str:
    """The folded value of a header such as Subject: plain words when safe, else encoded words."""
    text = header_text(text)
    if not _needs_encoding(text) and all(len(name) + 2 + len(w) <= LIMIT for w in text.split()):
        return _fold(name, text.split())
    return _fold(name, encoded_words(text, LIMIT - len(name) - 2))


def mailbox(name: str, display: str, address: str) -> str:
    """The folded value of ``Display Name <address>``; the address must be plain ASCII, without spaces."""
    if not _ADDRESS.fullmatch(address) or "<" in address or ">" in address:
        raise MailError(
            f"the e-mail address {address!r} cannot be written in a {name} header: "
            "only ASCII letters, digits and punctuation are sent; change it in the store"
        )
    display = header_text(display)
    angle = f"<{address}>"
    if not display:
        tokens = [angle]
    elif _ATOMS.fullmatch(display) and "=?" not in display and "?=" not in display:
        tokens = [*display.split(), angle]
    else:
        tokens = [*encoded_words(display, LIMIT - len(name) - 2), angle]
    return _fold(name, tokens)


def set_header(mail: EmailMessage, name: str, folded: str) -> None:
    """Store an already folded, ASCII-only value exactly as it is to be written."""
    assert folded.isascii() and "\n" not in folded.replace("\r\n ", ""), folded
    mail.set_raw(name, folded)
