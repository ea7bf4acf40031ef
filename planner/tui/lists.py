"""The lists inside an event, as the event screen edits them: columns, forms, models, how items are added."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from planner.domain.event import AgendaItem, Delegate, Guest, Leg, Signatory, Speaker
from planner.domain.fields import Link
from planner.domain.minutes import ActionItem, Decision, Quote
from planner.domain.participation import ANSWERS, ATTENDANCES, Invitation
from planner.domain.text import Lang, Line
from planner.tui.forms import FieldSpec, choices
from planner.tui.widgets.rows_table import Column
from planner.tui.widgets.text_field import as_text

C = Column
NOTES_COLUMNS = (C("item", "Agenda item"), C("notes", "Notes", weight=2))
Names = Callable[[str | None], str]
Add = Literal["form", "people", "municipalities"]


def text(value: Any, lang: Lang) -> str:
    """A two-language value in ``lang`` (else the other), or a plain value as text."""
    if isinstance(value, Mapping):
        other = "en" if lang == "es" else "es"
        return str(value.get(lang) or value.get(other) or "")
    return as_text(value)


@dataclass(frozen=True)
class ListSpec:
    """How one list of an event is shown and edited."""

    key: str
    """The list's field in the event (``speakers``), or ``delegates`` inside a guest."""
    title: str
    columns: tuple[Column, ...]
    cells: Callable[[Mapping[str, Any], Names, Lang], tuple[str, ...]]
    model: type[BaseModel]
    form: tuple[FieldSpec, ...]
    add: Add = "form"
    id_prefix: str | None = None
    """Items get ids ``<prefix>1``, ``<prefix>2`` ... (decisions ``d``, actions ``a``)."""
    whole: bool = False
    """The item is the value itself (an area of cooperation is a bare two-language line)."""


