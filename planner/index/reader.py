"""Reading changed files for the index: parse, validate, and reduce each record to what is indexed.

This is the only part of the index that imports the model, and only when a
file changed. Many files (a first run, a large ``git pull``) are read in a
process pool: parsing and validation are CPU-bound and the store's files are
independent of one another.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

from planner.domain.event import Event
from planner.domain.locate import line_of, top_key_line
from planner.domain.problems import Problem
from planner.domain.records import REGISTRIES, Record
from planner.domain.references import unresolved
from planner.index.indexed import Indexed
from planner.rules.query import event_rows
from planner.store.codec import parse_record
from planner.store.files import digest
from planner.store.reading import RECORD_LIMIT, problem_text, read_bounded

MODELS: dict[str, type[Record]] = {**{model.folder: model for model in REGISTRIES}, "events": Event}
POOL_THRESHOLD = 2000
"""Fewer files than this are read in this process: starting a pool costs more than it saves."""
CHUNK_MIN = 200
"""Files per task of the pool, at least: fewer, and sending tasks and results costs more than reading."""
CHUNK_MAX = 1000
"""Files per task, at most: each task's results wait in memory until the index takes them."""


def index_text(root: Path, path: str, kind: str, raw: bytes, home_tz: str) -> Indexed:
    """What the index keeps of one file's content."""
    full = root / path
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Indexed([], [], [], [Problem(full, line, "file", "is not UTF-8 text")])
    record, problems = parse_record(MODELS[kind], text, full, {"home_tz": home_tz})
    if record is None:
        return Indexed([], [], [], problems)
    names = [record.display_name("es"), record.display_name("en"), *sorted(record.names())]
    refs = [(list(loc), ref_kind, target) for loc, ref_kind, target in record.references()]
    rows = event_rows(record, full) if isinstance(record, Event) else []
    return Indexed([(record.id, record.label, names, top_key_line(text, "id"))], rows, refs, problems)


def _read_chunk(root: Path, items: list[tuple[str, str]], home_tz: str) -> list[tuple[str, str, Indexed]]:
    done = []
    for path, kind in items:
        try:
            raw = read_bounded(root / path, RECORD_LIMIT)
        except OSError as exc:
            problem = Problem(root / path, 0, "file", problem_text(exc))
            done.append((path, digest(b""), Indexed([], [], [], [problem])))
            continue
        done.append((path, digest(raw), index_text(root, path, kind, raw, home_tz)))
    return done


def read_many(
    root: Path, paths: Sequence[str], changed: dict[str, Any], home_tz: str, workers: int | None
) -> Iterator[tuple[str, str, Indexed]]:
    """(path, content digest, indexed) for each path, in order (``changed`` gives each path's folder kind)."""
    items = [(path, changed[path][0]) for path in paths]
    workers = workers if workers is not None else (os_cpu_count() if len(items) >= POOL_THRESHOLD else 1)
    if workers <= 1:
        yield from _read_chunk(root, items, home_tz)
        return
    size = min(max(CHUNK_MIN, len(items) // (workers * 8)), CHUNK_MAX)
    chunks = iter([items[n : n + size] for n in range(0, len(items), size)])
    with ProcessPoolExecutor(workers) as pool:
        # A few chunks in flight, not all: the pool reads faster than the index writes, and results of
        # 100,000 files waiting their turn took most of a gigabyte.
        pending: deque[Future[list[tuple[str, str, Indexed]]]] = deque(
            pool.submit(_read_chunk, root, chunk, home_tz) for chunk in islice(chunks, workers * 2)
        )
        while pending:
            done = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_read_chunk, root, following, home_tz))
            yield from done


def os_cpu_count() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def reference_problems(
    root: Path,
    path: str,
    refs: list[tuple[list[str | int], str, str]],
    labels: dict[str, set[str]],
    wanted: dict[str, set[str]],
) -> list[Problem]:
    """Problems for the references of one file that do not resolve; the file is read only if some fail."""
    failing = [
        (tuple(loc), message)
        for loc, kind, target in refs
        if (message := unresolved(kind, target, labels.get(target, set()))) is not None
    ]
    if not failing:
        return []
    try:
        text: str | None = read_bounded(root / path, RECORD_LIMIT).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    return [
        Problem(root / path, line_of(text, loc) if text else 0, ".".join(str(p) for p in loc), message)
        for loc, message in failing
    ]
