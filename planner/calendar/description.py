"""The DESCRIPTION of a calendar entry: plain text in one language, every listed part under its heading."""

from __future__ import annotations

from collections.abc import Callable

from planner.calendar import safe
from planner.calendar.words import word
from planner.domain.event import Event
from planner.domain.text import Lang

Namer = Callable[[str], str]
"""A record's name (or a host's place) from its id."""


def description(event: Event, host: str | None, lang: Lang, publish_url: str | None, name: Namer, place: Namer) -> str:
    """Plain text: the description, then who hosts and speaks, the municipalities, legs, agenda, links.

    ``name`` and ``place`` say a record's name and a host's place (the renderer's, which note each id asked for).
    """
    parts: list[str] = []
    if event.description is not None:
        parts.append(event.description.get(lang))
    facts: list[str] = []
    if host:
        facts.append(f"{word('host', lang)}: {place(host)}")
    if event.programme:
        facts.append(f"{word('programme', lang)}: {name(event.programme)}")
    if event.organizers:
        facts.append(f"{word('organizers', lang)}: {', '.join(name(o) for o in event.organizers)}")
    if event.sponsors:
        facts.append(f"{word('sponsors', lang)}: {', '.join(name(s) for s in event.sponsors)}")
    if facts:
        parts.append("\n".join(facts))
    if event.speakers:
        parts.append(
            _section(
                word("speakers", lang),
                [
                    " — ".join([name(s.person), *(p.get(lang) for p in (s.role, s.topic) if p is not None)])
                    for s in event.speakers
                ],
            )
        )
    if event.signatories:
        parts.append(
            _section(
                word("signatories", lang),
                [name(s.person) + (f" ({name(s.organization)})" if s.organization else "") for s in event.signatories],
            )
        )
    if event.guests:
        names = ", ".join(name(g.municipality) for g in event.guests)
        parts.append(f"{word('municipalities', lang)}: {names}")
    if event.legs:
        parts.append(
            _section(
                word("legs", lang),
                [
                    f"{', '.join(p for p in (leg.city, leg.country) if p)}: "
                    f"{leg.start:%Y-%m-%d %H:%M} – {leg.end:%Y-%m-%d %H:%M} ({leg.tz})"
                    for leg in event.legs
                ],
            )
        )
    if event.agenda:
        parts.append(
            _section(
                word("agenda", lang),
                [
                    (f"{item.time:%H:%M} " if item.time else "")
                    + item.title.get(lang)
                    + (f" ({name(item.speaker)})" if item.speaker else "")
                    for item in event.agenda
                ],
            )
        )
    if event.areas:
        parts.append(_section(word("areas", lang), [a.get(lang) for a in event.areas]))
    links = [
        f"{link.title}: {address}" if link.title else address for link in event.links if (address := safe.url(link.url))
    ]
    if links:
        parts.append(_section(word("links", lang), links))
    published = publish_url
    if published and event.minutes is not None and event.minutes.status == "approved":
        address = safe.url(f"{published.rstrip('/')}/minutes/{event.id}.{lang}.html")
        if address:
            parts.append(f"{word('minutes_link', lang)}: {address}")
    return "\n\n".join(parts)


def _section(heading: str, items: list[str]) -> str:
    """A part of the description: its heading, then one ``- `` line per item."""
    return "\n".join([f"{heading}:", *(f"- {item}" for item in items)])
