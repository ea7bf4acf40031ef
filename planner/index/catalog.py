"""The store's index: summary rows, names and problems in SQLite, kept in step with the TOML files.

The TOML files stay the only source of truth. Each command stats every file
and compares (modification and change times in ns, size, inode) with what the index saw;
a file whose modification time is too close to the moment it was indexed is
hashed again, because an edit within the same clock tick keeps all three (git's
"racy" rule). Only changed files are parsed. A missing, corrupt or
other-version index is rebuilt without a word; SQLite's locking and WAL
journal let the UI and a command use it at once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC
from pathlib import Path
from typing import Any

from planner.domain.problems import Problem
from planner.domain.rows import EventFilter, EventRow
from planner.index import rowjson
from planner.index.location import index_file
from planner.index.scan import Stat, scan
from planner.index.sqlite import immediate
from planner.index.unusable import in_memory, is_memory
from planner.store.files import digest
from planner.store.folders import SETTINGS_FILE
from planner.store.reading import RECORD_LIMIT, SETTINGS_LIMIT, read_bounded
from planner.store.settings_file import raw_settings

INDEX_SCHEMA = 2
"""Raised whenever the tables or the row payload change: an older index is rebuilt."""
RACY_NS = 2_000_000_000
"""A file modified less than this before it was indexed is hashed again next time."""

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, kind TEXT NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    inode INTEGER NOT NULL, digest TEXT NOT NULL, indexed_ns INTEGER NOT NULL, refs TEXT NOT NULL
);
CREATE TABLE records (
    id TEXT NOT NULL, path TEXT NOT NULL, label TEXT NOT NULL, names TEXT NOT NULL, line INTEGER NOT NULL
);
CREATE INDEX records_id ON records (id);
CREATE INDEX records_path ON records (path);
CREATE TABLE rows (
    path TEXT NOT NULL, id TEXT NOT NULL, start_day TEXT NOT NULL, end_day TEXT NOT NULL,
    start_utc TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, payload TEXT NOT NULL
);
CREATE INDEX rows_path ON rows (path);
CREATE INDEX rows_days ON rows (start_day, end_day);
CREATE INDEX rows_start ON rows (start_utc, id);
CREATE TABLE row_people (path TEXT NOT NULL, person TEXT NOT NULL);
CREATE INDEX row_people_person ON row_people (person);
CREATE INDEX row_people_path ON row_people (path);
CREATE TABLE row_munis (path TEXT NOT NULL, municipality TEXT NOT NULL);
CREATE INDEX row_munis_municipality ON row_munis (municipality);
CREATE INDEX row_munis_path ON row_munis (path);
CREATE TABLE problems (
    path TEXT NOT NULL, line INTEGER NOT NULL, field TEXT NOT NULL, message TEXT NOT NULL,
    severity TEXT NOT NULL, source TEXT NOT NULL
);
CREATE INDEX problems_path ON problems (path);
"""


