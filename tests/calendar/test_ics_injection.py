"""Hostile text stays text: no property or component can be injected, whatever a field holds.

The records here are built with ``model_construct``, without validation, so
that the exporter's escaping is tested on its own and does not lean on the
model's rules (a title is a single line only because the model says so).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import vobject

from planner.calendar import safe
from planner.calendar.export import export_ics
from planner.calendar.invites import invites_for
from planner.calendar.lint import problems
from planner.domain.event import AgendaItem, Event, Leg, Speaker, Venue
from planner.domain.fields import Link
from planner.domain.fingerprint import fingerprint
from planner.domain.participation import Invitation
from planner.domain.records import Municipality, Person, Record
from planner.domain.settings import StoreSettings
from planner.domain.text import Line, Text
from planner.store import Store
from tests.helpers.ics import parse, unfolded_lines, vevents

SANTIAGO = ZoneInfo("America/Santiago")
ATTACKER = "x@attacker.example"

HOSTILE: dict[str, str] = {
    "crlf": f"Mesa\r\nATTENDEE:mailto:{ATTACKER}",
    "lf": f"Mesa\nATTENDEE:mailto:{ATTACKER}",
    "cr": f"Mesa\rATTENDEE:mailto:{ATTACKER}",
    "new component": f"Mesa\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@attacker.example\r\nSTATUS:CANCELLED\r\n"
    f"DTSTART:20170101T000000Z\r\nATTENDEE:mailto:{ATTACKER}",
    "status": "Mesa\r\nSTATUS:CANCELLED",
    "unicode line breaks": f"Mesa\u2028ATTENDEE:mailto:{ATTACKER}\u2029\x85ATTENDEE:mailto:{ATTACKER}",
    "vt ff fs gs rs": f"Mesa\x0bATTENDEE:mailto:{ATTACKER}\x0c\x1c\x1d\x1eATTENDEE:mailto:{ATTACKER}",
    "escaped-looking": f'Mesa\\nATTENDEE:mailto:{ATTACKER};CN="a",b:c\\',
    "punctuation": "a;b,c\\d:e\"f'g\\;h\\,i",
    "control characters": "a\x00b\x07c\x1bd\x7fe\tf",
    "fold boundary": "x" * 66 + "ñ" + "\\" + "," * 40,
    "long latin": "Peñalolén, Estación Central; Maipú " * 40,
    "long cjk": "移民と都市" * 90,
    "emoji and rtl": "🎉👩🏽‍💼 مهاجران و شهرها 🇨🇱 " * 25,
    "lone surrogate": "a\ud800b",
    "bom": "\ufeffMesa",
}


def _line(text: str) -> Line:
    return Line.model_construct(es=text, en=text)


def _store(tmp_path: Path, text: str, event_id: str = "mesa") -> tuple[Store, Event]:
    """A store whose every text field holds ``text``, with an event naming all of them."""
    root = tmp_path / "store"
    root.mkdir()
    (root / "planner.toml").write_text("schema_version = 1\n", encoding="utf-8")
    store = Store.load(root)
    store.settings = StoreSettings.model_construct(
        organizer_name=text,
        organization=text,
        organizer_email="planner@example.org",
        calendar_domain="planner.example.org",
        alarms_minutes=(1440, 60),
        default_lang="es",
    )
    records: list[Record] = [
        Municipality.model_construct(id="town", name=text, migration_office_head="host-contact"),
        Person.model_construct(
            id="host-contact", name=text, email="contact@example.org", calendar_token="A" * 32, lang="es"
        ),
        Person.model_construct(id="speaker", name=text, email="speaker@example.org", calendar_token="B" * 32),
        # An address that is not one must never become an ATTENDEE value, which is not escaped.
        Person.model_construct(
            id="evil-mail", name="Evil", email=f"e@example.org\r\nATTENDEE:mailto:{ATTACKER}", calendar_token="C" * 32
        ),
    ]
    for record in records:
        store._records[record.id] = record  # a test double: the store as if these had loaded
    event = Event.model_construct(
        id=event_id,
        title=_line(text),
        kind="round-table",
        status="confirmed",
        start=datetime(2017, 3, 30, 9, 30, tzinfo=SANTIAGO),
        end=datetime(2017, 3, 30, 12, 30, tzinfo=SANTIAGO),
        tz="America/Santiago",
        host="town",
        venue=Venue.model_construct(name=text, address=text, city=text, country=None),
        speakers=(Speaker.model_construct(person="speaker", role=_line(text), topic=_line(text)),),
        themes=(text,),
        agenda=(AgendaItem.model_construct(title=_line(text), time=None, speaker="speaker", id=None),),
        description=Text.model_construct(es=text, en=text),
        links=(
            Link.model_construct(url="https://example.org/minutes", title=text),
            Link.model_construct(url=f"https://example.org/\r\nATTENDEE:mailto:{ATTACKER}", title=None),
        ),
        invitations=(
            Invitation.model_construct(person="host-contact", answer="accepted", attendance="unknown"),
            Invitation.model_construct(person="speaker", answer="needs-action", attendance="unknown"),
            Invitation.model_construct(person="evil-mail", answer="needs-action", attendance="unknown"),
        ),
        sequence=0,
        created=datetime(2017, 3, 1, 12, 0, tzinfo=ZoneInfo("UTC")),
        updated=datetime(2017, 3, 2, 12, 0, tzinfo=ZoneInfo("UTC")),
    )
    event = event.model_copy(update={"calendar_fingerprint": fingerprint(event)})
    store._records[event.id] = event
    return store, event


def _attendees(invite: bool) -> list[str]:
    """The ATTENDEE values a file should hold: an invitation names the two invitees, a feed nobody."""
    return ["mailto:contact@example.org", "mailto:speaker@example.org"] if invite else []


def _check_file(data: bytes, text: str, invite: bool) -> None:
    """One file, read by the strict checks, a line reader and icalendar: exactly the entries and attendees
    written, the text as text."""
    expected_attendees = _attendees(invite)
    assert problems(data) == []
    # A reader that only splits lines (the weakest possible) sees no injected property.
    lines = list(unfolded_lines(data))
    assert not any(line.startswith(("ATTENDEE:", "STATUS:CANCELLED", "UID:evil")) for line in lines)
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 1
    assert sum(line.startswith("ATTENDEE") for line in lines) == len(expected_attendees)

    calendar = parse(data)  # icalendar
    [vevent] = vevents(calendar)
    assert [str(a) for a in vevent.get("ATTENDEE", [])] == expected_attendees
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["UID"]).startswith("mesa@") or str(vevent["UID"]).startswith("x-")
    assert str(vevent["SUMMARY"]) == safe.line(text)  # what was written is what is read
    assert safe.text(text) in str(vevent["DESCRIPTION"])
    if invite:
        cns = {str(a): a.params["CN"] for a in vevent["ATTENDEE"]}
        assert cns["mailto:contact@example.org"] == safe.param(text)


def _check_file_elsewhere(data: bytes, text: str, invite: bool) -> None:
    """The same file read by two other implementations, vobject and recurring-ical-events."""
    expected_attendees = _attendees(invite)
    [other] = list(vobject.readComponents(data.decode("utf-8")))  # vobject
    assert len(other.vevent_list) == 1
    [entry] = other.vevent_list
    assert [a.value for a in entry.contents.get("attendee", [])] == expected_attendees
    assert [s.value for s in entry.contents["status"]] == ["CONFIRMED"]
    assert entry.summary.value == safe.line(text)

    occurrences = recurring_ical_events.of(parse(data)).between(datetime(2017, 1, 1), datetime(2018, 1, 1))
    assert len(occurrences) == 1  # recurring-ical-events
    assert [str(a) for a in occurrences[0].get("ATTENDEE", [])] == expected_attendees


def _hostile_files(tmp_path: Path, text: str) -> dict[str, bytes]:
    """Every file an export of a store full of ``text`` writes, and the e-mail invitation's calendar."""
    store, event = _store(tmp_path, text)
    result = export_ics(store, tmp_path / "out")
    assert result.refused == []
    files = {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes() for p in result.files}
    assert "invites/mesa.ics" in files and "calendar/programme.es.ics" in files
    assert "calendar/municipality-town.ics" in files and f"calendar/person-{'A' * 32}.ics" in files
    [invite] = invites_for(store, event, "en")
    assert invite.attendees == ("host-contact", "speaker")
    files["invites/mesa.ics (e-mail)"] = invite.text.encode("utf-8")
    return files


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_text_in_every_field_stays_text_in_invites_and_feeds(tmp_path: Path, case: str) -> None:
    for name, data in _hostile_files(tmp_path, HOSTILE[case]).items():
        _check_file(data, HOSTILE[case], invite=name.startswith("invites/"))


