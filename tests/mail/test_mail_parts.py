"""The pieces of an invitation e-mail: the digest that decides what is news, the words, the headers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes
from email.policy import SMTP

from planner.mail.compose import Mailbox, message, read_entry, subject, when
from planner.mail.digest import calendar_digest
from planner.publish.dates import long_date

ME = "fernando.cejudo@example.org"


def invite(
    *,
    sequence: int = 0,
    start: str = "20170330T093000",
    stamp: str = "20170331T150000Z",
    mine: str = "ACCEPTED",
    theirs: str = "NEEDS-ACTION",
    summary: str = "Mesa intermunicipal",
    alarm: str = "-PT1H",
    offset: str = "-0300",
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "METHOD:REQUEST",
        "BEGIN:VTIMEZONE",
        "TZID:America/Santiago",
        "BEGIN:STANDARD",
        "DTSTART:20170101T000000",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:lo-prado-round-table@planner.example.org",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        f"DTSTART;TZID=America/Santiago:{start}",
        "DTEND;TZID=America/Santiago:20170330T123000",
        f"SUMMARY:{summary}",
        "LOCATION:Municipalidad de Lo Prado\\, Lo Prado",
        f"ATTENDEE;ROLE=CHAIR;PARTSTAT={mine};RSVP=TRUE;CN=Fernando Cejudo:mailto:{ME}",
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT={theirs};RSVP=TRUE;CN=Félix:mailto:felix.martinez@example.org",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:x",
        f"TRIGGER:{alarm}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def test_the_digest_ignores_what_is_no_news_to_the_reader() -> None:
    base = calendar_digest(invite(), ME)
    assert calendar_digest(invite(stamp="20170401T120000Z"), ME) == base  # DTSTAMP, LAST-MODIFIED
    assert calendar_digest(invite(theirs="DECLINED"), ME) == base  # someone else's answer
    assert calendar_digest(invite(mine="NEEDS-ACTION"), ME) == base  # their own answer is theirs already
    assert calendar_digest(invite(alarm="-PT2H", offset="-0400"), ME) == base  # VALARM, VTIMEZONE
    folded = invite().replace("SUMMARY:Mesa intermunicipal", "SUMMARY:Mesa inter\r\n municipal")
    assert calendar_digest(folded, ME) == base


def test_the_digest_changes_with_what_the_reader_would_see() -> None:
    base = calendar_digest(invite(), ME)
    assert calendar_digest(invite(sequence=1), ME) != base
    assert calendar_digest(invite(start="20170330T103000"), ME) != base
    assert calendar_digest(invite(summary="Mesa intermunicipal (sala 2)"), ME) != base
    assert calendar_digest(invite().replace("METHOD:REQUEST", "METHOD:CANCEL"), ME) != base
    # Each reader has their own digest: their own ATTENDEE line is part of it.
    assert calendar_digest(invite(), "felix.martinez@example.org") != base


def test_dates_carry_computed_weekdays_in_both_languages() -> None:
    assert long_date(date(2017, 3, 29), "es") == "miércoles 29 de marzo de 2017"
    assert long_date(date(2017, 3, 29), "en") == "Wednesday 29 March 2017"


def test_when_reads_the_invite_in_its_own_zone() -> None:
    entry = read_entry(invite())
    assert entry.zone == "America/Santiago" and entry.title == "Mesa intermunicipal"
    assert entry.location == "Municipalidad de Lo Prado, Lo Prado"
    assert when(entry, "es") == "jueves 30 de marzo de 2017, 09:30–12:30 (hora de America/Santiago)"
    assert when(entry, "en") == "Thursday 30 March 2017, 09:30–12:30 (America/Santiago time)"


def test_an_all_day_trip_reads_as_a_range_of_days() -> None:
    trip = invite().replace("DTSTART;TZID=America/Santiago:20170330T093000", "DTSTART;VALUE=DATE:20170320")
    trip = trip.replace("DTEND;TZID=America/Santiago:20170330T123000", "DTEND;VALUE=DATE:20170325")
    entry = read_entry(trip)
    assert entry.zone is None
    assert when(entry, "en") == "Monday 20 March 2017 – Friday 24 March 2017"
    assert subject(entry, "REQUEST", False, "en") == "Invitation: Mesa intermunicipal — Monday 20 March 2017"


def test_a_title_with_line_breaks_cannot_add_a_header() -> None:
    hostile = invite(summary="Mesa\\nBcc: attacker@example.org\\r\\nX-Evil: 1")
    entry = read_entry(hostile)
    line = subject(entry, "REQUEST", False, "es")
    assert "\n" not in line and "\r" not in line
    mail = message(
        sender=Mailbox("IOM Chile", "planner@example.org"),
        recipient=Mailbox("Fernando\r\nBcc: x@example.org", ME),
        subject_line=line,
        text="hola\n",
        calendar=hostile.encode(),
        method="REQUEST",
        attachment="invitacion.ics",
        domain="planner.example.org",
        now=datetime(2017, 3, 1, tzinfo=UTC),
    )
    parsed = message_from_bytes(mail.as_bytes(policy=SMTP))
    assert parsed["Bcc"] is None and parsed["X-Evil"] is None
    assert [p.get_content_type() for p in parsed.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/calendar",
        "application/ics",
    ]
    calendar = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_payload(decode=True) == hostile.encode()
