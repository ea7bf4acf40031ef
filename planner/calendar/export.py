"""``exports/``: the calendar feeds and invitation files, written by the CLI and the UI alike.

Before anything is written, each event's SEQUENCE is brought up to date: an
event whose file was edited by hand in a way that matters to calendars (its
stored fingerprint no longer matches) gets a higher SEQUENCE, saved through
the store, so that clients replace their copy. A person named in an exported
event without a usable calendar token gets one, saved too: person feeds are
named by it, never by name.

**Rendered once.** Each event is rendered once per language, and the same
text is listed by the programme feed and by every municipality's and
person's feed that has it. The text is kept between exports
(``planner.calendar.cache``) under the event's content key, the settings and
the renderer's code, together with the keys of the registry records the
rendering consulted: an export after one change renders that event again
(and the events naming a person whose record changed), nothing else.
:func:`export_folder` (the command) goes further and reads only the files
whose bytes the cache does not know, through the store's index.

**Written when changed.** A file's content key is a hash of its header and
of the digests of the entries it lists, in order; a file whose key and size
and times are those recorded when it was written is neither assembled nor
read. Any other file is assembled from the kept text and written, atomically,
only when its bytes differ, so that an unchanged store leaves ``exports/``
untouched and a web server never serves half a file. A full export (both
languages, every event) also removes the feeds and invites it no longer
produces, such as the feed of a person whose token was replaced.

Every piece of a file is checked by the strict checks (``lint``) before it
is kept: each event's entries when rendered, each header and zone definition
when first used. A file is these pieces in a fixed frame, so checking them
is checking every file, at the cost of checking each piece once.
"""

from __future__ import annotations

import json
import marshal
import os
import secrets
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from planner.calendar import lint, safe
from planner.calendar.cache import CACHE_NAME, SEP, STEM, ExportCache, Output, Render, dumps
from planner.calendar.feeds import (
    END,
    Method,
    ZoneDays,
    assemble,
    header,
    municipality_names,
    person_names,
    programme_names,
    zone_days,
)
from planner.calendar.sources import (
    EventInfo,
    EventRef,
    FolderInputs,
    Inputs,
    RegistryInfo,
    SourceChanged,
    StoreInputs,
    code_key,
    hash_text,
    record_key,
)
from planner.calendar.timezones import vtimezone
from planner.domain.errors import StoreError
from planner.store.batch import Batch

if TYPE_CHECKING:
    from planner.calendar.vevent import CalendarObject, Renderer
    from planner.domain.event import Event
    from planner.domain.text import Lang
    from planner.store import Store

LANGS: tuple[Lang, ...] = ("es", "en")
"""``planner.domain.text.LANGS``, without importing the model: an export that finds everything kept imports
neither pydantic nor icalendar."""

CALENDAR_FOLDER = "calendar"
INVITES_FOLDER = "invites"
_OURS = ("programme.", "municipality-", "person-")
"""Name prefixes of the feeds this exporter writes in ``calendar/``; nothing else there is removed."""


class ExportError(ValueError):
    """The request cannot be met: an unknown event, or a draft."""


@dataclass
class ExportResult:
    """What an export did, for the CLI to print and the UI to show.

    Files are kept by name relative to ``out`` (an export can list tens of
    thousands); ``written``, ``unchanged``, ``removed`` and ``files`` give them
    as paths.
    """

    out: Path = field(default_factory=Path)
    written_names: list[str] = field(default_factory=list)
    """Files created or changed."""
    unchanged_names: list[str] = field(default_factory=list)
    """Files that already held exactly these bytes."""
    removed_names: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Sequences raised, tokens issued, events without an invitation."""
    refused: list[str] = field(default_factory=list)
    """Events that could not be exported, with the reason."""
    rendered: list[str] = field(default_factory=list)
    """Ids of the events rendered by this export; the others' entries were kept from an earlier one."""
    errors: int = 0
    """How many store files have errors (:func:`export_folder` only; a ``Store`` has its own)."""

    @property
    def written(self) -> list[Path]:
        return [self.out / name for name in self.written_names]

    @property
    def unchanged(self) -> list[Path]:
        return [self.out / name for name in self.unchanged_names]

    @property
    def removed(self) -> list[Path]:
        return [self.out / name for name in self.removed_names]

    @property
    def files(self) -> list[Path]:
        return [self.out / name for name, _ in self.listing()]

    def listing(self) -> list[tuple[str, bool]]:
        """Every file written or found unchanged, by name relative to ``out``, in path order, with True
        for those written."""
        return sorted([*((n, True) for n in self.written_names), *((n, False) for n in self.unchanged_names)])

    def path_text(self, name: str) -> str:
        """``str(out / name)``, without building a path for each of thousands of files."""
        base = os.fspath(self.out)
        return name if base == "." else f"{base.rstrip('/')}/{name}"


