"""``planner import ics``: each VEVENT of the given files becomes a draft event, all or nothing.

Everything is read and checked first: a malformed line, a UID the store
already knows (or one used twice in the files), a time that does not exist in
its zone. Only when every entry passes are the drafts saved. Times keep their
zone (a Windows zone name is mapped to its IANA name); floating and UTC times
are placed in the file's own zone (X-WR-TIMEZONE) or else the store's home
zone, and each such choice is written down in the event's ``assumed`` list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from planner.calendar.words import KINDS, WORDS
from planner.domain.event import Event
from planner.domain.fields import Link
from planner.domain.ids import fold, slugify
from planner.domain.participation import Answer
from planner.domain.records import Person
from planner.domain.series import Occurrence, Recurrence
from planner.domain.text import Lang
from planner.domain.themes import THEMES
from planner.domain.times import localize, zone
from planner.domain.vocabulary import EVENT_KINDS, EventKind
from planner.imports.errors import ImportRefused, Malformed
from planner.imports.reading import Entry, iter_entries
from planner.imports.uids import uid_index
from planner.imports.zones import calendar_zone, iana_zone, means_utc
from planner.rules.planning import DEFAULT_LENGTH, new_event_id
from planner.store import Store
from planner.store.layout import record_path

PARTSTATS: dict[str, Answer] = {
    "NEEDS-ACTION": "needs-action",
    "ACCEPTED": "accepted",
    "DECLINED": "declined",
    "TENTATIVE": "tentative",
}

KIND_WORDS: dict[str, EventKind] = {
    "mesa redonda": "round-table",
    "round table": "round-table",
    "seminario": "conference",
    "desayuno": "conference",
    "foro": "conference",
    "seminar": "conference",
    "breakfast": "conference",
    "forum": "conference",
    "firma de acuerdo": "agreement-signing",
}
"""Category words that name a kind of event, besides the kind ids (``round-table``) and the labels the
exporter writes in either language (``planner.calendar.words.KINDS``: "Mesa intermunicipal", "Study visit")."""

UNTITLED: dict[Lang, str] = {"es": "Evento importado sin título", "en": "Imported event without a title"}

_RULE_PARTS = frozenset({"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_FIELD_PROPERTY = {
    "start": "DTSTART",
    "end": "DTEND",
    "title": "SUMMARY",
    "venue": "LOCATION",
    "description": "DESCRIPTION",
    "recurrence": "RRULE",
    "occurrences": "RECURRENCE-ID",
    "invitations": "ATTENDEE",
    "sequence": "SEQUENCE",
}


@dataclass(frozen=True)
class Planned:
    """A draft ready to be saved, where it came from, and the attendees no person in the store matched."""

    event: Event
    source: str
    line: int
    unmatched: tuple[str, ...] = ()


# Text


def one_line(text: str | None) -> str | None:
    """A single line: breaks and control characters become spaces, runs of blanks one space."""
    if text is None:
        return None
    flat = " ".join(_CONTROL.sub(" ", text.replace("\r", " ").replace("\n", " ")).split())
    return flat or None


def many_lines(text: str | None) -> str | None:
    if text is None:
        return None
    kept = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return kept or None


# Times


class _Notes:
    """What the importer assumed, once each, in the order first met."""

    def __init__(self, home_from: str = "") -> None:
        self.items: dict[str, None] = {}
        self.home_from = home_from
        """Where the zone for times without one came from, when not the store's settings."""

    def add(self, note: str) -> None:
        self.items[note] = None

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)


def _localized(entry: Entry, name: str, value: datetime, zone_name: str, lenient: bool = False) -> datetime:
    try:
        return localize(value, zone_name)
    except ValueError as exc:
        if lenient and value.tzinfo is None:
            # A midnight skipped by a clock change (Chile moves at 24:00) starts when the day does.
            return value.replace(tzinfo=zone(zone_name)).astimezone(UTC).astimezone(zone(zone_name))
        raise entry.fail(name, f"{name}: {exc}") from None


