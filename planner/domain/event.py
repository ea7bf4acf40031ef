"""The event record: kinds, venue, speakers, guest municipalities, agenda, legs and invitations.

On disk, ``start`` and ``end`` are TOML local date-times read in the event's
``tz`` (an IANA name); in memory they are aware datetimes carrying that
``ZoneInfo``. A wall-clock time skipped or repeated by a clock change is refused.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from datetime import time as Time
from typing import Any, ClassVar

from pydantic import (
    AwareDatetime,
    Field,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)

from planner.domain.delivery import Sent
from planner.domain.fields import Frozen, Id, Link, Ref, ZoneName
from planner.domain.minutes import Minutes, Quote, Summary
from planner.domain.participation import Attendance, Invitation
from planner.domain.records import Record, Reference
from planner.domain.series import Occurrence, Recurrence
from planner.domain.text import Lang, Line, MultiLine, SingleLine, Text
from planner.domain.times import DEFAULT_ZONE, localize, wall_clock, zone
from planner.domain.vocabulary import ConferenceFormat, EventKind, Status

Theme = Id
"""A theme is a short id such as ``migrant-health``; labels live in ``planner.domain.themes``."""


def _zone_for(data: Any, info: ValidationInfo) -> str:
    """The zone that naive times in ``data`` are read in: its own ``tz``, else the store's."""
    if isinstance(data, dict) and isinstance(data.get("tz"), str):
        return str(data["tz"])
    context = info.context or {}
    return str(context.get("home_tz", DEFAULT_ZONE))


def _attach_zone(data: Any, info: ValidationInfo, *keys: str) -> Any:
    """Fill a missing ``tz`` and read naive ``keys`` as wall-clock times in it."""
    if not isinstance(data, dict):
        return data
    tz = _zone_for(data, info)
    data = {**data, "tz": tz}
    for key in keys:
        value = data.get(key)
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                continue  # left for the field's own validator to refuse with its message
        if isinstance(value, datetime):
            try:
                data[key] = localize(value, tz)
            except ValueError as exc:
                # Reported under the time's own field, so the message points at its line.
                data[key] = _BadTime(str(exc))
    return data


class _BadTime:
    """Stands in for a time that could not be localized, so the error lands on its field."""

    def __init__(self, message: str) -> None:
        self.message = message


def _checked_time(value: Any) -> datetime:
    """The field validator of every start and end: only an aware datetime gets through."""
    if isinstance(value, _BadTime):
        raise ValueError(value.message)
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ValueError("give a date and time such as 2017-03-30T09:30:00")
    return value


class Venue(Frozen):
    """Where an event takes place."""

    name: SingleLine
    address: SingleLine | None = None
    city: SingleLine | None = None
    country: SingleLine | None = None

    def one_line(self) -> str:
        return ", ".join(p for p in (self.name, self.address, self.city, self.country) if p)


class Speaker(Frozen):
    """A person speaking at the event, with the role they speak in and their topic."""

    person: Ref
    role: Line | None = None
    topic: Line | None = None


class Delegate(Frozen):
    """Who represents a municipality: a known person, or only a role when the source names nobody."""

    person: Ref | None = None
    role: Line | None = None

    @model_validator(mode="after")
    def _person_or_role(self) -> Delegate:
        if self.person is None and self.role is None:
            raise ValueError("a delegate needs a person or at least a role")
        return self


class Guest(Frozen):
    """A guest municipality and its delegates."""

    municipality: Ref
    delegates: tuple[Delegate, ...] = ()
    attendance: Attendance | None = None
    """Whether its delegates recorded by role only came (they have no invitation to record it on).

    For a series this is every occurrence's default; an occurrence's own
    ``delegate_attendance`` wins. Named delegates are recorded on their invitations.
    """


class AgendaItem(Frozen):
    """One timed item of the agenda, in the event's local time."""

    id: Id | None = None
    """Names the item in the minutes' notes; optional for items no note refers to."""
    time: Time | None = None
    title: Line
    speaker: Ref | None = None

    @field_validator("time")
    @classmethod
    def _naive_time(cls, value: Time | None) -> Time | None:
        if value is not None and value.tzinfo is not None:
            raise ValueError("give agenda times as local times (09:30), without an offset")
        return value


class Signatory(Frozen):
    """Who signs an agreement, on behalf of which organization."""

    person: Ref
    organization: Ref | None = None


