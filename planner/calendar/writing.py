"""Writing ``exports/``: each planned file assembled from its entries' text, written when its bytes change.

A file whose content key and size and times are those recorded when it was
written is neither assembled nor read. Any other file is assembled from the
kept text and written, atomically, only when its bytes differ, so that an
unchanged store leaves ``exports/`` untouched and a web server never serves
half a file. A feed with one entry changed is made from its own previous
bytes and that entry (its layout says where each entry is), without reading
the thousands of others from the cache. A full export also removes the feeds
and invites it no longer produces, such as the feed of a person whose token
was replaced.
"""

from __future__ import annotations

import json
import marshal
import os
import sqlite3
from datetime import date
from functools import lru_cache
from pathlib import Path

from planner.calendar import lint
from planner.calendar.cache import SEP, ExportCache, Output
from planner.calendar.checks import head_faults, zone_faults
from planner.calendar.feeds import END, ZoneDays, assemble, header, zone_days
from planner.calendar.keys import code_key
from planner.calendar.planning import CALENDAR_FOLDER, FEED_PREFIXES, INVITES_FOLDER, Plan, Request
from planner.calendar.result import ExportResult
from planner.calendar.timezones import WINDOW, vtimezone
from planner.store.batch import Batch


class Writer:
    """Writes one export's planned files, from the blocks of its events."""

    def __init__(
        self,
        cache: ExportCache,
        request: Request,
        result: ExportResult,
        texts: dict[str, tuple[bytes, str]],
        variants: list[dict[str, str]],
        home_tz: str,
    ) -> None:
        self.cache = cache
        self.home_tz = home_tz
        """The store's home zone: the one component of a feed that lists no event."""
        self.out = request.out
        self.event_id = request.event_id
        self.result = result
        self.texts = texts
        """Blocks by digest, their UTF-8 text and zones (JSON): those rendered in this run, and those read
        from the cache on first use."""
        self.variants = variants
        """Each exportable event's blocks (``planner.calendar.cache.Render.variants``)."""

    def write(self, plans: dict[str, Plan]) -> None:
        """Write the planned files whose bytes changed; record what each file is, for the next export."""
        out_key = _out_key(self.out)
        known = self.cache.outputs(out_key)
        base = os.fspath(self.out)
        todo: list[tuple[str, Plan]] = []
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

    def _assemble(self, plan: Plan, old: bytes | None, layout: bytes | None) -> tuple[bytes, bytes | None, list[str]]:
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
        if not members:
            # RFC 5545 wants a component in every calendar: a feed with no event yet still carries its
            # home zone, so that its subscribers' URL keeps answering with a calendar strict readers accept.
            days = {self.home_tz: WINDOW}
        faults = list(head_faults(plan.method, plan.name, plan.description))
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
        faults = zone_faults(text)
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

    def _members(self, plan: Plan) -> list[str]:
        """The digests of a feed's entries, in order."""
        wanted = f"pub:{plan.lang}"
        return [digest for n in plan.events for digest in self.variants[n][wanted].split(SEP) if digest]


def remove_stale(cache: ExportCache, out: Path, keep: set[str]) -> list[str]:
    """Remove the feeds and invites under ``out`` that are not in ``keep`` (paths relative to ``out``),
    and forget them; return them, sorted."""
    stale = []
    for folder, ours in ((CALENDAR_FOLDER, FEED_PREFIXES), (INVITES_FOLDER, ("",))):
        try:
            with os.scandir(out / folder) as entries:
                names = [e.name for e in entries if e.name.endswith(".ics") and e.name.startswith(ours)]
        except OSError:
            continue
        stale += [f"{folder}/{name}" for name in names if f"{folder}/{name}" not in keep]
    for name in stale:
        (out / name).unlink(missing_ok=True)
    cache.put_outputs(_out_key(out), {}, {}, stale)
    return sorted(stale)


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
