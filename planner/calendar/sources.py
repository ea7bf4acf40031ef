"""Where an export's records come from: a loaded store, or the store's folder read through its index.

Every record is known by its key (``planner.calendar.keys.record_key``) and
its facts (``planner.calendar.facts``) before anything is rendered. Two ways
to know them:

- :class:`StoreInputs`, from a loaded ``Store``: keys and facts are
  computed from the records in memory (which may not be what the files say:
  the UI's edits, or tests' records built without validation);
- :class:`FolderInputs`, from the store's folder through its index: a
  file's SHA-256 (which the index keeps) finds its key and facts in the
  cache (``sources``), so only files that changed since the last export
  are read. A ``Store`` is opened only when something must be saved (a
  SEQUENCE raised after a hand edit, a new feed token).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.calendar.cache import ExportCache, dumps
from planner.calendar.facts import EventInfo, EventRef, RegistryInfo, Setup
from planner.calendar.keys import UNRENDERED, code_key, hash_text, record_key
from planner.store.files import digest as file_digest  # the index's key: cached sources are found by it
from planner.store.reading import RECORD_LIMIT, SETTINGS_LIMIT, read_bounded

if TYPE_CHECKING:
    from planner.calendar.vevent import Records
    from planner.domain.event import Event
    from planner.domain.records import Record
    from planner.domain.settings import StoreSettings
    from planner.index import Catalog
    from planner.store import Store

LABELS = ("municipality", "organization", "person", "programme")
"""Registry labels, in the order the store reads their folders (the first record of an id wins)."""


class Inputs:
    """The records an export works from; see :class:`StoreInputs` and :class:`FolderInputs`."""

    root: Path
    setup: Setup
    registry: dict[str, RegistryInfo]
    """Every registry record by id (the first of an id), in the store's order."""
    sources_ctx: str | None
    """The parsing context of ``sources`` rows (``None``: the records were not read through the index)."""
    digests: set[str]
    """Digests of the files read through the index (what the cache must keep)."""

    def settings(self) -> StoreSettings:
        raise NotImplementedError

    def events(self) -> list[EventRef]:
        """Every event that loads (drafts included), in the store's order."""
        raise NotImplementedError

    def event(self, event_id: str) -> EventRef | None:
        raise NotImplementedError

    def load(self, ref: EventRef) -> Event:
        """The event's record (read now if it was not)."""
        raise NotImplementedError

    def records(self) -> Records:
        """What the renderer looks records up in."""
        raise NotImplementedError

    def store(self) -> Store:
        """A store to save through (opened on first use)."""
        raise NotImplementedError

    def has_errors(self) -> bool:
        """Whether some files could not be loaded (for the hint when an id is not found)."""
        raise NotImplementedError

    def people(self) -> Iterator[RegistryInfo]:
        return (r for r in self.registry.values() if r.label == "person")

    def municipalities(self) -> Iterator[RegistryInfo]:
        return (r for r in self.registry.values() if r.label == "municipality")

    def prepare(self, known: dict[str, tuple[str, tuple[Any, ...]]] | None = None) -> None:
        """Learn the registries (``known``: what the last export learnt of files, by digest)."""

    def issued(self, person: RegistryInfo, token: str) -> RegistryInfo:
        """Note a person's new feed token."""
        updated = person._replace(token=token)
        self.registry[person.id] = updated
        return updated


class StoreInputs(Inputs):
    """A loaded store: every key computed from the records in memory."""

    def __init__(self, store: Store) -> None:
        from planner.domain.records import REGISTRIES

        self._store = store
        self.root = store.root
        self.setup = Setup.of(store.settings)
        self.sources_ctx = None
        self.digests = set()
        self.registry = {}
        for model in REGISTRIES:
            for record in store.all(model).values():
                self.registry.setdefault(record.id, RegistryInfo.of(record))

    def settings(self) -> StoreSettings:
        return self._store.settings

    def _ref(self, event: Event) -> EventRef:
        return EventRef(record_key(event), EventInfo.of(event), None, event)

    def events(self) -> list[EventRef]:
        return [self._ref(event) for event in self._store.events.values()]

    def event(self, event_id: str) -> EventRef | None:
        from planner.domain.event import Event

        event = self._store.get(event_id)
        return self._ref(event) if isinstance(event, Event) else None

    def load(self, ref: EventRef) -> Event:
        assert ref.record is not None
        return ref.record

    def records(self) -> Store:
        return self._store

    def store(self) -> Store:
        return self._store

    def has_errors(self) -> bool:
        return bool(self._store.errors)


