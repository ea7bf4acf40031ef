"""What the exporter knows of a record before rendering anything, as plain tuples kept in the cache.

An event's facts (:class:`EventInfo`) say which feeds list it and whether its
SEQUENCE must be brought up to date; a registry record's (:class:`RegistryInfo`)
give its key, and for feeds its name, language and token; the settings'
(:class:`Setup`) what every file needs. All are read back by thousands from the
cache (``planner.calendar.cache``), so they are tuples, not records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from planner.calendar.cache import SEP, dumps
from planner.calendar.keys import UNRENDERED, record_key, settings_key

if TYPE_CHECKING:
    from planner.domain.event import Event
    from planner.domain.records import Record
    from planner.domain.settings import StoreSettings
    from planner.domain.text import Lang

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Setup:
    """What the exporter needs of the settings before it renders anything."""

    key: str
    home_tz: str
    default_lang: Lang
    org_es: str
    org_en: str

    @classmethod
    def of(cls, settings: StoreSettings) -> Setup:
        return cls(
            settings_key(settings),
            str(settings.home_tz),
            settings.default_lang,
            settings.organization_name("es"),
            settings.organization_name("en"),
        )

    def org(self, lang: Lang) -> str:
        return self.org_en if lang == "en" else self.org_es


class EventInfo(NamedTuple):
    """An event as feeds need it: which feeds list it, where, and whether its SEQUENCE must be brought
    up to date first. A plain tuple, so that thousands are read back at once (``Memo``)."""

    id: str
    status: str
    start_us: int
    """Microseconds since 1970 (UTC): feeds list events by start instant, then id."""
    people: str
    """``Event.people``, joined by ``SEP``: each of them gets the event in their feed."""
    places: str
    """Host, guests, organizers and hosts of occurrences, joined by ``SEP``: each municipality among
    them gets it."""
    needs_sync: bool
    """No fingerprint of this version, or one its significant fields no longer match (a hand edit)."""
    invited: int
    """How many people are invited (to the event or an occurrence), for the note when no invite is written."""

    @classmethod
    def of(cls, event: Event) -> EventInfo:
        from planner.calendar.feeds import municipalities_of
        from planner.domain.fingerprint import VERSION, hand_edited

        start = event.start if event.start.tzinfo is not None else event.start.replace(tzinfo=UTC)
        fingerprint = event.calendar_fingerprint
        missing = fingerprint is None or not fingerprint.startswith(f"{VERSION}:")
        invited = {i.person for i in event.invitations} | {
            i.person for o in event.occurrences.values() for i in o.invitations
        }
        return cls(
            event.id,
            str(event.status),
            (start - _EPOCH) // _MICROSECOND,
            _joined(event.people()),
            _joined(municipalities_of(event)),
            missing or hand_edited(event),
            len(invited),
        )

    def dumps(self) -> str:
        return dumps(self)

    @classmethod
    def loads(cls, text: str) -> EventInfo:
        return cls(*json.loads(text))


class RegistryInfo(NamedTuple):
    """A registry record: its key (what renderings that consulted it depend on), and for feeds its
    name, reading language and feed token."""

    id: str
    label: str
    key: str
    name: str
    lang: Lang | None
    token: str | None

    @classmethod
    def of(cls, record: Record) -> RegistryInfo:
        name = getattr(record, "name", None)
        lang = getattr(record, "lang", None)
        token = getattr(record, "calendar_token", None)
        return cls(
            record.id,
            record.label,
            record_key(record, UNRENDERED),
            name if isinstance(name, str) else record.display_name("es"),
            lang if lang in ("es", "en") else None,
            token if isinstance(token, str) else None,
        )

    def dumps(self) -> str:
        return dumps(self)

    @classmethod
    def loads(cls, text: str) -> RegistryInfo:
        return cls(*json.loads(text))


_MICROSECOND = datetime(1970, 1, 1, 0, 0, 0, 1, tzinfo=UTC) - _EPOCH


def _joined(ids: Iterable[str]) -> str:
    """Ids joined by ``SEP`` (an id holding it, possible only in a record built without validation, is
    changed so that it cannot be taken for two)."""
    return SEP.join(i.replace(SEP, "\ufffd") for i in ids)


@dataclass
class EventRef:
    """One event: its key and facts, and the record itself once read."""

    key: str
    info: EventInfo
    path: str | None = None
    """The file, relative to the store (``None`` for a record that is not from a file)."""
    record: Event | None = None