@pytest.mark.slow  # vobject reads every file and its zones afresh: several seconds over all the cases
@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_text_stays_text_for_vobject_and_recurring_ical_events_too(tmp_path: Path, case: str) -> None:
    for name, data in _hostile_files(tmp_path, HOSTILE[case]).items():
        _check_file_elsewhere(data, HOSTILE[case], invite=name.startswith("invites/"))


def test_hostile_ids_and_tokens_cannot_leave_the_output_folder_or_break_a_line(tmp_path: Path) -> None:
    evil = f"../../escape\r\nATTENDEE:mailto:{ATTACKER}"
    store, event = _store(tmp_path, "Mesa", event_id=evil)
    store._records["speaker"] = store._records["speaker"].model_copy(update={"calendar_token": "../../../owned"})
    store._records["town"] = store._records["town"].model_copy(update={"id": "../town"})
    # A token that is a path is replaced, which saves the person through the store: give it a file to save to.
    store._paths["speaker"] = store.root / "people" / "speaker.toml"
    legless = event.model_copy(update={"id": evil})
    store._records[evil] = legless
    result = export_ics(store, tmp_path / "out")
    out = (tmp_path / "out").resolve()
    for path in result.files:
        assert path.resolve().parent.parent == out, path
    assert not (tmp_path / "escape").exists() and not (tmp_path / "owned").exists()
    [invite] = [p for p in result.files if p.parent.name == "invites"]
    assert invite.name.startswith("x-") and invite.suffix == ".ics"
    data = invite.read_bytes()
    assert problems(data) == []
    [vevent] = vevents(parse(data))
    assert "\n" not in str(vevent["UID"]) and str(vevent["UID"]).startswith("x-")
    assert [str(a) for a in vevent["ATTENDEE"]] == ["mailto:contact@example.org", "mailto:speaker@example.org"]


