"""Which event of the store a calendar UID belongs to: the UIDs the exporter derives, and imported ones."""

from __future__ import annotations

from planner.calendar.uid import uid
from planner.store import Store


def uid_index(store: Store) -> dict[str, str]:
    """Every UID the store answers to, mapped to its event's id.

    That is the UID the exporter derives for each event and each leg of a
    study visit (``planner.calendar.uid``), and the ``source_uid`` kept from
    an import.
    """
    domain = store.settings.calendar_domain
    index: dict[str, str] = {}
    for event in store.events.values():
        index[uid(event.id, domain)] = event.id
        for leg in event.legs:
            index[uid(event.id, domain, leg.id)] = event.id
        if event.source_uid:
            index[event.source_uid] = event.id
    return index