class SourceChanged(LookupError):
    """A file changed between the index's look and its reading: the export starts again."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: changed while it was being exported; export again")


class FolderInputs(Inputs):
    """A store read through its index: a file is read only when the cache does not know its bytes."""

    def __init__(self, root: Path, catalog: Catalog, cache: ExportCache) -> None:
        self.root = root
        self._catalog = catalog
        self._cache = cache
        self._settings: StoreSettings | None = None
        self._store: Store | None = None
        self._parsed: dict[str, Record] = {}
        """Registry records read in this run, by id."""
        self.setup = self._setup()
        self.sources_ctx = hash_text("sources", code_key(), self.setup.home_tz)
        self._preloaded: dict[str, tuple[str, tuple[Any, ...]]] = {}
        self._new: list[tuple[str, str, str]] = []
        self.learnt: dict[str, tuple[str, tuple[Any, ...]]] = {}
        """What is known of every file read in this run, by digest: the next export's ``Memo``."""
        self.digests = set()
        self._registry_paths: dict[str, tuple[str, str, str]] = {}
        """Registry records by id: (label, relative path, digest); the first file of an id, as the store reads."""
        self._event_paths: dict[str, tuple[str, str]] = {}
        for record_id, label, path, digest in catalog.record_files():
            self.digests.add(digest)
            if label == "event":
                self._event_paths.setdefault(record_id, (path, digest))
            else:
                known = self._registry_paths.get(record_id)
                if known is None or LABELS.index(label) < LABELS.index(known[0]):
                    self._registry_paths[record_id] = (label, path, digest)
        for record_id in self._registry_paths:
            self._event_paths.pop(record_id, None)  # the store reads registries first: an event cannot take the id
        self.registry = {}
        self._refs: dict[str, EventRef] | None = None

    def prepare(self, known: dict[str, tuple[str, tuple[Any, ...]]] | None = None) -> None:
        self._preloaded = known or {}
        self.registry = {}
        for record_id, (label, path, digest) in sorted(
            self._registry_paths.items(), key=lambda item: (LABELS.index(item[1][0]), item[1][1])
        ):
            info = self._registry_info(label, path, digest)
            if info is not None and info.id == record_id:
                self.registry[record_id] = info

    # Settings, read once per change of the file. A cached Setup was made from settings found sound
    # (``settings`` raises otherwise), so these same bytes need not load the model to be checked again.

    def _setup(self) -> Setup:
        from planner.store.folders import SETTINGS_FILE

        try:
            raw = read_bounded(self.root / SETTINGS_FILE, SETTINGS_LIMIT, follow=True)
        except OSError:
            raw = b""  # refused by ``settings`` below, with the file's problem
        digest = file_digest(raw)
        ctx = hash_text("settings", code_key())
        found = self._cache.source(ctx, digest)
        if found is not None:
            key, es, en, lang, home = json.loads(found[1])
            return Setup(key, home, lang, es, en)
        setup = Setup.of(self.settings())
        self._cache.put_sources(
            ctx,
            [(digest, setup.key, dumps([setup.key, setup.org_es, setup.org_en, setup.default_lang, setup.home_tz]))],
        )
        return setup

    def settings(self) -> StoreSettings:
        if self._settings is None:
            from planner.store import sound_settings

            # Never the defaults: they would give every event another UID and ORGANIZER.
            self._settings = sound_settings(self.root)
        return self._settings

    # Records by file

    def _read(self, label: str, path: str) -> tuple[Record | None, str | None]:
        """The record in ``path`` (``None`` when it does not load) and the digest of the bytes read."""
        from planner.domain.event import Event
        from planner.domain.records import REGISTRIES
        from planner.store.codec import parse_record

        models: dict[str, type[Record]] = {model.label: model for model in REGISTRIES}
        models["event"] = Event
        full = self.root / path
        try:
            raw = read_bounded(full, RECORD_LIMIT)
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None, None
        record, _ = parse_record(models[label], text, full, {"home_tz": self.setup.home_tz})
        return record, file_digest(raw)

    def _known(self, digest: str) -> tuple[str, str] | None:
        """(record key, info JSON) of a file's bytes, from the cache."""
        return self._cache.source(self.sources_ctx, digest) if self.sources_ctx is not None else None

    def _registry_info(self, label: str, path: str, digest: str) -> RegistryInfo | None:
        preloaded = self._preloaded.get(digest)
        if preloaded is not None:
            info = RegistryInfo(*preloaded[1])
        else:
            found = self._known(digest)
            if found is not None:
                info = RegistryInfo.loads(found[1])
            else:
                record, digest_read = self._read(label, path)
                if record is None or digest_read is None:
                    return None
                self._parsed[record.id] = record
                info = RegistryInfo.of(record)
                self._remember(digest_read, info.key, info)
                return info
        self.learnt[digest] = (info.key, tuple(info))
        return info

    def _remember(self, digest: str, key: str, info: tuple[Any, ...]) -> None:
        self._new.append((digest, key, dumps(info)))
        self.learnt[digest] = (key, tuple(info))
        self.digests.add(digest)

    def _event_ref(self, path: str, digest: str) -> EventRef | None:
        preloaded = self._preloaded.get(digest)
        if preloaded is not None:
            self.learnt[digest] = preloaded
            return EventRef(preloaded[0], EventInfo(*preloaded[1]), path)
        found = self._known(digest)
        if found is not None:
            info = EventInfo.loads(found[1])
            self.learnt[digest] = (found[0], tuple(info))
            return EventRef(found[0], info, path)
        from planner.domain.event import Event

        record, digest_read = self._read("event", path)
        if not isinstance(record, Event) or digest_read is None:
            return None
        ref = EventRef(record_key(record), EventInfo.of(record), path, record)
        self._remember(digest_read, ref.key, ref.info)
        return ref

    def save_sources(self) -> None:
        """Keep what was learnt of the files read in this run."""
        if self._new and self.sources_ctx is not None:
            self._cache.put_sources(self.sources_ctx, self._new)
            self._new = []

    # Inputs

    def events(self) -> list[EventRef]:
        if self._refs is None:
            self._refs = {}
            for event_id, (path, digest) in sorted(self._event_paths.items(), key=lambda item: item[1][0]):
                ref = self._event_ref(path, digest)
                if ref is not None and ref.info.id == event_id:
                    self._refs[event_id] = ref
        return list(self._refs.values())

    def event(self, event_id: str) -> EventRef | None:
        if self._refs is not None:
            return self._refs.get(event_id)
        found = self._event_paths.get(event_id)
        ref = self._event_ref(*found) if found is not None else None
        return ref if ref is not None and ref.info.id == event_id else None

    def load(self, ref: EventRef) -> Event:
        from planner.domain.event import Event

        if ref.record is None:
            assert ref.path is not None
            record, _ = self._read("event", ref.path)
            if not isinstance(record, Event) or record_key(record) != ref.key:
                raise SourceChanged(self.root / ref.path)
            ref.record = record
        return ref.record

    def get(self, record_id: str) -> Record | None:
        """A registry record by id, read on first use (the renderer asks for a few per event)."""
        record = self._parsed.get(record_id)
        if record is None and record_id in self.registry:
            label, path, _ = self._registry_paths[record_id]
            record, _ = self._read(label, path)
            if (
                record is None
                or record.id != record_id
                or record_key(record, UNRENDERED) != self.registry[record_id].key
            ):
                raise SourceChanged(self.root / path)
            self._parsed[record_id] = record
        return record

    def records(self) -> _Lookup:
        return _Lookup(self.settings(), self.get)

    def store(self) -> Store:
        if self._store is None:
            from planner.store import Store

            self._store = Store.open(self.root, self._catalog)
        return self._store

    def has_errors(self) -> bool:
        return any(p.is_error for p in self._catalog.problems())


@dataclass(frozen=True)
class _Lookup:
    """``planner.calendar.vevent.Records`` over a folder: the settings, and records read on demand."""

    settings: StoreSettings
    get: Callable[[str], Record | None]
