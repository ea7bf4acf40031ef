"""``exports/``: the calendar feeds and invitation files, written by the CLI and the UI alike.

Before anything is written, each event's SEQUENCE is brought up to date: an
event whose file was edited by hand in a way that matters to calendars (its
stored fingerprint no longer matches) gets a higher SEQUENCE, saved through
the store, so that clients replace their copy. A person named in an exported
event without a usable calendar token gets one, saved too: person feeds are
named by it, never by name.

Files are written atomically and only when their bytes change, so an
unchanged store leaves ``exports/`` untouched and a web server never serves
half a file. A full export (both languages, every event) also removes the
feeds and invites it no longer produces, such as the feed of a person whose
token was replaced.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from planner.calendar import lint, safe
from planner.calendar.feeds import events_by_person, municipality_feed, person_feed, programme_feed
from planner.calendar.fingerprint import VERSION, hand_edited, with_sequence
from planner.calendar.invites import invites_for
from planner.calendar.vevent import Renderer, Unexportable
from planner.event import Event
from planner.records import Person
from planner.store import Store, StoreError
from planner.text import LANGS, Lang

CALENDAR_FOLDER = "calendar"
INVITES_FOLDER = "invites"
_OURS = ("programme.", "municipality-", "person-")
"""Name prefixes of the feeds this exporter writes in ``calendar/``; nothing else there is removed."""


class ExportError(ValueError):
    """The request cannot be met: an unknown event, or a draft."""


@dataclass
class ExportResult:
    """What an export did, for the CLI to print and the UI to show."""

    written: list[Path] = field(default_factory=list)
    """Files created or changed."""
    unchanged: list[Path] = field(default_factory=list)
    """Files that already held exactly these bytes."""
    removed: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Sequences raised, tokens issued, events without an invitation."""
    refused: list[str] = field(default_factory=list)
    """Events that could not be exported, with the reason."""

    @property
    def files(self) -> list[Path]:
        return sorted([*self.written, *self.unchanged])


def sync_sequence(store: Store, event: Event) -> tuple[Event, str | None]:
    """The event with its SEQUENCE up to date (saved when it changed), and a note saying so.

    A file edited by hand keeps its old fingerprint: the mismatch raises the
    sequence. A file without a fingerprint of this version gets one, the
    sequence kept, so that the next hand edit is noticed.
    """
    missing = event.calendar_fingerprint is None or not event.calendar_fingerprint.startswith(f"{VERSION}:")
    if not (missing or hand_edited(event)):
        return event, None
    updated = with_sequence(event, event)
    try:
        saved = store.save(updated)
    except StoreError as exc:
        return updated, f"{event.id}: SEQUENCE {updated.sequence} is not saved ({exc})"
    if saved.sequence > event.sequence:
        path = store.path_of(event.id)
        return saved, (
            f"{path}: its date, time, place or status changed by hand: SEQUENCE raised to {saved.sequence}"
        )
    return saved, None


