"""The store: loads every record with its problems, and saves one record at a time.

Loading never stops at a broken file: each problem is collected with file,
line and field, and every other record still loads. Saving validates the
record against the rest of the store, writes only its own file, atomically,
and refuses to overwrite a file that changed on disk since it was read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from planner.domain.event import Event
from planner.domain.fingerprint import with_sequence
from planner.domain.locate import line_of
from planner.domain.problems import Problem
from planner.domain.records import REGISTRIES, Municipality, Organization, Person, Programme, Record
from planner.domain.references import unresolved
from planner.domain.settings import StoreSettings
from planner.domain.times import utc_now
from planner.store.codec import dumps, parse_record
from planner.store.errors import RecordExists, RecordInvalid
from planner.store.files import digest, remove_guarded, write_atomic
from planner.store.known import KnownFiles
from planner.store.layout import conflict_copy_path, record_files, record_path
from planner.store.reading import RECORD_LIMIT, problem_text, read_bounded
from planner.store.settings_load import load_settings

R = TypeVar("R", bound=Record)


class Store:
    """A folder of TOML records, loaded whole; ``problems`` lists what could not be loaded or resolved."""

    def __init__(self, root: Path, settings: StoreSettings) -> None:
        self.root = root
        self.settings = settings
        self.problems: list[Problem] = []
        self._settings_problems: list[Problem] = []
        """What is wrong with ``planner.toml`` (kept when the index's problems are taken again)."""
        self._records: dict[str, Record] = {}
        self._paths: dict[str, Path] = {}
        self._digests: dict[Path, str] = {}
        self._pending: dict[str, str] = {}
        """Records known from the index but not read yet (``Store.open``), with their files' paths as text:
        at 100,000 events, making a ``Path`` of each would cost more than opening the store otherwise."""
        self._pending_model: dict[str, type[Record]] = {}
        """The model of each pending record that is not an event."""
        self._names: dict[str, tuple[str, str]] = {}
        """Display names (es, en) of registry records from the index, so that naming one does not read it."""
        self._context: dict[str, Any] = {"home_tz": settings.home_tz}

    # Loading

    @classmethod
    def load(cls, root: Path | str) -> Store:
        """Read the store at ``root``; raises ``StoreError`` only when it cannot be used at all."""
        root = Path(root)
        settings, problems = load_settings(root)
        store = cls(root, settings)
        store.problems.extend(problems)
        context = {"home_tz": settings.home_tz}
        texts: dict[Path, str] = {}
        for model, path in record_files(root):
            record = store._read(model, path, context, texts)
            if record is not None:
                store._admit(record, path, texts[path])
        for record_id, record in store._records.items():
            path = store._paths[record_id]
            store.problems.extend(store._reference_problems(record, path, texts[path]))
        return store

    @classmethod
    def open(cls, root: Path | str, catalog: KnownFiles) -> Store:
        """Open the store lazily: each record is read when it is first asked for.

        The index (``catalog``, refreshed by the caller) says which records exist, holds
        every file's problems and the registries' names, so opening reads no
        record file: at 100,000 events the registries alone are 20,000 files.
        """
        root = Path(root)
        settings, problems = load_settings(root)
        store = cls(root, settings)
        store._settings_problems = problems
        store._know(catalog)
        return store

    def _know(self, catalog: KnownFiles) -> None:
        """Take from the index the records not read yet, the registries' names and every file's problems."""
        models: tuple[type[Record], ...] = (Event, *REGISTRIES)
        for model in models:
            for record_id, path in catalog.path_texts(model.label).items():
                if record_id not in self._paths and record_id not in self._pending:
                    self._pending[record_id] = path
                    if model is not Event:
                        self._pending_model[record_id] = model
        self._names = catalog.display_names({model.label for model in REGISTRIES})
        # The index holds the records' problems, not the settings file's: a broken planner.toml is said too.
        self.problems = [*self._settings_problems, *catalog.problems()]

    def _load_pending(self, record_id: str) -> None:
        text = self._pending.pop(record_id, None)
        model = self._pending_model.pop(record_id, Event)
        if text is None:
            return
        path = Path(text)
        texts: dict[Path, str] = {}
        problems_before = len(self.problems)
        record = self._read(model, path, self._context, texts)
        # The index already reported this file's problems; reading it again must not repeat them.
        del self.problems[problems_before:]
        if record is not None:
            self._admit(record, path, texts[path])

    def _load_all_pending(self, model: type[Record] = Record) -> None:
        for record_id in list(self._pending):
            if issubclass(self._pending_model.get(record_id, Event), model):
                self._load_pending(record_id)

    def _read(self, model: type[Record], path: Path, context: dict[str, Any], texts: dict[Path, str]) -> Record | None:
        try:
            raw = read_bounded(path, RECORD_LIMIT)
        except OSError as exc:
            self.problems.append(Problem(path, 0, "file", problem_text(exc)))
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.problems.append(Problem(path, line, "file", "is not UTF-8 text"))
            return None
        self._digests[path] = digest(raw)
        texts[path] = text
        record, problems = parse_record(model, text, path, context)
        self.problems.extend(problems)
        return record

    def _admit(self, record: Record, path: Path, text: str) -> None:
        other = self._paths.get(record.id)
        if other is not None:
            self.problems.append(
                Problem(path, line_of(text, ("id",)), "id", f"{record.id!r} is already the id of {other}")
            )
            return
        self._records[record.id] = record
        self._paths[record.id] = path

    def _reference_problems(self, record: Record, path: Path, text: str | None) -> list[Problem]:
        problems = []
        for loc, kind, ref in record.references():
            message = self._unresolved(kind, ref)
            if message:
                line = line_of(text, loc) if text is not None else 0
                field = ".".join(str(part) for part in loc)
                problems.append(Problem(path, line, field, message))
        return problems

    def _unresolved(self, kind: str, ref: str) -> str | None:
        target = self._records.get(ref)
        if target is not None:
            return unresolved(kind, ref, {target.label})
        if ref in self._pending:
            # Known from the index, not read yet: its kind is enough, reading it would cost a file per reference.
            return unresolved(kind, ref, {self._pending_model.get(ref, Event).label})
        return unresolved(kind, ref, set())

    # Reading

    def get(self, record_id: str) -> Record | None:
        if record_id in self._pending:
            self._load_pending(record_id)
        return self._records.get(record_id)

    def path_of(self, record_id: str) -> Path | None:
        """The file a record was read from or last written to."""
        pending = self._pending.get(record_id)
        return self._paths.get(record_id) or (Path(pending) if pending else None)

    def all(self, model: type[R]) -> dict[str, R]:
        """Records of one type, by id, in file order (reads those of that type not read yet)."""
        if self._pending:
            self._load_all_pending(model)
        return {k: v for k, v in self._records.items() if isinstance(v, model)}

    @property
    def events(self) -> dict[str, Event]:
        return self.all(Event)

    @property
    def people(self) -> dict[str, Person]:
        return self.all(Person)

    @property
    def municipalities(self) -> dict[str, Municipality]:
        return self.all(Municipality)

    @property
    def organizations(self) -> dict[str, Organization]:
        return self.all(Organization)

    @property
    def programmes(self) -> dict[str, Programme]:
        return self.all(Programme)

    def __iter__(self) -> Iterator[Record]:
        self._load_all_pending()
        return iter(self._records.values())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def name_of(self, record_id: str, lang: str = "es") -> str:
        """A record's display name, or its id when it is not in the store; never reads a file, so that
        a worker thread may call it."""
        record = self._records.get(record_id)
        if record is not None:
            return record.display_name("en" if lang == "en" else "es")
        names = self._names.get(record_id)
        if names is not None:
            return names[1] if lang == "en" else names[0]
        return record_id

    # Writing

    def check(self, record: Record) -> list[Problem]:
        """Store-wide rules a record must meet before it is saved: its references resolve."""
        path = self._paths.get(record.id) or record_path(self.root, record)
        return self._reference_problems(record, path, None)

    def save(self, record: R, now: datetime | None = None) -> R:
        """Write ``record`` to its own file and return it as saved (with its stamps).

        An unchanged record is not written again. Raises ``RecordInvalid``,
        ``RecordExists`` (a new record whose id is taken) or ``StaleRecord``.
        """
        self.get(record.id)  # an event not read yet is read now, for its stale check
        problems = self.check(record)
        if problems:
            raise RecordInvalid(problems)
        path = self._paths.get(record.id)
        previous = self._records.get(record.id)
        if previous is not None and type(previous) is not type(record):
            raise RecordExists(f"{record.id!r} is already the id of a {previous.label} ({path})")
        if previous is not None and record.created is None and previous.created is not None:
            # A copy built afresh (a form, an import) keeps the record's first creation stamp.
            record = record.model_copy(update={"created": previous.created})
        if previous is not None and previous == record:
            return record
        if isinstance(record, Event):
            # Calendars replace an entry only when its SEQUENCE rises: raised here on a significant change.
            record = cast(R, with_sequence(previous if isinstance(previous, Event) else None, record))
        # Only a file this record was read from may be replaced; a new record never takes
        # over an existing file, not even one that failed to load (someone's unfinished edit).
        expected = self._digests.get(path) if path is not None else None
        if path is None:
            path = record_path(self.root, record)
        saved = record.stamped(now or utc_now())
        text = dumps(saved)
        self._digests[path] = write_atomic(path, text.encode("utf-8"), expected)
        self._records[saved.id] = saved
        self._paths[saved.id] = path
        return saved

    def delete(self, record_id: str) -> Path:
        """Remove a record's file, unless it changed on disk since it was read."""
        self.get(record_id)
        path = self._paths[record_id]
        remove_guarded(path, self._digests[path])
        del self._records[record_id], self._paths[record_id], self._digests[path]
        return path

    def ids(self) -> Iterable[str]:
        return [*self._records.keys(), *self._pending.keys()]

    # Files changed by someone else while the store is open

    def is_current(self, path: Path) -> bool:
        """Whether ``path`` still holds what this store last read or wrote there (missing counts as changed)."""
        try:
            return digest(read_bounded(path, RECORD_LIMIT)) == self._digests.get(path)
        except OSError:
            return False

    def id_at(self, path: Path) -> str | None:
        """The id of the record read from, or pending at, ``path``."""
        for record_id, known in self._paths.items():
            if known == path:
                return record_id
        text = str(path)
        return next((record_id for record_id, known in self._pending.items() if known == text), None)

    def forget(self, record_id: str) -> None:
        """Drop what was read of a record, so that the next ``get`` reads its file again."""
        path = self._paths.pop(record_id, None)
        record = self._records.pop(record_id, None)
        if path is None:
            return
        self._digests.pop(path, None)
        if isinstance(record, Event):
            self._pending[record_id] = str(path)
        elif record is not None and path.is_file():
            texts: dict[Path, str] = {}
            again = self._read(type(record), path, self._context, texts)
            if again is not None:
                self._admit(again, path, texts[path])

    def resync(self, catalog: KnownFiles, changed: Iterable[Path] | None = None, keep: Iterable[str] = ()) -> None:
        """Bring the store in step with a refreshed index after files changed on disk.

        Records whose files changed (``changed``, else every file read) are read
        again on demand, new files become known, deleted ones are dropped;
        records in ``keep`` (being edited) are left as they were read, so that
        saving them still detects the change.
        """
        kept = set(keep)
        suspects = set(changed) if changed is not None else None
        for record_id, path in list(self._paths.items()):
            if record_id in kept or (suspects is not None and path not in suspects):
                continue
            if not path.is_file():
                del self._paths[record_id], self._records[record_id]
                self._digests.pop(path, None)
            elif not self.is_current(path):
                self.forget(record_id)
        for record_id in [r for r, p in self._pending.items() if not os.path.isfile(p)]:
            del self._pending[record_id]
            self._pending_model.pop(record_id, None)
        self._know(catalog)

    def keep_mine(self, record: R, now: datetime | None = None) -> tuple[R, Path | None]:
        """Save ``record`` over a file someone else changed; their version is kept under ``.conflicts/``.

        Returns the saved record and the copy of theirs (``None`` when they had
        deleted the file). Neither version is lost: the copy is written before
        the file is replaced, and the replacement is still refused if the file
        changes yet again in between.
        """
        self.get(record.id)
        problems = self.check(record)
        if problems:
            raise RecordInvalid(problems)
        path = self._paths.get(record.id)
        if path is None:
            return self.save(record, now), None
        try:
            theirs: bytes | None = path.read_bytes()
        except FileNotFoundError:
            theirs = None
        copy: Path | None = None
        if theirs is None:
            self._digests.pop(path, None)
            self._paths.pop(record.id)
            self._records.pop(record.id, None)
            # Written again where it was: record_path would name a moved event's file after its new date.
            saved = record.stamped(now or utc_now())
            self._digests[path] = write_atomic(path, dumps(saved).encode("utf-8"), None)
            self._records[saved.id], self._paths[saved.id] = saved, path
            return saved, None
        copy = conflict_copy_path(self.root, path, (now or utc_now()).strftime("%Y%m%dT%H%M%SZ"))
        write_atomic(copy, theirs, None)
        self._digests[path] = digest(theirs)
        if self._records.get(record.id) == record:
            # Mine is what was read: save() would see nothing to write, yet it must replace theirs.
            saved = record.stamped(now or utc_now())
            self._digests[path] = write_atomic(path, dumps(saved).encode("utf-8"), digest(theirs))
            self._records[saved.id] = saved
            return saved, copy
        return self.save(record, now), copy

    def event_ids(self) -> list[str]:
        """Every event's id, without reading the events not read yet."""
        pending = (k for k in self._pending if k not in self._pending_model)
        return [*(k for k, v in self._records.items() if isinstance(v, Event)), *pending]