def _timed(
    entry: Entry, name: str, value: datetime | date, tzid: str | None, home: str, into: str | None, notes: _Notes
) -> tuple[datetime, str]:
    """``value`` as an aware time and the zone it is kept in: its own (``into`` when given), else ``home``."""
    if not isinstance(value, datetime):
        target = into or home
        return _localized(entry, name, datetime.combine(value, time()), target, lenient=True), target
    if tzid is not None and not means_utc(tzid):
        place = iana_zone(tzid)
        if place is not None:
            # The wall clock the organizer chose, in the IANA zone: its rules, not the file's copy of them.
            kept = _localized(entry, name, value.replace(tzinfo=None), place)
            if into is None or into == place:
                return kept, place
            return _localized(entry, name, kept, into), into
        if value.tzinfo is None:
            raise entry.fail(
                name,
                f"{name}: TZID {tzid!r} is neither an IANA zone nor a Windows zone name icalendar knows, "
                "and the file has no VTIMEZONE for it",
            )
        target = into or home
        notes.add(f"Times were given in the zone {tzid!r}, which names no place; they are shown in {target}.")
        return _localized(entry, name, value, target), target
    target = into or home
    why = notes.home_from if target == home else ""
    if value.tzinfo is not None or (tzid is not None and means_utc(tzid)):
        notes.add(f"Times were given in UTC in the imported file; they are shown in {target}{why}.")
        instant = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return _localized(entry, name, instant, target), target
    notes.add(
        f"Times were given without a time zone (floating) in the imported file; they are read as {target} time{why}."
    )
    return _localized(entry, name, value, target), target


def _span(entry: Entry, home: str, notes: _Notes) -> tuple[datetime, datetime, str]:
    given = entry.time("DTSTART")
    if given is None:
        raise entry.fail(None, "this VEVENT has no DTSTART, so it has no date")
    start_value, start_tzid = given
    all_day = not isinstance(start_value, datetime)
    start, tz = _timed(entry, "DTSTART", start_value, start_tzid, home, None, notes)
    if all_day:
        notes.add(
            "All-day in the imported file (dates only): kept from 00:00 on the first day "
            f"to 00:00 after the last, {tz} time."
        )
    end_given = entry.time("DTEND")
    if end_given is not None and entry.has("DURATION"):
        raise entry.fail("DURATION", "a VEVENT gives DTEND or DURATION, not both")
    if end_given is not None:
        end_value, end_tzid = end_given
        if isinstance(end_value, datetime) == all_day:
            raise entry.fail("DTEND", "DTEND and DTSTART must both be dates or both be date-times")
        end, _ = _timed(entry, "DTEND", end_value, end_tzid, home, tz, notes)
        where = "DTEND"
    elif entry.has("DURATION"):
        length = getattr(entry.component["DURATION"], "dt", None)
        if not isinstance(length, timedelta):
            raise entry.fail("DURATION", "DURATION is not a duration such as PT2H")
        if all_day:
            end = _localized(entry, "DURATION", datetime.combine(start_value + length, time()), tz, lenient=True)
        else:
            end = _localized(entry, "DURATION", (start.astimezone(UTC) + length).astimezone(start.tzinfo), tz)
        where = "DURATION"
    elif all_day:
        end = _localized(entry, "DTSTART", datetime.combine(start_value + timedelta(days=1), time()), tz, lenient=True)
        where = "DTSTART"
    else:
        notes.add("The imported file gives no end; the event is assumed to last two hours.")
        end = (start.astimezone(UTC) + DEFAULT_LENGTH).astimezone(start.tzinfo)
        where = "DTSTART"
    if end <= start:
        raise entry.fail(
            where, f"{where}: the end ({end:%Y-%m-%d %H:%M}) must come after the start ({start:%Y-%m-%d %H:%M})"
        )
    return start, end, tz


