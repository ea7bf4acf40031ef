"""What the exporter keeps between runs, in SQLite next to the store's index (never in the store).

Four tables, each keyed by content, so that nothing in them can go stale in
a way that changes an export; at worst a row is not found and the work is
done again:

- ``sources``: for a file's bytes (its SHA-256, as the index has it) read
  under a parsing context, the record's key and the facts the exporter needs
  without reading the file again (an event's status, start, people and
  places; a person's name, language and feed token);
- ``renders``: for an event's record key under a rendering context (the
  settings and the renderer's code), its rendered blocks in each language
  and its invitations, the registry records the rendering consulted with
  their keys, and the refusal reason when it cannot be exported;
- ``blocks``: the text of each rendered calendar object, by its digest, with
  the zones and days its VTIMEZONE must cover;
- ``outputs``: for each file the exporter wrote, the key of its content and
  the size and times it had, so that an unchanged file is not assembled again,
  and (``layouts``) where each entry is in a feed, so that a feed with one
  entry changed is made from its own bytes and that entry, without reading
  the thousands of others from the cache;
- ``zones``: VTIMEZONE definitions, which take a tenth of a second per zone
  to work out from the zone data (the key covers the zone data's version);
- ``memos``: the last full export's ``sources`` and ``renders`` of every
  file in one ``marshal`` blob, read at once instead of row by row (rows
  stay the reference: a memo only repeats them).

A missing, corrupt or other-version cache file is started again without a
word; when none can be made or written, an in-memory one serves the run and
one warning line says so (``planner.index.unusable``).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from planner.index.sqlite import immediate
from planner.index.unusable import warn

CACHE_SCHEMA = 6
CACHE_NAME = "export.sqlite"

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    digest TEXT NOT NULL, ctx TEXT NOT NULL, record TEXT NOT NULL, info TEXT NOT NULL,
    PRIMARY KEY (digest, ctx)
) WITHOUT ROWID;
CREATE TABLE renders (
    record TEXT NOT NULL, ctx TEXT NOT NULL, state TEXT NOT NULL, deps TEXT NOT NULL,
    refused TEXT, variants TEXT NOT NULL,
    PRIMARY KEY (record, ctx)
) WITHOUT ROWID;
CREATE TABLE blocks (digest TEXT PRIMARY KEY, text TEXT NOT NULL, zones TEXT NOT NULL);
CREATE TABLE zones (key TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE memos (ctx TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE memo_adds (ctx TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (ctx, key))
    WITHOUT ROWID;
CREATE TABLE layouts (
    out TEXT NOT NULL, path TEXT NOT NULL, layout BLOB NOT NULL, PRIMARY KEY (out, path)
) WITHOUT ROWID;
CREATE TABLE outputs (
    out TEXT NOT NULL, path TEXT NOT NULL, key TEXT NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
    PRIMARY KEY (out, path)
) WITHOUT ROWID;
"""


@dataclass
class Render:
    """One event's renderings under one context."""

    state: str
    """The registries' state when ``deps`` were last found current."""
    deps: str
    """JSON: ``{record id: record key or "-"}`` of every registry record the rendering consulted."""
    refused: str | None
    variants: dict[str, str]
    """``pub:<lang>``: the digests of the event's blocks, joined by :data:`SEP`; ``inv:<lang>``: its
    invitations' ``<file stem><STEM><digest>``, joined by :data:`SEP` (strings, not lists: thousands
    are read at once)."""


class Output(NamedTuple):
    """What was recorded of a file written: its content key, and its size and times just after."""

    key: str
    size: int
    mtime_ns: int
    ctime_ns: int


SEP = "\x00"
STEM = "\x01"


def encode_variants(variants: dict[str, str]) -> str:
    return dumps(variants)


def decode_variants(text: str) -> dict[str, str]:
    found: dict[str, str] = json.loads(text)
    return found