def _speaker(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (names(item.get("person")), text(item.get("role"), lang), text(item.get("topic"), lang))


def _guest(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    delegates = item.get("delegates") or []
    who = [names(d.get("person")) if d.get("person") else text(d.get("role"), lang) for d in delegates]
    return (names(item.get("municipality")), "; ".join(who) or "(no delegate named)")


def _delegate(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (names(item.get("person")) if item.get("person") else "(role only)", text(item.get("role"), lang))


def _agenda(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (text(item.get("time"), lang), text(item.get("title"), lang), names(item.get("speaker")))


def _invitation(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (names(item.get("person")), item.get("answer", "needs-action"), item.get("attendance", "unknown"))


def _leg(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (item.get("city", ""), item.get("tz", ""), text(item.get("start"), lang), text(item.get("end"), lang))


def _signatory(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (names(item.get("person")), names(item.get("organization")))


def _area(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (text(item, "es"), text(item, "en"))


def _decision(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (item.get("id", ""), text(item.get("text"), lang))


def _action(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (
        item.get("id", ""),
        text(item.get("text"), lang),
        names(item.get("owner")),
        names(item.get("municipality")),
        text(item.get("due"), lang),
        item.get("status", "open"),
    )


def _link(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    return (item.get("title", ""), item.get("url", ""))


def _quote(item: Mapping[str, Any], names: Names, lang: Lang) -> tuple[str, ...]:
    who = names(item.get("person")) if item.get("person") else item.get("name", "")
    return (who or "(nobody named)", text(item.get("text"), lang).replace("\n", " "))


PERSON = FieldSpec(("person",), "Person", "pick", source="person")
ROLE = FieldSpec(("role",), "Role", "bilingual")

SPEAKERS = ListSpec(
    "speakers",
    "Speakers",
    (C("person", "Speaker", 22), C("role", "Role"), C("topic", "Topic")),
    _speaker,
    Speaker,
    (PERSON, ROLE, FieldSpec(("topic",), "Topic", "bilingual")),
    add="people",
)
GUESTS = ListSpec(
    "guests",
    "Guest municipalities",
    (C("municipality", "Municipality", 20), C("delegates", "Delegates")),
    _guest,
    Guest,
    (FieldSpec(("municipality",), "Municipality", "pick", source="municipality"),),
    add="municipalities",
)
DELEGATES = ListSpec(
    "delegates",
    "Delegates",
    (C("person", "Person", 22), C("role", "Role")),
    _delegate,
    Delegate,
    (FieldSpec(("person",), "Person", "pick", source="person"), ROLE),
)
AGENDA = ListSpec(
    "agenda",
    "Agenda",
    (C("time", "Time", 5), C("item", "Item", weight=2), C("speaker", "Speaker", 20)),
    _agenda,
    AgendaItem,
    (
        FieldSpec(("time",), "Time", placeholder="HH:MM"),
        FieldSpec(("title",), "Title", "bilingual"),
        FieldSpec(("speaker",), "Speaker", "pick", source="person"),
    ),
)
INVITATIONS = ListSpec(
    "invitations",
    "Invitations",
    (C("person", "Person"), C("answer", "Answer", 12), C("attendance", "Attendance", 10)),
    _invitation,
    Invitation,
    (
        PERSON,
        FieldSpec(("answer",), "Answer", "choice", choices(ANSWERS), allow_blank=False),
        FieldSpec(("attendance",), "Attendance", "choice", choices(ATTENDANCES), allow_blank=False),
    ),
    add="people",
)
LEGS = ListSpec(
    "legs",
    "Legs",
    (C("city", "City"), C("tz", "Zone", 20), C("start", "Start", 16), C("end", "End", 16)),
    _leg,
    Leg,
    (
        FieldSpec(("id",), "Id", placeholder="houston"),
        FieldSpec(("city",), "City"),
        FieldSpec(("country",), "Country"),
        FieldSpec(("tz",), "Time zone", "pick", source="zone"),
        FieldSpec(("start",), "Starts", "when"),
        FieldSpec(("end",), "Ends", "when"),
        FieldSpec(("hosts",), "Hosts", "pick", source="organization", multiple=True),
    ),
)
SIGNATORIES = ListSpec(
    "signatories",
    "Signatories",
    (C("person", "Person"), C("organization", "For")),
    _signatory,
    Signatory,
    (PERSON, FieldSpec(("organization",), "Organization", "pick", source="organization")),
)
AREAS = ListSpec(
    "areas",
    "Areas of cooperation",
    (C("es", "es"), C("en", "en")),
    _area,
    Line,
    (FieldSpec((), "Area", "bilingual"),),
    whole=True,
)
DECISIONS = ListSpec(
    "decisions",
    "Decisions",
    (C("id", "Id", 4), C("text", "Decision")),
    _decision,
    Decision,
    (FieldSpec(("text",), "Decision", "bilingual-text"),),
    id_prefix="d",
)
ACTIONS = ListSpec(
    "actions",
    "Action items",
    (
        C("id", "Id", 4),
        C("text", "Action", weight=2),
        C("owner", "Owner", 16),
        C("municipality", "Municipality", 14, hide_below=100),
        C("due", "Due", 10),
        C("status", "Status", 6),
    ),
    _action,
    ActionItem,
    (
        FieldSpec(("text",), "Action", "bilingual-text"),
        FieldSpec(("owner",), "Owner", "pick", source="person"),
        FieldSpec(("municipality",), "Municipality", "pick", source="municipality"),
        FieldSpec(("due",), "Due", placeholder="YYYY-MM-DD"),
        FieldSpec(("status",), "Status", "choice", choices(("open", "done")), allow_blank=False),
    ),
    id_prefix="a",
)
LINKS = ListSpec(
    "links",
    "Links",
    (C("title", "Label", 24), C("url", "Address", weight=2)),
    _link,
    Link,
    (FieldSpec(("url",), "Address", placeholder="https://..."), FieldSpec(("title",), "Label")),
)
QUOTES = ListSpec(
    "quotes",
    "Quotes for the summary",
    (C("who", "Who", 20), C("text", "Quote", weight=2)),
    _quote,
    Quote,
    (
        PERSON,
        FieldSpec(("name",), "Or a name", placeholder="when the person is not in the store"),
        ROLE,
        FieldSpec(("text",), "Quote", "bilingual-text"),
    ),
)

BY_KEY: dict[str, ListSpec] = {
    spec.key: spec
    for spec in (
        SPEAKERS,
        GUESTS,
        DELEGATES,
        AGENDA,
        INVITATIONS,
        LEGS,
        SIGNATORIES,
        AREAS,
        DECISIONS,
        ACTIONS,
        LINKS,
        QUOTES,
    )
}


def spec_for(path: Sequence[str | int]) -> ListSpec:
    """The spec of the list at ``path`` (``("guests", 2, "delegates")`` is a delegates list)."""
    return BY_KEY[str(path[-1])]


def cycle(values: Sequence[str], current: str | None) -> str:
    """The value after ``current`` (the first after the last)."""
    index = values.index(current) if current in values else -1
    return values[(index + 1) % len(values)]
