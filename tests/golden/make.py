"""Everything the shipped store produces, made in one place for the golden test and for regeneration.

Every command a user runs on the shipped ``events/`` is run in process on a
copy of it: listings, ``show`` of every record, ``check``, ``actions``, the
full calendar export, every minutes, summary and bulletin document, and every
event's invitation e-mails. Their output and files are collected as a mapping
of relative path to bytes. The parts of an e-mail that are new on every run
(date, message id, MIME boundaries) are replaced by fixed markers; paths that
name the temporary folder are written relative to it.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

from planner.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "events"
GOLDEN = Path(__file__).resolve().parent / "files"

_EMAIL_NOISE = (
    (re.compile(rb"^Date: .*$", re.M), b"Date: <date>"),
    (re.compile(rb"^Message-ID:\r?\n? <[^>]+>", re.M), b"Message-ID: <message-id>"),
    (re.compile(rb"={15}\d+=="), b"===============<boundary>=="),
)


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _run(argv: list[str]) -> bytes:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return f"$ planner {' '.join(argv)}\nexit {code}\n--- stdout\n{out.getvalue()}--- stderr\n{err.getvalue()}".encode()


def _events(store: Path) -> list[tuple[str, dict[str, object]]]:
    found = []
    for path in sorted(store.glob("[0-9][0-9][0-9][0-9]/*.toml")):
        record = tomllib.loads(path.read_text(encoding="utf-8"))
        found.append((str(record["id"]), record))
    return found


def _commands(store: Path) -> list[list[str]]:
    commands: list[list[str]] = [
        ["list"],
        ["list", "--lang", "en"],
        ["list", "--json"],
        ["check"],
        ["check", "--strict"],
        ["actions"],
    ]
    for folder in ("people", "municipalities", "organizations", "programmes"):
        commands += [["show", path.stem] for path in sorted((store / folder).glob("*.toml"))]
    for event_id, record in _events(store):
        commands += [["show", event_id], ["show", event_id, "--lang", "en"]]
        commands.append(["export", "ics", event_id, "--out", f"out/ics-{event_id}"])
        commands.append(["send", "invites", event_id, "--out", "out/send"])
        if "summary" in record:
            commands.append(["export", "summary", event_id, "--out", "out/docs"])
        if "minutes" in record:
            commands.append(["export", "minutes", event_id, "--out", "out/docs"])
        occurrences = record.get("occurrences", {})
        assert isinstance(occurrences, dict)
        for day, occurrence in sorted(occurrences.items()):
            if "minutes" in occurrence:
                commands.append(["export", "minutes", event_id, "--occurrence", str(day), "--out", "out/docs"])
    commands += [
        ["export", "ics", "--out", "out/ics"],
        ["export", "ics", "--out", "out/ics"],
        ["export", "ics", "--lang", "en", "--out", "out/ics-en"],
        ["export", "bulletin", "--from", "2017-03-01", "--to", "2017-03-31", "--out", "out/docs"],
    ]
    return commands


def produce(work: Path) -> dict[str, bytes]:
    """Run every command on a copy of the shipped store under ``work``; return what they produced."""
    store = work / "events"
    shutil.copytree(SHIPPED, store)
    produced: dict[str, bytes] = {}
    with _inside(work):
        log = b"\n".join(_run(["--store", "events", *argv]) for argv in _commands(store))
    produced["commands.txt"] = log.replace(str(work).encode(), b"<work>")
    for path in sorted((work / "out").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".eml":
                for pattern, marker in _EMAIL_NOISE:
                    data = pattern.sub(marker, data)
            produced[f"out/{path.relative_to(work / 'out').as_posix()}"] = data
    for path in sorted(store.rglob("*.toml")):
        if path.read_bytes() != (SHIPPED / path.relative_to(store)).read_bytes():
            produced[f"store/{path.relative_to(store).as_posix()}"] = path.read_bytes()
    return produced


def write(produced: dict[str, bytes], folder: Path = GOLDEN) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    for name, data in produced.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def read(folder: Path = GOLDEN) -> dict[str, bytes]:
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in files}
