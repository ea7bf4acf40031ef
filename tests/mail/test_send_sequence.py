"""A time changed by hand in the event file raises SEQUENCE before invitations are sent."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.helpers.cli import run
from tests.helpers.mail import SmtpServer, invite_of
from tests.helpers.store import ROUND_TABLE, event_file


def _sequence_on_disk(path: Path) -> int:
    return int(tomllib.loads(path.read_text(encoding="utf-8"))["sequence"])


@pytest.mark.slow  # an SMTP server (aiosmtpd)
def test_a_hand_edited_time_is_sent_with_a_higher_sequence(store: Path, smtp_server: SmtpServer) -> None:
    path = event_file(store, ROUND_TABLE)
    before = _sequence_on_disk(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("start = 2017-03-30 09:30:00", "start = 2017-03-30 10:00:00"), encoding="utf-8")

    result = run("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=store.parent)

    assert result.returncode == 0, result.stderr
    assert "SEQUENCE raised" in result.stdout
    assert _sequence_on_disk(path) == before + 1
    sent = smtp_server.inbox.messages()
    assert sent
    for message in sent:
        assert [e.decoded("SEQUENCE") for e in invite_of(message).walk("VEVENT")] == [before + 1]
