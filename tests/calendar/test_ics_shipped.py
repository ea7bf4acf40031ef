"""The shipped store's feeds and invitations, parsed back and checked property by property."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.calendar.invites import invites_for
from planner.domain.event import Event
from planner.domain.participation import Invitation
from planner.domain.records import Person
from planner.store import Store
from tests.helpers.ics import Exported, attendees, export, one, parse, uid_of, vevents
from tests.helpers.store import ROUND_TABLE, SERIES, VISIT

SANTIAGO = ZoneInfo("America/Santiago")
ORGANIZER = "mailto:migrantsandcities@example.org"


def test_the_export_writes_programme_municipality_and_person_feeds_and_the_invites(shipped: Exported) -> None:
    names = {str(p.relative_to(shipped.out)) for p in shipped.result.files}
    store = shipped.store
    tokens = {p.calendar_token for p in store.people.values() if p.calendar_token}
    expected = {"calendar/programme.es.ics", "calendar/programme.en.ics"}
    expected |= {f"calendar/municipality-{m}.ics" for m in store.municipalities}
    expected |= {f"calendar/person-{t}.ics" for t in tokens}
    invited = ("iom-ucm-cooperation-agreement", "asexma-annual-breakfast", ROUND_TABLE, SERIES)
    expected |= {f"invites/{e}.ics" for e in invited}
    assert names == expected
    assert len(tokens) >= 12
    assert shipped.result.refused == []
    # The study visit invites nobody, and the export says so.
    assert any(note.startswith(f"{VISIT}: no invite written") for note in shipped.result.notes)
    assert not any(note.startswith(ROUND_TABLE) for note in shipped.result.notes)


def test_the_round_table_invite_property_by_property(shipped: Exported) -> None:
    event = shipped.store.events[ROUND_TABLE]
    calendar = parse(shipped.path(f"invites/{ROUND_TABLE}.ics"))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar["VERSION"]) == "2.0" and "planner" in str(calendar["PRODID"])
    [vevent] = vevents(calendar)
    assert str(vevent["UID"]) == uid_of(ROUND_TABLE)
    assert vevent["SEQUENCE"] == event.sequence == 0
    assert vevent.decoded("DTSTAMP") == event.updated == vevent.decoded("LAST-MODIFIED")
    assert vevent.decoded("CREATED") == event.created
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert vevent["DTSTART"].params["TZID"] == "America/Santiago"
    assert start == datetime(2017, 3, 30, 9, 30, tzinfo=SANTIAGO)
    assert start.astimezone(UTC) == datetime(2017, 3, 30, 12, 30, tzinfo=UTC)  # -03 in March 2017
    assert end == datetime(2017, 3, 30, 12, 30, tzinfo=SANTIAGO)
    assert str(vevent["SUMMARY"]) == "Mesa intermunicipal sobre migración en Lo Prado"
    assert str(vevent["LOCATION"]) == "Municipalidad de Lo Prado, Lo Prado, Chile"
    description = str(vevent["DESCRIPTION"])
    for expected in (
        "Anfitrión: Municipalidad de Lo Prado",
        "Programa: Migrantes y Ciudades",
        "- Fernando Cejudo — Jefe de la Oficina de Migración de Lo Prado",
        "- Branislav Marelic — Director del Instituto Nacional de Derechos Humanos — Migración y derechos humanos",
        "Municipios: La Reina, Quilicura, Estación Central, Peñalolén, Maipú, Quinta Normal",
        "- 09:45 La Oficina de Migración de Lo Prado (Fernando Cejudo)",
    ):
        assert expected in description
    assert "\\n" not in description and "\n\n" in description  # real line breaks, plain text
    assert [str(c) for c in vevent["CATEGORIES"].cats] == [
        "Mesa intermunicipal",
        "Gobierno local",
        "Derechos humanos",
        "Inclusión social",
    ]
    assert str(vevent["STATUS"]) == "CONFIRMED"  # done → CONFIRMED
    assert str(vevent["ORGANIZER"]) == ORGANIZER
    assert vevent["ORGANIZER"].params["CN"] == "IOM Chile — Migrants and Cities"
    people = attendees(vevent)
    assert set(people) == {"fernando.cejudo@example.org", "felix.martinez@example.org", "branislav.marelic@example.org"}
    chair = people["fernando.cejudo@example.org"].params
    # Lo Prado hosts, and Fernando Cejudo heads its Migration Office.
    assert (chair["ROLE"], chair["PARTSTAT"], chair["RSVP"]) == ("CHAIR", "ACCEPTED", "TRUE")
    assert chair["CN"] == "Fernando Cejudo"
    for speaker in ("felix.martinez@example.org", "branislav.marelic@example.org"):
        assert people[speaker].params["ROLE"] == "REQ-PARTICIPANT"
        assert people[speaker].params["PARTSTAT"] == "ACCEPTED"
    alarms = vevent.walk("VALARM")
    assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(days=-1), timedelta(hours=-1)]
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
    assert [c["TZID"] for c in calendar.walk("VTIMEZONE")] == ["America/Santiago"]


def test_roles_follow_the_host_speakers_and_signatories(shipped: Exported) -> None:
    signing_id = "iom-ucm-cooperation-agreement"
    signing = one(parse(shipped.path(f"invites/{signing_id}.ics")), uid_of(signing_id))
    people = attendees(signing)
    # The UCM hosts; its rector, a signatory, is its contact person.
    assert people["diego.duran@example.org"].params["ROLE"] == "CHAIR"
    assert people["norberto.giron@example.org"].params["ROLE"] == "REQ-PARTICIPANT"
    breakfast = one(parse(shipped.path("invites/asexma-annual-breakfast.ics")), uid_of("asexma-annual-breakfast"))
    assert attendees(breakfast)["alex.alarcon@example.org"].params["ROLE"] == "REQ-PARTICIPANT"
    # No venue is recorded and an organization's name is not a place: no LOCATION is made up.
    assert "LOCATION" not in breakfast
    series = one(parse(shipped.path(f"invites/{SERIES}.ics")), uid_of(SERIES))
    assert attendees(series)["norberto.giron@example.org"].params["ROLE"] == "OPT-PARTICIPANT"
    assert attendees(series)["norberto.giron@example.org"].params["PARTSTAT"] == "NEEDS-ACTION"


def test_the_study_visit_is_an_all_day_trip_and_one_timed_entry_per_leg_in_its_own_zone(shipped: Exported) -> None:
    calendar = parse(shipped.path("calendar/programme.en.ics"))
    trip = one(calendar, uid_of(VISIT))
    assert trip.decoded("DTSTART") == date(2017, 3, 20)
    assert trip.decoded("DTEND") == date(2017, 3, 25)  # exclusive: the visit ends on Friday 24 March
    assert trip["DTSTART"].params.get("VALUE") == "DATE"
    houston = one(calendar, uid_of(f"{VISIT}.houston"))
    assert houston["DTSTART"].params["TZID"] == "America/Chicago"
    assert houston.decoded("DTSTART").astimezone(UTC) == datetime(2017, 3, 20, 14, 0, tzinfo=UTC)  # 09:00 CDT
    assert houston.decoded("DTEND").astimezone(UTC) == datetime(2017, 3, 22, 23, 0, tzinfo=UTC)
    assert str(houston["LOCATION"]) == "Houston, United States"
    assert str(houston["SUMMARY"]).endswith("— Houston")
    assert str(houston["RELATED-TO"]) == uid_of(VISIT)
    assert houston["RELATED-TO"].params["RELTYPE"] == "PARENT"
    providence = one(calendar, uid_of(f"{VISIT}.providence"))
    assert providence["DTSTART"].params["TZID"] == "America/New_York"
    assert providence.decoded("DTSTART").astimezone(UTC) == datetime(2017, 3, 23, 13, 0, tzinfo=UTC)  # 09:00 EDT
    zones = {c["TZID"] for c in calendar.walk("VTIMEZONE")}
    assert zones == {"America/Chicago", "America/New_York", "America/Santiago"}
    # The whole-day trip has only whole-day reminders.
    assert [a.decoded("TRIGGER") for a in trip.walk("VALARM")] == [timedelta(days=-1)]


def test_each_leg_is_its_own_invitation(store_root: Path, tmp_path: Path) -> None:
    store = Store.load(store_root)
    invitation = Invitation(person="rodrigo-delgado", answer="accepted")
    store.save(store.events[VISIT].model_copy(update={"invitations": (invitation,)}))
    invites = invites_for(store, store.events[VISIT], "en")
    assert [(i.stem, i.leg_id) for i in invites] == [
        (VISIT, None),
        (f"{VISIT}.houston", "houston"),
        (f"{VISIT}.providence", "providence"),
    ]
    for invite in invites:
        calendar = parse(invite.text.encode())
        assert str(calendar["METHOD"]) == "REQUEST" and invite.method == "REQUEST"
        assert {str(e["UID"]) for e in vevents(calendar)} == {invite.uid}
        assert invite.attendees == ("rodrigo-delgado",)
        assert attendees(one(calendar, invite.uid))["rodrigo.delgado@example.org"].params["ROLE"] == "REQ-PARTICIPANT"
    result = export(store_root, tmp_path / "out", event_id=VISIT)
    assert sorted(p.name for p in result.files) == [f"{VISIT}.houston.ics", f"{VISIT}.ics", f"{VISIT}.providence.ics"]


def test_feeds_are_publish_calendars_with_names_and_no_attendees(shipped: Exported) -> None:
    for path in sorted((shipped.out / "calendar").glob("*.ics")):
        calendar = parse(path)
        assert str(calendar["METHOD"]) == "PUBLISH", path
        assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) != ""
        assert str(calendar["X-WR-CALDESC"])
        assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=6)
        for vevent in vevents(calendar):
            assert "ATTENDEE" not in vevent
            assert str(vevent["ORGANIZER"]) == ORGANIZER


def test_the_programme_feeds_hold_every_event_that_is_not_a_draft_in_their_language(shipped: Exported) -> None:
    events = shipped.store.events
    for lang in ("es", "en"):
        calendar = parse(shipped.path(f"calendar/programme.{lang}.ics"))
        masters = {str(e["UID"]): e for e in vevents(calendar) if "RECURRENCE-ID" not in e}
        expected = {uid_of(e.id) for e in events.values() if e.status != "draft"}
        expected |= {uid_of(f"{VISIT}.{leg.id}") for leg in events[VISIT].legs}
        assert set(masters) == expected
        for event in events.values():
            assert str(masters[uid_of(event.id)]["SUMMARY"]) == event.title.get(lang)
    english = parse(shipped.path("calendar/programme.en.ics"))
    assert "Speakers:" in str(one(english, uid_of(ROUND_TABLE))["DESCRIPTION"])


def test_municipality_feeds_hold_the_events_the_municipality_hosts_or_joins(shipped: Exported) -> None:
    def uids(name: str) -> set[str]:
        return {str(e["UID"]) for e in vevents(parse(shipped.path(f"calendar/municipality-{name}.ics")))}

    assert uids("lo-prado") == {uid_of(ROUND_TABLE), uid_of(SERIES)}
    visit = {uid_of(VISIT), uid_of(f"{VISIT}.houston"), uid_of(f"{VISIT}.providence")}
    assert uids("recoleta") == visit | {uid_of(SERIES)}
    calendar = parse(shipped.path("calendar/municipality-la-reina.ics"))
    assert "La Reina" in str(calendar["X-WR-CALNAME"])
    assert str(calendar["X-WR-CALNAME"]) == "OIM Chile: eventos con La Reina"  # the store's language


def test_a_person_feed_is_named_by_token_and_holds_only_their_events(shipped: Exported) -> None:
    store = shipped.store
    person = store.people["fernando-cejudo"]
    assert person.calendar_token and "fernando" not in person.calendar_token.lower()
    calendar = parse(shipped.path(f"calendar/person-{person.calendar_token}.ics"))
    assert {str(e["UID"]) for e in vevents(calendar)} == {uid_of(ROUND_TABLE), uid_of(SERIES)}
    assert "Fernando Cejudo" in str(calendar["X-WR-CALNAME"])
    mayor = store.people["rodrigo-delgado"]
    assert mayor.calendar_token
    mine = {str(e["UID"]) for e in vevents(parse(shipped.path(f"calendar/person-{mayor.calendar_token}.ics")))}
    assert uid_of(f"{VISIT}.houston") in mine and uid_of(SERIES) in mine and uid_of(ROUND_TABLE) not in mine
    # No file in the folder names anybody.
    assert not any("cejudo" in p.name or "delgado" in p.name for p in shipped.result.files)


def test_a_person_reading_english_gets_an_english_feed(store_root: Path, tmp_path: Path) -> None:
    store = Store.load(store_root)
    person = store.people["alex-alarcon"]
    store.save(person.model_copy(update={"lang": "en"}))
    export(store_root, tmp_path / "out")
    calendar = parse(tmp_path / "out" / "calendar" / f"person-{person.calendar_token}.ics")
    assert str(calendar["X-WR-CALNAME"]) == "IOM Chile: events of Alex Alarcón"
    assert str(one(calendar, uid_of("asexma-annual-breakfast"))["SUMMARY"]) == "ASEXMA Annual Breakfast"


def test_invites_for_returns_the_contract_the_mailer_codes_against(shipped: Exported) -> None:
    store = shipped.store
    [invite] = invites_for(store, store.events[ROUND_TABLE], "es")
    assert invite.uid == uid_of(ROUND_TABLE)
    assert (invite.method, invite.sequence, invite.event_id, invite.leg_id, invite.stem) == (
        "REQUEST",
        0,
        ROUND_TABLE,
        None,
        ROUND_TABLE,
    )
    assert invite.attendees == ("fernando-cejudo", "felix-martinez", "branislav-marelic")
    assert invite.text.encode() == shipped.data(f"invites/{ROUND_TABLE}.ics")
    assert invites_for(store, store.events[VISIT], "es") == []  # nobody invited
    [series] = invites_for(store, store.events[SERIES], "en")
    # Occurrence-only invitees (the hosts' mayors) are attendees too.
    assert set(series.attendees) == {
        "fernando-cejudo",
        "alex-alarcon",
        "norberto-giron",
        "juan-carrasco",
        "rodrigo-delgado",
        "daniel-jadue",
    }


def test_an_event_whose_invitees_have_no_e_mail_gets_no_invite_and_the_export_says_so(
    store_root: Path, tmp_path: Path
) -> None:
    store = Store.load(store_root)
    person = store.people["branislav-marelic"]
    store.save(Person.model_validate({**person.model_dump(exclude_none=True), "email": None}))
    only = store.events[ROUND_TABLE].model_copy(update={"invitations": store.events[ROUND_TABLE].invitations[2:]})
    store.save(only)
    assert invites_for(store, store.events[ROUND_TABLE], "es") == []
    result = export(store_root, tmp_path / "out")
    assert f"{ROUND_TABLE}: no invite written: none of the 1 invited people has an e-mail address" in result.notes
    assert not (tmp_path / "out" / "invites" / f"{ROUND_TABLE}.ics").exists()


def test_drafts_are_never_exported(store_root: Path, tmp_path: Path) -> None:
    store = Store.load(store_root)
    draft = Event.model_validate(
        {
            "id": "draft-meeting",
            "title": {"es": "Reunión en borrador"},
            "kind": "workshop",
            "status": "draft",
            "start": "2017-04-20T10:00:00",
            "end": "2017-04-20T11:00:00",
            "tz": "America/Santiago",
            "invitations": [{"person": "fernando-cejudo"}],
        }
    )
    store.save(draft)
    assert invites_for(store, store.events["draft-meeting"], "es") == []
    result = export(store_root, tmp_path / "out")
    for path in result.files:
        assert b"draft-meeting" not in path.read_bytes()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_cancelled_events_say_so_in_the_title_as_well_as_in_status(store_root: Path, tmp_path: Path, lang: str) -> None:
    store = Store.load(store_root)
    store.save(store.events[ROUND_TABLE].model_copy(update={"status": "cancelled"}))
    export(store_root, tmp_path / "out")
    vevent = one(parse(tmp_path / "out" / "calendar" / f"programme.{lang}.ics"), uid_of(ROUND_TABLE))
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]).startswith("Cancelado: " if lang == "es" else "Cancelled: ")
    assert vevent.walk("VALARM") == []  # nobody is reminded of a cancelled meeting
