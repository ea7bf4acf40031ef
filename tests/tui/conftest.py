"""A small store written into a temporary folder, and a fixed clock, for the Pilot tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from planner.event import Event
from planner.records import Municipality, Organization, Person, Record
from planner.settings import StoreSettings
from planner.store import Store
from planner.store.codec import dumps
from planner.store.layout import SETTINGS_FILE, record_path
from planner.text import Lang


def make_event(**fields: Any) -> Event:
    return Event.model_validate({"tz": "America/Santiago", **fields}, context={"home_tz": "America/Santiago"})


REGISTRY: tuple[Record, ...] = (
    Municipality(id="quilicura", name="Quilicura", participating=True),
    Municipality(id="independencia", name="Independencia", participating=True),
    Municipality(id="santiago", name="Santiago"),
    Organization(id="iom-chile", name="Organización Internacional para las Migraciones", short_name="OIM Chile"),
    Person(id="ana-perez", name="Ana Pérez", municipality="quilicura"),
)

# Listed out of date order on purpose; the two 2017-04-06 events sort by time, not by file name.
EVENTS: tuple[Event, ...] = (
    make_event(
        id="mesa-salud",
        title={"es": "Mesa de salud migrante", "en": "Migrant health round table"},
        kind="round-table",
        status="done",
        start="2017-05-11T09:30:00",
        end="2017-05-11T12:30:00",
        host="quilicura",
        guests=[{"municipality": "independencia"}, {"municipality": "santiago"}],
        speakers=[{"person": "ana-perez"}],
    ),
    make_event(
        id="b-desayuno",
        title={"es": "Desayuno de alcaldes", "en": "Mayors' breakfast"},
        kind="conference",
        format="breakfast",
        status="confirmed",
        start="2017-04-06T08:30:00",
        end="2017-04-06T10:00:00",
        host="iom-chile",
    ),
    make_event(
        id="a-taller",
        title={"es": "Taller de interculturalidad"},
        kind="workshop",
        status="tentative",
        start="2017-04-06T15:00:00",
        end="2017-04-06T17:00:00",
        host="independencia",
        guests=[{"municipality": "quilicura"}],
    ),
)
"""In date order: b-desayuno, a-taller, mesa-salud."""

SORTED_IDS = ("b-desayuno", "a-taller", "mesa-salud")

FIXED_NOW = datetime(2017, 1, 1, 12, 0, tzinfo=UTC)
"""Before every event, so the cursor starts on the first row."""


def write_store(root: Path, records: tuple[Record, ...], lang: Lang = "en") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / SETTINGS_FILE).write_text(dumps(StoreSettings(default_lang=lang)), encoding="utf-8")
    for record in records:
        path = record_path(root, record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(record), encoding="utf-8")
    return root


@pytest.fixture
def store_root(tmp_path: Path) -> Path:
    return write_store(tmp_path / "events", REGISTRY + EVENTS)


@pytest.fixture
def store(store_root: Path) -> Store:
    loaded = Store.load(store_root)
    assert loaded.problems == []
    return loaded


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: FIXED_NOW
