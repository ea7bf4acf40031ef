"""Which files an export produces, and from what: the request, and one plan per file.

A plan gives a file's header and what it lists: a feed lists the
``pub:<lang>`` blocks of some events, an invitation one block. Its content
key is a hash of the header and of the digests of those blocks, in order: a
file whose key is the one recorded when it was written is current without
being read (``planner.calendar.writing``).

A person named in an exported event without a usable calendar token gets
one here, saved through the store: person feeds are named by it, never by
name.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from planner.calendar import safe
from planner.calendar.cache import SEP, STEM
from planner.calendar.feeds import Method, municipality_names, person_names, programme_names
from planner.calendar.keys import code_key, hash_text
from planner.domain.errors import StoreError

if TYPE_CHECKING:
    from planner.calendar.facts import EventInfo, EventRef, RegistryInfo
    from planner.calendar.sources import Inputs
    from planner.domain.text import Lang

LANGS: tuple[Lang, ...] = ("es", "en")
"""``planner.domain.text.LANGS``, without importing the model: an export that finds everything kept imports
neither pydantic nor icalendar."""

CALENDAR_FOLDER = "calendar"
INVITES_FOLDER = "invites"
FEED_PREFIXES = ("programme.", "municipality-", "person-")
"""Name prefixes of the feeds written in ``calendar/``; nothing else there is ever removed."""


@dataclass(frozen=True)
class Request:
    """What an export is asked for."""

    out: Path
    lang: Lang | None
    """The one language of the feeds (``None``: both)."""
    event_id: str | None
    """The one event whose invites are written, and nothing else (``None``: every feed and invite)."""
    default: Lang
    """The language of invites and municipality feeds: ``lang``, else the store's default."""

    @property
    def langs(self) -> tuple[Lang, ...]:
        return (self.lang,) if self.lang else LANGS


class Plan(NamedTuple):
    """One file to produce: its content key, its header, and what it lists (``pub:<lang>`` blocks of
    the events at ``events``, or one invitation block)."""

    key: str
    method: Method
    name: str | None
    description: str | None
    events: Sequence[int] = ()
    """Indexes into the exportable events."""
    lang: Lang = "es"
    block: str | None = None
    """An invitation's one block."""


def plan_files(
    request: Request,
    inputs: Inputs,
    exportable: Sequence[EventRef],
    variants: Sequence[dict[str, str]],
    notes: list[str],
) -> dict[str, Plan]:
    """Every file to write, by path relative to ``out``, for the ``exportable`` events and their blocks
    (``variants``); tokens issued and events without an invitation are told in ``notes``."""
    plans: dict[str, Plan] = {}
    setup = inputs.setup
    org = setup.org
    default = request.default
    if request.event_id is None:
        listed = {each: [v[f"pub:{each}"] for v in variants] for each in request.langs}
        """Each event's blocks in each language, joined: what a feed's key is made of."""
        everyone = range(len(exportable))
        for each in request.langs:
            plans[f"{CALENDAR_FOLDER}/programme.{each}.ics"] = _feed(
                setup.key, *programme_names(org(each), each), everyone, listed[each], each
            )
        by_place: defaultdict[str, list[int]] = defaultdict(list)
        by_person: defaultdict[str, list[int]] = defaultdict(list)
        for n, ref in enumerate(exportable):
            for place in _ids(ref.info.places):
                by_place[place].append(n)
            for person_id in _ids(ref.info.people):
                by_person[person_id].append(n)
        for municipality in inputs.municipalities():
            name = f"{CALENDAR_FOLDER}/municipality-{safe.stem(municipality.id)}.ics"
            plans[name] = _feed(
                setup.key,
                *municipality_names(org(default), default, municipality.name),
                by_place.get(municipality.id, []),
                listed[default],
                default,
            )
        for person in _feed_people(inputs, by_person, notes):
            reader: Lang = request.lang or person.lang or setup.default_lang
            plans[f"{CALENDAR_FOLDER}/person-{person.token}.ics"] = _feed(
                setup.key,
                *person_names(org(reader), reader, person.name),
                by_person.get(person.id, []),
                listed[reader],
                reader,
            )
    head = hash_text("invite", code_key(), setup.key)
    for ref, blocks in zip(exportable, variants, strict=True):
        found = blocks[f"inv:{default}"]
        if not found:
            notes.append(_no_invite(ref.info))
            continue
        method: Method = "CANCEL" if ref.info.status == "cancelled" else "REQUEST"
        for item in found.split(SEP):
            stem, _, digest = item.partition(STEM)
            plans[f"{INVITES_FOLDER}/{stem}.ics"] = Plan(f"{head}:{method}:{digest}", method, None, None, block=digest)
    return plans


def _feed(settings_key: str, name: str, description: str, events: Sequence[int], joined: list[str], lang: Lang) -> Plan:
    """A feed of the ``events`` (indexes into ``joined``, each event's blocks in ``lang``)."""
    key = hash_text("feed", code_key(), settings_key, name, description, "\x01".join([joined[n] for n in events]))
    return Plan(key, "PUBLISH", name, description, events, lang)


def _ids(joined: str) -> list[str]:
    """The ids of ``EventInfo.people`` or ``EventInfo.places``."""
    return joined.split(SEP) if joined else []


def _feed_people(inputs: Inputs, named: dict[str, list[int]], notes: list[str]) -> list[RegistryInfo]:
    """Everyone ``named`` in an exported event, and everyone who already has a feed, each with a usable token."""
    people = []
    for person in list(inputs.people()):
        has_feed = safe.token_ok(person.token)
        if person.id not in named and not has_feed:
            continue
        if not has_feed:
            from planner.domain.records import Person

            what = "replaced an unusable calendar token" if person.token else "new calendar feed"
            token = secrets.token_urlsafe(24)
            store = inputs.store()
            record = store.get(person.id)
            if not isinstance(record, Person):
                continue
            try:
                store.save(record.model_copy(update={"calendar_token": token}))
            except StoreError as exc:
                notes.append(f"{person.id}: no feed, the new calendar token could not be saved ({exc})")
                continue
            notes.append(f"{person.id}: {what}: {CALENDAR_FOLDER}/person-{token}.ics")
            person = inputs.issued(person, token)
        people.append(person)
    return people


def _no_invite(info: EventInfo) -> str:
    if not info.invited:
        return f"{info.id}: no invite written: nobody is invited"
    return f"{info.id}: no invite written: none of the {info.invited} invited people has an e-mail address"
