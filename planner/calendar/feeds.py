"""Whole calendar files: the header, a VTIMEZONE per zone used, the calendar objects, the end.

Feeds are ``METHOD:PUBLISH`` (a plain import or a subscription; libical
refuses ATTENDEEs there, and REQUEST would make clients treat a feed as an
invitation), named with RFC 7986's NAME and DESCRIPTION and the older
X-WR-CALNAME and X-WR-CALDESC that Google, Apple and Outlook read, and with
a refresh interval for subscribers. Objects are joined as already rendered
text: a VEVENT is rendered once per language and listed by every feed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Literal

from icalendar import Calendar, vDuration, vText

from planner.calendar import safe
from planner.calendar.lines import component_text
from planner.calendar.timezones import span_days, vtimezone
from planner.calendar.vevent import CalendarObject, Renderer
from planner.calendar.words import word
from planner.event import Event
from planner.records import Municipality, Person

PRODID = "-//IOM Chile//Migrants and Cities planner//EN"
REFRESH = timedelta(hours=6)
"""How often subscribers are asked to fetch a feed again."""
Method = Literal["PUBLISH", "REQUEST", "CANCEL"]


def calendar_text(
    objects: Sequence[CalendarObject],
    method: Method,
    name: str | None = None,
    description: str | None = None,
) -> str:
    """A complete VCALENDAR (CRLF, folded, no BOM); feeds pass a name and get a refresh interval."""
    header = Calendar()
    header.add("version", "2.0")
    header.add("prodid", PRODID)
    header.add("calscale", "GREGORIAN")
    header.add("method", method)
    if name is not None:
        # icalendar does not know NAME or the X-WR- properties and would write them unescaped: vText escapes.
        header.add("name", vText(safe.line(name)))
        header.add("x-wr-calname", vText(safe.line(name)))
        if description:
            header.add("description", vText(safe.text(description)))
            header.add("x-wr-caldesc", vText(safe.text(description)))
        header.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        header.add("x-published-ttl", vDuration(REFRESH))
    head = component_text(header)
    end = "END:VCALENDAR\r\n"
    assert head.endswith(end)
    return head[: -len(end)] + _timezones(objects) + "".join(o.text for o in objects) + end


def _timezones(objects: Iterable[CalendarObject]) -> str:
    """One VTIMEZONE per zone, covering every use of it in this file, in zone-name order."""
    spans: dict[str, tuple[datetime, datetime]] = {}
    for calendar_object in objects:
        for use in calendar_object.zones:
            first, last = spans.get(use.tz, (use.first, use.last))
            spans[use.tz] = (min(first, use.first), max(last, use.last))
    return "".join(vtimezone(tz, *span_days(tz, *spans[tz])) for tz in sorted(spans))


def _objects(renderer: Renderer, events: Iterable[Event]) -> list[CalendarObject]:
    return [o for event in events for o in renderer.published(event)]


def programme_feed(renderer: Renderer, events: Iterable[Event]) -> str:
    """``programme.<lang>.ics``: every exported event."""
    org = renderer.settings.organization_name(renderer.lang)
    return calendar_text(
        _objects(renderer, events),
        "PUBLISH",
        word("programme_feed", renderer.lang, org=org),
        word("programme_feed_about", renderer.lang, org=org),
    )


def municipality_feed(renderer: Renderer, municipality: Municipality, events: Iterable[Event]) -> str:
    """``municipality-<id>.ics``: the events the municipality hosts or takes part in."""
    org, name = renderer.settings.organization_name(renderer.lang), municipality.name
    mine = [e for e in events if involves_municipality(e, municipality.id)]
    return calendar_text(
        _objects(renderer, mine),
        "PUBLISH",
        word("municipality_feed", renderer.lang, org=org, name=name),
        word("municipality_feed_about", renderer.lang, org=org, name=name),
    )


def person_feed(renderer: Renderer, person: Person, events: Iterable[Event]) -> str:
    """``person-<token>.ics``: of ``events``, those the person speaks at, signs, is a delegate to or is
    invited to. The exporter passes each person only their own (:func:`events_by_person`), so that
    many people and many events do not multiply."""
    org, name = renderer.settings.organization_name(renderer.lang), person.name
    mine = [e for e in events if person.id in e.people()]
    return calendar_text(
        _objects(renderer, mine),
        "PUBLISH",
        word("person_feed", renderer.lang, org=org, name=name),
        word("person_feed_about", renderer.lang, org=org, name=name),
    )


def involves_municipality(event: Event, municipality: str) -> bool:
    """Host, guest, organizer, or host of one of a series' occurrences."""
    return (
        municipality == event.host
        or municipality in event.municipalities
        or municipality in event.organizers
        or any(o.host == municipality for o in event.occurrences.values())
    )


def events_by_person(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Each person's events, in the order given: one pass, instead of one per person."""
    found: dict[str, list[Event]] = {}
    for event in events:
        for person in event.people():
            found.setdefault(person, []).append(event)
    return found