def export_ics(store: Store, out: Path, lang: Lang | None = None, event_id: str | None = None) -> ExportResult:
    """Write the feeds and invites under ``out`` (only ``event_id``'s invites when given)."""
    result = ExportResult()
    events = _events(store, event_id)
    synced = []
    for event in events:
        event, note = sync_sequence(store, event)
        if note:
            result.notes.append(note)
        synced.append(event)
    langs: tuple[Lang, ...] = (lang,) if lang else LANGS
    renderers = {each: Renderer(store, each) for each in langs}
    exportable = []
    for event in sorted(synced, key=lambda e: (e.start, e.id)):
        try:
            for renderer in renderers.values():
                renderer.published(event)  # rendered once here, listed by every feed below
        except Unexportable as exc:
            result.refused.append(str(exc))
            continue
        exportable.append(event)

    default: Lang = lang or store.settings.default_lang
    files: dict[Path, str] = {}
    calendar, invites = out / CALENDAR_FOLDER, out / INVITES_FOLDER
    if event_id is None:
        for each in langs:
            files[calendar / f"programme.{each}.ics"] = programme_feed(renderers[each], exportable)
        for municipality in store.municipalities.values():
            name = f"municipality-{safe.stem(municipality.id)}.ics"
            files[calendar / name] = municipality_feed(renderers[default], municipality, exportable)
        by_person = events_by_person(exportable)
        for person in _feed_people(store, by_person, result):
            reader: Lang = lang or person.lang or store.settings.default_lang
            mine = by_person.get(person.id, [])
            files[calendar / f"person-{person.calendar_token}.ics"] = person_feed(renderers[reader], person, mine)
    for event in exportable:
        found = invites_for(store, event, default)
        if not found:
            result.notes.append(_no_invite(store, event))
        for invite in found:
            files[invites / f"{invite.stem}.ics"] = invite.text

    for path, text in sorted(files.items()):
        # A file a strict client would refuse is not published at all; the message names the fault.
        # The programme feeds hold every entry and zone definition that the other feeds repeat, and
        # invitations differ only by their ATTENDEE lines: checking those is checking every piece,
        # at a fraction of the cost of checking thousands of files (the tests check every file).
        faults = lint.problems(text.encode("utf-8"), deep=False) if _checked(path, event_id) else []
        if faults:
            result.refused.append(f"{path}: {'; '.join(faults[:3])}")
            continue
        (result.written if _write(path, text) else result.unchanged).append(path)
    if event_id is None and lang is None:
        result.removed = _remove_stale(calendar, invites, set(files))
    return result


def _checked(path: Path, event_id: str | None) -> bool:
    return path.name.startswith("programme.") or (event_id is not None and path.parent.name == INVITES_FOLDER)


def _events(store: Store, event_id: str | None) -> list[Event]:
    if event_id is None:
        return [e for e in store.events.values() if e.status != "draft"]
    event = store.get(event_id)
    if not isinstance(event, Event):
        hint = "; some files could not be loaded, see 'planner check'" if store.errors else ""
        raise ExportError(f"no event with id {event_id!r} in {store.root}{hint}")
    if event.status == "draft":
        raise ExportError(f"{event_id} is a draft, and drafts are never exported; set its status first")
    return [event]


def _feed_people(store: Store, named: Mapping[str, object], result: ExportResult) -> list[Person]:
    """Everyone ``named`` in an exported event, and everyone who already has a feed, each with a usable token."""
    people = []
    for person in store.people.values():
        has_feed = safe.token_ok(person.calendar_token)
        if person.id not in named and not has_feed:
            continue
        if not has_feed:
            what = "replaced an unusable calendar token" if person.calendar_token else "new calendar feed"
            token = secrets.token_urlsafe(24)
            try:
                person = store.save(person.model_copy(update={"calendar_token": token}))
            except StoreError as exc:
                result.notes.append(f"{person.id}: no feed, the new calendar token could not be saved ({exc})")
                continue
            result.notes.append(f"{person.id}: {what}: calendar/person-{token}.ics")
        people.append(person)
    return people


def _no_invite(store: Store, event: Event) -> str:
    invited = {i.person for i in event.invitations} | {
        i.person for o in event.occurrences.values() for i in o.invitations
    }
    if not invited:
        return f"{event.id}: no invite written: nobody is invited"
    return f"{event.id}: no invite written: none of the {len(invited)} invited people has an e-mail address"


def _write(path: Path, text: str) -> bool:
    """Write ``text`` as UTF-8 (no BOM, CRLF kept) if it differs from the file; True when written."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)  # mkstemp makes it private; a published feed is read by a web server
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return True


def _remove_stale(calendar: Path, invites: Path, keep: set[Path]) -> list[Path]:
    stale = [p for p in calendar.glob("*.ics") if p.name.startswith(_OURS) and p not in keep]
    stale += [p for p in invites.glob("*.ics") if p not in keep]
    for path in stale:
        path.unlink(missing_ok=True)
    return sorted(stale)
