"""``planner list`` and ``planner show``: events as a table or JSON, and one record in full."""

from __future__ import annotations

import json
from argparse import Namespace
from datetime import date, datetime
from typing import Any, Literal

from planner.cli.common import UserError, open_store, store_path, warn_file_errors
from planner.domain.rows import EventFilter, EventRow
from planner.domain.weekdays import weekday, weekday_short
from planner.index import Catalog

Lang = Literal["es", "en"]


def _resolve(catalog: Catalog, labels: set[str], text: str, what: str) -> str:
    found = catalog.resolve(labels, text)
    if not found:
        raise UserError(f"no {what} matches {text!r}; give an id or a name")
    if len(found) > 1:
        raise UserError(f"{text!r} names more than one {what} ({', '.join(found)}); give the id")
    return found[0]


def _filter(args: Namespace, catalog: Catalog) -> EventFilter:
    municipality = _resolve(catalog, {"municipality"}, args.municipality, "municipality") if args.municipality else None
    person = _resolve(catalog, {"person"}, args.person, "person") if args.person else None
    if args.first and args.last and args.last < args.first:
        raise UserError(f"--to {args.last} comes before --from {args.first}")
    return EventFilter(args.first, args.last, args.kind, args.status, municipality, person)


def run_list(args: Namespace) -> int:
    """Answered from the index: only files changed since the last command are parsed."""
    catalog = Catalog.open(store_path(args))
    warn_file_errors(len({p.path for p in catalog.problems() if p.is_error}))
    lang: Lang = args.lang or ("en" if catalog.settings().get("default_lang") == "en" else "es")
    rows = catalog.rows(_filter(args, catalog))
    if args.json:
        print(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no events match")
        return 0
    table = [_row_cells(r, lang, catalog) for r in rows]
    widths = [max(len(cells[i]) for cells, _ in table) for i in range(len(table[0][0]) - 1)]
    for cells, legs in table:
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + "  " + cells[-1])
        for leg in legs:
            print("    ↳ " + leg)
    return 0


def _clock(value: datetime, lang: Lang) -> str:
    return f"{weekday_short(value.date(), lang)} {value:%Y-%m-%d %H:%M}"


def _clock_day(value: date, lang: Lang) -> str:
    return f"{weekday_short(value, lang)} {value:%Y-%m-%d}"


def _row_cells(row: EventRow, lang: Lang, catalog: Catalog) -> tuple[list[str], list[str]]:
    host = catalog.name_of(row.host, lang) if row.host else ""
    title = row.title(lang)
    if row.occurrence is not None and row.occurrence != row.start.date():
        # A moved occurrence keeps its original date as its name in the file: say where it came from.
        title += f" ({'moved from' if lang == 'en' else 'trasladada desde el'} {_clock_day(row.occurrence, lang)})"
    cells = [_clock(row.start, lang), row.tz, row.kind, row.status, row.id, host, title]
    legs = [f"{leg.id}: {_clock(leg.start, lang)}–{leg.end:%Y-%m-%d %H:%M} {leg.tz}  {leg.city}" for leg in row.legs]
    return cells, legs


def _row_json(row: EventRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": {"es": row.title_es, "en": row.title_en},
        "kind": row.kind,
        "status": row.status,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "tz": row.tz,
        "weekday": weekday(row.start.date()),
        "date": row.start.date().isoformat(),
        "time": f"{row.start:%H:%M}",
        "host": row.host,
        "municipalities": list(row.municipalities),
        "speakers": list(row.speakers),
        "people": list(row.people),
        "path": str(row.path) if row.path else None,
        "occurrence": row.occurrence.isoformat() if row.occurrence else None,
        "legs": [
            {
                "id": leg.id,
                "city": leg.city,
                "country": leg.country,
                "start": leg.start.isoformat(),
                "end": leg.end.isoformat(),
                "tz": leg.tz,
                "weekday": weekday(leg.start.date()),
            }
            for leg in row.legs
        ],
    }


def run_show(args: Namespace) -> int:
    store = open_store(args, lazy=True)
    from planner.domain.data import to_data
    from planner.domain.event import Event
    from planner.rules.describe import describe_event

    record = store.get(args.id)
    if record is None:
        hint = "; some files could not be loaded, see 'planner check'" if store.errors else ""
        raise UserError(f"no record with id {args.id!r} in {store.root}{hint}")
    lang: Lang = args.lang or store.settings.default_lang
    if isinstance(record, Event):
        print("\n".join(describe_event(record, store.name_of, store.people, store.path_of(record.id), lang)))
        return 0
    print(f"{record.label}: {record.display_name(lang)}")
    for key, value in to_data(record).items():
        print(f"  {key}: {value}")
    print(f"  file: {store.path_of(record.id)}")
    return 0