def test_a_study_visit_leg_with_hostile_text(tmp_path: Path) -> None:
    text = HOSTILE["new component"]
    store, event = _store(tmp_path, "Visita")
    leg = Leg.model_construct(
        id="houston",
        city=text,
        country=text,
        tz="America/Chicago",
        hosts=(),
        venue=None,
        start=datetime(2017, 3, 20, 9, 0, tzinfo=ZoneInfo("America/Chicago")),
        end=datetime(2017, 3, 22, 18, 0, tzinfo=ZoneInfo("America/Chicago")),
    )
    visit = event.model_copy(
        update={
            "kind": "study-visit",
            "legs": (leg,),
            "start": datetime(2017, 3, 20, 8, 0, tzinfo=SANTIAGO),
            "end": datetime(2017, 3, 24, 20, 0, tzinfo=SANTIAGO),
        }
    )
    invites = invites_for(store, visit, "es")
    assert [i.leg_id for i in invites] == [None, "houston"]
    for invite in invites:
        data = invite.text.encode("utf-8")
        assert problems(data) == []
        [vevent] = vevents(parse(data))
        assert str(vevent["UID"]) == invite.uid
        assert [str(a) for a in vevent["ATTENDEE"]] == ["mailto:contact@example.org", "mailto:speaker@example.org"]
    [leg_vevent] = vevents(parse(invites[1].text.encode()))
    assert str(leg_vevent["LOCATION"]) == safe.line(f"{text}, {text}")


def test_an_end_before_the_start_is_refused_not_exported(tmp_path: Path) -> None:
    store, event = _store(tmp_path, "Mesa")
    store._records[event.id] = event.model_copy(update={"end": event.start})
    result = export_ics(store, tmp_path / "out")
    assert result.refused == ["mesa: the end does not come after the start"]
    assert not (tmp_path / "out" / "invites" / "mesa.ics").exists()
    assert b"BEGIN:VEVENT" not in (tmp_path / "out" / "calendar" / "programme.es.ics").read_bytes()
