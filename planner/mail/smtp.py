"""Delivering messages through the store's SMTP server: STARTTLS when set, a login when a user is set.

The password is never stored: it is read from the environment variable the
settings name (``password_env``, by default ``PLANNER_SMTP_PASSWORD``).
Port 465 speaks TLS from the first byte (SMTPS); any other port starts in
plain text and upgrades with STARTTLS when ``starttls`` is true.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from email.message import EmailMessage

from planner.domain.settings import Smtp
from planner.mail.errors import MailError

TIMEOUT = 30.0
"""Seconds to wait for the server before giving up."""


def _password(settings: Smtp, environ: Mapping[str, str]) -> str | None:
    if settings.user is None:
        return None
    password = environ.get(settings.password_env)
    if not password:
        raise MailError(
            f"the SMTP password for {settings.user} is read from the environment variable "
            f"{settings.password_env}, which is not set; set it and run again"
        )
    return password


@contextmanager
def connect(settings: Smtp | None, environ: Mapping[str, str]) -> Iterator[smtplib.SMTP]:
    """An open, authenticated connection; every failure becomes a ``MailError`` naming the server."""
    if settings is None:
        raise MailError(
            "no mail server is configured: add an [smtp] table (host, port, starttls, user) to planner.toml"
        )
    password = _password(settings, environ)
    where = f"{settings.host}:{settings.port}"
    try:
        server: smtplib.SMTP
        if settings.port == 465:
            context = ssl.create_default_context()
            server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT, context=context)
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
        with server:
            if settings.starttls and settings.port != 465:
                server.starttls(context=ssl.create_default_context())
            if settings.user is not None and password is not None:
                server.login(settings.user, password)
            yield server
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"the mail server {where} refused the login of {settings.user}: {_said(exc)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(f"the mail server {where} does not support {exc}; check starttls in planner.toml") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"cannot send through the mail server {where}: {_said(exc)}") from None


def _said(exc: Exception) -> str:
    code = getattr(exc, "smtp_code", None)
    error = getattr(exc, "smtp_error", None)
    if code is not None and error is not None:
        text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
        return f"{code} {text}"
    return str(exc) or type(exc).__name__


def deliver(server: smtplib.SMTP, mail: EmailMessage, sender: str, recipient: str) -> str | None:
    """Send one message; ``None`` when the server took it, else why it refused this recipient."""
    try:
        refused = server.send_message(mail, from_addr=sender, to_addrs=[recipient])
    except smtplib.SMTPRecipientsRefused as exc:
        reasons = [f"{code} {text.decode('utf-8', 'replace')}" for code, text in exc.recipients.values()]
        return "; ".join(reasons) or "refused"
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
        return _said(exc)
    if refused:
        return "; ".join(f"{code} {text.decode('utf-8', 'replace')}" for code, text in refused.values())
    return None
