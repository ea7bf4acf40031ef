"""A real CalDAV server: Radicale on 127.0.0.1 stores every exported entry and finds it at the right UTC instant.

Radicale reads each TZID through the file's own VTIMEZONE, so a wrong
definition or a wrong offset shows as an entry found an hour off. One
resource per UID (all VEVENTs of a series together), METHOD removed, as
CalDAV requires (RFC 4791 §4.1).
"""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from planner.calendar.invites import invites_for
from planner.store import Store
from tests.calendar.test_ics_injection import ATTACKER, HOSTILE
from tests.calendar.test_ics_injection import _store as hostile_store
from tests.calendar.test_ics_timezones import DST_INSTANTS, _dst_store
from tests.helpers.ics import Exported, export, parse, uid_of, unfolded_lines, vevents
from tests.helpers.store import SERIES, VISIT, shipped_copy

pytestmark = pytest.mark.slow  # a Radicale server started for the session

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


@dataclass
class CalDav:
    """A calendar collection on the test server, spoken to with the standard library only."""

    base: str
    collection: str = "/planner/calendar/"

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        credentials = base64.b64encode(b"planner:any").decode()
        request = urllib.request.Request(
            self.base + path,
            data=body or None,
            method=method,
            headers={"Authorization": f"Basic {credentials}", **(headers or {})},
        )
        # No proxy, whatever the environment says: only 127.0.0.1 is ever spoken to.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def put(self, name: str, data: bytes) -> int:
        status, _ = self.request(
            "PUT", self.collection + name, data, {"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"}
        )
        return status

    def get(self, name: str) -> bytes:
        status, body = self.request("GET", self.collection + name)
        assert status == 200, status
        return body

    def between(self, start: datetime, end: datetime) -> set[str]:
        """Names of the resources with an entry overlapping ``[start, end)`` (a calendar-query REPORT)."""
        query = f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{start.astimezone(UTC):%Y%m%dT%H%M%SZ}" end="{end.astimezone(UTC):%Y%m%dT%H%M%SZ}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>""".encode()
        status, body = self.request(
            "REPORT", self.collection, query, {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
        )
        assert status == 207, body
        hrefs = ElementTree.fromstring(body).iter("{DAV:}href")
        return {(h.text or "").rsplit("/", 1)[-1] for h in hrefs}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve_radicale(folder: Path) -> Iterator[CalDav]:
    """Radicale on 127.0.0.1, a free port, ``folder`` for storage, no authentication; stopped on exit."""
    port = _free_port()
    log = (folder / "radicale.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(folder / "collections"),
            "--auth-type",
            "none",
            "--logging-level",
            "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = CalDav(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "radicale.log").read_text()) from None
                time.sleep(0.1)
        status, body = server.request("MKCALENDAR", server.collection)
        assert status == 201, body
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CalDav]:
    """One server for the session."""
    with serve_radicale(tmp_path_factory.mktemp("radicale")) as server:
        yield server


def caldav_resources(data: bytes) -> dict[str, bytes]:
    """One resource per UID from an exported file: its VEVENTs, the VTIMEZONEs they use, no METHOD."""
    head: list[str] = []
    zones: dict[str, list[str]] = {}
    events: dict[str, list[str]] = {}
    block: list[str] = []
    for line in unfolded_lines(data):
        if block or line in ("BEGIN:VTIMEZONE", "BEGIN:VEVENT"):
            block.append(line)
            if line in ("END:VTIMEZONE", "END:VEVENT"):
                if block[0] == "BEGIN:VTIMEZONE":
                    zones[next(b[5:] for b in block if b.startswith("TZID:"))] = block
                else:
                    events.setdefault(next(b[4:] for b in block if b.startswith("UID:")), []).extend(block)
                block = []
        elif line.split(":", 1)[0] in ("VERSION", "PRODID", "CALSCALE"):
            head.append(line)
    resources = {}
    for uid, lines in events.items():
        used = [tz for tz in zones if any(f"TZID={tz}:" in line for line in lines)]
        body = ["BEGIN:VCALENDAR", *head, *(z for tz in used for z in zones[tz]), *lines, "END:VCALENDAR"]
        # Unfolded lines are longer than 75 octets; CalDAV servers accept them, and the bytes stay ours.
        resources[uid] = "".join(f"{line}\r\n" for line in body).encode("utf-8")
    return resources


def _name(uid: str) -> str:
    return uid.split("@", 1)[0] + ".ics"


@pytest.fixture(scope="session")
def uploaded(radicale: CalDav, tmp_path_factory: pytest.TempPathFactory) -> tuple[CalDav, Store]:
    """The shipped store, plus two events across Santiago's 2017 clock changes, exported and PUT."""
    base = tmp_path_factory.mktemp("caldav")
    root = shipped_copy(base)
    _dst_store(root)
    export(root, base / "out")
    resources = caldav_resources((base / "out" / "calendar" / "programme.en.ics").read_bytes())
    for uid, data in resources.items():
        assert radicale.put(_name(uid), data) == 201, uid
    return radicale, Store.load(root)


def _expected(store: Store) -> list[tuple[str, datetime, datetime]]:
    """Every timed entry the store says exists: (resource name, start, end), from the records themselves."""
    found = []
    for event in store.events.values():
        if event.status == "draft":
            continue
        if event.legs:
            found += [(_name(uid_of(f"{event.id}.{leg.id}")), leg.start, leg.end) for leg in event.legs]
            continue
        for _, start, end, occurrence in event.occurrence_times():
            if not occurrence.cancelled:
                found.append((_name(uid_of(event.id)), start, end))
    return found