def sync_sequence(store: Store, event: Event) -> tuple[Event, str | None]:
    """The event with its SEQUENCE up to date (saved when it changed), and a note saying so.

    A file edited by hand keeps its old fingerprint: the mismatch raises the
    sequence. A file without a fingerprint of this version gets one, the
    sequence kept, so that the next hand edit is noticed.
    """
    from planner.domain.fingerprint import VERSION, hand_edited, with_sequence

    missing = event.calendar_fingerprint is None or not event.calendar_fingerprint.startswith(f"{VERSION}:")
    if not (missing or hand_edited(event)):
        return event, None
    updated = with_sequence(event, event)
    try:
        saved = store.save(updated)
    except StoreError as exc:
        return updated, f"{event.id}: SEQUENCE {updated.sequence} is not saved ({exc})"
    if saved.sequence > event.sequence:
        path = store.path_of(event.id)
        return saved, (
            f"{path}: its date, time, place or status changed by hand: SEQUENCE raised to {saved.sequence}"
        )
    return saved, None


def export_ics(store: Store, out: Path, lang: Lang | None = None, event_id: str | None = None) -> ExportResult:
    """Write the feeds and invites of a loaded store under ``out`` (only ``event_id``'s invites when given).

    The records are taken as the store holds them (edits not saved yet
    included); renderings are kept and reused by their content.
    """
    return _with_cache(store.root, lambda cache: StoreInputs(store), out, lang, event_id)


def export_folder(root: Path, out: Path, lang: Lang | None = None, event_id: str | None = None) -> ExportResult:
    """Write the feeds and invites of the store at ``root``, reading only the files that changed since
    the last export (through the store's index). Raises ``StoreError`` when it is no usable store."""
    from planner.index import Catalog

    root = Path(root)
    catalog = Catalog.open(root)
    try:
        for attempt in range(3):
            try:
                result = _with_cache(root, lambda cache: FolderInputs(root, catalog, cache), out, lang, event_id)
                break
            except SourceChanged:
                if attempt == 2:
                    raise
                catalog.refresh()  # someone is editing files: look again, and keep only what was read right
        result.errors = len({p.path for p in catalog.problems() if p.is_error})
        return result
    finally:
        catalog.close()


def _with_cache(
    root: Path, inputs: Callable[[ExportCache], Inputs], out: Path, lang: Lang | None, event_id: str | None
) -> ExportResult:
    cache = ExportCache.open(root)
    try:
        return _Export(inputs(cache), cache, out, lang, event_id).run()
    except sqlite3.DatabaseError:
        # The cache is damaged (or was pruned under this export by another one): only a cache, so
        # start it again and do the whole export without it. What was saved or written stays right.
        cache.close()
        from planner.index.location import index_file

        for suffix in ("", "-wal", "-shm"):
            Path(f"{index_file(root).with_name(CACHE_NAME)}{suffix}").unlink(missing_ok=True)
        cache = ExportCache.in_memory()
        return _Export(inputs(cache), cache, out, lang, event_id).run()
    finally:
        cache.close()


class _Plan(NamedTuple):
    """One file to produce: its content key, its header, and what it lists (``pub:<lang>`` blocks of
    the events at ``events``, or one invitation block)."""

    key: str
    method: Method
    name: str | None
    description: str | None
    events: Sequence[int] = ()
    """Indexes into the exportable events."""
    lang: Lang = "es"
    block: str | None = None
    """An invitation's one block."""


