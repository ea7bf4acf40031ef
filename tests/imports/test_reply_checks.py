"""Replies that could mislead the organizer are refused: several attendees, someone not invited, an e-mail sent
by someone else, an answer older than the one recorded. Each refusal names the file and changes no byte."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from planner.domain.participation import Invitation
from planner.store.codec import dumps
from tests.helpers.cli import run
from tests.helpers.ics import ics
from tests.helpers.store import DOMAIN, event_of, shipped_copy, snapshot, write

ROUND_TABLE_UID = f"lo-prado-round-table@{DOMAIN}"
SERIES_UID = f"monthly-round-table@{DOMAIN}"
FELIX = "felix.martinez@example.org"


def reply(
    *attendees: str,
    partstat: str = "DECLINED",
    uid: str = ROUND_TABLE_UID,
    sequence: int = 0,
    stamp: str = "20170320T120000Z",
    extra: tuple[str, ...] = (),
) -> str:
    # Line numbers: 1-4 header and METHOD, 5 BEGIN:VEVENT, 6 UID, 7 DTSTAMP, 8 SEQUENCE, 9 the first ATTENDEE.
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", f"SEQUENCE:{sequence}"]
    lines += [f"ATTENDEE;PARTSTAT={partstat}:mailto:{address}" for address in attendees]
    return ics(*lines, *extra, "END:VEVENT", method="REPLY")


def e_mail(sender: str | None, calendar: str) -> bytes:
    mail = EmailMessage(policy=SMTP)
    if sender is not None:
        mail["From"] = sender
    mail["To"] = "migrantsandcities@example.org"
    mail["Subject"] = "Respuesta"
    mail.set_content("Respuesta a la invitación.\n")
    mail.add_alternative(calendar.encode(), maintype="text", subtype="calendar", params={"method": "REPLY"})
    return mail.as_bytes()


def import_replies(store: Path, *paths: Path) -> tuple[int, str, str]:
    result = run("import", "ics", "--replies", *map(str, paths), "--store", str(store), cwd=store.parent)
    return result.returncode, result.stdout, result.stderr


def felix(store: Path, event_id: str = "lo-prado-round-table") -> Invitation:
    return next(i for i in event_of(store, event_id).invitations if i.person == "felix-martinez")


def refused(store: Path, path: Path, message: str) -> None:
    """``path`` is refused with ``message`` on one line that names it, and the store keeps every byte."""
    before = snapshot(store, "*.toml")
    code, out, err = import_replies(store, path)
    assert code == 1
    assert f"planner: not recorded: {path}{message}" in err, err
    assert out == ""
    assert snapshot(store, "*.toml") == before


def test_a_reply_naming_two_attendees_is_refused(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    path = write(tmp_path, "two.ics", reply(FELIX, "fernando.cejudo@example.org"))
    message = f":9: 2 attendees ({FELIX}, fernando.cejudo@example.org); a reply answers for one attendee only"
    refused(store, path, message)


def test_a_reply_about_a_meeting_of_a_series_the_person_is_not_invited_to_is_refused(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    path = write(
        tmp_path,
        "one-date.ics",
        reply(FELIX, uid=SERIES_UID, extra=("RECURRENCE-ID;TZID=America/Santiago:20170907T093000",)),
    )
    message = f":9: Félix Martínez <{FELIX}>: not invited to {SERIES_UID} (monthly-round-table) on 2017-09-07"
    refused(store, path, message)


def test_a_reply_about_a_date_the_series_does_not_meet_on_is_refused(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    path = write(
        tmp_path,
        "no-such-date.ics",
        reply(
            "alex.alarcon@example.org",
            uid=SERIES_UID,
            extra=("RECURRENCE-ID;TZID=America/Santiago:20170908T093000",),
        ),
    )
    message = f"{SERIES_UID} (monthly-round-table) has no meeting on 2017-09-08 (RECURRENCE-ID)"
    refused(store, path, f":9: Alex Alarcón <alex.alarcon@example.org>: {message}")


def test_an_e_mail_sent_from_another_address_than_the_attendee_s_is_refused(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    path = write(tmp_path, "forged.eml", e_mail("Someone <someone@example.net>", reply(FELIX)))
    refused(store, path, f" (calendar part):9: sent from someone@example.net, not the attendee {FELIX}")


def test_an_e_mail_without_a_from_address_is_refused(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    path = write(tmp_path, "anonymous.eml", e_mail(None, reply(FELIX)))
    message = " (calendar part):9: sent from an unknown address (the message has no single From address), "
    refused(store, path, message + f"not the attendee {FELIX}")


def test_the_sender_s_address_is_compared_without_regard_to_case_or_display_name(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    path = write(tmp_path, "felix.eml", e_mail('"Martínez, Félix" <Felix.Martinez@EXAMPLE.org>', reply(FELIX)))
    code, out, err = import_replies(store, path)
    assert code == 0, err
    assert "declined (was accepted)" in out
    assert felix(store).answer == "declined"


def test_a_reply_older_than_the_recorded_answer_is_refused(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    newer = write(tmp_path, "newer.ics", reply(FELIX, partstat="TENTATIVE", stamp="20170325T090000Z"))
    assert import_replies(store, newer)[0] == 0
    older = write(tmp_path, "older.ics", reply(FELIX, stamp="20170321T090000Z"))
    message = (
        f":9: Félix Martínez <{FELIX}>: older than the answer recorded on 2017-03-25 09:00 UTC "
        "(this reply: 2017-03-21 09:00 UTC)"
    )
    refused(store, older, message)
    assert felix(store).answer == "tentative"


def test_a_reply_to_an_earlier_sequence_is_older_whatever_its_dtstamp(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    current = write(tmp_path, "current.ics", reply(FELIX, partstat="TENTATIVE", sequence=1, stamp="20170321T090000Z"))
    assert import_replies(store, current)[0] == 0
    stale = write(tmp_path, "stale.ics", reply(FELIX, sequence=0, stamp="20170330T090000Z"))
    message = (
        f":9: Félix Martínez <{FELIX}>: older than the answer recorded on 2017-03-21 09:00 UTC: "
        "it answers SEQUENCE 0, that one 1"
    )
    refused(store, stale, message)


def test_a_newer_reply_replaces_the_recorded_answer_and_its_date(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    first = write(tmp_path, "first.ics", reply(FELIX, partstat="TENTATIVE", stamp="20170321T090000Z"))
    assert import_replies(store, first)[0] == 0
    second = write(tmp_path, "second.ics", reply(FELIX, sequence=1, stamp="20170322T090000Z"))
    code, out, err = import_replies(store, second)
    assert code == 0, err
    assert f"recorded: lo-prado-round-table: Félix Martínez <{FELIX}>: declined (was tentative)" in out
    invitation = felix(store)
    assert (invitation.answer, invitation.answered_sequence) == ("declined", 1)
    assert invitation.answered_at == datetime(2017, 3, 22, 9, tzinfo=UTC)


def test_a_reply_on_one_meeting_of_a_series_keeps_its_date_there(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    path = write(
        tmp_path,
        "one-date.ics",
        reply(
            "alex.alarcon@example.org",
            uid=SERIES_UID,
            stamp="20170901T100000Z",
            extra=("RECURRENCE-ID;TZID=America/Santiago:20170907T093000",),
        ),
    )
    assert import_replies(store, path)[0] == 0
    own = event_of(store, "monthly-round-table").occurrences[date(2017, 9, 7)].invitations
    assert [(i.person, i.answer, i.answered_at) for i in own] == [
        ("alex-alarcon", "declined", datetime(2017, 9, 1, 10, tzinfo=UTC))
    ]
    older = write(
        tmp_path,
        "older.ics",
        reply(
            "alex.alarcon@example.org",
            partstat="ACCEPTED",
            uid=SERIES_UID,
            stamp="20170831T100000Z",
            extra=("RECURRENCE-ID;TZID=America/Santiago:20170907T093000",),
        ),
    )
    refused(store, older, ":9: Alex Alarcón <alex.alarcon@example.org>: older than the answer recorded on 2017-09-01")


def test_an_invitation_without_a_reply_s_date_is_written_as_before() -> None:
    invitation = Invitation.model_validate({"person": "felix-martinez", "answer": "accepted"})
    assert (invitation.answered_sequence, invitation.answered_at) == (None, None)
    assert "answered" not in dumps(invitation)
