"""Helpers of the import tests: the command in a subprocess, store copies, small calendar files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "events"
DOMAIN = "planner.iom-chile.example.org"


def planner(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANNER_STORE"}
    return subprocess.run(
        [sys.executable, "-m", "planner", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def copy_store(tmp_path: Path, name: str = "events") -> Path:
    copy = tmp_path / name
    shutil.copytree(SHIPPED, copy)
    return copy


def empty_store(tmp_path: Path, name: str = "empty") -> Path:
    """A store with the shipped settings and no record at all."""
    root = tmp_path / name
    root.mkdir()
    shutil.copy(SHIPPED / "planner.toml", root / "planner.toml")
    return root


def files_in(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.toml"))}


def ics(*body: str, method: str | None = None) -> str:
    """A VCALENDAR around ``body`` lines, CRLF-terminated."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Import//EN"]
    if method:
        head.append(f"METHOD:{method}")
    return "\r\n".join([*head, *body, "END:VCALENDAR"]) + "\r\n"


def vevent(
    *lines: str,
    uid: str = "abc-123@example.com",
    start: str = "DTSTART;TZID=America/Santiago:20170615T100000",
    end: str | None = "DTEND;TZID=America/Santiago:20170615T120000",
    summary: str = "Taller de prueba",
) -> list[str]:
    """A VEVENT's lines; an empty ``uid``, ``start`` or ``summary`` (or ``end=None``) leaves the property out."""
    props = [f"UID:{uid}" if uid else "", "DTSTAMP:20170601T120000Z", start, end or ""]
    props += [f"SUMMARY:{summary}" if summary else "", *lines]
    return ["BEGIN:VEVENT", *(p for p in props if p), "END:VEVENT"]


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path
