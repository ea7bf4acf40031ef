"""Delivering messages through the store's SMTP server: STARTTLS when set, a login when a user is set.

The password is never stored: it is read from the environment variable the
settings name (``password_env``, by default ``PLANNER_SMTP_PASSWORD``).
Port 465 speaks TLS from the first byte (SMTPS); any other port starts in
plain text and upgrades with STARTTLS when ``starttls`` is true.

Every step (connecting and the greeting, STARTTLS, the login, each message,
the goodbye) has a deadline of its own, not only a timeout per read: a
server that trickles one byte every few seconds would never trip a read
timeout, so a watchdog shuts the socket when the step's time is up.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import TypeVar

from planner.domain.settings import Smtp
from planner.mail.errors import MailError

TIMEOUT = 30.0
"""Seconds each step may take before the server is given up on (``--timeout``)."""

T = TypeVar("T")


class TimedOut(MailError):
    """A step of the conversation with the server took longer than its deadline."""


class Steps:
    """Runs each step of the conversation under a deadline, shutting the socket when it passes."""

    def __init__(self, server: smtplib.SMTP, where: str, timeout: float) -> None:
        self.server = server
        self.where = where
        self.timeout = timeout

    def run(self, what: str, step: Callable[[], T]) -> T:
        expired = threading.Event()

        def shut() -> None:
            expired.set()
            sock = getattr(self.server, "sock", None)
            if sock is not None:
                # Wakes the blocked read or write; the step then fails and is reported as timed out.
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(self.timeout, shut)
        watchdog.daemon = True
        watchdog.start()
        try:
            result = step()
        except (smtplib.SMTPException, OSError) as exc:
            # smtplib turns a read timeout into "Connection unexpectedly closed: timed out".
            if expired.is_set() or isinstance(exc, TimeoutError) or "timed out" in str(exc):
                raise self._timed_out(what) from None
            raise
        finally:
            watchdog.cancel()
        if expired.is_set():
            # The shut socket can also end a step "successfully" with half a reply.
            raise self._timed_out(what)
        return result

    def _timed_out(self, what: str) -> TimedOut:
        return TimedOut(
            f"the mail server {self.where} did not complete {what} within {self.timeout:g} s; "
            "it may be overloaded or not a mail server (see --timeout)"
        )


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
def connect(settings: Smtp | None, environ: Mapping[str, str], timeout: float = TIMEOUT) -> Iterator[Steps]:
    """An open, authenticated connection; every failure becomes a ``MailError`` naming the server."""
    if settings is None:
        raise MailError(
            "no mail server is configured: add an [smtp] table (host, port, starttls, user) to planner.toml"
        )
    password = _password(settings, environ)
    where = f"{settings.host}:{settings.port}"
    server: smtplib.SMTP
    if settings.port == 465:
        server = smtplib.SMTP_SSL(timeout=timeout, context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(timeout=timeout)
    steps = Steps(server, where, timeout)
    try:
        try:
            code, greeting = steps.run("the greeting", lambda: server.connect(settings.host, settings.port))
            if code != 220:
                raise smtplib.SMTPConnectError(code, greeting)
            if settings.starttls and settings.port != 465:
                steps.run("STARTTLS", lambda: server.starttls(context=ssl.create_default_context()))
            if settings.user is not None and password is not None:
                user = settings.user
                steps.run("the login", lambda: server.login(user, password))
            yield steps
        finally:
            _goodbye(steps)
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"the mail server {where} refused the login of {settings.user}: {_said(exc)}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(f"the mail server {where} does not support {exc}; check starttls in planner.toml") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"cannot send through the mail server {where}: {_said(exc)}") from None


def _goodbye(steps: Steps) -> None:
    # The messages are delivered by then, or the run is failing anyway: a server slow to say goodbye changes nothing.
    try:
        steps.run("QUIT", steps.server.quit)
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        steps.server.close()


def _said(exc: Exception) -> str:
    code = getattr(exc, "smtp_code", None)
    error = getattr(exc, "smtp_error", None)
    if code is not None and error is not None:
        text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
        return f"{code} {text}"
    return str(exc) or type(exc).__name__


def deliver(steps: Steps, data: bytes, sender: str, recipient: str) -> str | None:
    """Send one message, as the bytes the outbox writes; ``None`` when the server took it, else why it
    refused this recipient."""
    server = steps.server
    try:
        refused = steps.run(f"a message to {recipient}", lambda: server.sendmail(sender, [recipient], data))
    except smtplib.SMTPRecipientsRefused as exc:
        reasons = [f"{code} {text.decode('utf-8', 'replace')}" for code, text in exc.recipients.values()]
        return "; ".join(reasons) or "refused"
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
        return _said(exc)
    if refused:
        return "; ".join(f"{code} {text.decode('utf-8', 'replace')}" for code, text in refused.values())
    return None
