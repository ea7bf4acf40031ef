"""Planning rules: a new event's defaults by kind, duplicating, deleting, and changing a series.

Everything here works on records and returns new, validated records; nothing
is written. The terminal UI and the command line call these functions and
save through the store.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from pydantic import ValidationError

from planner.domain.data import to_data
from planner.domain.event import Event
from planner.domain.ids import check_id, slugify
from planner.domain.records import Municipality, Organization, Person, Programme
from planner.domain.series import Frequency, Occurrence
from planner.domain.times import localize, wall_clock
from planner.domain.vocabulary import EventKind

PROGRAMME = "migrants-and-cities"
"""The programme a new round table belongs to, when the store has it."""
DEFAULT_LENGTH = timedelta(hours=2)
"""The length of a new event, or of an imported entry with neither DTEND nor DURATION."""
ROUND_TABLE_LENGTH = timedelta(hours=3)

Taken = Callable[[str], bool]
"""Whether an id is already used in the store."""


# Ids


def new_event_id(taken: Taken, day: date, text: str) -> str:
    """``<date>-<slug of text>``, with ``-2``, ``-3`` ... when that id is taken."""
    slug = slugify(text)[:60].rstrip("-") or "event"
    base = slug if slug.startswith(day.isoformat()) else f"{day.isoformat()}-{slug}"
    candidate, n = base, 2
    while taken(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def undated(event_id: str) -> str:
    """An event id without a leading ``YYYY-MM-DD-`` date, so that a copy gets its own date."""
    parts = event_id.split("-")
    if len(parts) > 3 and all(p.isdigit() for p in parts[:3]) and len(parts[0]) == 4:
        return "-".join(parts[3:])
    return event_id


def item_id(text: str, taken: Iterable[str], fallback: str = "item") -> str:
    """An id for an agenda item, a decision or an action, unique among ``taken``."""
    used = set(taken)
    base = slugify(text)[:40].rstrip("-") or fallback
    try:
        check_id(base)
    except ValueError:
        base = fallback
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def numbered_id(prefix: str, taken: Iterable[str]) -> str:
    """``d1``, ``d2`` ... (decisions) or ``a1`` ... (actions): the first number not taken."""
    used = set(taken)
    n = 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


# New events


def participating(municipalities: Mapping[str, Municipality]) -> list[str]:
    """The programme's municipalities, in the registry's order."""
    return [m.id for m in municipalities.values() if m.participating]


def default_programme(programmes: Mapping[str, Programme]) -> str | None:
    return PROGRAMME if PROGRAMME in programmes else None


def _host_words(host: str | None, name_of: Callable[[str], str], hosts: Mapping[str, str]) -> tuple[str, str]:
    """How the welcome item names the host, in Spanish and English."""
    if host is None:
        return "", ""
    name = name_of(host)
    if hosts.get(host) == "municipality":
        return f" de la Municipalidad de {name}", f" by the Municipality of {name}"
    return f" de {name}", f" by {name}"


def _round(moment: datetime) -> datetime:
    """Down to five minutes."""
    return moment.replace(minute=moment.minute - moment.minute % 5, second=0, microsecond=0)


def default_agenda(
    start: datetime,
    end: datetime,
    host: str | None = None,
    *,
    name_of: Callable[[str], str] = str,
    hosts: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """A round table's agenda: welcome, the speakers, the round table, agreements, close.

    ``start`` and ``end`` are local wall-clock times; item times fall within them
    when the meeting is long enough (ninety minutes), and are left out otherwise.
    """
    es, en = _host_words(host, name_of, hosts or {})
    length = end - start
    timed = length >= timedelta(minutes=90) and start.date() == end.date()
    moments = (
        start,
        start + timedelta(minutes=15),
        _round(start + length / 2),
        end - timedelta(minutes=25),
        end - timedelta(minutes=5),
    )
    items = (
        ("welcome", f"Bienvenida{es}", f"Welcome{en}"),
        ("presentations", "Presentaciones de los expositores", "The speakers' presentations"),
        ("round-table", "Mesa redonda entre las municipalidades", "Round-table discussion among the municipalities"),
        ("agreements", "Acuerdos y próximos pasos", "Agreements and next steps"),
        ("close", "Cierre", "Close"),
    )
    agenda = []
    for (item, title_es, title_en), moment in zip(items, moments, strict=True):
        entry: dict[str, Any] = {"id": item, "title": {"es": title_es, "en": title_en}}
        if timed:
            entry["time"] = moment.time()
        agenda.append(entry)
    return agenda


def new_event(
    kind: EventKind,
    *,
    event_id: str,
    title: Mapping[str, str],
    start: datetime,
    end: datetime | None,
    tz: str,
    host: str | None = None,
    programme: str | None = None,
    municipalities: Iterable[str] = (),
    signatories: Iterable[tuple[str, str | None]] = (),
    name_of: Callable[[str], str] = str,
    hosts: Mapping[str, str] | None = None,
    home_tz: str | None = None,
) -> Event:
    """A draft event of ``kind`` with the defaults of its kind; raises ``ValidationError`` when invalid.

    ``start`` and ``end`` are naive wall-clock times in ``tz``. A round table
    invites ``municipalities`` (the host left out) and gets the default agenda;
    an agreement signing gets its ``signatories`` as (person, organization).
    """
    length = ROUND_TABLE_LENGTH if kind == "round-table" else DEFAULT_LENGTH
    if end is None:
        end = wall_clock(localize(start, tz) + length, tz)
    data: dict[str, Any] = {
        "id": event_id,
        "title": {lang: text.strip() for lang, text in title.items() if text and text.strip()},
        "kind": kind,
        "status": "draft",
        "start": start,
        "end": end,
        "tz": tz,
    }
    if programme:
        data["programme"] = programme
    if host:
        data["host"] = host
    if kind == "round-table":
        data["guests"] = [{"municipality": m} for m in dict.fromkeys(municipalities) if m != host]
        data["agenda"] = default_agenda(start, end, host, name_of=name_of, hosts=hosts)
    if kind == "agreement-signing":
        data["signatories"] = [
            {"person": person, **({"organization": org} if org else {})} for person, org in signatories
        ]
    return Event.model_validate(data, context={"home_tz": home_tz or tz})


def signatory_organization(person: Person | None) -> str | None:
    """The organization a person signs for by default: their own."""
    return person.organization if person is not None else None


def host_labels(
    municipalities: Mapping[str, Municipality], organizations: Mapping[str, Organization]
) -> dict[str, str]:
    """What each possible host is: ``municipality`` or ``organization``."""
    return {**{i: "municipality" for i in municipalities}, **{i: "organization" for i in organizations}}


# Duplicating


def same_weekday_next_month(day: date) -> date:
    """The same weekday of the next month: the 2nd Tuesday gives the 2nd Tuesday, the last gives the last."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    nth = (day.day - 1) // 7
    last = day.day + 7 > calendar.monthrange(day.year, day.month)[1]
    length = calendar.monthrange(year, month)[1]
    days = [d for d in range(1, length + 1) if date(year, month, d).weekday() == day.weekday()]
    chosen = days[-1] if last or nth >= len(days) else days[nth]
    return date(year, month, chosen)


