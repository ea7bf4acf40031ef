"""``exports/``: the calendar feeds and invitation files, written by the CLI and the UI alike.

Before anything is written, each event's SEQUENCE is brought up to date: an
event whose file was edited by hand in a way that matters to calendars (its
stored fingerprint no longer matches) gets a higher SEQUENCE, saved through
the store, so that clients replace their copy.

An export then goes in three steps, each in its own module: every event's
entries are found where an earlier export kept them or rendered now
(``rendering``), every file to produce is planned with its content key
(``planning``), and the files whose bytes changed are written (``writing``).
:func:`export_ics` works from a loaded store; :func:`export_folder` (the
command) reads only the files whose bytes the cache does not know, through
the store's index (``sources``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from planner.calendar.cache import ExportCache
from planner.calendar.facts import EventInfo, EventRef
from planner.calendar.keys import code_key, hash_text, record_key
from planner.calendar.memo import Memo
from planner.calendar.planning import Request, plan_files
from planner.calendar.rendering import Rendering
from planner.calendar.result import ExportError, ExportResult
from planner.calendar.sources import FolderInputs, Inputs, SourceChanged, StoreInputs
from planner.calendar.writing import Writer, remove_stale
from planner.domain.errors import StoreError

if TYPE_CHECKING:
    from planner.domain.event import Event
    from planner.domain.text import Lang
    from planner.store import Store


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
        return saved, (f"{path}: its date, time, place or status changed by hand: SEQUENCE raised to {saved.sequence}")
    return saved, None


def export_ics(store: Store, out: Path, lang: Lang | None = None, event_id: str | None = None) -> ExportResult:
    """Write the feeds and invites of a loaded store under ``out`` (only ``event_id``'s invites when given).

    The records are taken as the store holds them (edits not saved yet
    included); renderings are kept and reused by their content.
    """
    return _with_cache(store.root, lambda cache: StoreInputs(store), out, lang, event_id)


def export_folder(root: Path, out: Path, lang: Lang | None = None, event_id: str | None = None) -> ExportResult:
    """Write the feeds and invites of the store at ``root``, reading only the files that changed since
    the last export (through the store's index). Raises ``StoreError`` when it is no usable store, and
    ``SettingsUnsound`` before anything is written when its settings file is not sound (``FolderInputs``
    asks ``planner.store.sound_settings``, unless the cache knows these very bytes as sound)."""
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
        return _run(inputs(cache), cache, out, lang, event_id)
    except sqlite3.DatabaseError as exc:
        # The cache is damaged, cannot be written (a full disk), or was pruned under this export by another
        # one: only a cache, so start it again and do the whole export without it. What was saved or
        # written stays right.
        cache.close()
        ExportCache.discard(root, exc)
        cache = ExportCache.in_memory()
        return _run(inputs(cache), cache, out, lang, event_id)
    finally:
        cache.close()


def _run(inputs: Inputs, cache: ExportCache, out: Path, lang: Lang | None, event_id: str | None) -> ExportResult:
    request = Request(out, lang, event_id, lang or inputs.setup.default_lang)
    result = ExportResult(out)
    render_ctx = hash_text("render", code_key(), inputs.setup.key)
    names = (*(f"pub:{each}" for each in request.langs), f"inv:{request.default}")
    memo: Memo | None = None
    if isinstance(inputs, FolderInputs) and event_id is None:
        memo = Memo.load(cache, hash_text("memo", inputs.sources_ctx or "", render_ctx, *names))
    inputs.prepare(memo.known if memo is not None else None)
    refs = [_sync(inputs, ref, result.notes) for ref in _events(inputs, event_id)]
    if isinstance(inputs, FolderInputs):
        inputs.save_sources()
    refs.sort(key=lambda r: (r.info.start_us, r.info.id))
    rendering = Rendering(inputs, cache, render_ctx, result)
    renders = rendering.run(refs, list(names), memo)
    plans = plan_files(request, inputs, rendering.exportable, rendering.variants, result.notes)
    Writer(cache, request, result, rendering.texts, rendering.variants, inputs.setup.home_tz).write(plans)
    if event_id is None and lang is None:
        result.removed_names = remove_stale(cache, out, set(plans))
    if event_id is None:
        pruned = cache.prune(inputs.sources_ctx, inputs.digests, render_ctx, {r.key for r in refs})
        if memo is not None and isinstance(inputs, FolderInputs):
            memo.dirty = memo.dirty or pruned
            memo.save(cache, inputs.learnt, renders)
    return result


def _events(inputs: Inputs, event_id: str | None) -> list[EventRef]:
    """The events to export (every one but drafts, or the one asked for)."""
    if event_id is None:
        return [ref for ref in inputs.events() if ref.info.status != "draft"]
    ref = inputs.event(event_id)
    if ref is None:
        hint = "; some files could not be loaded, see 'planner check'" if inputs.has_errors() else ""
        raise ExportError(f"no event with id {event_id!r} in {inputs.root}{hint}")
    if ref.info.status == "draft":
        raise ExportError(f"{event_id} is a draft, and drafts are never exported; set its status first")
    return [ref]


def _sync(inputs: Inputs, ref: EventRef, notes: list[str]) -> EventRef:
    """The event with its SEQUENCE up to date."""
    if not ref.info.needs_sync:
        return ref
    event, note = sync_sequence(inputs.store(), inputs.load(ref))
    if note:
        notes.append(note)
    return EventRef(record_key(event), EventInfo.of(event), None, event)