def _local_date(value: datetime | date, tz: str) -> date:
    if isinstance(value, datetime):
        return value.astimezone(zone(tz)).date() if value.tzinfo is not None else value.date()
    return value


# Series


def _recurrence(entry: Entry, tz: str, notes: _Notes) -> Recurrence | None:
    if not entry.has("RRULE"):
        if entry.has("RDATE"):
            notes.add("The imported file adds dates with RDATE, which the planner cannot keep; only DTSTART is.")
        return None
    rule: Any = entry.component["RRULE"]
    parts = {str(key).upper(): value for key, value in rule.items()}
    freq = str(parts.get("FREQ", [""])[0]).lower()
    wkst = [str(day).upper() for day in parts.get("WKST", ["MO"])]
    written = rule.to_ical().decode()
    unsupported = set(parts) - _RULE_PARTS or wkst != ["MO"] or freq not in ("weekly", "monthly", "yearly")
    data: dict[str, Any] = {"freq": freq}
    if "INTERVAL" in parts:
        data["interval"] = int(parts["INTERVAL"][0])
    if "BYDAY" in parts:
        data["byday"] = [str(day).upper() for day in parts["BYDAY"]]
    if "COUNT" in parts:
        data["count"] = int(parts["COUNT"][0])
    if "UNTIL" in parts:
        data["until"] = _local_date(parts["UNTIL"][0], tz)
    if not unsupported:
        try:
            recurrence = Recurrence.model_validate(data)
        except ValidationError:
            recurrence = None
        if recurrence is not None:
            if entry.has("RDATE"):
                notes.add("The imported file adds dates with RDATE, which the planner cannot keep.")
            return recurrence
    notes.add(
        f"The imported file repeats this event (RRULE:{written}), a rule the planner cannot keep; "
        "only the first occurrence is imported."
    )
    return None


def _occurrences(
    master: Entry, overrides: list[Entry], start: datetime, end: datetime, tz: str, home: str, notes: _Notes
) -> dict[date, Occurrence]:
    found: dict[date, Occurrence] = {}
    for value in master.all("EXDATE"):
        for one in getattr(value, "dts", []):
            found[_local_date(one.dt, tz)] = Occurrence(cancelled=True)
    local_start = start.replace(tzinfo=None)
    length = end - start
    for override in overrides:
        given = override.time("RECURRENCE-ID")
        assert given is not None  # only entries with a RECURRENCE-ID are overrides
        original = _local_date(_timed(override, "RECURRENCE-ID", given[0], given[1], home, tz, notes)[0], tz)
        if (override.text("STATUS") or "").upper() == "CANCELLED":
            found[original] = Occurrence(cancelled=True)
            continue
        place = one_line(override.text("LOCATION"))
        if place and place != one_line(master.text("LOCATION")):
            notes.add(
                f"In the imported file the occurrence of {original} takes place at {place}; "
                "the planner keeps one place for the whole series."
            )
        own = [
            word
            for word, name in (("title", "SUMMARY"), ("description", "DESCRIPTION"))
            if override.has(name) and many_lines(override.text(name)) != many_lines(master.text(name))
        ]
        if own:
            # Occurrences keep no text of their own yet: said, so that nobody believes it was imported.
            notes.add(
                f"In the imported file the occurrence of {original} has its own {' and '.join(own)}, "
                "which the planner does not keep: the series' one is shown."
            )
        moved_start, moved_end, _ = _span(override, home, notes)
        moved_start, moved_end = moved_start.astimezone(zone(tz)), moved_end.astimezone(zone(tz))
        wall_start, wall_end = moved_start.replace(tzinfo=None), moved_end.replace(tzinfo=None)
        if wall_start == datetime.combine(original, local_start.time()) and moved_end - moved_start == length:
            continue  # an override that changes no time: nothing the planner keeps per occurrence
        found[original] = Occurrence(start=wall_start, end=wall_end)
    return found


# Categories, attendees