def duplicate_start(event: Event) -> datetime:
    """Where a copy of ``event`` starts by default: the same weekday and time next month (local, naive)."""
    local = wall_clock(event.start, event.tz)
    return datetime.combine(same_weekday_next_month(local.date()), local.time())


def duplicate(event: Event, new_id: str, start: datetime) -> Event:
    """A copy of ``event`` moved to ``start`` (naive wall clock in the event's zone), ready to plan.

    Kept: kind, programme, title, host, organizers, sponsors, speakers, guest
    municipalities and delegates, agenda, legs (moved by the same time),
    signatories, areas, themes, links and the invited people. Reset: the id (so
    the calendar UID, derived from it, is new), status (draft), sequence (0),
    answers and attendance. Dropped: minutes, summary, quotes, deliveries,
    the imported UID, the description and the notes about the original's sources,
    and a series' per-occurrence changes.
    """
    old_start = wall_clock(event.start, event.tz)
    shift = start - old_start
    data = to_data(event)
    for key in (
        "minutes",
        "summary",
        "quotes",
        "sent",
        "source_uid",
        "calendar_fingerprint",
        "assumed",
        "source_notes",
        "description",
        "occurrences",
        "created",
        "updated",
    ):
        data.pop(key, None)
    data.update(
        id=new_id,
        status="draft",
        sequence=0,
        start=start,
        end=wall_clock(event.end, event.tz) + shift,
    )
    if event.invitations:
        data["invitations"] = [{"person": i.person} for i in event.invitations]
    if event.legs:
        data["legs"] = [
            {**leg, "start": wall_clock(orig.start, orig.tz) + shift, "end": wall_clock(orig.end, orig.tz) + shift}
            for leg, orig in zip(data["legs"], event.legs, strict=True)
        ]
    return Event.model_validate(data, context={"home_tz": event.tz})


