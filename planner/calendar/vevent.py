"""One event as VEVENTs, in one language: the calendar objects feeds and invitations are made of.

An event gives one calendar object (one UID) with one VEVENT; a series gives
one object whose master VEVENT carries the RRULE and EXDATEs, followed by a
RECURRENCE-ID override for each occurrence with data of its own (moved,
hosted elsewhere, its own invitations); a study visit with legs gives the
whole trip as an all-day object and one timed object per leg, in the leg's
own zone, each related to the trip by RELATED-TO.

Every value goes through ``planner.calendar.safe`` first and is then escaped
and folded by icalendar, so a record built without validation cannot inject
a property. DTSTAMP, CREATED and LAST-MODIFIED come from the record's own
stamps, never from the clock: an unchanged store exports the same bytes.

What an event's entries say depends on the event, the store's settings and
the registry records it names (names, e-mail addresses, a municipality's
Migration Office head), and on nothing else: the renderer reads records only
through ``Records.get`` and notes every id it asked for in ``consulted``, so
that the exporter can keep a rendering until one of those records changes
(``planner.calendar.cache``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as Time
from typing import Protocol
from zoneinfo import ZoneInfo

from icalendar import Alarm, vCalAddress
from icalendar import Event as VEvent

from planner.calendar import safe
from planner.calendar.description import description
from planner.calendar.lines import component_text
from planner.calendar.uid import uid, uid_stem
from planner.calendar.words import kind_label, word
from planner.domain.event import Event, Leg
from planner.domain.fingerprint import calendar_status
from planner.domain.participation import Invitation
from planner.domain.records import REGISTRIES, Municipality, Organization, Person, Record
from planner.domain.series import Occurrence
from planner.domain.settings import StoreSettings
from planner.domain.text import Lang
from planner.domain.themes import theme_label

_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*$")

PARTSTAT: dict[str, str] = {
    "needs-action": "NEEDS-ACTION",
    "accepted": "ACCEPTED",
    "declined": "DECLINED",
    "tentative": "TENTATIVE",
}


class Records(Protocol):
    """Where the renderer finds the settings and the records an event names: a ``Store`` is one."""

    @property
    def settings(self) -> StoreSettings: ...

    def get(self, record_id: str) -> Record | None: ...


class Unexportable(ValueError):
    """An event that cannot be written as a valid calendar entry (end before start, unknown zone)."""

    def __init__(self, event_id: str, reason: str) -> None:
        super().__init__(f"{event_id}: {reason}")
        self.event_id = event_id
        self.reason = reason


@dataclass(frozen=True)
class ZoneUse:
    """A zone a file must define, and the first and last instants it is used for."""

    tz: str
    first: datetime
    last: datetime


@dataclass(frozen=True)
class CalendarObject:
    """Every VEVENT of one UID: what a feed lists, an invitation carries, or a CalDAV resource holds."""

    uid: str
    stem: str
    event_id: str
    leg_id: str | None
    text: str
    """The VEVENT blocks, CRLF lines, folded."""
    zones: tuple[ZoneUse, ...]
    attendees: tuple[str, ...] = ()
    """Person ids written as ATTENDEE (invitations only)."""


def _utc(value: datetime) -> datetime:
    # Stored stamps are aware; one built without validation may not be, and is then read as UTC.
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(microsecond=0)


def _zone(event_id: str, tz: object) -> ZoneInfo:
    if not isinstance(tz, str) or not _ZONE_NAME.fullmatch(tz):
        raise Unexportable(event_id, f"{tz!r} is not an IANA time zone name")
    try:
        return ZoneInfo(tz)
    except (ValueError, KeyError, OSError):
        raise Unexportable(event_id, f"{tz!r} is not a known time zone") from None


def _local(value: datetime, zone: ZoneInfo) -> datetime:
    return value.astimezone(zone).replace(microsecond=0)


class Renderer:
    """Renders events as calendar objects in one language.

    Feeds share the rendered text: the programme feed, a municipality's and
    a person's feed all list the same objects (the exporter renders each
    event once and keeps the text). Invitations are rendered apart, since
    only they carry ATTENDEEs.
    """

    def __init__(self, records: Records, lang: Lang) -> None:
        self.records = records
        self.lang = lang
        self.settings = records.settings
        self.domain = self.settings.calendar_domain
        self.consulted: set[str] = set()
        """Ids of every record asked for since this set was last cleared, found or not."""

    # The two entry points

    def published(self, event: Event) -> tuple[CalendarObject, ...]:
        """The event's objects for a PUBLISH feed: ORGANIZER but no ATTENDEE (libical refuses them there)."""
        return self._objects(event, invite=False)

    def invitation(self, event: Event) -> tuple[CalendarObject, ...]:
        """The event's objects for an iTIP REQUEST or CANCEL, with ATTENDEEs."""
        return self._objects(event, invite=True)

    # Building

    def _objects(self, event: Event, invite: bool) -> tuple[CalendarObject, ...]:
        zone = _zone(event.id, event.tz)
        start, end = _local(event.start, zone), _local(event.end, zone)
        if end <= start:
            raise Unexportable(event.id, "the end does not come after the start")
        if event.legs and event.kind == "study-visit":
            trip = self._trip(event, start, end, invite)
            return (trip, *(self._leg(event, leg, trip.uid, invite) for leg in event.legs))
        if event.recurrence is not None:
            return (self._series(event, zone, invite),)
        return (self._single(event, start, end, invite),)

    def _single(self, event: Event, start: datetime, end: datetime, invite: bool) -> CalendarObject:
        the_uid = uid(event.id, self.domain)
        component = self._common(event, the_uid, start, end, self._location(event.venue, event.host), event.host)
        attendees = self._attend(component, event, start, event.invitations, event.host, invite)
        return CalendarObject(
            the_uid,
            uid_stem(event.id),
            event.id,
            None,
            _text(component),
            (ZoneUse(event.tz, start, end),),
            attendees,
        )

    def _trip(self, event: Event, start: datetime, end: datetime, invite: bool) -> CalendarObject:
        # The whole trip as all-day dates in the visit's own zone; DTEND is exclusive.
        the_uid = uid(event.id, self.domain)
        first, last = start.date(), end.date() + timedelta(days=1)
        component = self._common(event, the_uid, first, last, self._location(event.venue, event.host), event.host)
        attendees = self._attend(component, event, first, event.invitations, event.host, invite)
        return CalendarObject(the_uid, uid_stem(event.id), event.id, None, _text(component), (), attendees)

    def _leg(self, event: Event, leg: Leg, trip_uid: str, invite: bool) -> CalendarObject:
        zone = _zone(event.id, leg.tz)
        start, end = _local(leg.start, zone), _local(leg.end, zone)
        if end <= start:
            raise Unexportable(event.id, f"leg {leg.id!r}: the end does not come after the start")
        the_uid = uid(event.id, self.domain, leg.id)
        place = leg.venue.one_line() if leg.venue else ", ".join(p for p in (leg.city, leg.country) if p)
        summary = f"{event.title.get(self.lang)} — {leg.city}"
        component = self._common(event, the_uid, start, end, place, event.host, summary=summary)
        component.add("related-to", trip_uid, parameters={"RELTYPE": "PARENT"})
        attendees = self._attend(component, event, start, event.invitations, event.host, invite)
        return CalendarObject(
            the_uid,
            uid_stem(event.id, leg.id),
            event.id,
            leg.id,
            _text(component),
            (ZoneUse(leg.tz, start, end),),
            attendees,
        )

    def _series(self, event: Event, zone: ZoneInfo, invite: bool) -> CalendarObject:
        assert event.recurrence is not None
        the_uid = uid(event.id, self.domain)
        start, end = _local(event.start, zone), _local(event.end, zone)
        master = self._common(event, the_uid, start, end, self._location(event.venue, event.host), event.host)
        master.add("rrule", event.recurrence.rule_text(event.tz))
        try:
            occurrences = event.occurrence_times(self._horizon(event))
        except ValueError as exc:
            raise Unexportable(event.id, str(exc)) from None
        skipped = [self._original(event, day, zone) for day, _, _, o in occurrences if o.cancelled]
        if skipped:
            master.add("exdate", skipped)
        attendees = list(self._attend(master, event, start, event.invitations, event.host, invite))
        overrides = []
        first, last = start, end
        for day, when, until, occurrence in occurrences:
            when, until = _local(when, zone), _local(until, zone)
            first, last = min(first, when), max(last, until)
            if occurrence.cancelled or not _own_data(occurrence):
                continue
            if until <= when:
                raise Unexportable(event.id, f"occurrence {day}: the end does not come after the start")
            host = occurrence.host or event.host
            place = self._location(event.venue if occurrence.host is None else None, host)
            original = self._original(event, day, zone)
            override = self._common(event, the_uid, when, until, place, host, recurrence=original)
            invited = _merged(event.invitations, occurrence.invitations)
            attendees += self._attend(override, event, when, invited, host, invite)
            overrides.append(override)
        text = _text(master) + "".join(_text(o) for o in overrides)
        return CalendarObject(
            the_uid,
            uid_stem(event.id),
            event.id,
            None,
            text,
            (ZoneUse(event.tz, first, last),),
            tuple(dict.fromkeys(attendees)),
        )

    @staticmethod
    def _horizon(event: Event) -> datetime | None:
        # Far enough to reach every occurrence that has data of its own.
        if not event.occurrences:
            return None
        last = max(event.occurrences)
        return datetime.combine(last + timedelta(days=1), Time(), event.start.tzinfo)

    @staticmethod
    def _original(event: Event, day: date, zone: ZoneInfo) -> datetime:
        """The start an occurrence has by the rule: its RECURRENCE-ID, or its EXDATE when skipped."""
        wall = event.start.astimezone(zone).replace(tzinfo=None, microsecond=0)
        return datetime.combine(day, wall.time()).replace(tzinfo=zone)

    def _common(
        self,
        event: Event,
        the_uid: str,
        start: datetime | date,
        end: datetime | date,
        location: str | None,
        host: str | None,
        summary: str | None = None,
        recurrence: datetime | None = None,
    ) -> VEvent:
        """The properties every VEVENT has, in a fixed order."""
        lang = self.lang
        component = VEvent()
        component.add("uid", the_uid)
        if recurrence is not None:
            component.add("recurrence-id", recurrence)
        component.add("sequence", max(0, int(event.sequence)))
        stamp = event.updated or event.created
        component.add("dtstamp", _utc(stamp) if stamp else _utc(event.start))
        if event.created:
            component.add("created", _utc(event.created))
        if event.updated:
            component.add("last-modified", _utc(event.updated))
        component.add("dtstart", start)
        component.add("dtend", end)
        title = safe.line(summary or event.title.get(lang))
        if event.status == "cancelled":
            # Some clients hide STATUS; the word in the title is seen everywhere.
            title = f"{word('cancelled', lang)}: {title}"
        component.add("summary", title)
        if location:
            component.add("location", safe.line(location))
        text = safe.text(description(event, host, self.lang, self.settings.publish_url, self._name, self._place))
        if text:
            component.add("description", text)
        categories = [safe.line(kind_label(event.kind, lang))]
        categories += [safe.line(theme_label(theme, lang)) for theme in event.themes]
        component.add("categories", [c for c in dict.fromkeys(categories) if c])
        link = next((safe.url(link.url) for link in event.links if safe.url(link.url)), None)
        if link:
            component.add("url", link)
        component.add("status", calendar_status(event.status))
        organizer = safe.mailto(self.settings.organizer_email)
        if organizer:
            address = vCalAddress(organizer)
            address.params["CN"] = safe.param(self.settings.organizer_name)
            component.add("organizer", address)
        return component

    def _attend(
        self,
        component: VEvent,
        event: Event,
        start: date | datetime,
        invitations: Iterable[Invitation],
        host: str | None,
        invite: bool,
    ) -> tuple[str, ...]:
        """Add the ATTENDEEs (invitations only) and the reminders; return the attendees' ids."""
        written: list[str] = []
        if invite:
            cancel = event.status == "cancelled"
            roles = self._roles(event, host)
            for invitation in invitations:
                person = self._record(invitation.person)
                if not isinstance(person, Person):
                    continue
                address = safe.mailto(person.email)
                if address is None:
                    continue
                attendee = vCalAddress(address)
                attendee.params["CUTYPE"] = "INDIVIDUAL"
                attendee.params["ROLE"] = roles.get(person.id, "OPT-PARTICIPANT")
                if not cancel:
                    attendee.params["PARTSTAT"] = PARTSTAT.get(invitation.answer, "NEEDS-ACTION")
                    attendee.params["RSVP"] = "TRUE"
                attendee.params["CN"] = safe.param(person.name)
                component.add("attendee", attendee)
                written.append(person.id)
        self._alarms(component, event, start)
        return tuple(written)

    def _alarms(self, component: VEvent, event: Event, start: date | datetime) -> None:
        if event.status == "cancelled":
            return  # nobody needs reminding of a cancelled meeting
        all_day = not isinstance(start, datetime)
        for minutes in self.settings.alarms_minutes:
            if not isinstance(minutes, int) or minutes <= 0:
                continue
            if all_day and minutes % 1440:
                continue  # an hour before midnight means nothing for an all-day trip
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", component["SUMMARY"])
            alarm.add("trigger", timedelta(minutes=-minutes))
            component.add_component(alarm)

    def _roles(self, event: Event, host: str | None) -> dict[str, str]:
        """CHAIR for the host's contact person, REQ-PARTICIPANT for those who must be there.

        The host's contact person is a host municipality's Migration Office
        head; for an organization, the first speaker (else signatory) who
        belongs to it. Speakers, delegates and signatories are required.
        """
        roles: dict[str, str] = {}
        required = [s.person for s in event.speakers]
        required += [a.speaker for a in event.agenda if a.speaker]
        required += [d.person for g in event.guests for d in g.delegates if d.person]
        required += [s.person for s in event.signatories]
        for person in required:
            roles[person] = "REQ-PARTICIPANT"
        chair = self._contact(event, host)
        if chair:
            roles[chair] = "CHAIR"
        return roles

    def _contact(self, event: Event, host: str | None) -> str | None:
        record = self._record(host) if host else None
        if isinstance(record, Municipality):
            return record.migration_office_head
        if isinstance(record, Organization):
            for person_id in [s.person for s in event.speakers] + [s.person for s in event.signatories]:
                person = self._record(person_id)
                if isinstance(person, Person) and person.organization == record.id:
                    return person.id
        return None

    # Words

    def _record(self, record_id: str) -> Record | None:
        """A registry record (person, municipality, organization, programme), noted in ``consulted``.

        Only registries are looked at: an id naming an event is no person or
        place, and an entry must not depend on whether that event was read yet.
        """
        self.consulted.add(record_id)
        record = self.records.get(record_id)
        return record if isinstance(record, REGISTRIES) else None

    def _name(self, record_id: str) -> str:
        record = self._record(record_id)
        return record.display_name("en" if self.lang == "en" else "es") if record is not None else record_id

    def _place(self, record_id: str) -> str:
        record = self._record(record_id)
        if isinstance(record, Municipality):
            return word("municipality_of", self.lang, name=record.name)
        if isinstance(record, Organization):
            return record.name
        return self._name(record_id)

    def _location(self, venue: object, host: str | None) -> str | None:
        """The venue, else a host municipality's own premises; an organization's name is not a place."""
        one_line = getattr(venue, "one_line", None)
        if one_line is not None:
            return str(one_line())
        if host and isinstance(self._record(host), Municipality):
            return self._place(host)
        return None


def _own_data(occurrence: Occurrence) -> bool:
    """An occurrence needs its own VEVENT when it moved, is hosted elsewhere or has its own invitations."""
    return occurrence.start is not None or occurrence.host is not None or bool(occurrence.invitations)


def _merged(series: Iterable[Invitation], own: Iterable[Invitation]) -> list[Invitation]:
    """The series' invitations with an occurrence's own answers taking their place, then its new invitees."""
    by_person = {i.person: i for i in series}
    for invitation in own:
        by_person[invitation.person] = invitation
    return list(by_person.values())


def _text(component: VEvent) -> str:
    return component_text(component)