class _Export:
    def __init__(self, inputs: Inputs, cache: ExportCache, out: Path, lang: Lang | None, event_id: str | None):
        self.inputs = inputs
        self.cache = cache
        self.out = out
        self.lang = lang
        self.event_id = event_id
        self.langs: tuple[Lang, ...] = (lang,) if lang else LANGS
        self.default: Lang = lang or inputs.setup.default_lang
        self.result = ExportResult(out)
        self.render_ctx = hash_text("render", code_key(), inputs.setup.key)
        self.exportable: list[EventRef] = []
        self.variants: list[dict[str, str]] = []
        """Each exportable event's blocks (``planner.calendar.cache.Render.variants``)."""
        self.texts: dict[str, tuple[bytes, str]] = {}
        """Blocks rendered or read in this run, by digest: their UTF-8 text and zones (JSON)."""
        self._renderers: dict[Lang, Renderer] = {}

    def run(self) -> ExportResult:
        names = (*(f"pub:{each}" for each in self.langs), f"inv:{self.default}")
        memo: _Memo | None = None
        if isinstance(self.inputs, FolderInputs) and self.event_id is None:
            memo = _Memo.load(self.cache, hash_text("memo", self.inputs.sources_ctx or "", self.render_ctx, *names))
        self.inputs.prepare(memo.known if memo is not None else None)
        refs = self._events()
        refs = [self._sync(ref) for ref in refs]
        if isinstance(self.inputs, FolderInputs):
            self.inputs.save_sources()
        refs.sort(key=lambda r: (r.info.start_us, r.info.id))
        renders = self._render(refs, list(names), memo)
        plans = self._plans()
        self._write(plans)
        if self.event_id is None and self.lang is None:
            self.result.removed_names = _remove_stale(self.out, set(plans))
            self.cache.put_outputs(_out_key(self.out), {}, {}, self.result.removed_names)
        if self.event_id is None:
            pruned = self.cache.prune(
                self.inputs.sources_ctx, self.inputs.digests, self.render_ctx, {r.key for r in refs}
            )
            if memo is not None and isinstance(self.inputs, FolderInputs):
                memo.dirty = memo.dirty or pruned
                memo.save(self.cache, self.inputs.learnt, renders)
        return self.result

    # Which events, with their SEQUENCE up to date

    def _events(self) -> list[EventRef]:
        if self.event_id is None:
            return [ref for ref in self.inputs.events() if ref.info.status != "draft"]
        ref = self.inputs.event(self.event_id)
        if ref is None:
            hint = "; some files could not be loaded, see 'planner check'" if self.inputs.has_errors() else ""
            raise ExportError(f"no event with id {self.event_id!r} in {self.inputs.root}{hint}")
        if ref.info.status == "draft":
            raise ExportError(f"{self.event_id} is a draft, and drafts are never exported; set its status first")
        return [ref]

    def _sync(self, ref: EventRef) -> EventRef:
        if not ref.info.needs_sync:
            return ref
        event, note = sync_sequence(self.inputs.store(), self.inputs.load(ref))
        if note:
            self.result.notes.append(note)
        return EventRef(record_key(event), EventInfo.of(event), None, event)

    # Rendering what is not kept

    def _render(self, refs: list[EventRef], names: list[str], memo: _Memo | None) -> dict[str, Render]:
        """Find or render every event's entries; keep the events that can be exported, in order.
        Return every event's renderings, by record key."""
        keys = {record_id: info.key for record_id, info in self.inputs.registry.items()}
        state = hash_text("registries", *sorted(f"{i}={k}" for i, k in keys.items()))
        remembered = memo.renders if memo is not None and memo.state == state else {}
        if memo is not None and memo.state != state:
            memo.dirty = True
        used: dict[str, Render] = {}
        fresh: dict[str, Render] = {}
        blocks: dict[str, tuple[str, str]] = {}
        confirmed: list[str] = []
        for ref in refs:
            render = fresh.get(ref.key)
            if render is None:
                found = remembered.get(ref.key)
                if found is not None and (found[0] is not None or all(n in found[1] for n in names)):
                    render = Render(state, "{}", found[0], found[1])  # whole: its dependencies are not needed
                else:
                    render = self.cache.render(self.render_ctx, ref.key)
            if render is not None and render.state != state:
                if _current(render.deps, keys):
                    render.state = state
                    confirmed.append(ref.key)
                else:
                    render = None
            if render is None or (render.refused is None and any(n not in render.variants for n in names)):
                render = self._render_one(ref, names, render, keys, state, blocks)
                fresh[ref.key] = render
                self.result.rendered.append(ref.info.id)
            used[ref.key] = render
            if render.refused is not None:
                self.result.refused.append(render.refused)
                continue
            self.exportable.append(ref)
            self.variants.append(render.variants)
        if fresh or confirmed:
            self.cache.put_renders(self.render_ctx, fresh, blocks, confirmed, state)
        if memo is not None:
            memo.state = state
        return used

    def _renderer(self, lang: Lang) -> Renderer:
        if lang not in self._renderers:
            from planner.calendar.vevent import Renderer

            self._renderers[lang] = Renderer(self.inputs.records(), lang)
        return self._renderers[lang]

    def _render_one(
        self, ref: EventRef, names: list[str], previous: Render | None, keys: dict[str, str], state: str,
        blocks: dict[str, tuple[str, str]],
    ) -> Render:
        from planner.calendar.vevent import Unexportable

        event = self.inputs.load(ref)
        variants = dict(previous.variants) if previous is not None else {}
        consulted: set[str] = set(json.loads(previous.deps)) if previous is not None else set()
        refused: str | None = None
        for name in names:
            if name in variants:
                continue
            kind, _, lang = name.partition(":")
            renderer = self._renderer(lang)  # type: ignore[arg-type]
            renderer.consulted.clear()
            try:
                if kind == "pub":
                    objects: Sequence[CalendarObject] = renderer.published(event)
                else:
                    objects = [o for o in renderer.invitation(event) if o.attendees]
            except Unexportable as exc:
                refused = str(exc)
            consulted |= renderer.consulted
            if refused is None and kind == "pub":
                faults = _entry_faults(objects)
                if faults:
                    refused = f"{event.id}: {'; '.join(faults[:3])}"
            if refused is not None:
                break
            kept = [self._keep(o, blocks) for o in objects]
            if kind == "inv":
                kept = [f"{o.stem}{STEM}{digest}" for o, digest in zip(objects, kept, strict=True)]
            variants[name] = SEP.join(kept)
        deps = {record_id: keys.get(record_id, "-") for record_id in sorted(consulted)}
        return Render(state, dumps(deps), refused, {} if refused is not None else variants)

    def _keep(self, calendar_object: CalendarObject, blocks: dict[str, tuple[str, str]]) -> str:
        from planner.calendar.feeds import object_zone_days

        zones = object_zone_days(calendar_object)
        zones_json = dumps(sorted([tz, first.isoformat(), last.isoformat()] for tz, (first, last) in zones.items()))
        digest = hash_text("block", calendar_object.text, zones_json)
        blocks[digest] = (calendar_object.text, zones_json)
        self.texts[digest] = (calendar_object.text.encode("utf-8"), zones_json)
        return digest

    # Which files, with what

    def _plans(self) -> dict[str, _Plan]:
        """Every file to write, by path relative to ``out``."""
        plans: dict[str, _Plan] = {}
        org = self.inputs.setup.org
        if self.event_id is None:
            listed = {each: [v[f"pub:{each}"] for v in self.variants] for each in self.langs}
            """Each event's blocks in each language, joined: what a feed's key is made of."""
            everyone = range(len(self.exportable))
            for each in self.langs:
                plans[f"{CALENDAR_FOLDER}/programme.{each}.ics"] = self._feed(
                    *programme_names(org(each), each), everyone, each, listed
                )
            by_place: defaultdict[str, list[int]] = defaultdict(list)
            by_person: defaultdict[str, list[int]] = defaultdict(list)
            for n, ref in enumerate(self.exportable):
                info = ref.info
                if info.places:
                    for place in info.places.split(SEP):
                        by_place[place].append(n)
                if info.people:
                    for person_id in info.people.split(SEP):
                        by_person[person_id].append(n)
            for municipality in self.inputs.municipalities():
                name = f"{CALENDAR_FOLDER}/municipality-{safe.stem(municipality.id)}.ics"
                plans[name] = self._feed(
                    *municipality_names(org(self.default), self.default, municipality.name),
                    by_place.get(municipality.id, []), self.default, listed,
                )
            for person in self._feed_people(by_person):
                reader: Lang = self.lang or person.lang or self.inputs.setup.default_lang
                plans[f"{CALENDAR_FOLDER}/person-{person.token}.ics"] = self._feed(
                    *person_names(org(reader), reader, person.name), by_person.get(person.id, []), reader, listed
                )
        head = hash_text("invite", code_key(), self.inputs.setup.key)
        for ref, variants in zip(self.exportable, self.variants, strict=True):
            found = variants[f"inv:{self.default}"]
            if not found:
                self.result.notes.append(_no_invite(ref.info))
                continue
            method: Method = "CANCEL" if ref.info.status == "cancelled" else "REQUEST"
            for item in found.split(SEP):
                stem, _, digest = item.partition(STEM)
                plans[f"{INVITES_FOLDER}/{stem}.ics"] = _Plan(f"{head}:{method}:{digest}", method, None, None,
                                                              block=digest)
        return plans

    def _feed(
        self, name: str, description: str, events: Sequence[int], lang: Lang, listed: dict[Lang, list[str]]
    ) -> _Plan:
        joined = listed[lang]
        key = hash_text("feed", code_key(), self.inputs.setup.key, name, description,
                        "\x01".join([joined[n] for n in events]))
        return _Plan(key, "PUBLISH", name, description, events, lang)

    def _members(self, plan: _Plan) -> list[str]:
        if plan.block is not None:
            return [plan.block]
        wanted = f"pub:{plan.lang}"
        return [digest for n in plan.events for digest in self.variants[n][wanted].split(SEP) if digest]

    def _feed_people(self, named: dict[str, list[int]]) -> list[RegistryInfo]:
        """Everyone ``named`` in an exported event, and everyone who already has a feed, each with a usable token."""
        people = []
        for person in list(self.inputs.people()):
            has_feed = safe.token_ok(person.token)
            if person.id not in named and not has_feed:
                continue
            if not has_feed:
                from planner.domain.records import Person

                what = "replaced an unusable calendar token" if person.token else "new calendar feed"
                token = secrets.token_urlsafe(24)
                store = self.inputs.store()
                record = store.get(person.id)
                if not isinstance(record, Person):
                    continue
                try:
                    store.save(record.model_copy(update={"calendar_token": token}))
                except StoreError as exc:
                    self.result.notes.append(
                        f"{person.id}: no feed, the new calendar token could not be saved ({exc})"
                    )
                    continue
                self.result.notes.append(f"{person.id}: {what}: calendar/person-{token}.ics")
                person = self.inputs.issued(person, token)
            people.append(person)
        return people

    # Writing what changed

    def _write(self, plans: dict[str, _Plan]) -> None:
        out_key = _out_key(self.out)
        known = self.cache.outputs(out_key)
        base = os.fspath(self.out)
        todo: list[tuple[str, _Plan]] = []
        unchanged = self.result.unchanged_names
        for name, plan in plans.items():
            recorded = known.get(name)
            if recorded is not None and recorded[0] == plan.key and _same_file(f"{base}/{name}", recorded):
                unchanged.append(name)
            else:
                todo.append((name, plan))
        todo.sort(key=lambda item: item[0])
        layouts = self.cache.layouts(out_key, [name for name, plan in todo if plan.block is None])
        outputs: dict[str, Output] = {}
        new_layouts: dict[str, bytes] = {}
        ready: list[tuple[str, str]] = []
        with Batch(len(todo)) as batch:
            for name, plan in todo:
                path = self.out / name
                old = _previous(path, known.get(name)) if name in layouts else None
                data, layout, faults = self._assemble(plan, old, layouts.get(name))
                if not faults and self.event_id is not None and plan.block is not None:
                    faults = lint.problems(data, deep=False)
                if faults:
                    # A file a strict client would refuse is not published at all; the message names the fault.
                    self.result.refused.append(f"{path}: {'; '.join(faults[:3])}")
                    continue
                changed = batch.stage(path, data, old)
                (self.result.written_names if changed else self.result.unchanged_names).append(name)
                ready.append((name, plan.key))
                if layout is not None:
                    new_layouts[name] = layout
            batch.commit()
        for name, key in ready:
            info = os.stat(f"{base}/{name}")
            outputs[name] = Output(key, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if outputs:
            self.cache.put_outputs(out_key, outputs, new_layouts, [])
        self.result.written_names.sort()
        self.result.unchanged_names.sort()

    def _assemble(
        self, plan: _Plan, old: bytes | None, layout: bytes | None
    ) -> tuple[bytes, bytes | None, list[str]]:
        """The file's bytes, its layout (feeds) and the faults of its frame.

        Entries the previous file already holds are copied from its bytes
        (``old``, as recorded in ``layout``); the others come from this run's
        renderings or from the cache.
        """
        members = [plan.block] if plan.block is not None else self._members(plan)
        spans: dict[str, tuple[int, int, str]] = {}
        if old is not None and layout is not None:
            spans = _spans(old, layout)
        self._fetch({digest for digest in members if digest not in spans})
        parts: list[bytes] = []
        signatures: dict[str, int] = {}
        entries: list[tuple[str, int, int]] = []
        for digest in members:
            span = spans.get(digest)
            if span is not None:
                start, length, zones = span
                parts.append(old[start : start + length])  # type: ignore[index]
            else:
                data, zones = self.texts[digest]
                parts.append(data)
                length = len(data)
            entries.append((digest, length, signatures.setdefault(zones, len(signatures))))
        days = zone_days(use for zones in signatures for use in _zone_days(zones).items())
        faults = list(_head_faults(plan.method, plan.name, plan.description))
        definitions: dict[str, str] = {}
        for tz, (first, last) in days.items():
            definitions[tz], problems = self._zone(tz, first, last)
            faults += problems
        prefix = assemble(header(plan.method, plan.name, plan.description), definitions, ())[: -len(END)]
        head = prefix.encode("utf-8")
        data = b"".join([head, *parts, _END])
        if plan.block is not None:
            return data, None, faults
        return data, marshal.dumps((len(head), list(signatures), entries)), faults

    def _zone(self, tz: str, first: date, last: date) -> tuple[str, list[str]]:
        """The VTIMEZONE of ``tz`` for these days and its faults; kept between runs once it passes."""
        key = f"{code_key()}:{tz}:{first}:{last}"
        text = self.cache.zone(key)
        if text is not None:
            return text, []
        text = vtimezone(tz, first, last)
        faults = lint.problems((_LINT_HEAD + text + END).encode("utf-8"), deep=False)
        if not faults:
            self.cache.put_zone(key, text)
        return text, faults

    def _fetch(self, digests: set[str]) -> None:
        texts = self.texts
        wanted = {digest for digest in digests if digest not in texts}  # not ``- texts.keys()``: it copies the keys
        if not wanted:
            return
        found = self.cache.blocks(wanted)
        if len(found) < len(wanted):
            raise sqlite3.DatabaseError("kept entries are missing from the export cache")
        for digest, (text, zones_json) in found.items():
            self.texts[digest] = (text.encode("utf-8"), zones_json)


class _Memo:
    """What the last full exports learnt of every file and every event, read and written in one piece.

    ``known``: ``{file digest: (record key, info tuple)}``; ``renders``:
    ``{record key: (refusal, variants)}``, all current under the registries'
    ``state``. It repeats rows of the cache's tables (as few objects as can be:
    strings rather than lists), so that an export after one change reads one
    blob instead of tens of thousands of rows; what an export adds is kept
    beside it (a few rows), until there are many.
    """

    MAX_ADDS = 2000

    def __init__(self, ctx: str, data: bytes | None, adds: list[tuple[str, bytes]]) -> None:
        self.ctx = ctx
        self.known: dict[str, tuple[str, tuple[Any, ...]]] = {}
        self.renders: dict[str, tuple[str | None, dict[str, str]]] = {}
        self.state = ""
        self.dirty = data is None
        """The memo must be written whole (none yet, the registries changed, the cache was pruned)."""
        self.adds = len(adds)
        if data is not None:
            try:
                self.state, self.known, self.renders = marshal.loads(data)
                for key, value in adds:
                    if key.startswith("k:"):
                        self.known[key[2:]] = marshal.loads(value)
                    else:
                        self.renders[key[2:]] = marshal.loads(value)
            except (ValueError, EOFError, TypeError):
                self.known, self.renders, self.dirty = {}, {}, True

    @classmethod
    def load(cls, cache: ExportCache, ctx: str) -> _Memo:
        return cls(ctx, *cache.memo(ctx))

    def save(
        self, cache: ExportCache, known: dict[str, tuple[str, tuple[Any, ...]]], renders: dict[str, Render]
    ) -> None:
        adds = [(f"k:{digest}", marshal.dumps(value)) for digest, value in known.items() if digest not in self.known]
        adds += [(f"r:{key}", marshal.dumps((r.refused, r.variants))) for key, r in renders.items()
                 if key not in self.renders]
        if self.dirty or self.adds + len(adds) > self.MAX_ADDS:
            kept = {key: (r.refused, r.variants) for key, r in renders.items()}
            cache.put_memo(self.ctx, marshal.dumps((self.state, known, kept)))
        elif adds:
            cache.add_to_memo(self.ctx, adds)


# Checks: each piece once


_LINT_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//planner//lint//EN\r\nMETHOD:PUBLISH\r\n"


def _entry_faults(objects: Sequence[CalendarObject]) -> list[str]:
    """An event's entries in a frame of their own, with a stand-in definition of each zone they use
    (the real ones are checked apart, once: :func:`_zone_faults`)."""
    zones = sorted({use.tz for o in objects for use in o.zones})
    stubs = "".join(f"BEGIN:VTIMEZONE\r\nTZID:{tz}\r\nEND:VTIMEZONE\r\n" for tz in zones)
    text = _LINT_HEAD + stubs + "".join(o.text for o in objects) + END
    return lint.problems(text.encode("utf-8"), deep=False)


_STAND_IN = (
    "BEGIN:VEVENT\r\nUID:stand-in\r\nDTSTAMP:20000101T000000Z\r\nDTSTART:20000101T000000Z\r\n"
    "ORGANIZER:mailto:stand-in@example.org\r\nEND:VEVENT\r\n"
)
"""An entry that meets every rule about a file's entries (one UID, an ORGANIZER), so that checking a
header alone reports only the header's faults."""


@lru_cache(maxsize=4096)
def _head_faults(method: Method, name: str | None, description: str | None) -> tuple[str, ...]:
    text = header(method, name, description) + _STAND_IN + END
    return tuple(lint.problems(text.encode("utf-8"), deep=False))


def _current(deps: str, keys: dict[str, str]) -> bool:
    """Whether every registry record a rendering consulted is still as it was."""
    return all(keys.get(record_id, "-") == key for record_id, key in json.loads(deps).items())


def _no_invite(info: EventInfo) -> str:
    if not info.invited:
        return f"{info.id}: no invite written: nobody is invited"
    return f"{info.id}: no invite written: none of the {info.invited} invited people has an e-mail address"


# Files


def _out_key(out: Path) -> str:
    return str(out.resolve())


_END = END.encode("ascii")


@lru_cache(maxsize=256)
def _zone_days(zones_json: str) -> ZoneDays:
    return {tz: (date.fromisoformat(first), date.fromisoformat(last)) for tz, first, last in json.loads(zones_json)}


def _previous(path: Path, recorded: tuple[str, int, int, int] | None) -> bytes | None:
    """The file's bytes, when it is still exactly what was written (its layout then describes it)."""
    if recorded is None or not _same_file(os.fspath(path), recorded):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if len(data) == recorded[1] else None


def _spans(old: bytes, layout: bytes) -> dict[str, tuple[int, int, str]]:
    """Where each entry is in the previous file: ``{digest: (start, length, zones JSON)}``; none when
    the layout does not describe the bytes. A layout is ``(prefix length, [zones JSON], [(digest,
    length, zones index)])``."""
    try:
        position, zones, members = marshal.loads(layout)
    except (ValueError, EOFError, TypeError):
        return {}
    spans: dict[str, tuple[int, int, str]] = {}
    for digest, length, signature in members:
        spans.setdefault(digest, (position, length, zones[signature]))
        position += length
    return spans if position + len(_END) == len(old) and old.endswith(_END) else {}


def _same_file(path: str, recorded: tuple[str, int, int, int]) -> bool:
    """Whether the file still has the size and times recorded when it was written."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return info.st_size == recorded[1] and info.st_mtime_ns == recorded[2] and info.st_ctime_ns == recorded[3]


def _remove_stale(out: Path, keep: set[str]) -> list[str]:
    """Remove the feeds and invites under ``out`` that are not in ``keep`` (paths relative to ``out``)."""
    stale = []
    for folder, ours in ((CALENDAR_FOLDER, _OURS), (INVITES_FOLDER, ("",))):
        try:
            with os.scandir(out / folder) as entries:
                names = [e.name for e in entries if e.name.endswith(".ics") and e.name.startswith(ours)]
        except OSError:
            continue
        stale += [f"{folder}/{name}" for name in names if f"{folder}/{name}" not in keep]
    for name in stale:
        (out / name).unlink(missing_ok=True)
    return sorted(stale)
