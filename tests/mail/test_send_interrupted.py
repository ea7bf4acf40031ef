"""``planner send invites --send`` stopped midway: by a failing server, Ctrl+C, SIGTERM, or a server too slow.

Each message is recorded in the event file as soon as the server accepts
it, so a retry sends only the rest; every step with the server has a
deadline (``--timeout``).
"""

from __future__ import annotations

import os
import signal
import smtplib
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.domain.event import Event
from planner.mail import smtp
from planner.store import Store
from tests.helpers.cli import Result, child_env, run
from tests.helpers.mail import Inbox, SmtpServer, serve, smtp_store
from tests.helpers.store import REPO, ROUND_TABLE

pytestmark = pytest.mark.slow  # an SMTP server, or a socket server, for each test

GUESTS = 3
"""The round table's invitees with an e-mail address: three messages."""


def send(store: Path, cwd: Path, *options: str) -> Result:
    return run("send", "invites", ROUND_TABLE, "--store", str(store), "--send", *options, cwd=cwd)


def recorded(store: Path) -> list[str]:
    """Whom the event file, read afresh from disk, says the invitation went to."""
    event = Store.load(store).events[ROUND_TABLE]
    assert isinstance(event, Event)
    return [s.person for s in event.sent]


def test_ctrl_c_after_the_first_message_keeps_it_recorded_and_a_retry_sends_the_rest(
    tmp_path: Path, store: Path, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = smtp.deliver
    seen_on_disk: list[list[str]] = []

    def deliver_then_interrupt(*args: Any) -> str | None:
        if smtp_server.inbox.envelopes:
            seen_on_disk.append(recorded(store))
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(smtp, "deliver", deliver_then_interrupt)
    result = send(store, tmp_path)
    assert result.returncode == 130
    assert seen_on_disk == [[recorded(store)[0]]]  # on disk before the next message started
    [line] = [line for line in result.stderr.splitlines() if line.startswith("planner: stopped")]
    assert line.startswith("planner: stopped by Ctrl+C; 1 message(s) sent before that, and recorded; not sent")
    assert len(recorded(store)) == 1

    monkeypatch.setattr(smtp, "deliver", real)
    again = send(store, tmp_path)
    assert again.returncode == 0, again.stderr
    addresses = [e.rcpt_tos[0] for e in smtp_server.inbox.envelopes]
    assert len(addresses) == GUESTS and len(set(addresses)) == GUESTS  # nobody twice
    assert len(set(recorded(store))) == GUESTS


def test_a_server_that_fails_after_the_first_message_leaves_that_one_recorded(
    tmp_path: Path, store: Path, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = smtplib.SMTP.sendmail

    def first_only(self: smtplib.SMTP, *args: Any, **kwargs: Any) -> Any:
        if smtp_server.inbox.envelopes:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "sendmail", first_only)
    result = send(store, tmp_path)
    assert result.returncode == 1
    assert "Connection unexpectedly closed; 1 message(s) sent before that, and recorded" in result.stderr
    assert len(recorded(store)) == 1
    monkeypatch.setattr(smtplib.SMTP, "sendmail", real)
    assert send(store, tmp_path).returncode == 0
    assert len({e.rcpt_tos[0] for e in smtp_server.inbox.envelopes}) == len(smtp_server.inbox.envelopes) == GUESTS


def _slow_server(listener: socket.socket, trickle: bool, stop: threading.Event) -> None:
    # Accepts, then sends nothing, or the greeting one byte every half second: never a whole line.
    connection, _ = listener.accept()
    with connection:
        while not stop.wait(0.5):
            if trickle:
                connection.sendall(b"2")


@pytest.fixture(params=[False, True], ids=["silent", "trickling"])
def slow_server(request: pytest.FixtureRequest) -> Iterator[int]:
    """The port of a server on 127.0.0.1 that never completes its greeting; it gives up after 30 s."""
    stop = threading.Event()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        thread = threading.Thread(target=_slow_server, args=(listener, request.param, stop), daemon=True)
        thread.start()
        # The guard: whatever the command does, the server hangs up after 30 s, so the test cannot hang.
        guard = threading.Timer(30, stop.set)
        guard.start()
        yield int(listener.getsockname()[1])
        stop.set()
        guard.cancel()


def test_a_server_that_never_answers_is_given_up_on_after_the_timeout(tmp_path: Path, slow_server: int) -> None:
    store = smtp_store(tmp_path, f'host = "127.0.0.1"\nport = {slow_server}\nstarttls = false\n')
    began = time.monotonic()
    result = send(store, tmp_path, "--timeout", "1")
    assert time.monotonic() - began < 25  # well before the server's own 30 s guard
    assert result.returncode == 1
    assert result.stderr == (
        f"planner: the mail server 127.0.0.1:{slow_server} did not complete the greeting within 1 s; "
        "it may be overloaded or not a mail server (see --timeout); nothing was sent\n"
    )
    assert recorded(store) == []


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "4000"])
def test_a_timeout_that_is_not_a_sensible_number_of_seconds_is_refused(tmp_path: Path, value: str) -> None:
    result = run("send", "invites", ROUND_TABLE, "--timeout", value, cwd=tmp_path)
    assert result.returncode == 2
    assert f"{value!r} is not a number of seconds between 0 and 3600, such as 30" in result.stderr


class SlowInbox(Inbox):
    """Takes a second to accept each message, so that a signal can arrive while one is in flight."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        await asyncio.sleep(1)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp() -> Iterator[SmtpServer]:
    yield from serve(SlowInbox())


def test_sigterm_finishes_the_message_in_flight_records_it_and_stops(tmp_path: Path, slow_smtp: SmtpServer) -> None:
    inbox = slow_smtp.inbox
    store = smtp_store(tmp_path, f'host = "127.0.0.1"\nport = {slow_smtp.port}\nstarttls = false\n')
    command = [sys.executable, "-m", "planner", "send", "invites", ROUND_TABLE, "--store", str(store), "--send"]
    env = child_env({"PYTHONUNBUFFERED": "1"})
    pipes: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    with subprocess.Popen(command, cwd=REPO, env=env, **pipes) as child:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.startswith("sent: "), first
        time.sleep(0.3)  # the second message is then in flight: the server takes a second over each
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    assert child.returncode == 143, err
    # Normally 2 (the one in flight is finished); 1 if the machine was too slow to start the second.
    count = len(inbox.envelopes)
    assert count in (1, 2) and len(recorded(store)) == count
    assert f"stopped by SIGTERM; {count} message(s) sent before that, and recorded; not sent" in err
    assert "Traceback" not in err
    again = send(store, tmp_path)
    assert again.returncode == 0, again.stderr
    assert len({e.rcpt_tos[0] for e in inbox.envelopes}) == len(inbox.envelopes) == GUESTS


def test_a_first_ctrl_c_lets_the_message_in_flight_finish_and_be_recorded(
    tmp_path: Path, store: Path, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = smtp.deliver

    def deliver_and_press_ctrl_c(*args: Any) -> str | None:
        os.kill(os.getpid(), signal.SIGINT)  # arrives while this message is being sent
        return real(*args)

    monkeypatch.setattr(smtp, "deliver", deliver_and_press_ctrl_c)
    result = send(store, tmp_path)
    assert result.returncode == 130
    assert "planner: stopping after the message in flight (again to stop at once)" in result.stderr
    assert "stopped by Ctrl+C; 1 message(s) sent before that, and recorded; not sent" in result.stderr
    assert len(smtp_server.inbox.envelopes) == 1 and len(recorded(store)) == 1
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back as it was
