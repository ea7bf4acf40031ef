"""``planner send invites EVENT_ID [--send] [--out DIR]``: invitation e-mails, previewed or delivered once.

Without ``--send`` the messages are written to ``<out>/outbox/<event>/`` as
``.eml`` files (open one in a mail program to see it as a participant will)
and nothing leaves the machine. With ``--send`` they go through the store's
SMTP server, and each delivery is recorded in the event file, so running the
command again sends only what changed.
"""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.common import UserError, open_store, out_path, resolve_one

if TYPE_CHECKING:
    from planner.domain.delivery import Sent
    from planner.mail.outbox import Plan
    from planner.store import Store


def run_send_invites(args: Namespace) -> int:
    from planner.calendar.export import sync_sequence
    from planner.calendar.vevent import Unexportable
    from planner.mail.errors import MailError
    from planner.mail.outbox import plan_invitations

    store = open_store(args, sends=True)
    event = store.events[resolve_one(store.events, args.event, "event")]
    # A hand edit that matters to calendars raises SEQUENCE before anything is sent.
    event, note = sync_sequence(store, event)
    if note:
        print(note)
    try:
        plan = plan_invitations(store, event)
    except (MailError, Unexportable) as exc:
        raise UserError(str(exc)) from None
    for name in plan.without_email:
        print(f"no e-mail address, so no message: {name}")
    for skipped in plan.skipped:
        print(f"skipped: {skipped.describe()}")
    if not plan.outgoing:
        if not plan.skipped:
            raise UserError(f"{event.id}: nobody to invite: none of its invitees has an e-mail address")
        print(f"{event.id}: nothing to send, every invitee already has this version")
        return 0
    if not args.send:
        return _preview(plan, out_path(args))
    return _send(store, plan)


def _preview(plan: Plan, out: Path) -> int:
    from planner.mail.outbox import write_outbox

    folder = out / "outbox" / plan.event.id
    paths = write_outbox(plan, folder)
    for outgoing, path in zip(plan.outgoing, paths, strict=True):
        print(f"would send: {outgoing.describe()} -> {path}")
    count = len(plan.outgoing)
    print(f"{count} message{'s' if count != 1 else ''} written to {folder}; nothing sent (add --send to deliver them)")
    return 0


def _send(store: Store, plan: Plan) -> int:
    from planner.domain.times import utc_now
    from planner.mail.errors import MailError
    from planner.mail.smtp import connect, deliver

    settings = store.settings
    delivered: list[Sent] = []
    refused = 0
    try:
        try:
            with connect(settings.smtp, os.environ) as server:
                for outgoing in plan.outgoing:
                    problem = deliver(server, outgoing.message, settings.organizer_email, outgoing.address)
                    if problem:
                        refused += 1
                        print(f"not sent: {outgoing.describe()}: the server refused it: {problem}", file=sys.stderr)
                        continue
                    delivered.append(outgoing.sent(utc_now()))
                    print(f"sent: {outgoing.describe()}")
        finally:
            # Whatever stopped the run, what did go out is recorded, so it is not sent twice.
            _record(store, plan, delivered)
    except MailError as exc:
        done = f"{len(delivered)} message(s) sent before that, and recorded" if delivered else "nothing was sent"
        raise UserError(f"{exc}; {done}") from None
    where = f"{settings.smtp.host}:{settings.smtp.port}" if settings.smtp else "the mail server"
    print(f"{len(delivered)} sent through {where}" + (f", {refused} refused" if refused else ""))
    return 1 if refused else 0


def _record(store: Store, plan: Plan, delivered: list[Sent]) -> None:
    from planner.domain.event import Event
    from planner.mail.outbox import with_deliveries
    from planner.store import StoreError

    if not delivered:
        return
    current = store.get(plan.event.id)
    assert isinstance(current, Event)
    try:
        store.save(with_deliveries(current, delivered))
    except StoreError as exc:
        raise UserError(
            f"{len(delivered)} message(s) sent but not recorded in the event file ({exc}); "
            "running the command again would send them again"
        ) from None