class ExportCache:
    """The exporter's tables for one store."""

    def __init__(self, connection: sqlite3.Connection, unusable: tuple[Path, BaseException] | None = None) -> None:
        self._db = connection
        if unusable is not None:
            warn(*unusable)

    @classmethod
    def open(cls, root: Path) -> ExportCache:
        """The cache of the store at ``root``, next to its index; an in-memory one if it cannot be used."""
        path = _cache_file(root)
        for attempt in range(2):
            try:
                if attempt == 1:
                    _remove(path)
                return cls(_connect(path))
            except (sqlite3.DatabaseError, OSError) as exc:
                if attempt == 1:
                    return cls(_connect(None), unusable=(path.parent, exc))
        raise AssertionError("unreachable")

    @staticmethod
    def discard(root: Path, exc: BaseException) -> None:
        """Remove the cache file of the store at ``root`` after ``exc`` (a damaged one: the next export starts it
        again); when the cache could not be written or cannot be removed, say that it is not used."""
        path = _cache_file(root)
        if isinstance(exc, sqlite3.OperationalError):
            warn(path.parent, exc)  # a full or read-only disk, not a damaged file
        try:
            _remove(path)
        except OSError as again:
            warn(path.parent, again)

    @classmethod
    def in_memory(cls) -> ExportCache:
        return cls(_connect(None))

    def close(self) -> None:
        self._db.close()

    def writing(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One transaction; a second process waits for it instead of failing midway."""
        return immediate(self._db)

    # Sources

    def source(self, ctx: str, digest: str) -> tuple[str, str] | None:
        """(record key, info JSON) of a file's bytes under ``ctx``."""
        row = self._db.execute(
            "SELECT record, info FROM sources WHERE digest = ? AND ctx = ?", (digest, ctx)
        ).fetchone()
        return (str(row[0]), str(row[1])) if row is not None else None

    def put_sources(self, ctx: str, rows: Iterable[tuple[str, str, str]]) -> None:
        """(file digest, record key, info JSON) rows."""
        with self.writing() as db:
            db.executemany(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)",
                [(digest, ctx, record, info) for digest, record, info in rows],
            )

    # Renders

    def render(self, ctx: str, record: str) -> Render | None:
        row = self._db.execute(
            "SELECT state, deps, refused, variants FROM renders WHERE record = ? AND ctx = ?", (record, ctx)
        ).fetchone()
        return Render(row[0], row[1], row[2], decode_variants(row[3])) if row is not None else None

    # What the last export learnt, in one piece

    def memo(self, ctx: str) -> tuple[bytes | None, list[tuple[str, bytes]]]:
        """The memo of ``ctx`` and what was added to it since, by key."""
        row = self._db.execute("SELECT data FROM memos WHERE ctx = ?", (ctx,)).fetchone()
        if row is None:
            return None, []
        adds = self._db.execute("SELECT key, data FROM memo_adds WHERE ctx = ?", (ctx,)).fetchall()
        return bytes(row[0]), [(str(key), bytes(data)) for key, data in adds]

    def put_memo(self, ctx: str, data: bytes) -> None:
        """Replace every memo by this one (one export's worth: the last)."""
        with self.writing() as db:
            db.execute("DELETE FROM memos")
            db.execute("DELETE FROM memo_adds")
            db.execute("INSERT INTO memos VALUES (?, ?)", (ctx, data))

    def add_to_memo(self, ctx: str, adds: Iterable[tuple[str, bytes]]) -> None:
        with self.writing() as db:
            db.executemany("INSERT OR REPLACE INTO memo_adds VALUES (?, ?, ?)", [(ctx, k, d) for k, d in adds])

    def put_renders(
        self,
        ctx: str,
        renders: dict[str, Render],
        blocks: dict[str, tuple[str, str]],
        confirmed: Iterable[str],
        state: str,
    ) -> None:
        """Store new renderings with their blocks (``{digest: (text, zones JSON)}``), and mark the
        records in ``confirmed`` as current under the registries' ``state``."""
        with self.writing() as db:
            db.executemany(
                "INSERT OR REPLACE INTO renders VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (record, ctx, r.state, r.deps, r.refused, encode_variants(r.variants))
                    for record, r in renders.items()
                ],
            )
            db.executemany(
                "INSERT OR IGNORE INTO blocks VALUES (?, ?, ?)",
                [(digest, text, zones) for digest, (text, zones) in blocks.items()],
            )
            db.executemany(
                "UPDATE renders SET state = ? WHERE record = ? AND ctx = ?",
                [(state, record, ctx) for record in confirmed],
            )

    def blocks(self, digests: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``{digest: (text, zones JSON)}`` of the blocks found."""
        wanted = sorted(set(digests))
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for digest, text, zones in self._db.execute(
                f"SELECT digest, text, zones FROM blocks WHERE digest IN ({marks})", chunk
            ):
                found[digest] = (text, zones)
        return found

    # Zones

    def zone(self, key: str) -> str | None:
        row = self._db.execute("SELECT text FROM zones WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row is not None else None

    def put_zone(self, key: str, text: str) -> None:
        with self.writing() as db:
            db.execute("INSERT OR REPLACE INTO zones VALUES (?, ?)", (key, text))

    # Outputs

    def outputs(self, out: str) -> dict[str, tuple[str, int, int, int]]:
        """``{path: (key, size, mtime_ns, ctime_ns)}`` (``Output`` fields: plain tuples, read by thousands)."""
        return {
            row[0]: row[1:]
            for row in self._db.execute("SELECT path, key, size, mtime_ns, ctime_ns FROM outputs WHERE out = ?", (out,))
        }

    def layouts(self, out: str, paths: Iterable[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for path in paths:
            row = self._db.execute("SELECT layout FROM layouts WHERE out = ? AND path = ?", (out, path)).fetchone()
            if row is not None:
                found[path] = bytes(row[0])
        return found

    def put_outputs(
        self, out: str, written: dict[str, Output], layouts: dict[str, bytes], removed: Iterable[str]
    ) -> None:
        gone = [(out, path) for path in removed]
        with self.writing() as db:
            db.executemany(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?)",
                [(out, path, o.key, o.size, o.mtime_ns, o.ctime_ns) for path, o in written.items()],
            )
            db.executemany(
                "DELETE FROM layouts WHERE out = ? AND path = ?",
                [(out, path) for path in written if path not in layouts],
            )
            db.executemany(
                "INSERT OR REPLACE INTO layouts VALUES (?, ?, ?)",
                [(out, path, layout) for path, layout in layouts.items()],
            )
            db.executemany("DELETE FROM outputs WHERE out = ? AND path = ?", gone)
            db.executemany("DELETE FROM layouts WHERE out = ? AND path = ?", gone)

    # Keeping it small

    def prune(self, sources_ctx: str | None, digests: set[str], render_ctx: str, records: set[str]) -> bool:
        """Forget what the current store no longer has, once it is more than half of what is kept.

        Called after a full export, with the digests of every file read (when
        the store was read through the index) and the key of every event.
        True when something was removed.
        """
        count = self._db.execute("SELECT count(*) FROM renders").fetchone()[0]
        if count <= 2 * len(records) + 200:
            return False
        with self.writing() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM keep")
            db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", [(r,) for r in records])
            db.execute("DELETE FROM renders WHERE ctx != ? OR record NOT IN (SELECT key FROM keep)", (render_ctx,))
            if sources_ctx is not None:
                db.execute("DELETE FROM keep")
                db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", [(d,) for d in digests])
                db.execute("DELETE FROM sources WHERE ctx != ? OR digest NOT IN (SELECT key FROM keep)", (sources_ctx,))
            db.execute("DELETE FROM keep")
            used = (
                item.rpartition(STEM)[2]
                for (variants,) in db.execute("SELECT variants FROM renders")
                for items in decode_variants(variants).values()
                for item in items.split(SEP)
            )
            db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", [(d,) for d in list(used)])
            db.execute("DELETE FROM blocks WHERE digest NOT IN (SELECT key FROM keep)")
            db.execute("DELETE FROM keep")
        return True


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _connect(path: Path | None) -> sqlite3.Connection:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path if path is not None else ":memory:", timeout=60, isolation_level=None)
    if path is not None:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails fast on a file that is not a database
    if _schema(db) != str(CACHE_SCHEMA):
        db.execute("BEGIN IMMEDIATE")
        try:
            if _schema(db) != str(CACHE_SCHEMA):  # looked at again: another process may have just made it
                for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                    db.execute(f'DROP TABLE IF EXISTS "{name}"')
                for statement in _TABLES.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(CACHE_SCHEMA),))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return db


def _schema(db: sqlite3.Connection) -> str | None:
    with contextlib.suppress(sqlite3.OperationalError):
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return str(row[0]) if row is not None else None
    return None


def _cache_file(root: Path) -> Path:
    from planner.index.location import index_file

    return index_file(root).with_name(CACHE_NAME)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
