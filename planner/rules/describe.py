"""Plain-text descriptions of records: what ``planner show`` prints and the browser displays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from planner.domain.event import Event
from planner.domain.records import Person
from planner.domain.text import Lang, Line, Text
from planner.domain.themes import theme_label
from planner.domain.weekdays import weekday
from planner.rules.attendance import UNAFFILIATED, attendance_totals


def when(start: datetime, end: datetime, tz: str, lang: Lang = "en") -> str:
    """``Thursday 2017-03-30 09:30–12:30 America/Santiago``; a multi-day span names both days."""
    first = f"{weekday(start.date(), lang)} {start:%Y-%m-%d %H:%M}"
    if end.date() == start.date():
        return f"{first}–{end:%H:%M} {tz}"
    return f"{first} – {weekday(end.date(), lang)} {end:%Y-%m-%d %H:%M} {tz}"


def _text(value: Line | Text | None, lang: Lang) -> str:
    return value.get(lang) if value is not None else ""


NameOf = Callable[[str, Lang], str]
"""A record's display name in a language, from its id (the id itself when it is unknown)."""


def describe_event(
    event: Event, name_of: NameOf, people: dict[str, Person], path: Path | None, lang: Lang = "en"
) -> list[str]:
    """Every field of ``event``, with names resolved by ``name_of``, as lines of text.

    ``people`` are the records that attendance is counted by; ``path`` is the event's file.
    """

    def _names(ids: tuple[str, ...] | list[str]) -> str:
        return ", ".join(name_of(i, lang) for i in ids)

    other: Lang = "es" if lang == "en" else "en"
    lines = [
        event.title.get(lang),
        *([f"  ({event.title.get(other)})"] if event.title.has(other) else []),
        "",
        f"id:          {event.id}",
        f"kind:        {event.kind}" + (f" ({event.format})" if event.format else ""),
        f"status:      {event.status}",
        f"when:        {when(event.start, event.end, event.tz, lang)}",
    ]
    if event.programme:
        lines.append(f"programme:   {name_of(event.programme, lang)}")
    if event.venue:
        lines.append(f"venue:       {event.venue.one_line()}")
    if event.host:
        lines.append(f"host:        {name_of(event.host, lang)}")
    if event.organizers:
        lines.append(f"organizers:  {_names(event.organizers)}")
    if event.sponsors:
        lines.append(f"sponsors:    {_names(event.sponsors)}")
    if event.themes:
        lines.append("themes:      " + ", ".join(theme_label(t, lang) for t in event.themes))
    if event.speakers:
        lines += ["", "Speakers"]
        for speaker in event.speakers:
            detail = " — ".join(p for p in (_text(speaker.role, lang), _text(speaker.topic, lang)) if p)
            lines.append(f"  {name_of(speaker.person, lang)}" + (f" — {detail}" if detail else ""))
    if event.guests:
        lines += ["", "Guest municipalities"]
        for guest in event.guests:
            lines.append(f"  {name_of(guest.municipality, lang)}")
            for delegate in guest.delegates:
                who = name_of(delegate.person, lang) if delegate.person else ""
                role = _text(delegate.role, lang)
                lines.append("    " + ", ".join(p for p in (who, role) if p))
    if event.legs:
        lines += ["", "Legs"]
        for leg in event.legs:
            place = ", ".join(p for p in (leg.city, leg.country) if p)
            lines.append(f"  {leg.id}: {place}, {when(leg.start, leg.end, leg.tz, lang)}")
            if leg.hosts:
                lines.append(f"    hosts: {_names(leg.hosts)}")
    if event.signatories:
        lines += ["", "Signatories"]
        for signatory in event.signatories:
            org = f" ({name_of(signatory.organization, lang)})" if signatory.organization else ""
            lines.append(f"  {name_of(signatory.person, lang)}{org}")
    if event.areas:
        lines += ["", "Areas of cooperation"] + [f"  - {area.get(lang)}" for area in event.areas]
    if event.agenda:
        lines += ["", "Agenda"]
        for item in event.agenda:
            at = f"{item.time:%H:%M}" if item.time else "     "
            by = f" ({name_of(item.speaker, lang)})" if item.speaker else ""
            lines.append(f"  {at}  {item.title.get(lang)}{by}")
    if event.description:
        lines += ["", "Description", *("  " + line for line in event.description.get(lang).splitlines())]
    if event.links:
        lines += ["", "Links"] + [f"  {link.title or ''} {link.url}".rstrip() for link in event.links]
    if event.invitations:
        lines += ["", "Invitations"]
        for invitation in event.invitations:
            name = name_of(invitation.person, lang)
            lines.append(f"  {name}: {invitation.answer}, {invitation.attendance}")
        lines += ["", "Attendance by municipality or organization"]
        for group, totals in attendance_totals(event, people).items():
            label = name_of(group, lang) if group != UNAFFILIATED else "(no affiliation)"
            counts = ", ".join(f"{n} {state}" for state, n in sorted(totals.attendance.items()))
            lines.append(f"  {label}: {totals.invited} invited, {totals.replied} replied; {counts}")
    if event.assumed:
        lines += ["", "Assumed (not in the sources)"] + [f"  - {fact}" for fact in event.assumed]
    if event.source_notes:
        lines += ["", "Source notes"] + [f"  - {note}" for note in event.source_notes]
    lines += ["", f"file:        {path}" if path else "file:        (not saved)"]
    return lines
