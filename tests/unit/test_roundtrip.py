"""Records survive the trip to TOML and back: same record, same zone name, same bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from planner.domain.event import Event
from planner.domain.records import Record
from planner.store import Store
from planner.store.codec import dumps, parse_record
from tests.helpers.records import T0
from tests.helpers.store import new_store
from tests.helpers.strategies import events, named_records, registry_records

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Each example makes its own store folder inside the test's tmp_path.
SLOW = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def fresh_store(tmp_path: Path) -> Path:
    return new_store(Path(tempfile.mkdtemp(dir=tmp_path)) / "store")


def assert_same_zones(parsed: Event, event: Event) -> None:
    """The zone NAME is kept, not only the instant."""
    assert parsed.tz == event.tz
    assert parsed.start.tzinfo is not None and parsed.end.tzinfo is not None
    assert parsed.start.tzinfo.key == event.tz  # type: ignore[attr-defined]
    assert parsed.end.tzinfo.key == event.tz  # type: ignore[attr-defined]
    assert parsed.start.replace(tzinfo=None) == event.start.replace(tzinfo=None)
    for got, want in zip(parsed.legs, event.legs, strict=True):
        assert got.tz == want.tz
        assert got.start.tzinfo.key == want.tz  # type: ignore[union-attr]
        assert got.end.tzinfo.key == want.tz  # type: ignore[union-attr]


@FAST
@given(events())
def test_an_event_reads_back_as_the_same_event(event: Event) -> None:
    text = dumps(event)
    # The file's own zone wins over the store's home zone.
    parsed, problems = parse_record(Event, text, Path("event.toml"), {"home_tz": "Asia/Kolkata"})
    assert problems == []
    assert parsed == event
    assert parsed is not None
    assert_same_zones(parsed, event)


@FAST
@given(events())
def test_dumping_twice_gives_the_same_bytes(event: Event) -> None:
    text = dumps(event)
    assert dumps(event) == text
    parsed, _ = parse_record(Event, text, Path("event.toml"))
    assert parsed is not None
    assert dumps(parsed).encode("utf-8") == text.encode("utf-8")


@FAST
@given(registry_records)
def test_a_registry_record_reads_back_as_the_same_record(record: Record) -> None:
    text = dumps(record)
    parsed, problems = parse_record(type(record), text, Path("record.toml"))
    assert problems == []
    assert parsed == record
    assert dumps(parsed) == text


@SLOW
@given(events())
def test_an_event_saved_in_a_store_loads_back_unchanged(tmp_path: Path, event: Event) -> None:
    root = fresh_store(tmp_path)
    store = Store.load(root)
    for record in named_records(event):
        store.save(record, now=T0)
    saved = store.save(event, now=T0)
    path = store.path_of(event.id)
    assert path is not None and path.is_file()

    again = Store.load(root)
    assert again.problems == []
    loaded = again.events[event.id]
    assert loaded == saved
    assert_same_zones(loaded, event)
    assert again.path_of(event.id) == path
    # Saving adds only its bookkeeping: the stamps and the calendar fingerprint.
    bookkeeping = {"created": None, "updated": None, "calendar_fingerprint": None}
    assert loaded.model_copy(update=bookkeeping) == event.model_copy(update=bookkeeping)
    # Loaded and unchanged: saving it again writes nothing.
    before = path.read_bytes()
    assert again.save(loaded, now=T0) is loaded
    assert path.read_bytes() == before


@SLOW
@given(registry_records)
def test_a_registry_record_saved_in_a_store_loads_back_unchanged(tmp_path: Path, record: Record) -> None:
    root = fresh_store(tmp_path)
    store = Store.load(root)
    for other in named_records(record):
        if other.id != record.id:
            store.save(other, now=T0)
    saved = store.save(record, now=T0)
    again = Store.load(root)
    assert again.problems == []
    assert again.get(record.id) == saved
    assert again.path_of(record.id) == root / record.folder / f"{record.id}.toml"
