"""Fixtures of the unit tests: a small store written through ``Store.save``."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.store import Store
from tests.helpers.records import T0, make_event, make_municipality, make_organization, make_person
from tests.helpers.store import new_store


@pytest.fixture
def store_root(tmp_path: Path) -> Path:
    """A store with a municipality, an organization, two people and one event, saved at ``T0``."""
    root = new_store(tmp_path / "store")
    store = Store.load(root)
    store.save(make_municipality(), now=T0)
    store.save(make_municipality("quilicura", "Quilicura"), now=T0)
    store.save(make_organization(), now=T0)
    store.save(make_person(municipality="penalolen"), now=T0)
    store.save(make_person("luis-soto", "Luis Soto", organization="oim-chile"), now=T0)
    store.save(
        make_event(
            host="penalolen",
            status="confirmed",
            venue={"name": "Centro Cultural", "city": "Peñalolén"},
            speakers=[{"person": "ana-perez"}, {"person": "luis-soto", "role": {"es": "Coordinador"}}],
            guests=[{"municipality": "quilicura", "delegates": [{"role": {"es": "Encargada de migración"}}]}],
            description={"es": "Primera línea.\nSegunda línea.\n\nTercer párrafo."},
        ),
        now=T0,
    )
    assert store.problems == []
    return root
