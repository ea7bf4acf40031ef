"""Whole calendar files: the header, a VTIMEZONE per zone used, the calendar objects, the end.

Feeds are ``METHOD:PUBLISH`` (a plain import or a subscription; libical
refuses ATTENDEEs there, and REQUEST would make clients treat a feed as an
invitation), named with RFC 7986's NAME and DESCRIPTION and the older
X-WR-CALNAME and X-WR-CALDESC that Google, Apple and Outlook read, and with
a refresh interval for subscribers. Objects are joined as already rendered
text: the exporter renders a VEVENT once per language and lists the same
text in every feed that has it (``assemble``).

A file's zone definitions depend only on the zones its objects use and the
local days they span (:func:`zone_days`), so they can be worked out from
what is kept of each object without rendering it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from planner.calendar import safe
from planner.calendar.timezones import span_days, vtimezone
from planner.calendar.words import word

if TYPE_CHECKING:  # the model is not imported when nothing needs rendering
    from planner.calendar.vevent import CalendarObject
    from planner.domain.event import Event
    from planner.domain.text import Lang

PRODID = "-//IOM Chile//Migrants and Cities planner//EN"
REFRESH = timedelta(hours=6)
"""How often subscribers are asked to fetch a feed again."""
Method = Literal["PUBLISH", "REQUEST", "CANCEL"]
END = "END:VCALENDAR\r\n"

ZoneDays = dict[str, tuple[date, date]]
"""For each zone a file uses, the first and last local day its VTIMEZONE must cover."""


@lru_cache(maxsize=4096)
def header(method: Method, name: str | None = None, description: str | None = None) -> str:
    """The VCALENDAR's own properties (CRLF, folded), without its end; feeds pass a name and get a
    refresh interval."""
    from icalendar import Calendar, vDuration, vText

    from planner.calendar.lines import component_text

    head = Calendar()
    head.add("version", "2.0")
    head.add("prodid", PRODID)
    head.add("calscale", "GREGORIAN")
    head.add("method", method)
    if name is not None:
        # icalendar does not know NAME or the X-WR- properties and would write them unescaped: vText escapes.
        head.add("name", vText(safe.line(name)))
        head.add("x-wr-calname", vText(safe.line(name)))
        if description:
            head.add("description", vText(safe.text(description)))
            head.add("x-wr-caldesc", vText(safe.text(description)))
        head.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        head.add("x-published-ttl", vDuration(REFRESH))
    text = component_text(head)
    assert text.endswith(END)
    return text[: -len(END)]


def zone_days(uses: Iterable[tuple[str, tuple[date, date]]]) -> ZoneDays:
    """The days each zone must cover for objects with these (zone, days) uses: the widest of them."""
    found: ZoneDays = {}
    for tz, (first, last) in uses:
        known = found.get(tz)
        found[tz] = (min(first, known[0]), max(last, known[1])) if known else (first, last)
    return found


def object_zone_days(calendar_object: CalendarObject) -> ZoneDays:
    """One object's zone uses as days (``CalendarObject.zones``, widened as :func:`span_days` does).

    Taking the widest days over many objects equals widening the widest span
    over them, since ``span_days`` is monotonic in both ends.
    """
    return zone_days((use.tz, span_days(use.tz, use.first, use.last)) for use in calendar_object.zones)


def assemble(head: str, definitions: Mapping[str, str], texts: Iterable[str]) -> str:
    """A complete VCALENDAR from its header, the VTIMEZONE of each zone its objects use (by zone name),
    and the objects' text."""
    return head + "".join(definitions[tz] for tz in sorted(definitions)) + "".join(texts) + END


def calendar_text(
    objects: Sequence[CalendarObject],
    method: Method,
    name: str | None = None,
    description: str | None = None,
) -> str:
    """A complete VCALENDAR (CRLF, folded, no BOM) of rendered ``CalendarObject``s."""
    zones = zone_days(use for o in objects for use in object_zone_days(o).items())
    definitions = {tz: vtimezone(tz, *days) for tz, days in zones.items()}
    return assemble(header(method, name, description), definitions, (o.text for o in objects))


def programme_names(org: str, lang: Lang) -> tuple[str, str]:
    """``programme.<lang>.ics``: every exported event. Its name and description (``org``: the office's
    name in ``lang``)."""
    return word("programme_feed", lang, org=org), word("programme_feed_about", lang, org=org)


def municipality_names(org: str, lang: Lang, name: str) -> tuple[str, str]:
    """``municipality-<id>.ics``: the events the municipality hosts or takes part in
    (:func:`involves_municipality`)."""
    return (
        word("municipality_feed", lang, org=org, name=name),
        word("municipality_feed_about", lang, org=org, name=name),
    )


def person_names(org: str, lang: Lang, name: str) -> tuple[str, str]:
    """``person-<token>.ics``: the events the person speaks at, signs, is a delegate to or is invited to
    (``Event.people``)."""
    return word("person_feed", lang, org=org, name=name), word("person_feed_about", lang, org=org, name=name)


def involves_municipality(event: Event, municipality: str) -> bool:
    """Host, guest, organizer, or host of one of a series' occurrences."""
    return municipality in municipalities_of(event)


def municipalities_of(event: Event) -> tuple[str, ...]:
    """Every id the event involves as a place: host, guests, organizers, hosts of occurrences."""
    ids = [event.host] if event.host else []
    ids += [*event.municipalities, *event.organizers]
    ids += [o.host for o in event.occurrences.values() if o.host]
    return tuple(dict.fromkeys(ids))
