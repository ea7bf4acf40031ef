"""Stable UIDs, identical bytes for an unchanged store, and SEQUENCE raised exactly when calendars must update."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.calendar.safe import token_ok
from planner.calendar.uid import uid, uid_stem
from planner.domain.fingerprint import fingerprint, hand_edited, with_sequence
from planner.domain.series import Occurrence
from planner.domain.text import Text
from planner.store import Store
from tests.helpers.ics import Exported, export, ics_files, one, parse, uid_of, vevents
from tests.helpers.store import DOMAIN, ROUND_TABLE, SERIES, SHIPPED, shipped_copy


def _invite(out: Path, stem: str = ROUND_TABLE) -> Any:
    return one(parse(out / "invites" / f"{stem}.ics"), uid_of(stem))


def test_uids_are_derived_from_ids_and_the_calendar_domain() -> None:
    assert uid("lo-prado-round-table", DOMAIN) == f"lo-prado-round-table@{DOMAIN}"
    assert uid("ivlp-study-visit", DOMAIN, "houston") == f"ivlp-study-visit.houston@{DOMAIN}"
    assert uid_stem("ivlp-study-visit", "houston") == "ivlp-study-visit.houston"
    # Never random: the same inputs give the same UID on any machine.
    assert uid("x", DOMAIN) == uid("x", DOMAIN)
    # A value that is not a plain id cannot break the line or climb out of a folder.
    hostile = uid("../../etc/passwd\r\nATTENDEE:mailto:x@attacker.example", DOMAIN)
    assert hostile.startswith("x-") and "/" not in hostile and "\n" not in hostile
    assert hostile == uid("../../etc/passwd\r\nATTENDEE:mailto:x@attacker.example", DOMAIN)


def test_two_exports_of_an_unchanged_store_are_byte_identical_and_share_their_uids(
    shipped: Exported, tmp_path: Path
) -> None:
    # Another copy of the store, on another "machine" (folder), exported afresh.
    other = shipped_copy(tmp_path)
    export(other, tmp_path / "out")
    first, second = ics_files(shipped.out), ics_files(tmp_path / "out")
    assert [p.relative_to(shipped.out) for p in first] == [p.relative_to(tmp_path / "out") for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
        assert [str(e["UID"]) for e in vevents(parse(a))] == [str(e["UID"]) for e in vevents(parse(b))]
    # And exporting again into the same folder rewrites nothing.
    again = export(other, tmp_path / "out")
    assert again.written == [] and len(again.unchanged) == len(first)


def test_exporting_the_shipped_store_changes_none_of_its_files(shipped: Exported) -> None:
    # Every event carries its fingerprint and every person named has a token: nothing to save.
    after = {path: path.read_bytes() for path in sorted(shipped.root.rglob("*.toml"))}
    assert shipped.store_before and after == shipped.store_before


def test_the_shipped_events_carry_their_current_fingerprint(shipped: Exported) -> None:
    for event in shipped.store.events.values():
        assert event.calendar_fingerprint == fingerprint(event), event.id
        assert not hand_edited(event)


def test_a_time_change_saved_through_the_planner_raises_the_sequence(store_root: Path, tmp_path: Path) -> None:
    store = Store.load(store_root)
    event = store.events[ROUND_TABLE]
    moved = store.save(event.model_copy(update={"start": event.start + timedelta(hours=1)}))
    assert moved.sequence == event.sequence + 1
    assert moved.calendar_fingerprint == fingerprint(moved) != event.calendar_fingerprint
    export(store_root, tmp_path / "out")
    invite = _invite(tmp_path / "out")
    assert str(invite["UID"]) == uid_of(ROUND_TABLE)  # the same entry, replaced
    assert invite["SEQUENCE"] == 1
    assert invite.decoded("DTSTART").hour == 10 and invite.decoded("DTSTAMP") == moved.updated


@pytest.mark.parametrize(
    "change",
    [
        {"venue": None},
        {"status": "tentative"},
        {"tz": "America/Punta_Arenas"},
    ],
)
def test_place_status_and_zone_are_significant(store_root: Path, change: dict[str, object]) -> None:
    store = Store.load(store_root)
    event = store.events[ROUND_TABLE]
    assert store.save(event.model_copy(update=change)).sequence == 1


def test_a_description_or_title_change_keeps_the_sequence(store_root: Path, tmp_path: Path) -> None:
    store = Store.load(store_root)
    event = store.events[ROUND_TABLE]
    edited = store.save(event.model_copy(update={"description": Text(es="Otra descripción.", en="Another one.")}))
    edited = store.save(edited.model_copy(update={"title": Text(es="Otro título", en="Another title")}))
    assert edited.sequence == 0
    assert edited.status == "done"
    done_again = store.save(edited.model_copy(update={"status": "confirmed"}))  # the same STATUS to a calendar
    assert done_again.sequence == 0
    export(store_root, tmp_path / "out")
    invite = _invite(tmp_path / "out")
    assert invite["SEQUENCE"] == 0
    assert str(invite["SUMMARY"]) == "Otro título"
    # The copy is still newer for a client: DTSTAMP follows the record's last change.
    assert done_again.updated is not None and event.updated is not None
    assert invite.decoded("DTSTAMP") == done_again.updated > event.updated


def test_cancelling_gives_method_cancel_with_the_same_uid_and_a_higher_sequence(
    store_root: Path, tmp_path: Path
) -> None:
    export(store_root, tmp_path / "before")
    store = Store.load(store_root)
    cancelled = store.save(store.events[ROUND_TABLE].model_copy(update={"status": "cancelled"}))
    assert cancelled.sequence == 1
    export(store_root, tmp_path / "after")
    before, after = (
        parse(tmp_path / "before" / "invites" / f"{ROUND_TABLE}.ics"),
        parse(tmp_path / "after" / "invites" / f"{ROUND_TABLE}.ics"),
    )
    assert str(before["METHOD"]) == "REQUEST" and str(after["METHOD"]) == "CANCEL"
    old, new = one(before, uid_of(ROUND_TABLE)), one(after, uid_of(ROUND_TABLE))
    assert str(new["UID"]) == str(old["UID"])
    assert new["SEQUENCE"] > old["SEQUENCE"]
    assert str(new["STATUS"]) == "CANCELLED"
    assert "RSVP" not in next(iter(new["ATTENDEE"])).params  # nobody is asked to answer a cancellation


def test_a_hand_edit_of_the_time_is_noticed_by_export_which_raises_and_saves_the_sequence(
    store_root: Path, tmp_path: Path
) -> None:
    path = next((store_root / "2017").glob(f"*{ROUND_TABLE}.toml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("start = 2017-03-30 09:30:00", "start = 2017-03-30 10:00:00"), encoding="utf-8")
    result = export(store_root, tmp_path / "out")
    assert any("changed by hand: SEQUENCE raised to 1" in note for note in result.notes)
    saved = Store.load(store_root).events[ROUND_TABLE]
    assert saved.sequence == 1 and saved.calendar_fingerprint == fingerprint(saved)
    assert "sequence = 1" in path.read_text(encoding="utf-8")
    assert _invite(tmp_path / "out")["SEQUENCE"] == 1
    # Noticed once: a second export raises nothing more.
    again = export(store_root, tmp_path / "out")
    assert again.notes == [n for n in again.notes if "changed by hand" not in n]
    assert Store.load(store_root).events[ROUND_TABLE].sequence == 1


def test_a_hand_edit_of_the_description_only_is_not_a_calendar_change(store_root: Path, tmp_path: Path) -> None:
    path = next((store_root / "2017").glob(f"*{ROUND_TABLE}.toml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("organizaron una mesa", "organizaron una gran mesa"), encoding="utf-8")
    edited = path.read_bytes()
    export(store_root, tmp_path / "out")
    assert path.read_bytes() == edited  # nothing to save
    assert _invite(tmp_path / "out")["SEQUENCE"] == 0


def test_an_event_file_without_a_fingerprint_gets_one_and_keeps_its_sequence(store_root: Path, tmp_path: Path) -> None:
    path = next((store_root / "2017").glob(f"*{ROUND_TABLE}.toml"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("calendar_fingerprint")), encoding="utf-8")
    export(store_root, tmp_path / "out")
    saved = Store.load(store_root).events[ROUND_TABLE]
    assert saved.sequence == 0 and saved.calendar_fingerprint == fingerprint(saved)


def test_moving_or_skipping_an_occurrence_of_the_series_raises_the_sequence(store_root: Path, tmp_path: Path) -> None:
    store = Store.load(store_root)
    series = store.events[SERIES]
    occurrences = dict(series.occurrences)
    occurrences[datetime(2017, 9, 7).date()] = Occurrence(cancelled=True)
    skipped = store.save(series.model_copy(update={"occurrences": occurrences}))
    assert skipped.sequence == series.sequence + 1
    occurrences = {  # a new mapping: the saved record holds the previous one
        **occurrences,
        datetime(2017, 7, 6).date(): Occurrence(
            host="penalolen", start=datetime(2017, 7, 13, 9, 30), end=datetime(2017, 7, 13, 12, 30)
        ),
    }
    moved = store.save(skipped.model_copy(update={"occurrences": occurrences}))
    assert moved.sequence == series.sequence + 2
    export(store_root, tmp_path / "out")
    master = one(parse(tmp_path / "out" / "invites" / f"{SERIES}.ics"), uid_of(SERIES))
    assert master["SEQUENCE"] == 2
    assert {d.dt.date().isoformat() for d in master["EXDATE"].dts} == {"2017-09-07", "2017-11-02"}


def test_the_sequence_never_goes_down() -> None:
    store = Store.load(SHIPPED)
    event = store.events[ROUND_TABLE].model_copy(update={"sequence": 4})
    rebuilt = event.model_copy(update={"sequence": 0, "calendar_fingerprint": None})  # e.g. a form built afresh
    assert with_sequence(event, rebuilt).sequence == 4
    moved = rebuilt.model_copy(update={"start": event.start + timedelta(days=1)})
    assert with_sequence(event, moved).sequence == 5


def test_people_in_exported_events_get_an_unguessable_token_saved_through_the_store(
    store_root: Path, tmp_path: Path
) -> None:
    for name in ("fernando-cejudo", "juan-carrasco"):
        path = store_root / "people" / f"{name}.toml"
        text = path.read_text(encoding="utf-8")
        kept = [line for line in text.splitlines(keepends=True) if not line.startswith("calendar_token")]
        if name == "juan-carrasco":
            kept.insert(1, 'calendar_token = "../../juan"\n')  # a hand edit: guessable, and a path
        path.write_text("".join(kept), encoding="utf-8")
    result = export(store_root, tmp_path / "out")
    store = Store.load(store_root)
    for name in ("fernando-cejudo", "juan-carrasco"):
        token = store.people[name].calendar_token
        assert token is not None and token_ok(token) and len(token) >= 32
        assert (tmp_path / "out" / "calendar" / f"person-{token}.ics").is_file()
    assert any(n.startswith("fernando-cejudo: new calendar feed") for n in result.notes)
    assert any(n.startswith("juan-carrasco: replaced an unusable calendar token") for n in result.notes)
    assert not list((tmp_path / "out").rglob("*juan*")) and not (tmp_path / "juan").exists()
    # Nobody is left without a feed, and nothing was written outside the output folder.
    assert {p.parent for p in result.files} <= {tmp_path / "out" / "calendar", tmp_path / "out" / "invites"}


def test_a_full_export_removes_the_feeds_it_no_longer_writes(store_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(store_root, out)
    stale = out / "calendar" / "person-oldtokenoldtokenoldtokenold.ics"
    stale.write_text("old", encoding="utf-8")
    foreign = out / "calendar" / "README.txt"
    foreign.write_text("kept", encoding="utf-8")
    result = export(store_root, out)
    assert result.removed == [stale] and not stale.exists() and foreign.exists()