def _kind_and_themes(entry: Entry) -> tuple[EventKind, list[str]]:
    words = [str(word) for value in entry.all("CATEGORIES") for word in getattr(value, "cats", [])]
    kinds: dict[str, EventKind] = {fold(word): kind for word, kind in KIND_WORDS.items()}
    for kind_id in EVENT_KINDS:
        kinds[kind_id] = kind_id
        kinds.update({fold(label): kind_id for label in KINDS.get(kind_id, {}).values()})
    themes_by_label = {fold(label): theme for theme, names in THEMES.items() for label in names.values()}
    kind: EventKind = "other"
    themes: list[str] = []
    for word in words:
        slug, folded = slugify(word), fold(word.strip())
        found = kinds.get(folded) or kinds.get(slug)
        if found is not None and found != "other":
            if kind == "other":
                kind = found
            continue
        theme = slug if slug in THEMES else themes_by_label.get(folded)
        if theme and theme not in themes:
            themes.append(theme)
    return kind, themes


def address_of(value: Any) -> str:
    """The e-mail address of a CAL-ADDRESS (``mailto:Name@Example.org`` -> ``name@example.org``)."""
    text = str(value).strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    return text.strip().lower()


def people_by_email(store: Store) -> dict[str, Person]:
    return {person.email.lower(): person for person in store.people.values() if person.email}


def _invitations(entry: Entry, people: dict[str, Person]) -> tuple[list[dict[str, str]], list[str]]:
    invitations: dict[str, dict[str, str]] = {}
    unmatched: list[str] = []
    for value in entry.all("ATTENDEE"):
        address = address_of(value)
        person = people.get(address)
        if person is None:
            name = getattr(value, "params", {}).get("CN")
            unmatched.append(f"{name} <{address}>" if name else address)
            continue
        partstat = str(getattr(value, "params", {}).get("PARTSTAT", "NEEDS-ACTION")).upper()
        invitations.setdefault(person.id, {"person": person.id, "answer": PARTSTATS.get(partstat, "needs-action")})
    return list(invitations.values()), unmatched


# The event


def _links(url: str | None) -> list[dict[str, str]]:
    """URL as the event's link when it is a web address; anything else (a ``javascript:`` URL) is dropped."""
    if url is None:
        return []
    try:
        Link.model_validate({"url": url})
    except ValidationError:
        return []
    return [{"url": url}]


def _refusal(entry: Entry, exc: ValidationError) -> Malformed:
    error = exc.errors(include_url=False)[0]
    message = str(error["msg"]).removeprefix("Value error, ")
    field = str(error["loc"][0]) if error["loc"] else ""
    prefixed = re.match(r"^([a-z_]+): (.*)$", message, re.DOTALL)
    if not field and prefixed:
        field, message = prefixed.group(1), prefixed.group(2)
    prop = _FIELD_PROPERTY.get(field)
    if field == "occurrences" and not entry.has("RECURRENCE-ID"):
        prop = "EXDATE"
    return entry.fail(prop, f"{prop or 'VEVENT'}: {message}")