class Catalog:
    """An open index over one store; ``refresh`` brings it in step with the files."""

    def __init__(self, root: Path, connection: sqlite3.Connection) -> None:
        self.root = root
        self._db = connection
        self.changed = 0
        """How many files the last refresh parsed."""
        self.removed = 0
        """How many files the last refresh found gone."""
        self.in_memory = is_memory(connection)
        """Whether the cache folder could not be used, so that this index lives (and dies) with the process."""

    # Opening

    @classmethod
    def open(cls, root: Path | str, refresh: bool = True) -> Catalog:
        """Open (or build) the index of the store at ``root``; ``StoreError`` if it is no usable store."""
        root = Path(root)
        raw_settings(root)
        catalog = cls(root, _open(index_file(root)))
        if refresh:
            catalog.refresh()
        return catalog

    def close(self) -> None:
        self._db.close()

    def is_warm(self) -> bool:
        """Whether the index was built by this version for these settings, so that it may answer at once
        while a refresh runs in the background (the UI's start)."""
        try:
            schema = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            settings = self._db.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
            files = self._db.execute("SELECT 1 FROM files LIMIT 1").fetchone()
        except sqlite3.DatabaseError:
            return False
        current = digest(_read(self.root / SETTINGS_FILE, settings=True) or b"")
        return schema == (str(INDEX_SCHEMA),) and settings == (current,) and files is not None

    # Keeping in step

    def refresh(self, workers: int | None = None) -> int:
        """Parse what changed since the last look; return how many files were parsed."""
        try:
            return self._refresh(workers)
        except sqlite3.DatabaseError:
            if self.in_memory:
                raise
        # A damaged index is only a cache: start it again from the files. One that cannot be written
        # (a full or read-only disk) is built in memory instead, and the command goes on.
        self._db.close()
        path = index_file(self.root)
        try:
            _remove(path)
            self._db = _connect(path)
        except (sqlite3.DatabaseError, OSError) as exc:
            return self._refresh_in_memory(path, exc, workers)
        try:
            return self._refresh(workers)
        except sqlite3.DatabaseError as exc:  # not an OSError: that would be the store's, not the cache's
            return self._refresh_in_memory(path, exc, workers)

    def _refresh_in_memory(self, path: Path, exc: BaseException, workers: int | None) -> int:
        self._db.close()
        self._db = in_memory(path.parent, exc)
        self.in_memory = True
        return self._refresh(workers)

    def _refresh(self, workers: int | None) -> int:
        now = time.time_ns()
        with self._write() as db:
            _ensure_schema(db)
            seen = scan(self.root)
            if self._settings_changed(db, seen):
                for table in _PER_FILE_TABLES:
                    db.execute(f"DELETE FROM {table}")
            # One pass over what the index saw, against the scan: at 100,000 files, a second dictionary of
            # what the index saw would cost more time and memory than the comparison itself.
            new = set(seen)
            new.discard(SETTINGS_FILE)
            changed: dict[str, tuple[str, Stat]] = {}
            gone: list[str] = []
            racy: list[str] = []
            registry_changed = False
            for path, kind, *stat, indexed_ns in db.execute(
                "SELECT path, kind, mtime_ns, ctime_ns, size, inode, indexed_ns FROM files"
            ):
                entry = seen.get(path)
                if entry is None:
                    gone.append(path)
                    registry_changed = registry_changed or kind != "events"
                    continue
                new.discard(path)
                if entry[0] != kind or entry[1] != tuple(stat):
                    changed[path] = entry
                elif stat[0] >= indexed_ns - RACY_NS:
                    racy.append(path)
            for path in new:
                changed[path] = seen[path]
            for path in racy:
                (old,) = db.execute("SELECT digest FROM files WHERE path = ?", (path,)).fetchone()
                data = _read(self.root / path)
                if data is None or digest(data) != old:
                    changed[path] = seen[path]  # read again by the indexer, not kept meanwhile
                else:
                    db.execute("UPDATE files SET indexed_ns = ? WHERE path = ?", (now, path))
            for path in [*gone, *changed]:
                _forget(db, path)
            registry_changed = registry_changed or any(kind != "events" for kind, _ in changed.values())
            self._index_files(db, changed, now, workers)
            if registry_changed or changed:
                self._check_references(db, None if registry_changed else set(changed))
            self.changed, self.removed = len(changed), len(gone)
            return len(changed)

    def _settings_changed(self, db: sqlite3.Connection, seen: dict[str, tuple[str, Stat]]) -> bool:
        """Settings (the home zone) shape every row: when they change, everything is indexed again."""
        data = _read(self.root / SETTINGS_FILE, settings=True) if SETTINGS_FILE in seen else b""
        current = digest(data or b"")
        old = db.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
        if old is not None and old[0] == current:
            return False
        db.execute("INSERT OR REPLACE INTO meta VALUES ('settings', ?)", (current,))
        return old is not None or db.execute("SELECT 1 FROM files LIMIT 1").fetchone() is not None

    def _index_files(
        self,
        db: sqlite3.Connection,
        changed: dict[str, tuple[str, Stat]],
        now: int,
        workers: int | None,
    ) -> None:
        if not changed:
            return
        from planner.index.reader import read_many

        home_tz = self.settings().get("home_tz", "America/Santiago")
        paths = sorted(changed)
        for path, content, indexed in read_many(self.root, paths, changed, str(home_tz), workers):
            kind, stat = changed[path]
            db.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, kind, *stat, content, now, json.dumps(indexed.refs, ensure_ascii=False)),
            )
            db.executemany(
                "INSERT INTO records VALUES (?, ?, ?, ?, ?)",
                [
                    (rid, path, label, json.dumps(names, ensure_ascii=False), line)
                    for rid, label, names, line in indexed.records
                ],
            )
            for row in indexed.rows:
                db.execute(
                    "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        path,
                        row.id,
                        row.start.date().isoformat(),
                        row.end.date().isoformat(),
                        row.start.astimezone(UTC).isoformat(),
                        row.kind,
                        row.status,
                        rowjson.dumps(_relative(row, self.root)),
                    ),
                )
            people = {p for row in indexed.rows for p in row.people}
            munis = {m for row in indexed.rows for m in (*row.municipalities, *([row.host] if row.host else []))}
            db.executemany("INSERT INTO row_people VALUES (?, ?)", [(path, p) for p in sorted(people)])
            db.executemany("INSERT INTO row_munis VALUES (?, ?)", [(path, m) for m in sorted(munis)])
            db.executemany(
                "INSERT INTO problems VALUES (?, ?, ?, ?, ?, 'file')",
                [(path, p.line, p.field, p.message, p.severity) for p in indexed.problems],
            )

    def _check_references(self, db: sqlite3.Connection, only: set[str] | None) -> None:
        """Record references that do not resolve, for ``only`` these files or for all of them."""
        wanted = {"host": {"municipality", "organization"}}
        labels: dict[str, set[str]] = {}
        files: Iterable[tuple[str, str]]
        if only is None:
            db.execute("DELETE FROM problems WHERE source = 'refs'")
            files = db.execute("SELECT path, refs FROM files")  # one at a time: 100,000 at once took 400 MB
        else:
            files = [
                (path, refs)
                for path in sorted(only)
                for (refs,) in db.execute("SELECT refs FROM files WHERE path = ?", (path,))
            ]
        rows: Iterable[tuple[str, str]]
        if only is not None and len(only) <= 50:
            # A few files changed (one saved event): look up only the ids they name, not the whole store's.
            targets = sorted({target for _, found in files for _, _, target in json.loads(found)})
            rows = db.execute(f"SELECT id, label FROM records WHERE id IN ({','.join('?' * len(targets))})", targets)
        else:
            rows = db.execute("SELECT id, label FROM records")
        for rid, label in rows:
            labels.setdefault(rid, set()).add(label)
        from planner.index.reader import reference_problems

        for path, found in files:
            refs = json.loads(found)
            if not refs:
                continue
            problems = reference_problems(self.root, path, refs, labels, wanted)
            db.executemany(
                "INSERT INTO problems VALUES (?, ?, ?, ?, 'error', 'refs')",
                [(path, p.line, p.field, p.message) for p in problems],
            )

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        return immediate(self._db)

    # Reading

    def settings(self) -> dict[str, Any]:
        """The settings file's raw values (defaults come from the model when it is loaded)."""
        return raw_settings(self.root)[0]

    def rows(self, wanted: EventFilter) -> list[EventRow]:
        """Rows that match, by start instant then id; dates are filtered in SQL, the rest in Python."""
        return list(self.iter_rows(wanted))

    def iter_rows(self, wanted: EventFilter) -> Iterator[EventRow]:
        """``rows`` one at a time, for a reader that keeps only part of each row (the UI at 100,000 events)."""
        sql = "SELECT payload FROM rows WHERE 1"
        params: list[Any] = []
        if wanted.first is not None:
            sql += " AND end_day >= ?"
            params.append(wanted.first.isoformat())
        if wanted.last is not None:
            sql += " AND start_day <= ?"
            params.append(wanted.last.isoformat())
        if wanted.kind is not None:
            sql += " AND kind = ?"
            params.append(wanted.kind)
        if wanted.status is not None:
            sql += " AND status = ?"
            params.append(wanted.status)
        if wanted.person is not None:
            sql += " AND path IN (SELECT path FROM row_people WHERE person = ?)"
            params.append(wanted.person)
        if wanted.municipality is not None:
            sql += " AND path IN (SELECT path FROM row_munis WHERE municipality = ?)"
            params.append(wanted.municipality)
        sql += " ORDER BY start_utc, id"
        rows = (rowjson.loads(payload, self.root) for (payload,) in self._db.execute(sql, params))
        return (row for row in rows if wanted.matches(row))

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM rows").fetchone()[0])

    def names(self) -> dict[str, tuple[str, list[str]]]:
        """Each record id's label and names (the first is its display name)."""
        return {
            rid: (label, json.loads(names))
            for rid, label, names in self._db.execute("SELECT id, label, names FROM records ORDER BY path")
        }

    def display_names(self, labels: set[str]) -> dict[str, tuple[str, str]]:
        """Display names (es, en) of the records with one of ``labels``; for an id used twice, the first file's."""
        marks = ",".join("?" * len(labels))
        found: dict[str, tuple[str, str]] = {}
        for rid, names in self._db.execute(
            f"SELECT id, names FROM records WHERE label IN ({marks}) ORDER BY path", sorted(labels)
        ):
            if rid not in found:
                both = json.loads(names)
                found[rid] = (str(both[0]), str(both[1] if len(both) > 1 else both[0]))
        return found

    def name_of(self, record_id: str, lang: str = "es") -> str:
        row = self._db.execute("SELECT names FROM records WHERE id = ? LIMIT 1", (record_id,)).fetchone()
        if row is None:
            return record_id
        names = json.loads(row[0])
        return str(names[1] if lang == "en" and len(names) > 1 else names[0])

    def resolve(self, labels: set[str], text: str) -> list[str]:
        """Ids of records with one of ``labels`` whose id is ``text`` or whose name matches, ignoring accents."""
        from planner.domain.ids import fold

        found = [rid for rid, label, _ in self._records(labels) if rid == text]
        if found:
            return found
        wanted = fold(text).strip()
        return [rid for rid, _, names in self._records(labels) if wanted in {fold(n) for n in names}]

    def _records(self, labels: set[str]) -> Iterator[tuple[str, str, list[str]]]:
        marks = ",".join("?" * len(labels))
        for rid, label, names in self._db.execute(
            f"SELECT id, label, names FROM records WHERE label IN ({marks}) ORDER BY path", sorted(labels)
        ):
            yield rid, label, json.loads(names)

    def paths(self, label: str) -> dict[str, Path]:
        """Ids of one kind of record and their files; for an id used twice, the first file by name."""
        found: dict[str, Path] = {}
        for rid, path in self._db.execute("SELECT id, path FROM records WHERE label = ? ORDER BY path", (label,)):
            found.setdefault(rid, self.root / path)
        return found

    def path_texts(self, label: str) -> dict[str, str]:
        """``paths`` as text, for callers that keep many and turn few into ``Path`` objects."""
        found: dict[str, str] = {}
        root = str(self.root)
        for rid, path in self._db.execute("SELECT id, path FROM records WHERE label = ? ORDER BY path", (label,)):
            found.setdefault(rid, os.path.join(root, path))
        return found

    def record_files(self) -> list[tuple[str, str, str, str]]:
        """(id, label, path relative to the store, SHA-256 of the file) of every record, by path, as of
        the last refresh: what a cache keyed by file content looks up without reading the files."""
        return self._db.execute(
            "SELECT records.id, records.label, records.path, files.digest FROM records"
            " JOIN files ON files.path = records.path ORDER BY records.path"
        ).fetchall()

    def path_of(self, record_id: str) -> Path | None:
        row = self._db.execute("SELECT path FROM records WHERE id = ? ORDER BY path LIMIT 1", (record_id,)).fetchone()
        return self.root / row[0] if row else None

    def problems(self) -> list[Problem]:
        """Problems of every file, including ids used twice, as of the last refresh."""
        found = [
            Problem(self.root / path, line, field, message, severity)
            for path, line, field, message, severity in self._db.execute(
                "SELECT path, line, field, message, severity FROM problems ORDER BY path, line"
            )
        ]
        duplicates = self._db.execute(
            "SELECT id, path, line FROM records WHERE id IN (SELECT id FROM records GROUP BY id HAVING count(*) > 1)"
            " ORDER BY id, path"
        ).fetchall()
        first: dict[str, str] = {}
        for rid, path, line in duplicates:
            if rid in first:
                message = f"{rid!r} is already the id of {self.root / first[rid]}"
                found.append(Problem(self.root / path, line, "id", message))
            else:
                first[rid] = path
        return sorted(found)