# Cancelling and deleting

DeleteStep = Literal["remove", "cancel"]


def ever_published(event: Event) -> bool:
    """Whether the event may be in someone's calendar: it left the draft status, or invitations went out."""
    return event.status != "draft" or bool(event.sent)


def delete_step(event: Event) -> DeleteStep:
    """What deleting ``event`` does now: ``cancel`` it first (calendars must drop it), or ``remove`` its file.

    A draft never sent is removed. Any other event is cancelled first, so that
    the next export or sending tells participants' calendars; once cancelled,
    deleting again removes the file.
    """
    if event.status == "cancelled" or not ever_published(event):
        return "remove"
    return "cancel"


def cancelled(event: Event) -> Event:
    return event.model_copy(update={"status": "cancelled"})


# Invitations


def invite_participants(event: Event) -> Event:
    """The event with every named speaker, delegate, signatory and agenda speaker invited (once)."""
    invited = {i.person for i in event.invitations}
    named = [s.person for s in event.speakers]
    named += [d.person for g in event.guests for d in g.delegates if d.person]
    named += [s.person for s in event.signatories]
    named += [a.speaker for a in event.agenda if a.speaker]
    added = [{"person": p} for p in dict.fromkeys(named) if p not in invited]
    if not added:
        return event
    data = to_data(event)
    data["invitations"] = [*data.get("invitations", []), *added]
    return Event.model_validate(data, context={"home_tz": event.tz})


# Series


