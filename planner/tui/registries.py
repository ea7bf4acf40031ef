"""The registries as the UI shows and edits them: columns of the lists, and the forms of each kind of record."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from planner.domain.ids import slugify
from planner.domain.records import Municipality, Organization, Person, Record
from planner.domain.text import LANGS
from planner.tui.draft import Data, data_of, get_in, set_in, validate
from planner.tui.forms import FieldSpec, choices
from planner.tui.lists import text
from planner.tui.session import Session
from planner.tui.widgets.rows_table import Column

ID = FieldSpec(("id",), "Id", placeholder="made from the name when left blank")


@dataclass(frozen=True)
class RegistryKind:
    """One kind of registry record: its label, model, list columns and form."""

    label: str
    plural: str
    model: type[Record]
    columns: tuple[Column, ...]
    cells: Callable[[Any, Session], tuple[str, ...]]
    form: tuple[FieldSpec, ...]


def _person(record: Person, session: Session) -> tuple[str, ...]:
    role = record.role.get(session.lang) if record.role else ""
    return (record.name, role, session.name_of(record.municipality or record.organization), record.email or "")


def _municipality(record: Municipality, session: Session) -> tuple[str, ...]:
    share = f"{record.migrant_share:g} %" if record.migrant_share is not None else ""
    return (
        record.name,
        "yes" if record.participating else "",
        record.region or "",
        session.name_of(record.migration_office_head),
        share,
    )


def _organization(record: Organization, session: Session) -> tuple[str, ...]:
    return (record.short_name or record.name, record.name, record.kind or "", record.country or "")


KINDS: dict[str, RegistryKind] = {
    "person": RegistryKind(
        "person",
        "People",
        Person,
        (
            Column("name", "Name", 22),
            Column("role", "Role", None, 12),
            Column("where", "Municipality / org", 20),
            Column("email", "E-mail", 26, hide_below=110),
        ),
        _person,
        (
            ID,
            FieldSpec(("name",), "Name"),
            FieldSpec(("role",), "Role", "bilingual"),
            FieldSpec(("organization",), "Organization", "pick", source="organization"),
            FieldSpec(("municipality",), "Municipality", "pick", source="municipality"),
            FieldSpec(("email",), "E-mail", placeholder="name@example.org"),
            FieldSpec(("lang",), "Language", "choice", choices(LANGS)),
        ),
    ),
    "municipality": RegistryKind(
        "municipality",
        "Municipalities",
        Municipality,
        (
            Column("name", "Name", 18),
            Column("programme", "Programme", 9),
            Column("region", "Region", None, 10),
            Column("head", "Migration Office head", 22),
            Column("share", "Migrants", 9, hide_below=100),
        ),
        _municipality,
        (
            ID,
            FieldSpec(("name",), "Name"),
            FieldSpec(("region",), "Region"),
            FieldSpec(("participating",), "Programme", "check"),
            FieldSpec(("migration_office",), "Migration Office", "check"),
            FieldSpec(("migration_office_head",), "Office head", "pick", source="person"),
            FieldSpec(("migrant_share",), "Migrants %", placeholder="11.8"),
            FieldSpec(("migrant_share_source",), "Source of %"),
            FieldSpec(("origin_countries",), "Origins", "lines"),
            FieldSpec(("notes",), "Notes", "bilingual-text"),
        ),
    ),
    "organization": RegistryKind(
        "organization",
        "Organizations",
        Organization,
        (
            Column("short", "Short name", 18),
            Column("name", "Name", None, 16),
            Column("kind", "Kind", 16),
            Column("country", "Country", 14, hide_below=100),
        ),
        _organization,
        (
            ID,
            FieldSpec(("name",), "Name"),
            FieldSpec(("short_name",), "Short name"),
            FieldSpec(("kind",), "Kind"),
            FieldSpec(("country",), "Country"),
        ),
    ),
}


def record_check(
    kind: RegistryKind, session: Session, original: Record | None
) -> Callable[[Data], tuple[Any, Mapping[str, str]]]:
    """Validation of a registry form: the model, references that resolve, and a free id for a new record."""

    def check(values: Data) -> tuple[Any, Mapping[str, str]]:
        base: Data = data_of(original) if original is not None else {}
        for spec in kind.form:
            base = set_in(base, spec.path, get_in(values, spec.path))
        if original is not None:
            base = set_in(base, ("id",), original.id)
        elif not base.get("id") and base.get("name"):
            base = set_in(base, ("id",), slugify(str(base["name"])))
        record, errors = validate(kind.model, base)
        found = dict(errors)
        if record is not None:
            if original is None and session.taken(record.id):
                found["id"] = f"{record.id!r} is already used; give another id"
            for problem in session.store.check(record):
                found.setdefault(problem.field, problem.message)
        return (record if not found else None), found

    return check


def describe(record: Record, session: Session) -> list[str]:
    """The record's fields as lines, names resolved."""
    lines = [f"id: {record.id}"]
    data = data_of(record)
    for key, value in data.items():
        if key in ("id", "created", "updated", "calendar_token"):
            continue
        if isinstance(value, dict):
            shown = text(value, session.lang)
        elif isinstance(value, list):
            shown = ", ".join(str(v) for v in value)
        elif key in ("organization", "municipality", "migration_office_head", "lead"):
            shown = session.name_of(str(value))
        else:
            shown = str(value)
        lines.append(f"{key.replace('_', ' ')}: {shown}")
    return lines