_PER_FILE_TABLES = ("files", "records", "rows", "row_people", "row_munis", "problems")


def _relative(row: EventRow, root: Path) -> EventRow:
    if row.path is None:
        return row
    try:
        return replace(row, path=row.path.relative_to(root))
    except ValueError:
        return row


def _open(path: Path) -> sqlite3.Connection:
    """The index at ``path``: a damaged one is removed and started again, and when the cache folder
    cannot be used at all, an empty index in memory takes its place (a warning says so)."""
    try:
        return _connect(path)
    except sqlite3.DatabaseError:
        pass
    except OSError as exc:
        return in_memory(path.parent, exc)
    try:
        _remove(path)
        return _connect(path)
    except (sqlite3.DatabaseError, OSError) as exc:
        return in_memory(path.parent, exc)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails fast on a file that is not a database
    return db


def _ensure_schema(db: sqlite3.Connection) -> None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError:
        row = None
    if row is not None and row[0] == str(INDEX_SCHEMA):
        return
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        db.execute(f'DROP TABLE IF EXISTS "{name}"')
    for statement in _TABLES.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(INDEX_SCHEMA),))


def _forget(db: sqlite3.Connection, path: str) -> None:
    for table in _PER_FILE_TABLES:
        db.execute(f"DELETE FROM {table} WHERE path = ?", (path,))


def _read(path: Path, settings: bool = False) -> bytes | None:
    """A file's bytes, bounded as the store reads it; ``None`` when it is not read (its problem is said when
    it is indexed, or when the settings are loaded). The settings file may be a link, records may not."""
    try:
        return read_bounded(path, SETTINGS_LIMIT if settings else RECORD_LIMIT, follow=settings)
    except OSError:
        return None


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
