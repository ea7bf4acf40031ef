"""Any stored string made safe to put in a calendar file: text stays text, addresses stay addresses.

Escaping (done by icalendar when a TEXT value is written) is the defence
against injected properties, but it only knows CR and LF. Other characters
end a line for some parsers (Python's ``str.splitlines`` splits at VT, FF,
FS, GS, RS, NEL, U+2028 and U+2029) or are forbidden in TEXT by RFC 5545
(control characters), so they are turned into plain line breaks or spaces
here first. Records built without validation (imports, hand edits, tests)
pass through the same functions, so no rule of the model is relied on.
"""

from __future__ import annotations

import hashlib
import re

_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufeff]")
_BLANKS = re.compile(r"[ \t]+")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[A-Za-z0-9!#$%&*+/=?^_`{{|}}~.-]+@{_LABEL}(?:\.{_LABEL})+$")
_URL = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
_STEM = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,128}$")
MAX_STEM = 120


def _valid_unicode(value: str) -> str:
    # A lone surrogate cannot be written as UTF-8 at all; it becomes U+FFFD.
    return value.encode("utf-8", "replace").decode("utf-8") if not value.isascii() else value


def text(value: str) -> str:
    """Multi-line text: every kind of line break becomes ``\\n``, control characters go."""
    value = _valid_unicode(value)
    value = _BREAKS.sub("\n", value)
    return _CONTROL.sub("", value).strip()


def line(value: str) -> str:
    """One line: line breaks, tabs and control characters become single spaces."""
    value = _CONTROL.sub("", _BREAKS.sub(" ", _valid_unicode(value)))
    return _BLANKS.sub(" ", value).strip()


def param(value: str) -> str:
    """A parameter value such as CN: one line, no double quote (it would end the quoted value) and no
    backslash (RFC 5545 has no escapes in parameters, yet some readers, icalendar among them, unescape).

    icalendar would encode a quote with RFC 6868 (``^'``), which not every client decodes.
    """
    return line(value).replace('"', "'").replace("\\", "/")


def mailto(email: object) -> str | None:
    """``mailto:`` URI of a plain address, else ``None``: a CAL-ADDRESS value is not escaped, so it
    must not contain anything but an address."""
    if not isinstance(email, str) or len(email) > 254 or not _EMAIL.fullmatch(email):
        return None
    return f"mailto:{email}"


def url(value: object) -> str | None:
    """A web address as a URI value (not escaped by the format), or ``None`` when it has anything else."""
    if not isinstance(value, str) or len(value) > 2000 or not _URL.fullmatch(value):
        return None
    return value


def stem(value: str) -> str:
    """A file-name-safe stem: ``value`` itself when it is plain, else a stable hash of it."""
    if _STEM.fullmatch(value) and len(value) <= MAX_STEM:
        return value
    return "x-" + hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:24]


def token_ok(value: object) -> bool:
    """True when a person's calendar token is long, random-looking and file-name safe."""
    return isinstance(value, str) and bool(_TOKEN.fullmatch(value))
