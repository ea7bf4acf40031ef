"""``planner import ics --replies``: METHOD:REPLY answers, as .ics files or e-mails, land on the right invitation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import icalendar
import pytest

from planner.domain.participation import Invitation
from planner.store import Store
from tests.helpers.cli import run
from tests.helpers.ics import ics
from tests.helpers.mail import invite_of
from tests.helpers.store import DOMAIN, event_of, shipped_copy, snapshot, write

ROUND_TABLE_UID = f"lo-prado-round-table@{DOMAIN}"


def reply(
    address: str,
    partstat: str,
    *extra: str,
    uid: str = ROUND_TABLE_UID,
    stamp: str = "20170320T120000Z",
    method: str | None = "REPLY",
) -> str:
    # Line numbers: 1-3 header, 4 METHOD, 5 BEGIN:VEVENT, 6 UID, 7 DTSTAMP, 8 SEQUENCE, 9 ATTENDEE.
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", "SEQUENCE:0"]
    if address:
        lines.append(f"ATTENDEE;PARTSTAT={partstat};CN=Someone:mailto:{address}")
    return ics(*lines, *extra, "END:VEVENT", method=method)


def answers(store: Path, event_id: str = "lo-prado-round-table") -> dict[str, str]:
    return {i.person: i.answer for i in event_of(store, event_id).invitations}


def import_replies(store: Path, *paths: Path, cwd: Path) -> tuple[int, str, str]:
    result = run("import", "ics", "--replies", *map(str, paths), "--store", str(store), cwd=cwd)
    return result.returncode, result.stdout, result.stderr


def test_an_ics_reply_records_the_answer_on_the_invitation(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    path = write(tmp_path, "reply.ics", reply("Felix.Martinez@example.org", "DECLINED"))
    code, out, err = import_replies(store, path, cwd=tmp_path)
    assert code == 0, err
    assert "recorded: lo-prado-round-table: Félix Martínez <felix.martinez@example.org>: declined (was accepted)" in out
    assert answers(store) == {
        "fernando-cejudo": "accepted",
        "felix-martinez": "declined",
        "branislav-marelic": "accepted",
    }


def test_a_reply_sent_back_by_e_mail_to_the_planner_s_own_invitation_is_recorded(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    sent = run(
        "send", "invites", "lo-prado-round-table", "--store", str(store), "--out", str(tmp_path / "x"), cwd=tmp_path
    )
    assert sent.returncode == 0, sent.stderr
    invitation = message_from_bytes(
        (tmp_path / "x" / "outbox" / "lo-prado-round-table" / "fernando-cejudo.eml").read_bytes()
    )
    request = invite_of(invitation)
    # What a calendar client sends back: METHOD:REPLY, the same UID and SEQUENCE, only the replying attendee.
    answer = icalendar.Calendar()
    answer.add("prodid", "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN")
    answer.add("version", "2.0")
    answer.add("method", "REPLY")
    for component in request.walk("VTIMEZONE"):
        answer.add_component(component)
    original = request.walk("VEVENT")[0]
    entry = icalendar.Event()
    for key in ("UID", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "ORGANIZER"):
        entry[key] = original[key]
    entry.add("dtstamp", original.decoded("DTSTAMP") + timedelta(days=1))
    attendee = icalendar.vCalAddress("mailto:fernando.cejudo@example.org")
    attendee.params["PARTSTAT"] = "TENTATIVE"
    attendee.params["CN"] = "Fernando Cejudo"
    entry.add("attendee", attendee)
    answer.add_component(entry)
    mail = EmailMessage(policy=SMTP)
    mail["From"] = "Fernando Cejudo <fernando.cejudo@example.org>"
    mail["To"] = "migrantsandcities@example.org"
    mail["Subject"] = "Provisional: Mesa intermunicipal sobre migración en Lo Prado"
    mail.set_content("Fernando Cejudo ha respondido provisionalmente.\n")
    mail.add_alternative(
        answer.to_ical(),
        maintype="text",
        subtype="calendar",
        cte="quoted-printable",
        params={"method": "REPLY", "charset": "UTF-8"},
    )
    path = tmp_path / "reply.eml"
    path.write_bytes(mail.as_bytes())
    code, out, err = import_replies(store, path, cwd=tmp_path)
    assert code == 0, err
    assert "Fernando Cejudo <fernando.cejudo@example.org>: tentative (was accepted)" in out
    assert answers(store)["fernando-cejudo"] == "tentative"


def test_an_e_mail_carrying_the_reply_as_an_attachment_only(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    mail = EmailMessage(policy=SMTP)
    mail["From"] = "branislav.marelic@example.org"
    mail["Subject"] = "Declined"
    mail.set_content("No podré asistir.\n")
    mail.add_attachment(
        reply("branislav.marelic@example.org", "DECLINED").encode(),
        maintype="application",
        subtype="ics",
        filename="reply.ics",
    )
    path = tmp_path / "outlook-reply.eml"
    path.write_bytes(mail.as_bytes())
    code, _, err = import_replies(store, path, cwd=tmp_path)
    assert code == 0, err
    assert answers(store)["branislav-marelic"] == "declined"


def test_a_reply_to_one_leg_lands_on_the_visit_s_invitation(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    loaded = Store.load(store)
    visit = loaded.events["ivlp-study-visit"]
    loaded.save(visit.model_copy(update={"invitations": (Invitation(person="rodrigo-delgado"),)}))
    path = write(
        tmp_path,
        "leg.ics",
        reply("rodrigo.delgado@example.org", "ACCEPTED", uid=f"ivlp-study-visit.providence@{DOMAIN}"),
    )
    code, out, err = import_replies(store, path, cwd=tmp_path)
    assert code == 0, err
    assert answers(store, "ivlp-study-visit") == {"rodrigo-delgado": "accepted"}
    assert "recorded: ivlp-study-visit: " in out


def test_a_reply_about_one_occurrence_of_a_series_lands_on_that_occurrence(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    series = event_of(store, "monthly-round-table")
    assert {i.person: i.answer for i in series.invitations}["alex-alarcon"] == "accepted"
    path = write(
        tmp_path,
        "one-date.ics",
        reply(
            "alex.alarcon@example.org",
            "DECLINED",
            "RECURRENCE-ID;TZID=America/Santiago:20170907T093000",
            uid=f"monthly-round-table@{DOMAIN}",
        ),
    )
    code, out, err = import_replies(store, path, cwd=tmp_path)
    assert code == 0, err
    assert "recorded: monthly-round-table for 2017-09-07: " in out
    series = event_of(store, "monthly-round-table")
    assert {i.person: i.answer for i in series.invitations}["alex-alarcon"] == "accepted"
    own = {i.person: i.answer for i in series.occurrences[date(2017, 9, 7)].invitations}
    assert own == {"alex-alarcon": "declined"}


def test_the_latest_answer_wins_whatever_the_order_of_the_files(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    later = write(tmp_path, "later.ics", reply("felix.martinez@example.org", "TENTATIVE", stamp="20170325T090000Z"))
    earlier = write(tmp_path, "earlier.ics", reply("felix.martinez@example.org", "DECLINED", stamp="20170321T090000Z"))
    code, _, err = import_replies(store, later, earlier, cwd=tmp_path)
    assert code == 0, err
    assert answers(store)["felix-martinez"] == "tentative"


def test_an_answer_already_recorded_keeps_the_reply_s_date_and_changes_nothing_the_second_time(
    tmp_path: Path,
) -> None:
    store = shipped_copy(tmp_path)
    path = write(tmp_path, "same.ics", reply("fernando.cejudo@example.org", "ACCEPTED"))
    code, out, err = import_replies(store, path, cwd=tmp_path)
    assert code == 0, err
    assert "unchanged: lo-prado-round-table: Fernando Cejudo <fernando.cejudo@example.org>: accepted " in out
    invitation = next(i for i in event_of(store, "lo-prado-round-table").invitations if i.person == "fernando-cejudo")
    assert (invitation.answer, invitation.answered_sequence) == ("accepted", 0)
    assert invitation.answered_at == datetime(2017, 3, 20, 12, tzinfo=UTC)
    before = snapshot(store, "*.toml")
    code, out, err = import_replies(store, path, cwd=tmp_path)
    assert code == 0, err
    assert "accepted (already recorded)" in out
    assert snapshot(store, "*.toml") == before


def test_an_answer_to_an_earlier_version_is_recorded_and_flagged(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    loaded = Store.load(store)
    current = loaded.events["lo-prado-round-table"]
    loaded.save(
        current.model_copy(
            update={"start": current.start + timedelta(hours=1), "end": current.end + timedelta(hours=1)}
        )
    )
    path = write(tmp_path, "old.ics", reply("felix.martinez@example.org", "DECLINED"))
    code, out, err = import_replies(store, path, cwd=tmp_path)
    assert code == 0, err
    assert "an answer to an earlier version (SEQUENCE 0, now 1)" in out


REFUSED: list[tuple[str, str, str]] = [
    (
        "unknown-uid",
        reply("felix.martinez@example.org", "ACCEPTED", uid="nope@example.com"),
        ":9: UID 'nope@example.com' matches no event in the store",
    ),
    (
        "unknown-person",
        reply("stranger@example.net", "ACCEPTED"),
        ":9: stranger@example.net is not the e-mail address of anyone in the store",
    ),
    (
        "not-invited",
        reply("norberto.giron@example.org", "ACCEPTED"),
        f":9: Norberto Girón <norberto.giron@example.org>: not invited to {ROUND_TABLE_UID} (lo-prado-round-table)",
    ),
    (
        "a-request",
        reply("felix.martinez@example.org", "ACCEPTED", method="REQUEST"),
        ":4: this file has METHOD:REQUEST, not METHOD:REPLY: it is not an answer to an invitation",
    ),
    (
        "no-method",
        reply("felix.martinez@example.org", "ACCEPTED", method=None),
        ":1: this file has no METHOD, not METHOD:REPLY",
    ),
    ("no-attendee", reply("", "ACCEPTED"), ":5: this reply names no ATTENDEE"),
    (
        "delegated",
        reply("felix.martinez@example.org", "DELEGATED"),
        ":9: felix.martinez@example.org: PARTSTAT DELEGATED is not an answer the planner records",
    ),
    (
        "malformed",
        reply("felix.martinez@example.org", "ACCEPTED").replace("SEQUENCE:0", "SEQUENCE 0"),
        ":8: not a calendar line (NAME:value expected): 'SEQUENCE 0'",
    ),
    ("no-vevent", ics(method="REPLY"), ": no VEVENT, so no answer to record"),
]


@pytest.mark.parametrize(("name", "text", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_replies_that_cannot_be_recorded_say_why(tmp_path: Path, name: str, text: str, message: str) -> None:
    store = shipped_copy(tmp_path)
    before = snapshot(store, "*.toml")
    path = write(tmp_path, f"{name}.ics", text)
    code, out, err = import_replies(store, path, cwd=tmp_path)
    assert code == 1
    assert f"planner: not recorded: {path}{message}" in err
    assert "planner: no answer could be recorded" in err
    assert len(err.splitlines()) == 2 and out == ""
    assert snapshot(store, "*.toml") == before


def test_an_e_mail_without_a_calendar_is_refused(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    mail = EmailMessage()
    mail["Subject"] = "Gracias"
    mail.set_content("Muchas gracias por la invitación.\n")
    path = tmp_path / "thanks.eml"
    path.write_bytes(mail.as_bytes())
    code, _, err = import_replies(store, path, cwd=tmp_path)
    assert code == 1
    assert f"{path}: this message carries no calendar (no text/calendar part or .ics attachment)" in err


def test_an_outlook_msg_file_is_named_as_such(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    path = tmp_path / "reply.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    code, _, err = import_replies(store, path, cwd=tmp_path)
    assert code == 1
    assert f"{path}: an Outlook .msg file, which the planner does not read; save the message as .eml" in err


def test_good_replies_are_recorded_beside_bad_ones(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    good = write(tmp_path, "good.ics", reply("felix.martinez@example.org", "DECLINED"))
    bad = write(tmp_path, "bad.ics", reply("stranger@example.net", "ACCEPTED"))
    code, out, err = import_replies(store, bad, good, cwd=tmp_path)
    assert code == 1  # one reply was refused: a script must notice, though the other is recorded
    assert "recorded: lo-prado-round-table: Félix Martínez" in out
    assert f"not recorded: {bad}:9: stranger@example.net" in err
    assert answers(store)["felix-martinez"] == "declined"