class Leg(Frozen):
    """One stop of a study visit, in its own city and time zone."""

    id: Id
    city: SingleLine
    country: SingleLine | None = None
    tz: ZoneName
    start: AwareDatetime
    end: AwareDatetime
    hosts: tuple[Ref, ...] = ()
    venue: Venue | None = None

    @model_validator(mode="before")
    @classmethod
    def _read_wall_clock(cls, data: Any, info: ValidationInfo) -> Any:
        return _attach_zone(data, info, "start", "end")

    @field_validator("start", "end", mode="plain")
    @classmethod
    def _times(cls, value: Any) -> datetime:
        return _checked_time(value)

    @model_validator(mode="after")
    def _in_order(self) -> Leg:
        if self.end <= self.start:
            raise ValueError(f"leg {self.id!r}: the end must come after the start")
        return self

    @field_serializer("start", "end")
    def _to_wall_clock(self, value: datetime) -> datetime:
        return wall_clock(value, self.tz)


class Event(Record):
    """A programme event of any kind; kind-specific fields are refused on other kinds."""

    folder: ClassVar[str] = "events"
    label: ClassVar[str] = "event"

    title: Line
    kind: EventKind
    programme: Ref | None = None
    status: Status = "draft"
    start: AwareDatetime
    end: AwareDatetime
    tz: ZoneName
    venue: Venue | None = None
    host: Ref | None = None
    """The municipality or organization that hosts the event."""
    organizers: tuple[Ref, ...] = ()
    """Municipalities or organizations."""
    sponsors: tuple[Ref, ...] = ()
    format: ConferenceFormat | None = None
    """Conferences only: breakfast, seminar, forum or conference."""
    speakers: tuple[Speaker, ...] = ()
    guests: tuple[Guest, ...] = ()
    """Guest municipalities with their delegates."""
    legs: tuple[Leg, ...] = ()
    """Study visits only."""
    signatories: tuple[Signatory, ...] = ()
    """Agreement signings only."""
    areas: tuple[Line, ...] = ()
    """Agreement signings only: the areas of cooperation."""
    themes: tuple[Theme, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    description: Text | None = None
    links: tuple[Link, ...] = ()
    invitations: tuple[Invitation, ...] = ()
    assumed: tuple[MultiLine, ...] = ()
    """Facts chosen because the source lacks them; ``planner show`` lists them."""
    source_notes: tuple[MultiLine, ...] = ()
    """Where the source disagrees with itself or with the calendar."""
    recurrence: Recurrence | None = None
    """A series: one file, many occurrences; ``start`` and ``end`` are the first occurrence's."""
    occurrences: dict[date, Occurrence] = Field(default_factory=dict)
    """A series' occurrences that differ from the rule, under their original dates."""
    summary: Summary | None = None
    quotes: tuple[Quote, ...] = ()
    minutes: Minutes | None = None
    source_uid: SingleLine | None = None
    """The UID of the calendar entry this event was imported from."""
    sent: tuple[Sent, ...] = ()
    """Invitations delivered by e-mail, so that sending again sends only what changed."""
    sequence: int = Field(default=0, ge=0)
    """Calendar SEQUENCE: raised whenever a change matters to participants' calendars."""
    calendar_fingerprint: SingleLine | None = None
    """Hash of the fields that matter to calendars, as of the last ``sequence``."""

    @model_validator(mode="before")
    @classmethod
    def _read_wall_clock(cls, data: Any, info: ValidationInfo) -> Any:
        data = _attach_zone(data, info, "start", "end")
        if isinstance(data, dict) and isinstance(data.get("legs"), list | tuple):
            # A leg that names no zone is in the visit's zone, not the store's home zone.
            data["legs"] = [
                {"tz": data["tz"], **leg} if isinstance(leg, dict) and "tz" not in leg else leg for leg in data["legs"]
            ]
        return data

    @field_validator("start", "end", mode="plain")
    @classmethod
    def _times(cls, value: Any) -> datetime:
        return _checked_time(value)

    @model_validator(mode="after")
    def _rules(self) -> Event:
        if self.end <= self.start:
            raise ValueError("end: the end must come after the start")
        self._kind_fields()
        self._legs_in_visit()
        self._unique("invitations", [i.person for i in self.invitations], "person invited")
        self._unique("guests", [g.municipality for g in self.guests], "guest municipality")
        self._unique("legs", [leg.id for leg in self.legs], "leg id")
        self._unique("agenda", [a.id for a in self.agenda if a.id], "agenda item id")
        self._series()
        for name, minutes in self._all_minutes():
            self._minutes_rules(name, minutes)
        return self

    def _series(self) -> None:
        if self.occurrences and self.recurrence is None:
            raise ValueError("occurrences: only a series (an event with a recurrence) has occurrences")
        if self.recurrence is None or not self.occurrences:
            return
        last = max(self.occurrences)
        local_start = self.start.replace(tzinfo=None)
        horizon = datetime.combine(last, local_start.time()) + (self.end - self.start)
        dates = {start.date() for start in self.recurrence.starts(local_start, horizon)}
        for day, occurrence in sorted(self.occurrences.items()):
            if day not in dates:
                raise ValueError(f"occurrences: {day} is not a date of this series")
            for moved in (occurrence.start, occurrence.end):
                if moved is not None:
                    try:
                        localize(moved, self.tz)
                    except ValueError as exc:
                        raise ValueError(f"occurrences: {day}: {exc}") from None
            self._unique("occurrences", [i.person for i in occurrence.invitations], f"{day}: person invited")
            for municipality in occurrence.delegate_attendance:
                if municipality not in self.municipalities:
                    raise ValueError(
                        f"occurrences: {day}: delegate_attendance: {municipality!r} is not a guest municipality "
                        "of this event"
                    )

    def _all_minutes(self) -> list[tuple[str, Minutes]]:
        found = [("minutes", self.minutes)] if self.minutes else []
        found += [(f"occurrences: {day}: minutes", o.minutes) for day, o in self.occurrences.items() if o.minutes]
        return found

    def _minutes_rules(self, name: str, minutes: Minutes) -> None:
        items = {a.id for a in self.agenda if a.id}
        for note in minutes.notes:
            if note.item not in items:
                raise ValueError(f"{name}: notes name agenda item {note.item!r}, which the agenda does not have")
        self._unique(name, [d.id for d in minutes.decisions], "decision id")
        self._unique(name, [a.id for a in minutes.actions], "action id")

    def _kind_fields(self) -> None:
        only = {
            "legs": ("study-visit", bool(self.legs)),
            "format": ("conference", self.format is not None),
            "signatories": ("agreement-signing", bool(self.signatories)),
            "areas": ("agreement-signing", bool(self.areas)),
        }
        for name, (kind, present) in only.items():
            if present and self.kind != kind:
                raise ValueError(f"{name}: only a {kind} event has {name}, this one is a {self.kind}")

    def _legs_in_visit(self) -> None:
        previous: Leg | None = None
        for leg in self.legs:
            if leg.start < self.start or leg.end > self.end:
                raise ValueError(f"legs: leg {leg.id!r} must fall within the visit's start and end")
            if previous is not None and leg.start < previous.end:
                raise ValueError(f"legs: leg {leg.id!r} starts before leg {previous.id!r} ends; list legs in order")
            previous = leg

    @staticmethod
    def _unique(field: str, values: list[str], what: str) -> None:
        seen: set[str] = set()
        for value in values:
            if value in seen:
                raise ValueError(f"{field}: {what} {value!r} appears twice")
            seen.add(value)

    @field_serializer("start", "end")
    def _to_wall_clock(self, value: datetime) -> datetime:
        return wall_clock(value, self.tz)

    @field_serializer("occurrences")
    def _dated_keys(self, value: dict[date, Occurrence]) -> dict[str, Any]:
        # TOML keys are strings; ISO dates sort in date order.
        return {day.isoformat(): occurrence.model_dump(exclude_none=True) for day, occurrence in sorted(value.items())}

    # One meeting of a series

    def occurrence(self, day: date) -> Occurrence:
        """What the meeting of ``day`` (its original date) changes from the rule; nothing for most days."""
        return self.occurrences.get(day, Occurrence())

    def with_occurrence(self, day: date, **changes: Any) -> Event:
        """The series with the meeting of ``day`` changed, validated again as a whole record.

        A change to ``None`` removes that override; a meeting left as the rule
        gives it is dropped. Raises ``ValidationError``, as loading would, when
        the result breaks a rule (a day the series does not have, minutes
        naming an unknown agenda item ...).
        """
        current = self.occurrence(day).model_dump(exclude_none=True)
        merged = {key: value for key, value in {**current, **changes}.items() if value is not None}
        occurrence = Occurrence.model_validate(merged)
        occurrences = dict(self.occurrences)
        if occurrence == Occurrence():
            occurrences.pop(day, None)
        else:
            occurrences[day] = occurrence
        return Event.model_validate({**dict(self), "occurrences": occurrences}, context={"home_tz": self.tz})

    # Derived views, never stored.

    def occurrence_times(self, horizon: datetime | None = None) -> list[tuple[date, datetime, datetime, Occurrence]]:
        """A series' occurrences (original date, aware start and end, overrides), cancelled ones included.

        A single event gives itself as its only occurrence. Without ``horizon``
        an endless series is expanded over ``series.HORIZON``.
        """
        if self.recurrence is None:
            return [(self.start.date(), self.start, self.end, Occurrence())]
        length = self.end - self.start
        found = []
        local_horizon = horizon.astimezone(self.start.tzinfo).replace(tzinfo=None) if horizon else None
        for local in self.recurrence.starts(self.start.replace(tzinfo=None), local_horizon):
            override = self.occurrence(local.date())
            if override.start is not None and override.end is not None:
                start, end = localize(override.start, self.tz), localize(override.end, self.tz)
            else:
                start = _localize_lenient(local, self.tz)
                end = (start.astimezone(UTC) + length).astimezone(start.tzinfo)
            found.append((local.date(), start, end, override))
        return found

    def display_name(self, lang: Lang = "es") -> str:
        return self.title.get(lang)

    @property
    def municipalities(self) -> tuple[str, ...]:
        """Guest municipality ids, in the order given."""
        return tuple(g.municipality for g in self.guests)

    def people(self) -> tuple[str, ...]:
        """Every person id the event names, once each, in a stable order."""
        ids: list[str] = [s.person for s in self.speakers]
        ids += [d.person for g in self.guests for d in g.delegates if d.person]
        ids += [s.person for s in self.signatories]
        ids += [a.speaker for a in self.agenda if a.speaker]
        ids += [i.person for i in self.invitations]
        ids += [i.person for o in self.occurrences.values() for i in o.invitations]
        return tuple(dict.fromkeys(ids))

    def references(self) -> list[Reference]:
        """Every reference as ``(location, kind, id)``; ``kind`` is a registry label or ``host``."""
        refs: list[Reference] = []
        if self.programme:
            refs.append((("programme",), "programme", self.programme))
        if self.host:
            refs.append((("host",), "host", self.host))
        refs += [(("organizers", n), "host", r) for n, r in enumerate(self.organizers)]
        refs += [(("sponsors", n), "organization", r) for n, r in enumerate(self.sponsors)]
        refs += [(("speakers", n, "person"), "person", s.person) for n, s in enumerate(self.speakers)]
        for n, guest in enumerate(self.guests):
            refs.append((("guests", n, "municipality"), "municipality", guest.municipality))
            refs += [
                (("guests", n, "delegates", m, "person"), "person", d.person)
                for m, d in enumerate(guest.delegates)
                if d.person
            ]
        for n, leg in enumerate(self.legs):
            refs += [(("legs", n, "hosts", m), "organization", h) for m, h in enumerate(leg.hosts)]
        for n, sig in enumerate(self.signatories):
            refs.append((("signatories", n, "person"), "person", sig.person))
            if sig.organization:
                refs.append((("signatories", n, "organization"), "organization", sig.organization))
        refs += [(("agenda", n, "speaker"), "person", a.speaker) for n, a in enumerate(self.agenda) if a.speaker]
        refs += [(("invitations", n, "person"), "person", i.person) for n, i in enumerate(self.invitations)]
        refs += _minutes_references(("",), self.minutes, self.quotes)
        for day, occurrence in self.occurrences.items():
            at: tuple[str | int, ...] = ("occurrences", day.isoformat())
            if occurrence.host:
                refs.append(((*at, "host"), "host", occurrence.host))
            refs += [
                ((*at, "invitations", n, "person"), "person", i.person) for n, i in enumerate(occurrence.invitations)
            ]
            refs += _minutes_references(at, occurrence.minutes, occurrence.quotes)
        return refs


def _minutes_references(
    at: tuple[str | int, ...], minutes: Minutes | None, quotes: tuple[Quote, ...]
) -> list[Reference]:
    at = tuple(part for part in at if part != "")
    refs: list[Reference] = [
        ((*at, "quotes", n, "person"), "person", q.person) for n, q in enumerate(quotes) if q.person
    ]
    for n, action in enumerate(minutes.actions if minutes else ()):
        if action.owner:
            refs.append(((*at, "minutes", "actions", n, "owner"), "person", action.owner))
        if action.municipality:
            refs.append(((*at, "minutes", "actions", n, "municipality"), "municipality", action.municipality))
    return refs


def _localize_lenient(local: datetime, tz: str) -> datetime:
    """A rule-made occurrence in a clock change: a skipped time moves forward, a repeated one takes
    its first instance, as RFC 5545 tells calendar clients to do."""
    return local.replace(tzinfo=zone(tz), fold=0).astimezone(UTC).astimezone(zone(tz))
