"""A realistic, seeded store for the benchmark: same seed and size, same bytes.

Distributions (per event unless said):
- dates: uniform over twenty years (2010-2029), weekdays only, starting on the
  quarter hour between 08:00 and 17:45 in America/Santiago; 1.5 to 4 hours long;
- kinds: round-table 40 %, conference 20 %, workshop 15 %, other 10 %,
  agreement-signing 8 %, study-visit 7 % (two or three legs in North American
  and European zones, each 1-3 days);
- series: 2 % of round tables recur monthly on the first Thursday, 6-12
  occurrences, with one skipped and one moved occurrence;
- status: past events done 88 %, cancelled 5 %, confirmed 7 %; future ones
  draft 20 %, tentative 30 %, confirmed 50 %;
- people: 1-3 speakers, 0-3 guest municipalities with one delegate each (a
  known person 60 %, else role-only), the speakers and 1-5 others invited,
  with answers and, for past events, attendance; 2-4 agenda items;
- minutes: 30 % of past round tables, with 1-3 decisions and 1-4 actions,
  a third of them still open;
- registries: 60 municipalities, max(300, N/5) people, 80 organizations,
  5 programmes; every person has a calendar token, as after a store's first
  export (which issues the tokens and saves every person's file: the export
  after it would otherwise be measured with thousands of changed records).
Titles and descriptions come in both languages; an event file is about 2 KB on average.
Each event draws from its own generator seeded by (seed, index), so the
output does not depend on how the work is split across processes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from planner.domain.event import Event
from planner.domain.fingerprint import with_sequence
from planner.domain.records import Municipality, Organization, Person, Programme, Record
from planner.domain.settings import StoreSettings
from planner.domain.times import localize
from planner.store.codec import dumps
from planner.store.folders import SETTINGS_FILE
from planner.store.layout import record_path

SEED = 2017
FIRST_DAY = date(2010, 1, 1)
DAYS = 20 * 365
STAMP = datetime(2009, 12, 1, 12, 0, tzinfo=UTC)
HOME = "America/Santiago"
LEG_ZONES = (
    ("Houston", "United States", "America/Chicago"),
    ("Providence", "United States", "America/New_York"),
    ("Los Angeles", "United States", "America/Los_Angeles"),
    ("Madrid", "España", "Europe/Madrid"),
    ("Lisboa", "Portugal", "Europe/Lisbon"),
    ("Toronto", "Canada", "America/Toronto"),
)
KINDS = (
    ("round-table", 40),
    ("conference", 20),
    ("workshop", 15),
    ("other", 10),
    ("agreement-signing", 8),
    ("study-visit", 7),
)
THEMES = ("migrant-health", "education", "employment", "housing", "human-rights", "social-inclusion")
WORDS_ES = (
    "migración",
    "inclusión",
    "salud",
    "educación",
    "empleo",
    "vivienda",
    "derechos",
    "municipal",
    "comunidad",
    "integración",
    "política",
    "local",
    "oficina",
    "diálogo",
    "cooperación",
)
WORDS_EN = (
    "migration",
    "inclusion",
    "health",
    "education",
    "employment",
    "housing",
    "rights",
    "municipal",
    "community",
    "integration",
    "policy",
    "local",
    "office",
    "dialogue",
    "cooperation",
)


def people_count(events: int) -> int:
    return max(300, events // 5)


def _sentence(rng: random.Random, words: tuple[str, ...], length: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:] + "."


def _bilingual(rng: random.Random, length: int) -> dict[str, str]:
    state = rng.getstate()
    es = _sentence(rng, WORDS_ES, length)
    rng.setstate(state)  # the same draw, so both languages say the same thing
    return {"es": es, "en": _sentence(rng, WORDS_EN, length)}


def registries(events: int) -> list[Record]:
    """Municipalities, organizations, programmes and people, all seeded."""
    rng = random.Random(SEED)
    stamps = {"created": STAMP, "updated": STAMP}
    records: list[Record] = []
    for n in range(60):
        records.append(
            Municipality(
                id=f"municipio-{n:02d}",
                name=f"Municipio {n:02d}",
                participating=n < 20,
                region="Región Metropolitana de Santiago",
                migration_office=n % 3 != 0,
                **stamps,
            )
        )
    for n in range(80):
        records.append(Organization(id=f"org-{n:02d}", name=f"Organización {n:02d}", country="Chile", **stamps))
    for n in range(5):
        records.append(
            Programme(id=f"programa-{n}", name={"es": f"Programa {n}", "en": f"Programme {n}"}, lead="org-00", **stamps)
        )
    tokens = random.Random(SEED + 1)  # its own generator: the other draws stay as they were
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for n in range(people_count(events)):
        token = "".join(tokens.choice(letters) for _ in range(32))
        affiliation = (
            {"municipality": f"municipio-{rng.randrange(60):02d}"}
            if n % 2
            else {"organization": f"org-{rng.randrange(80):02d}"}
        )
        records.append(
            Person(
                id=f"persona-{n:05d}",
                name=f"Persona {n:05d}",
                role={"es": "Encargada de migración", "en": "Migration officer"},
                email=f"persona{n}@example.org",
                lang="es" if n % 4 else "en",
                calendar_token=token,
                **affiliation,
                **stamps,
            )
        )
    return records


def _weighted_kind(rng: random.Random) -> str:
    roll = rng.randrange(100)
    for kind, weight in KINDS:
        if roll < weight:
            return kind
        roll -= weight
    return "other"


def _start(rng: random.Random) -> datetime:
    while True:
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        if day.weekday() < 5:
            break
    local = datetime.combine(day, time(8 + rng.randrange(10), 15 * rng.randrange(4)))
    return localize(local, HOME)


def event_data(index: int, events: int, today: date) -> dict[str, Any]:
    """The data of event ``index``: what its file holds."""
    rng = random.Random(SEED * 1_000_003 + index)
    persons = people_count(events)
    kind = _weighted_kind(rng)
    start = _start(rng)
    end = start + timedelta(minutes=90 + 30 * rng.randrange(6))
    past = start.date() < today

    def person() -> str:
        return f"persona-{rng.randrange(persons):05d}"

    data: dict[str, Any] = {
        "id": f"evento-{index:06d}",
        "title": _bilingual(rng, 5),
        "kind": kind,
        "programme": f"programa-{rng.randrange(5)}",
        "status": _status(rng, past),
        "start": start,
        "end": end,
        "tz": HOME,
        "venue": {"name": f"Sala {rng.randrange(50)}", "city": "Santiago", "country": "Chile"},
        "host": f"municipio-{rng.randrange(60):02d}",
        "organizers": [f"org-{rng.randrange(80):02d}"],
        "themes": sorted(set(rng.sample(THEMES, rng.randrange(1, 4)))),
        "description": _bilingual(rng, 14),
        "created": STAMP,
        "updated": STAMP,
    }
    speakers = list(dict.fromkeys(person() for _ in range(rng.randrange(1, 4))))
    data["speakers"] = [{"person": p, "role": {"es": "Expositora", "en": "Speaker"}} for p in speakers]
    guests = sorted({rng.randrange(60) for _ in range(rng.randrange(0, 4))})
    data["guests"] = [
        {
            "municipality": f"municipio-{g:02d}",
            "delegates": [{"person": person()} if rng.random() < 0.6 else {"role": {"es": "Oficina de Migración"}}],
        }
        for g in guests
    ]
    data["agenda"] = [
        {
            "id": f"punto-{n}",
            "time": (start + timedelta(minutes=15 * n)).time().replace(tzinfo=None),
            "title": _bilingual(rng, 2),
            **({"speaker": speakers[n % len(speakers)]} if n % 2 else {}),
        }
        for n in range(rng.randrange(2, 5))
    ]
    invited = list(dict.fromkeys([*speakers, *(person() for _ in range(rng.randrange(1, 6)))]))
    data["invitations"] = [
        {
            "person": p,
            "answer": rng.choice(("accepted", "accepted", "declined", "tentative", "needs-action")),
            "attendance": rng.choice(("present", "present", "excused", "absent")) if past else "unknown",
        }
        for p in invited
    ]
    if kind == "conference":
        data["format"] = rng.choice(("breakfast", "seminar", "forum", "conference"))
    elif kind == "agreement-signing":
        data["signatories"] = [{"person": p} for p in dict.fromkeys((person(), person()))]
        data["areas"] = [_bilingual(rng, 4)]
    elif kind == "study-visit":
        data.update(_visit(rng, start))
    elif kind == "round-table":
        if rng.random() < 0.02:
            data.update(_series(rng, start, data))
        elif past and rng.random() < 0.3:
            data["minutes"] = _minutes(rng, data, person, start.date())
    return data


def _status(rng: random.Random, past: bool) -> str:
    roll = rng.random()
    if past:
        return "done" if roll < 0.88 else "cancelled" if roll < 0.93 else "confirmed"
    return "draft" if roll < 0.2 else "tentative" if roll < 0.5 else "confirmed"


def _visit(rng: random.Random, start: datetime) -> dict[str, Any]:
    places = rng.sample(LEG_ZONES, rng.randrange(2, 4))
    legs, cursor = [], start + timedelta(days=1)
    for n, (city, country, zone) in enumerate(places):
        days = rng.randrange(1, 4)
        leg_start = cursor.astimezone(localize(datetime(2000, 1, 1), zone).tzinfo).replace(
            hour=9, minute=0
        ) + timedelta(days=1)
        leg_end = leg_start + timedelta(days=days - 1, hours=9)
        legs.append(
            {
                "id": f"tramo-{n + 1}",
                "city": city,
                "country": country,
                "tz": zone,
                "start": leg_start.replace(tzinfo=None),
                "end": leg_end.replace(tzinfo=None),
            }
        )
        cursor = leg_end
    return {"legs": legs, "end": cursor + timedelta(days=1)}


def _series(rng: random.Random, start: datetime, data: dict[str, Any]) -> dict[str, Any]:
    first = start.date().replace(day=1)
    while first.weekday() != 3:  # the first Thursday of the month
        first += timedelta(days=1)
    begin = localize(datetime.combine(first, time(9, 30)), HOME)
    count = rng.randrange(6, 13)
    from planner.domain.series import Recurrence

    dates = [d.date() for d in Recurrence(freq="monthly", byday=("1TH",), count=count).starts(begin)]
    moved = dates[2]
    return {
        "start": begin,
        "end": begin + timedelta(hours=3),
        "recurrence": {"freq": "monthly", "byday": ["1TH"], "count": count},
        "occurrences": {
            dates[1].isoformat(): {"cancelled": True},
            moved.isoformat(): {
                "start": datetime.combine(moved + timedelta(days=1), time(10, 0)),
                "end": datetime.combine(moved + timedelta(days=1), time(13, 0)),
                "host": data["host"],
            },
        },
    }


def _minutes(rng: random.Random, data: dict[str, Any], person: Callable[[], str], day: date) -> dict[str, Any]:
    return {
        "status": "approved",
        "notes": [{"item": item["id"], "notes": _bilingual(rng, 12)} for item in data["agenda"][:3]],
        "decisions": [{"id": f"d{n + 1}", "text": _bilingual(rng, 8)} for n in range(rng.randrange(1, 4))],
        "actions": [
            {
                "id": f"a{n + 1}",
                "text": _bilingual(rng, 6),
                "owner": person(),
                "due": day + timedelta(days=30 * (n + 1)),
                "status": "open" if rng.random() < 0.33 else "done",
            }
            for n in range(rng.randrange(1, 5))
        ],
    }


def _write_events(root: Path, indices: Iterable[int], events: int, today: date) -> int:
    written = 0
    for index in indices:
        event = Event.model_validate(event_data(index, events, today), context={"home_tz": HOME})
        # As the store saves it: with the calendar fingerprint, so a first export has nothing to bring up to date.
        event = with_sequence(None, event)
        path = record_path(root, event)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(event), encoding="utf-8")
        written += 1
    return written


def generate(root: Path, events: int, today: date = date(2026, 1, 1), workers: int = 2) -> None:
    """Write a store of ``events`` events and its registries under ``root`` (which must be empty)."""
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise SystemExit(f"{root} is not empty")
    (root / SETTINGS_FILE).write_text(dumps(StoreSettings(organization="Bench Office")), encoding="utf-8")
    for record in registries(events):
        path = record_path(root, record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(record), encoding="utf-8")
    chunks = [range(start, events, workers) for start in range(workers)]
    if workers == 1 or events < 500:
        _write_events(root, range(events), events, today)
        return
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_write_events, [root] * workers, chunks, [events] * workers, [today] * workers))