def _draft(store: Store, entry: Entry, overrides: list[Entry], taken: set[str]) -> Planned:
    settings = store.settings
    lang = settings.default_lang
    named = entry.calendar.first("X-WR-TIMEZONE")
    home, unusable = calendar_zone(named.value if named else None, settings.home_tz)
    notes = _Notes(" (the file's X-WR-TIMEZONE)" if home != settings.home_tz else "")
    if unusable:
        notes.add(unusable)
    start, end, tz = _span(entry, home, notes)
    title = one_line(entry.text("SUMMARY"))
    cancelled = (entry.text("STATUS") or "").upper() == "CANCELLED"
    if cancelled and title is not None:
        # The exporter writes "Cancelado: " before a cancelled event's title; the draft keeps the title alone.
        for prefix in WORDS["cancelled"].values():
            title = title.removeprefix(f"{prefix}: ")
    if title is None:
        title = UNTITLED[lang]
        notes.add("The imported file gives no title (SUMMARY).")
    kind, themes = _kind_and_themes(entry)
    invitations, unmatched = _invitations(entry, people_by_email(store))
    recurrence = _recurrence(entry, tz, notes)
    occurrences: dict[date, Occurrence] = {}
    if recurrence is not None:
        occurrences = _occurrences(entry, overrides, start, end, tz, home, notes)
    elif overrides:
        notes.add(f"{len(overrides)} changed occurrence(s) of the source's series were not imported.")
    if cancelled:
        notes.add("The imported file marks this event cancelled.")
    location = one_line(entry.text("LOCATION"))
    description = many_lines(entry.text("DESCRIPTION"))
    url = one_line(entry.text("URL"))
    sequence = entry.component.get("SEQUENCE")
    data: dict[str, Any] = {
        "id": new_event_id(taken.__contains__, start.date(), title),
        "title": {lang: title},
        "kind": kind,
        "status": "draft",
        "start": start,
        "end": end,
        "tz": tz,
        "venue": {"name": location} if location else None,
        "themes": themes,
        "description": {lang: description} if description else None,
        "links": _links(url),
        "invitations": invitations,
        "assumed": list(notes),
        "recurrence": recurrence,
        "occurrences": occurrences,
        "source_uid": entry.uid,
        "sequence": max(int(sequence), 0) if sequence is not None else 0,
    }
    try:
        event = Event.model_validate({k: v for k, v in data.items() if v is not None}, context={"home_tz": home})
    except ValidationError as exc:
        raise _refusal(entry, exc) from None
    return Planned(event, entry.source, entry.line(), tuple(unmatched))


def plan_import(store: Store, files: Sequence[tuple[str, bytes]]) -> list[Planned]:
    """Read and check every file; the drafts to save, or ``ImportRefused`` (``Malformed``) and nothing at all."""
    entries = list(iter_entries(list(files)))
    if not entries:
        names = ", ".join(source for source, _ in files)
        raise ImportRefused(f"{names}: no event (VEVENT) to import")
    known = uid_index(store)
    masters: dict[str, Entry] = {}
    overrides: dict[str, list[Entry]] = {}
    for entry in entries:
        uid = entry.uid
        if entry.has("RECURRENCE-ID"):
            overrides.setdefault(uid, []).append(entry)
            continue
        first = masters.get(uid)
        if first is not None:
            raise entry.fail("UID", f"UID {uid!r} is used twice (first at {first.source}:{first.line('UID')})")
        masters[uid] = entry
    for uid, entry in [*masters.items(), *((u, o[0]) for u, o in overrides.items())]:
        if uid in known:
            raise ImportRefused(
                f"{entry.source}:{entry.line('UID')}: UID {uid!r} is already in the store "
                f"(event {known[uid]!r}); import it once only"
            )
    for uid, changed in overrides.items():
        if uid not in masters:
            raise changed[0].fail(
                "RECURRENCE-ID", f"this entry changes one date of a series (UID {uid!r}) that is not in the files"
            )
    taken = set(store.ids())
    planned: list[Planned] = []
    for uid, entry in masters.items():
        draft = _draft(store, entry, overrides.get(uid, []), taken)
        path = record_path(store.root, draft.event)
        if path.exists():
            raise ImportRefused(f"{entry.source}:{entry.line()}: {path} already exists; nothing imported")
        taken.add(draft.event.id)
        planned.append(draft)
    return planned


def save_planned(store: Store, planned: Sequence[Planned]) -> list[Event]:
    """Save drafts already checked by ``plan_import``; returns them as saved."""
    return [store.save(draft.event) for draft in planned]


def import_events(store: Store, files: Sequence[tuple[str, bytes]]) -> list[Planned]:
    """Read, check and save: every draft of every file, or none."""
    planned = plan_import(store, files)
    saved = save_planned(store, planned)
    return [Planned(event, p.source, p.line, p.unmatched) for p, event in zip(planned, saved, strict=True)]
