"""``planner actions``: action items across every meeting, with the overdue ones flagged."""

from __future__ import annotations

from argparse import Namespace

from planner.cli.common import open_store, resolve_one
from planner.domain.text import Lang
from planner.rules.followup import ActionRow, all_actions, select_actions, today_in
from planner.store import Store

HEADERS = ("EVENT", "MEETING", "ID", "STATUS", "DUE", "OWNER", "MUNICIPALITY", "ACTION")
OVERDUE = "OVERDUE"


def run_actions(args: Namespace) -> int:
    store = open_store(args)
    owner = resolve_one(store.people, args.owner, "person") if args.owner else None
    municipality = resolve_one(store.municipalities, args.municipality, "municipality") if args.municipality else None
    today = today_in(store.settings.home_tz)
    rows = select_actions(
        all_actions(store.events.values(), today),
        open_only=args.open,
        owner=owner,
        municipality=municipality,
        overdue_only=args.overdue,
    )
    if not rows:
        print("no action items match")
        return 0
    lang: Lang = store.settings.default_lang
    table = [_cells(store, row, lang) for row in rows]
    widths = [max(len(cells[i]) for cells in [HEADERS, *table]) for i in range(len(HEADERS) - 1)]
    for cells in [HEADERS, *table]:
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + "  " + cells[-1])
    overdue = sum(row.overdue for row in rows)
    noun = "action item" if len(rows) == 1 else "action items"
    print(f"{len(rows)} {noun}, {overdue} overdue (today is {today} in {store.settings.home_tz})")
    return 0


def _cells(store: Store, row: ActionRow, lang: Lang) -> tuple[str, ...]:
    action = row.action
    status = OVERDUE if row.overdue else action.status
    return (
        row.event.id,
        row.meeting.isoformat(),
        action.id,
        status,
        action.due.isoformat() if action.due else "-",
        store.name_of(action.owner, lang) if action.owner else "-",
        store.name_of(action.municipality, lang) if action.municipality else "-",
        " ".join(action.text.get(lang).split()),
    )
