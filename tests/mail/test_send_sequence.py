"""A time changed by hand in the event file raises SEQUENCE before invitations are sent."""

from __future__ import annotations

import tomllib
from email import message_from_bytes
from pathlib import Path

from icalendar import Calendar

from tests.mail.helpers import ROUND_TABLE, SmtpServer, planner


def _sequence_on_disk(path: Path) -> int:
    return int(tomllib.loads(path.read_text(encoding="utf-8"))["sequence"])


def test_a_hand_edited_time_is_sent_with_a_higher_sequence(store: Path, smtp_server: SmtpServer) -> None:
    path = next((store / "2017").glob(f"*{ROUND_TABLE}.toml"))
    before = _sequence_on_disk(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("start = 2017-03-30 09:30:00", "start = 2017-03-30 10:00:00"), encoding="utf-8")

    result = planner("send", "invites", ROUND_TABLE, "--send", "--store", str(store), cwd=store.parent)

    assert result.returncode == 0, result.stderr
    assert "SEQUENCE raised" in result.stdout
    assert _sequence_on_disk(path) == before + 1
    sent = [message_from_bytes(envelope.content) for envelope in smtp_server.inbox.envelopes]
    assert sent
    for message in sent:
        part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        calendar = Calendar.from_ical(part.get_payload(decode=True))
        assert [int(e["SEQUENCE"]) for e in calendar.walk("VEVENT")] == [before + 1]
