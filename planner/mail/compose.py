"""One invitation e-mail (iMIP, RFC 6047): a plain-text body in the reader's language and the invite itself.

The message is ``multipart/mixed``: first a ``multipart/alternative`` of the
text body and the ``text/calendar; method=REQUEST`` (or ``CANCEL``) part
that calendar clients act on, then the same calendar object as an
``invitation.ics`` attachment for mail programs without calendar support.
The calendar part is sent base64-encoded, so its CRLF lines arrive byte for
byte. What the body says is read back from the calendar object itself, so the
text and the calendar entry cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from typing import Any

from icalendar import Calendar

from planner.domain.event import Event
from planner.domain.text import Lang
from planner.mail.headers import header_text, mailbox, set_header, unstructured
from planner.mail.words import WORDS, Words
from planner.publish.dates import long_date

__all__ = ["Entry", "Mailbox", "body", "header_text", "message", "read_entry", "subject"]


@dataclass(frozen=True)
class Mailbox:
    """A name and an address, as the store has them; ``planner.mail.headers`` writes them out."""

    display_name: str
    addr_spec: str


@dataclass(frozen=True)
class Entry:
    """What the body tells about the calendar entry: its title, when, where, and whether it repeats."""

    title: str
    start: datetime | date
    end: datetime | date | None
    zone: str | None
    location: str | None
    repeats: bool


def read_entry(calendar_text: str) -> Entry:
    """The first VEVENT of an invite, as the body describes it."""
    calendar = Calendar.from_ical(calendar_text)
    vevent = next(c for c in calendar.subcomponents if c.name == "VEVENT")
    start: Any = vevent["DTSTART"]
    end: Any = vevent.get("DTEND")
    tzid = start.params.get("TZID")
    timed = isinstance(start.dt, datetime)
    zone = (str(tzid) if tzid else getattr(start.dt.tzinfo, "key", None)) if timed else None
    location = vevent.get("LOCATION")
    return Entry(
        title=header_text(str(vevent.get("SUMMARY", ""))),
        start=start.dt,
        end=end.dt if end is not None else None,
        zone=zone,
        location=header_text(str(location)) if location else None,
        repeats="RRULE" in vevent,
    )


def when(entry: Entry, lang: Lang) -> str:
    """``jueves 30 de marzo de 2017, 09:30–12:30 (hora de America/Santiago)``; a date range for all-day entries."""
    words = WORDS[lang]
    if not isinstance(entry.start, datetime):
        last = entry.end - timedelta(days=1) if isinstance(entry.end, date) else entry.start
        first = long_date(entry.start, lang)
        return first if last <= entry.start else f"{first} – {long_date(last, lang)}"
    start = entry.start
    zone = f" ({words.zone_note.format(zone=entry.zone)})" if entry.zone else ""
    if not isinstance(entry.end, datetime):
        return f"{long_date(start.date(), lang)}, {start:%H:%M}{zone}"
    end = entry.end.astimezone(start.tzinfo) if start.tzinfo else entry.end
    if end.date() == start.date():
        return f"{long_date(start.date(), lang)}, {start:%H:%M}–{end:%H:%M}{zone}"
    return f"{long_date(start.date(), lang)}, {start:%H:%M} – {long_date(end.date(), lang)}, {end:%H:%M}{zone}"


def subject(entry: Entry, method: str, update: bool, lang: Lang) -> str:
    words = WORDS[lang]
    template = words.subject_cancel if method == "CANCEL" else words.subject_update if update else words.subject_new
    day = entry.start.date() if isinstance(entry.start, datetime) else entry.start
    return header_text(template.format(title=entry.title, date=long_date(day, lang)))


def _agenda(event: Event, names: dict[str, str], lang: Lang) -> list[str]:
    lines = []
    for item in event.agenda:
        at = f"{item.time:%H:%M}" if item.time else "     "
        by = f" ({names.get(item.speaker, item.speaker)})" if item.speaker else ""
        lines.append(f"  {at}  {header_text(item.title.get(lang))}{by}")
    return lines


def body(
    *,
    entry: Entry,
    event: Event,
    method: str,
    update: bool,
    lang: Lang,
    reader: str,
    organizer: str,
    organizer_email: str,
    names: dict[str, str],
    with_agenda: bool,
) -> str:
    """The plain-text body: greeting, what, when (weekday in the event's zone), where, agenda, how to answer."""
    words: Words = WORDS[lang]
    intro = words.intro_cancel if method == "CANCEL" else words.intro_update if update else words.intro_new
    rows = [(words.what, entry.title), (words.when, when(entry, lang))]
    if entry.location:
        rows.append((words.where, entry.location))
    width = max(len(label) for label, _ in rows) + 2
    lines = [
        words.greeting.format(name=header_text(reader)),
        "",
        intro.format(organizer=organizer),
        "",
        *(f"{label + ':':<{width}}{value}" for label, value in rows),
    ]
    if entry.repeats:
        lines.append(words.series)
    agenda = _agenda(event, names, lang) if with_agenda and method != "CANCEL" else []
    if agenda:
        lines += ["", words.agenda, *agenda]
    lines += ["", words.cancel_hint if method == "CANCEL" else words.answer_hint, "", "-- ", organizer, organizer_email]
    return "\n".join(lines) + "\n"


def message(
    *,
    sender: Mailbox,
    recipient: Mailbox,
    subject_line: str,
    text: str,
    calendar: bytes,
    method: str,
    attachment: str,
    domain: str,
    now: datetime,
) -> EmailMessage:
    """The MIME message; the calendar part's ``method`` parameter is the calendar object's METHOD (RFC 6047, 2.4)."""
    mail = EmailMessage(policy=SMTP)
    # Encoded here, not by the email package: see planner.mail.headers (CVE-2024-6923).
    set_header(mail, "From", mailbox("From", sender.display_name, sender.addr_spec))
    set_header(mail, "To", mailbox("To", recipient.display_name, recipient.addr_spec))
    set_header(mail, "Subject", unstructured("Subject", subject_line))
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = make_msgid(domain=domain)
    mail.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    params = {"method": method, "charset": "UTF-8"}
    mail.add_alternative(calendar, maintype="text", subtype="calendar", cte="base64", params=params)
    mail.add_attachment(calendar, maintype="application", subtype="ics", filename=attachment)
    return mail
