"""``planner import ics``: the programme feed round trip, zones (IANA, Windows, UTC, floating), attendees, kinds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import recurring_ical_events
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from planner.domain.event import Event
from planner.store import Store
from tests.helpers.cli import run
from tests.helpers.ics import ics, vevent
from tests.helpers.store import empty_store, shipped_copy, snapshot, write


def only(store: Path) -> Event:
    events = list(Store.load(store).events.values())
    assert len(events) == 1
    return events[0]


def test_the_programme_feed_comes_back_as_drafts_with_the_same_titles_times_zones_and_places(tmp_path: Path) -> None:
    source = shipped_copy(tmp_path)
    exported = run("export", "ics", "--store", str(source), "--out", str(tmp_path / "exports"), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    feed_path = tmp_path / "exports" / "calendar" / "programme.es.ics"
    feed = icalendar.Calendar.from_ical(feed_path.read_bytes())
    target = empty_store(tmp_path)

    result = run("import", "ics", str(feed_path), "--store", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr

    imported = {e.source_uid: e for e in Store.load(target).events.values()}
    masters = [v for v in feed.walk("VEVENT") if "RECURRENCE-ID" not in v]
    assert set(imported) == {str(v["UID"]) for v in masters}
    assert len(masters) >= 7  # four March events, the visit's two legs, the series
    assert sum("LOCATION" in entry for entry in masters) >= 5
    for entry in masters:
        event = imported[str(entry["UID"])]
        assert event.status == "draft"
        assert event.title.get("es") == str(entry["SUMMARY"])
        place = str(entry["LOCATION"]) if "LOCATION" in entry else None
        assert (event.venue.name if event.venue else None) == place
        start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
        if isinstance(start, datetime):
            assert event.start == start and event.end == end  # the same instants
            assert event.tz == entry["DTSTART"].params["TZID"]  # and the same zone
            assert event.start.utcoffset() == start.utcoffset()
        else:  # the study visit as a whole: all-day, DTEND exclusive
            assert (event.start.date(), event.end.date()) == (start, end)
            assert event.start.strftime("%H:%M") == event.end.strftime("%H:%M") == "00:00"
    legs = {e.tz for e in imported.values() if e.title.get("es").endswith(("Houston", "Providence"))}
    assert legs == {"America/Chicago", "America/New_York"}


def test_a_series_keeps_its_rule_skipped_and_moved_dates(tmp_path: Path) -> None:
    source = shipped_copy(tmp_path)
    run("export", "ics", "--store", str(source), "--out", str(tmp_path / "exports"), cwd=tmp_path)
    feed_path = tmp_path / "exports" / "calendar" / "programme.es.ics"
    feed = icalendar.Calendar.from_ical(feed_path.read_bytes())
    target = empty_store(tmp_path)
    assert run("import", "ics", str(feed_path), "--store", str(target), cwd=tmp_path).returncode == 0
    series = next(e for e in Store.load(target).events.values() if e.recurrence is not None)
    window = (datetime(2017, 1, 1, tzinfo=UTC), datetime(2019, 1, 1, tzinfo=UTC))
    expected = [
        (o["DTSTART"].dt, o["DTEND"].dt)
        for o in recurring_ical_events.of(feed).between(*window)
        if str(o["UID"]) == series.source_uid
    ]
    kept = [(start, end) for _, start, end, o in series.occurrence_times(window[1]) if not o.cancelled]
    assert sorted(kept) == sorted(expected)
    assert any(o.cancelled for o in series.occurrences.values())  # the EXDATE
    assert any(o.start is not None for o in series.occurrences.values())  # the moved occurrence


def test_a_windows_zone_name_is_mapped_to_iana_through_icalendar(tmp_path: Path) -> None:
    assert WINDOWS_TO_OLSON["Pacific SA Standard Time"] == "America/Santiago"
    outlook = ics(
        # Outlook writes its own VTIMEZONE under the Windows name; the IANA rules are used instead.
        "BEGIN:VTIMEZONE",
        "TZID:Pacific SA Standard Time",
        "BEGIN:STANDARD",
        "DTSTART:16010101T000000",
        "TZOFFSETFROM:-0300",
        "TZOFFSETTO:-0400",
        "RRULE:FREQ=YEARLY;BYDAY=2SA;BYMONTH=5",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010101T000000",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0300",
        "RRULE:FREQ=YEARLY;BYDAY=2SA;BYMONTH=8",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
        *vevent(
            "LOCATION:Municipalidad de Quilicura",
            uid="040000008200E00074C5B7101A82E00800000000@outlook.example.com",
            start="DTSTART;TZID=Pacific SA Standard Time:20170330T093000",
            end="DTEND;TZID=Pacific SA Standard Time:20170330T123000",
        ),
        *vevent(
            uid="houston@outlook.example.com",
            start="DTSTART;TZID=Central Standard Time:20170322T090000",
            end="DTEND;TZID=Central Standard Time:20170322T170000",
            summary="Visita a Houston",
        ),
        method="PUBLISH",
    )
    store = empty_store(tmp_path)
    result = run("import", "ics", str(write(tmp_path, "outlook.ics", outlook)), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    events = {e.source_uid: e for e in Store.load(store).events.values()}
    santiago = events["040000008200E00074C5B7101A82E00800000000@outlook.example.com"]
    assert santiago.tz == "America/Santiago"
    assert santiago.start.replace(tzinfo=None) == datetime(2017, 3, 30, 9, 30)
    assert santiago.start.utcoffset() == timedelta(hours=-3)
    assert santiago.assumed == ()
    houston = events["houston@outlook.example.com"]
    assert houston.tz == "America/Chicago" and houston.start.utcoffset() == timedelta(hours=-5)


def test_utc_and_floating_times_are_placed_in_the_home_zone_and_say_so(tmp_path: Path) -> None:
    text = ics(
        *vevent(
            uid="utc@example.com", start="DTSTART:20170330T123000Z", end="DTEND:20170330T153000Z", summary="En UTC"
        ),
        *vevent(
            uid="floating@example.com", start="DTSTART:20170330T093000", end="DTEND:20170330T123000", summary="Sin zona"
        ),
        *vevent(
            uid="allday@example.com",
            start="DTSTART;VALUE=DATE:20170330",
            end="DTEND;VALUE=DATE:20170401",
            summary="Todo el día",
        ),
        *vevent(
            uid="no-end@example.com", start="DTSTART;TZID=America/Santiago:20170330T093000", end=None, summary="Sin fin"
        ),
    )
    store = empty_store(tmp_path)
    result = run("import", "ics", str(write(tmp_path, "times.ics", text)), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    events = {e.source_uid: e for e in Store.load(store).events.values()}
    utc = events["utc@example.com"]
    assert utc.tz == "America/Santiago"
    assert utc.start == datetime(2017, 3, 30, 12, 30, tzinfo=UTC)  # the same instant, 09:30 in Santiago
    assert utc.start.strftime("%H:%M") == "09:30"
    assert any("UTC" in note and "America/Santiago" in note for note in utc.assumed)
    floating = events["floating@example.com"]
    assert floating.tz == "America/Santiago" and floating.start.strftime("%H:%M") == "09:30"
    assert any("floating" in note for note in floating.assumed)
    all_day = events["allday@example.com"]
    assert (all_day.start.date().isoformat(), all_day.end.date().isoformat()) == ("2017-03-30", "2017-04-01")
    assert any("All-day" in note for note in all_day.assumed)
    no_end = events["no-end@example.com"]
    assert no_end.end - no_end.start == timedelta(hours=2)
    assert any("no end" in note for note in no_end.assumed)
    assert "assumed: Times were given in UTC" in result.stdout


def test_attendees_known_by_email_become_invitations_with_their_answers(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    text = ics(
        *vevent(
            "ATTENDEE;CN=Fernando Cejudo;PARTSTAT=ACCEPTED:mailto:Fernando.Cejudo@Example.org",
            "ATTENDEE;PARTSTAT=TENTATIVE:MAILTO:felix.martinez@example.org",
            "ATTENDEE;CN=Norberto Girón:mailto:norberto.giron@example.org",
            "ATTENDEE;CN=Someone Else;PARTSTAT=DECLINED:mailto:someone@example.net",
            "CATEGORIES:Conferencia,Derechos humanos",
            "CATEGORIES:Empleo",
            "LOCATION:Hotel W\\, Santiago",
            "DESCRIPTION:Primera línea\\nSegunda línea",
            "URL:https://example.org/evento",
            "SEQUENCE:3",
            uid="partner-event-42@partner.example.net",
            summary="Seminario de empleo migrante",
        )
    )
    result = run("import", "ics", str(write(tmp_path, "partner.ics", text)), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    event = next(e for e in Store.load(store).events.values() if e.source_uid == "partner-event-42@partner.example.net")
    assert event.id == "2017-06-15-seminario-de-empleo-migrante"
    assert store.joinpath("2017", f"{event.id}.toml").is_file()
    assert [(i.person, i.answer) for i in event.invitations] == [
        ("fernando-cejudo", "accepted"),
        ("felix-martinez", "tentative"),
        ("norberto-giron", "needs-action"),
    ]
    assert "attendee not in the store, not invited: Someone Else <someone@example.net>" in result.stdout
    assert event.kind == "conference"
    assert event.themes == ("human-rights", "employment")
    assert event.venue is not None and event.venue.name == "Hotel W, Santiago"
    assert event.description is not None and event.description.get("es") == "Primera línea\nSegunda línea"
    assert [link.url for link in event.links] == ["https://example.org/evento"]
    assert event.title.get("es") == "Seminario de empleo migrante" and not event.title.has("en")
    assert event.sequence == 3


def test_hostile_text_stays_text_and_ids_stay_unique(tmp_path: Path) -> None:
    store = empty_store(tmp_path)
    text = ics(
        *vevent(uid="a@example.com", summary="Reunión\\nSTATUS:CANCELLED\\, con coma\\; y punto y coma"),
        *vevent(uid="b@example.com", summary="Reunión\\nSTATUS:CANCELLED\\, con coma\\; y punto y coma"),
        *vevent("URL:javascript:alert(1)", uid="c@example.com", summary=""),
    )
    result = run("import", "ics", str(write(tmp_path, "h.ics", text)), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    events = {e.source_uid: e for e in Store.load(store).events.values()}
    assert events["a@example.com"].title.get("es") == "Reunión STATUS:CANCELLED, con coma; y punto y coma"
    assert events["a@example.com"].id != events["b@example.com"].id
    assert events["b@example.com"].id.endswith("-2")
    assert events["c@example.com"].links == ()
    assert all(e.status == "draft" for e in events.values())


def test_a_uid_already_in_the_store_is_refused_and_nothing_is_imported(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    run("export", "ics", "--store", str(store), "--out", str(tmp_path / "exports"), cwd=tmp_path)
    before = snapshot(store, "*.toml")
    feed = tmp_path / "exports" / "calendar" / "programme.es.ics"
    result = run("import", "ics", str(feed), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert "UID 'iom-ucm-cooperation-agreement@planner.iom-chile.example.org' is already in the store" in result.stderr
    assert "(event 'iom-ucm-cooperation-agreement')" in result.stderr and "nothing imported" in result.stderr
    assert f"{feed}:" in result.stderr
    assert snapshot(store, "*.toml") == before


def test_importing_the_same_file_twice_is_refused_by_its_source_uid(tmp_path: Path) -> None:
    store = empty_store(tmp_path)
    path = write(tmp_path, "one.ics", ics(*vevent(uid="once@example.com")))
    assert run("import", "ics", str(path), "--store", str(store), cwd=tmp_path).returncode == 0
    before = snapshot(store, "*.toml")
    again = run("import", "ics", str(path), "--store", str(store), cwd=tmp_path)
    assert again.returncode == 1
    imported = only(store)
    assert f"{path}:5: UID 'once@example.com' is already in the store (event {imported.id!r})" in again.stderr
    assert snapshot(store, "*.toml") == before


def test_a_leg_uid_is_known_too(tmp_path: Path) -> None:
    store = shipped_copy(tmp_path)
    before = snapshot(store, "*.toml")
    path = write(tmp_path, "leg.ics", ics(*vevent(uid="ivlp-study-visit.houston@planner.iom-chile.example.org")))
    result = run("import", "ics", str(path), "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert "is already in the store (event 'ivlp-study-visit')" in result.stderr
    assert snapshot(store, "*.toml") == before
