"""Helpers of the e-mail tests: the command in a subprocess, store copies, a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "events"
ROUND_TABLE = "lo-prado-round-table"
ROUND_TABLE_GUESTS = {"fernando.cejudo@example.org", "felix.martinez@example.org", "branislav.marelic@example.org"}


def planner(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command as a coordinator runs it; never with the machine's own store or password."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("PLANNER_STORE", "PLANNER_SMTP_PASSWORD")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=120,
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


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
        return [message_from_bytes(bytes(e.original_content or e.content or b"")) for e in self.envelopes]

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if isinstance(data, LoginPassword):
            self.logins.append((data.login.decode(), data.password.decode()))
            # handled=False: aiosmtpd answers 535 itself when the password is wrong.
            return AuthResult(success=data.password == b"s3cret-from-env", handled=False)
        return AuthResult(success=False, handled=False)


@dataclass
class SmtpServer:
    host: str
    port: int
    inbox: Inbox


def serve(inbox: Inbox, **options: Any) -> Iterator[SmtpServer]:
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, inbox)
    finally:
        controller.stop()


def copy_store(tmp_path: Path, smtp: str | None = None) -> Path:
    copy = tmp_path / "events"
    shutil.copytree(SHIPPED, copy)
    if smtp is not None:
        settings = copy / "planner.toml"
        settings.write_text(settings.read_text(encoding="utf-8") + "\n[smtp]\n" + smtp, encoding="utf-8")
    return copy
