"""``planner send invites EVENT_ID [--send] [--out DIR]``: invitation e-mails, previewed or delivered once.

Without ``--send`` the messages are written to ``<out>/outbox/<event>/`` as
``.eml`` files (open one in a mail program to see it as a participant will)
and nothing leaves the machine. With ``--send`` they go through the store's
SMTP server, and each delivery is recorded in the event file as soon as the
server accepts it, so running the command again, even after a kill, sends
only what changed (and at most the one message that was in flight).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from argparse import Namespace
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from planner.cli.common import UserError, open_store, out_path, resolve_one

if TYPE_CHECKING:
    from planner.domain.delivery import Sent
    from planner.mail.outbox import Outgoing, Plan
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
    return _send(store, plan, args.timeout)


def _preview(plan: Plan, out: Path) -> int:
    from planner.mail.outbox import write_outbox

    folder = out / "outbox" / plan.event.id
    paths = write_outbox(plan, folder)
    for outgoing, path in zip(plan.outgoing, paths, strict=True):
        print(f"would send: {outgoing.describe()} -> {path}")
    count = len(plan.outgoing)
    print(f"{count} message{'s' if count != 1 else ''} written to {folder}; nothing sent (add --send to deliver them)")
    return 0


class _Stop:
    """Ctrl+C or SIGTERM during a run: the message in flight is finished and recorded, then the run stops.

    A second signal stops at once (``KeyboardInterrupt``): the message in flight, if any, is then not
    recorded and goes again on the next run.
    """

    def __init__(self) -> None:
        self.signal: int | None = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signal is not None:
            raise KeyboardInterrupt
        self.signal = signum
        print("planner: stopping after the message in flight (again to stop at once)", file=sys.stderr)

    @contextmanager
    def installed(self) -> Iterator[_Stop]:
        if threading.current_thread() is not threading.main_thread():
            yield self  # signal handlers belong to the main thread; elsewhere Ctrl+C cannot reach the run anyway
            return
        before = {sig: signal.signal(sig, self._handle) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield self
        finally:
            for sig, handler in before.items():
                signal.signal(sig, handler)

    @property
    def status(self) -> int:
        """128 plus the signal's number, as a shell reports a process a signal ended: 130 or 143."""
        return 128 + (self.signal or signal.SIGINT)


def _send(store: Store, plan: Plan, timeout: float) -> int:
    from planner.domain.times import utc_now
    from planner.mail.errors import MailError
    from planner.mail.smtp import connect, deliver

    settings = store.settings
    sent: list[Outgoing] = []
    refused: list[Outgoing] = []
    with _Stop().installed() as stop:
        try:
            with connect(settings.smtp, os.environ, timeout) as server:
                for outgoing in plan.outgoing:
                    if stop.signal is not None:
                        break
                    problem = deliver(server, outgoing.data(), settings.organizer_email, outgoing.address)
                    if problem:
                        refused.append(outgoing)
                        print(f"not sent: {outgoing.describe()}: the server refused it: {problem}", file=sys.stderr)
                        continue
                    # Recorded at once, before the next message: a kill now re-sends nothing already accepted.
                    _record(store, plan, outgoing.sent(utc_now()), len(sent))
                    sent.append(outgoing)
                    print(f"sent: {outgoing.describe()}")
        except MailError as exc:
            raise UserError(f"{exc}; {_so_far(sent)}") from None
        except KeyboardInterrupt:
            stop.signal = stop.signal or signal.SIGINT
    if stop.signal is not None and len(sent) + len(refused) < len(plan.outgoing):
        left = [o for o in plan.outgoing if o not in sent and o not in refused]
        name = "SIGTERM" if stop.signal == signal.SIGTERM else "Ctrl+C"
        print(
            f"planner: stopped by {name}; {_so_far(sent)}; not sent, and sent on the next run: "
            + ", ".join(f"{o.person.name} <{o.address}>" for o in left),
            file=sys.stderr,
        )
        return stop.status
    where = f"{settings.smtp.host}:{settings.smtp.port}" if settings.smtp else "the mail server"
    print(f"{len(sent)} sent through {where}" + (f", {len(refused)} refused" if refused else ""))
    return 1 if refused else 0


def _so_far(sent: list[Outgoing]) -> str:
    return f"{len(sent)} message(s) sent before that, and recorded" if sent else "nothing was sent"


def _record(store: Store, plan: Plan, delivered: Sent, earlier: int) -> None:
    from planner.domain.event import Event
    from planner.mail.outbox import with_deliveries
    from planner.store import StoreError

    current = store.get(plan.event.id)
    assert isinstance(current, Event)
    try:
        # The store's atomic save: the event file holds this delivery, or the run stops here.
        store.save(with_deliveries(current, [delivered]))
    except StoreError as exc:
        raise UserError(
            f"the message to {delivered.person} was sent but could not be recorded in the event file ({exc}), "
            f"so sending stopped; {earlier} message(s) sent before it, and recorded; "
            "running the command again would send that one again"
        ) from None
