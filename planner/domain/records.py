"""The registries: municipalities, organizations, people and programmes."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Self

from pydantic import AwareDatetime, Field, model_validator

from planner.domain.fields import Email, Frozen, Id, Link, Ref
from planner.domain.text import Lang, Line, SingleLine, Text

Loc = tuple[str | int, ...]
Reference = tuple[Loc, str, str]
"""Where a reference sits in its record, what it must name (a registry label, or ``host``), and the id."""


class Record(Frozen):
    """A record stored in a file of its own: its id is a field of the file."""

    folder: ClassVar[str]
    label: ClassVar[str]

    id: Id
    created: AwareDatetime | None = None
    updated: AwareDatetime | None = None

    def display_name(self, lang: Lang = "es") -> str:
        raise NotImplementedError

    def references(self) -> list[Reference]:
        """Every id this record names in another record; the store checks that each resolves."""
        return []

    def names(self) -> set[str]:
        """Every name a person may call this record by: display names in both languages, full name."""
        names = {self.display_name("es"), self.display_name("en")}
        full = getattr(self, "name", None)
        if isinstance(full, str):
            names.add(full)
        return names

    def stamped(self, now: datetime) -> Self:
        """A copy with ``updated`` (and ``created`` the first time) set to ``now``."""
        return self.model_copy(update={"created": self.created or now, "updated": now})


class Municipality(Record):
    """A comuna, with its Migration Office and what is known of its migrant population."""

    folder = "municipalities"
    label = "municipality"

    name: SingleLine
    region: SingleLine | None = None
    participating: bool = False
    """Takes part in the Migrants and Cities programme."""
    migration_office: bool = False
    migration_office_head: Ref | None = None
    """A person id; leave it out when the source names nobody."""
    migrant_share: float | None = Field(default=None, ge=0, le=100)
    """Migrants as a percentage of the population (11.8 for 11.8 %)."""
    migrant_share_source: SingleLine | None = None
    origin_countries: tuple[SingleLine, ...] = ()
    notes: Text | None = None

    def display_name(self, lang: Lang = "es") -> str:
        return self.name

    def references(self) -> list[Reference]:
        head = self.migration_office_head
        return [(("migration_office_head",), "person", head)] if head else []


class Organization(Record):
    """An organization: the office itself, partners, sponsors, universities, companies."""

    folder = "organizations"
    label = "organization"

    name: SingleLine
    """The official name, in the organization's own language."""
    short_name: SingleLine | None = None
    name_en: SingleLine | None = None
    """The English name, where the organization has one (documents in English use it)."""
    short_name_en: SingleLine | None = None
    kind: SingleLine | None = None
    country: SingleLine | None = None
    links: tuple[Link, ...] = ()

    def display_name(self, lang: Lang = "es") -> str:
        if lang == "en":
            return self.short_name_en or self.short_name or self.name_en or self.name
        return self.short_name or self.name


class Person(Record):
    """A speaker, participant or contact, attached to an organization or a municipality."""

    folder = "people"
    label = "person"

    name: SingleLine
    role: Line | None = None
    organization: Ref | None = None
    municipality: Ref | None = None
    email: Email | None = None
    lang: Lang | None = None
    """The language this person reads; the store's default when missing."""
    calendar_token: SingleLine | None = None
    """Names this person's calendar feed; random, so a published folder does not reveal it by name."""

    def display_name(self, lang: Lang = "es") -> str:
        return self.name

    def references(self) -> list[Reference]:
        refs: list[Reference] = []
        if self.organization:
            refs.append((("organization",), "organization", self.organization))
        if self.municipality:
            refs.append((("municipality",), "municipality", self.municipality))
        return refs


class Programme(Record):
    """A programme of the office, such as Migrants and Cities."""

    folder = "programmes"
    label = "programme"

    name: Line
    short_name: SingleLine | None = None
    lead: Ref | None = None
    """The organization that runs it."""
    description: Text | None = None

    @model_validator(mode="after")
    def _short_name_is_short(self) -> Programme:
        if self.short_name is not None and len(self.short_name) > 40:
            raise ValueError("short_name: keep it under 40 characters")
        return self

    def display_name(self, lang: Lang = "es") -> str:
        return self.short_name or self.name.get(lang)

    def references(self) -> list[Reference]:
        return [(("lead",), "organization", self.lead)] if self.lead else []


REGISTRIES: tuple[type[Record], ...] = (Municipality, Organization, Person, Programme)