class SeriesError(ValueError):
    """A change to a series that its rule or its data does not allow; ``field`` names the field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def make_series(event: Event, freq: Frequency = "monthly") -> Event:
    """``event`` as the first of a series repeating like its own date, until a count or an end is given.

    Weekly repeats on its weekday; monthly on the same weekday of the month
    (30 March 2017, the last Thursday, gives every last Thursday; 4 May gives
    every first Thursday), as inter-municipal round tables are planned;
    yearly on the same date.
    """
    if event.recurrence is not None:
        raise SeriesError(f"{event.id} is already a series", "recurrence")
    local = wall_clock(event.start, event.tz).date()
    day = _WEEKDAYS[local.weekday()]
    rule: dict[str, Any] = {"freq": freq}
    if freq == "weekly":
        rule["byday"] = [day]
    elif freq == "monthly":
        last = local.day + 7 > calendar.monthrange(local.year, local.month)[1]
        rule["byday"] = [f"-1{day}" if last else f"{(local.day - 1) // 7 + 1}{day}"]
    data = to_data(event)
    data["recurrence"] = rule
    return _validated(data, event.tz)


def make_single(event: Event) -> Event:
    """A series back to a single event (its first occurrence): moves, cancellations and hosts are dropped.

    Refused while an occurrence keeps its own minutes, summary, quotes or
    invitations, which would be lost with it.
    """
    if event.recurrence is None:
        raise SeriesError(f"{event.id} is not a series", "recurrence")
    kept = [
        f"{day} ({', '.join(k for k in ('minutes', 'summary', 'quotes', 'invitations') if getattr(o, k))})"
        for day, o in sorted(event.occurrences.items())
        if o.minutes or o.summary or o.quotes or o.invitations
    ]
    if kept:
        raise SeriesError(
            "these occurrences have their own records, which a single event cannot keep: "
            + "; ".join(kept)
            + ". Move or remove them first",
            "recurrence",
        )
    data = to_data(event)
    data.pop("recurrence", None)
    data.pop("occurrences", None)
    return _validated(data, event.tz)


def cancel_occurrence(event: Event, day: date) -> Event:
    """The series with its occurrence of ``day`` (original date) skipped; a move of it is dropped."""
    current = _occurrence(event, day)
    if current.cancelled:
        raise SeriesError(f"the occurrence of {day} is already cancelled")
    return _with_occurrence(event, day, {"cancelled": True, "start": None, "end": None})


def restore_occurrence(event: Event, day: date) -> Event:
    """The series with its occurrence of ``day`` back as the rule gives it: not cancelled, not moved."""
    current = _occurrence(event, day)
    if not current.cancelled and current.start is None:
        raise SeriesError(f"the occurrence of {day} is neither cancelled nor moved: nothing to restore")
    return _with_occurrence(event, day, {"cancelled": False, "start": None, "end": None})


def move_occurrence(event: Event, day: date, start: datetime, end: datetime) -> Event:
    """The series with its occurrence of ``day`` moved to ``start``–``end``, wall-clock times in its zone.

    A cancelled occurrence that is moved takes place again; moved back to the
    rule's own time, it is no longer a move.
    """
    _occurrence(event, day)
    for name, moment in (("start", start), ("end", end)):
        if moment.tzinfo is not None:
            raise SeriesError("give a local time, without an offset: the series' zone applies", name)
        try:
            localize(moment, event.tz)
        except ValueError as exc:
            raise SeriesError(str(exc), name) from None
    if end <= start:
        raise SeriesError("the end must come after the start", "end")
    rule_start = datetime.combine(day, wall_clock(event.start, event.tz).time())
    rule_end = rule_start + (wall_clock(event.end, event.tz) - wall_clock(event.start, event.tz))
    if (start, end) == (rule_start, rule_end):
        return _with_occurrence(event, day, {"cancelled": False, "start": None, "end": None})
    return _with_occurrence(event, day, {"cancelled": False, "start": start, "end": end})


def host_occurrence(event: Event, day: date, host: str | None) -> Event:
    """The series with another host for the occurrence of ``day``; ``None`` (or the series' host) restores it."""
    _occurrence(event, day)
    return _with_occurrence(event, day, {"host": None if host == event.host else host})


def _occurrence(event: Event, day: date) -> Occurrence:
    """The overrides of the occurrence of ``day``, refusing a day the series does not have."""
    if event.recurrence is None:
        raise SeriesError(f"{event.id} is not a series: it has no occurrences")
    first = wall_clock(event.start, event.tz)
    horizon = datetime.combine(day, time.max)
    if day not in {start.date() for start in event.recurrence.starts(first, horizon)}:
        raise SeriesError(f"{day} is not a date of this series")
    return event.occurrence(day)


def _with_occurrence(event: Event, day: date, changes: Mapping[str, Any]) -> Event:
    """The series with the occurrence of ``day`` changed, the model's message as a ``SeriesError``."""
    try:
        return event.with_occurrence(day, **changes)
    except ValidationError as exc:
        raise SeriesError(_first_message(exc)) from None


def _validated(data: dict[str, Any], tz: str) -> Event:
    try:
        return Event.model_validate(data, context={"home_tz": tz})
    except ValidationError as exc:
        raise SeriesError(_first_message(exc)) from None


def _first_message(exc: ValidationError) -> str:
    """The model's first message, naming the field when it is not the whole record."""
    problem = exc.errors(include_url=False)[0]
    message = str(problem["msg"]).removeprefix("Value error, ")
    where = ".".join(str(part) for part in problem["loc"])
    return f"{where}: {message}" if where else message
