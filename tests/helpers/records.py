"""Valid records with one thing changed, and what validation says of invalid ones."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.domain.event import Event
from planner.domain.records import Municipality, Organization, Person, Programme

SANTIAGO = "America/Santiago"
T0 = datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
T1 = datetime(2020, 2, 3, 4, 5, 6, tzinfo=UTC)


def event_data(**overrides: Any) -> dict[str, Any]:
    """The plain data of a valid round table in Santiago, with ``overrides`` applied."""
    data: dict[str, Any] = {
        "id": "mesa-salud",
        "title": {"es": "Mesa de salud migrante", "en": "Migrant health round table"},
        "kind": "round-table",
        "start": datetime(2017, 3, 30, 9, 30),
        "end": datetime(2017, 3, 30, 12, 0),
        "tz": SANTIAGO,
    }
    data.update(overrides)
    return data


def make_event(**overrides: Any) -> Event:
    return Event.model_validate(event_data(**overrides))


def visit_data(**overrides: Any) -> dict[str, Any]:
    """A valid study visit to Madrid and Paris, legs in their own zones."""
    data = event_data(
        id="visita-europa",
        title={"es": "Visita de estudio a Europa"},
        kind="study-visit",
        start=datetime(2017, 6, 1, 8, 0),
        end=datetime(2017, 6, 10, 20, 0),
        legs=[
            {
                "id": "madrid",
                "city": "Madrid",
                "country": "España",
                "tz": "Europe/Madrid",
                "start": datetime(2017, 6, 2, 9, 0),
                "end": datetime(2017, 6, 4, 18, 0),
            },
            {
                "id": "paris",
                "city": "París",
                "tz": "Europe/Paris",
                "start": datetime(2017, 6, 5, 9, 0),
                "end": datetime(2017, 6, 7, 18, 0),
            },
        ],
    )
    data.update(overrides)
    return data


def make_person(id: str = "ana-perez", name: str = "Ana Pérez", **extra: Any) -> Person:
    return Person.model_validate({"id": id, "name": name, **extra})


def make_municipality(id: str = "penalolen", name: str = "Peñalolén", **extra: Any) -> Municipality:
    return Municipality.model_validate({"id": id, "name": name, **extra})


def make_organization(id: str = "oim-chile", name: str = "OIM Chile", **extra: Any) -> Organization:
    return Organization.model_validate({"id": id, "name": name, **extra})


def make_programme(id: str = "migrantes-y-ciudades", **extra: Any) -> Programme:
    return Programme.model_validate({"id": id, "name": {"es": "Migrantes y Ciudades"}, **extra})


def errors(model: type[BaseModel], data: dict[str, Any], context: dict[str, Any] | None = None) -> dict[str, str]:
    """Validate ``data`` expecting failure; map each error's dotted location to its bare message."""
    try:
        model.model_validate(data, context=context)
    except ValidationError as exc:
        found: dict[str, str] = {}
        for error in exc.errors(include_url=False):
            message = str(error["msg"]).removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = "extra_forbidden"
            found[".".join(str(part) for part in error["loc"])] = message
        return found
    raise AssertionError(f"{model.__name__} accepted {data!r}")
