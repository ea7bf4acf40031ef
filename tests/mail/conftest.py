"""A copy of the shipped store and a real SMTP server (aiosmtpd) on 127.0.0.1, for the invitation e-mails."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.mail import Inbox, SmtpServer, serve, smtp_store
from tests.helpers.store import shipped_copy


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    yield from serve(Inbox())


@pytest.fixture
def smtp_server_with_login() -> Iterator[SmtpServer]:
    inbox = Inbox()
    # PLAIN only: smtplib falls back from a refused PLAIN to LOGIN, which aiosmtpd answers differently.
    yield from serve(inbox, authenticator=inbox.authenticate, auth_require_tls=False, auth_exclude_mechanism=["LOGIN"])


@pytest.fixture
def store(tmp_path: Path, smtp_server: SmtpServer) -> Path:
    """The shipped store, whose planner.toml names the test SMTP server (no STARTTLS, no login)."""
    return smtp_store(tmp_path, f'host = "127.0.0.1"\nport = {smtp_server.port}\nstarttls = false\n')


@pytest.fixture
def outbox_store(tmp_path: Path) -> Path:
    """The shipped store as it is, without a mail server: for what is written to the outbox, never sent."""
    return shipped_copy(tmp_path)