def test_one_resource_per_uid_is_accepted(uploaded: tuple[CalDav, Store]) -> None:
    server, store = uploaded
    names = server.between(datetime(2017, 1, 1, tzinfo=UTC), datetime(2018, 1, 1, tzinfo=UTC))
    expected = {_name(uid_of(e.id)) for e in store.events.values()}
    expected |= {_name(uid_of(f"{VISIT}.{leg.id}")) for leg in store.events[VISIT].legs}
    assert names == expected
    stored = parse(server.get(_name(uid_of(SERIES))))
    assert "METHOD" not in stored
    assert len(vevents(stored)) == 7  # the master and six overrides, together


def test_a_time_range_query_finds_each_entry_at_its_utc_instant(uploaded: tuple[CalDav, Store]) -> None:
    server, store = uploaded
    expected = _expected(store)
    assert len(expected) >= 14  # 3 events, 2 legs, 7 sessions of the series, 2 on clock-change days
    for name, start, end in expected:
        where = f"{name} {start.isoformat()}"
        assert name in server.between(start, start + MINUTE), where
        assert name in server.between(end - MINUTE, end), where
        # An hour off either way would put the entry in one of these windows.
        assert name not in server.between(start - HOUR, start), where
        assert name not in server.between(end, end + HOUR), where


def test_the_houston_leg_is_at_its_own_zones_instant(uploaded: tuple[CalDav, Store]) -> None:
    server, _ = uploaded
    houston = _name(uid_of(f"{VISIT}.houston"))
    start = datetime(2017, 3, 20, 14, 0, tzinfo=UTC)  # 09:00 CDT (America/Chicago, -05)
    assert houston in server.between(start, start + MINUTE)
    assert houston not in server.between(start - HOUR, start)  # as if read in Santiago or CST


def test_events_on_chilean_clock_change_days_are_found_at_their_utc_instants(uploaded: tuple[CalDav, Store]) -> None:
    server, _ = uploaded
    for event_id, (start, end) in DST_INSTANTS.items():
        name = _name(uid_of(event_id))
        assert name in server.between(start, start + MINUTE)
        assert name in server.between(end - MINUTE, end)
        assert name not in server.between(start - HOUR, start)
        assert name not in server.between(end, end + HOUR)


def test_the_skipped_and_the_moved_occurrence_are_where_the_series_says(uploaded: tuple[CalDav, Store]) -> None:
    server, _ = uploaded
    series = _name(uid_of(SERIES))
    skipped = datetime(2017, 11, 2, 12, 30, tzinfo=UTC)  # 09:30 -03
    original = datetime(2017, 8, 3, 13, 30, tzinfo=UTC)  # 09:30 -04, before it moved
    moved = datetime(2017, 8, 10, 19, 0, tzinfo=UTC)  # 15:00 -04
    assert series not in server.between(skipped, skipped + 3 * HOUR)
    assert series not in server.between(original, original + 3 * HOUR)
    assert series in server.between(moved, moved + MINUTE)


@pytest.mark.parametrize("case", ["crlf", "new component", "unicode line breaks", "long cjk"])
def test_hostile_invites_are_stored_as_written_with_nothing_injected(
    radicale: CalDav, tmp_path: Path, case: str
) -> None:
    store, event = hostile_store(tmp_path, HOSTILE[case])
    [invite] = invites_for(store, event, "es")
    [(uid, data)] = caldav_resources(invite.text.encode("utf-8")).items()
    # A collection of its own: a CalDAV server refuses a second resource with the same UID.
    server = CalDav(radicale.base, f"/planner/hostile-{case.replace(' ', '-')}/")
    assert server.request("MKCALENDAR", server.collection)[0] == 201
    name = "mesa.ics"
    assert server.put(name, data) == 201
    stored = parse(server.get(name))
    [vevent] = vevents(stored)
    assert str(vevent["UID"]) == uid
    assert [str(a) for a in vevent["ATTENDEE"]] == ["mailto:contact@example.org", "mailto:speaker@example.org"]
    assert ATTACKER not in {str(a).removeprefix("mailto:") for a in vevent["ATTENDEE"]}
    assert str(vevent["STATUS"]) == "CONFIRMED"
    start = datetime(2017, 3, 30, 12, 30, tzinfo=UTC)
    assert server.between(start, start + MINUTE) == {name}


def test_invites_put_one_by_one_agree_whichever_zone_definition_the_server_keeps(
    shipped: Exported, tmp_path: Path
) -> None:
    """Radicale (through vobject) keeps the first VTIMEZONE of a TZID it reads and applies it to every later
    resource; the first one here is the March round table's invite, and the series' winter sessions
    must still be found at -04."""
    with serve_radicale(tmp_path) as server:
        for stem in ("lo-prado-round-table", SERIES):
            [(_, data)] = caldav_resources(shipped.data(f"invites/{stem}.ics")).items()
            assert server.put(f"{stem}.ics", data) == 201
        june = datetime(2017, 6, 1, 13, 30, tzinfo=UTC)  # 09:30 -04
        assert f"{SERIES}.ics" in server.between(june, june + MINUTE)
        assert f"{SERIES}.ics" not in server.between(june - HOUR, june)
