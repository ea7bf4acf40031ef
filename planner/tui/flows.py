"""Workflows that span dialogs: a new event, a duplicate, a deletion. Used by several screens.

The rules are the domain's (``planner.rules.planning``); these functions only ask
the coordinator, in dialogs, and open the event screen or save through the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from pydantic import ValidationError
from textual.app import App

from planner.domain.event import Event
from planner.domain.vocabulary import EVENT_KINDS, EventKind
from planner.rules import planning
from planner.store import StoreError
from planner.tui.draft import Data, data_of, errors_of, prune
from planner.tui.forms import FieldSpec, Picker, choices
from planner.tui.messages import OpenDraft, StoreChanged
from planner.tui.screens.confirm import ConfirmScreen
from planner.tui.screens.form import Check, FormScreen
from planner.tui.screens.pick import PickScreen
from planner.tui.session import Session
from planner.tui.widgets.events_table import KIND_LABELS
from planner.tui.widgets.when_field import parsed

NEW_EVENT: tuple[FieldSpec, ...] = (
    FieldSpec(("kind",), "Kind", "choice", choices(EVENT_KINDS, KIND_LABELS), allow_blank=False),
    FieldSpec(("title",), "Title", "bilingual"),
    FieldSpec(("start",), "Starts", "when"),
    FieldSpec(("end",), "Ends", "when"),
    FieldSpec(("tz",), "Time zone", "pick", source="zone"),
    FieldSpec(("host",), "Host", "pick", source="host"),
)
DUPLICATE: tuple[FieldSpec, ...] = (
    FieldSpec(("start",), "Starts", "when"),
    FieldSpec(("title",), "Title", "bilingual"),
)


def _problems(exc: ValidationError) -> dict[str, str]:
    return errors_of(exc, Event)


def new_event_check(session: Session) -> Check:
    """What the new-event form validates with: the event its values make (not saved), or the messages by field."""
    home = session.store.settings.home_tz
    hosts = planning.host_labels(session.municipalities(), session.organizations())

    def check(values: Data) -> tuple[Event | None, dict[str, str]]:
        data = prune(values)
        kind = cast(EventKind, data.get("kind") or "round-table")
        title = data.get("title") or {}
        errors: dict[str, str] = {}
        if not title:
            errors["title"] = "give a title in Spanish, English or both"
        start = parsed(data.get("start"))
        if start is None:
            errors["start"] = "give the date (YYYY-MM-DD) and the time (HH:MM)"
        end_text = data.get("end")
        end = parsed(end_text) if end_text else None
        if end_text and end is None:
            errors["end"] = "give the date (YYYY-MM-DD) and the time (HH:MM), or leave it blank (default length)"
        if errors or start is None:
            return None, errors
        text = title.get("en") or title.get("es") or kind
        try:
            event = planning.new_event(
                kind,
                event_id=planning.new_event_id(session.taken, start.date(), text),
                title=title,
                start=start,
                end=end,
                tz=data.get("tz") or home,
                host=data.get("host"),
                programme=planning.default_programme(session.programmes()) if kind == "round-table" else None,
                municipalities=planning.participating(session.municipalities()),
                name_of=session.name_of,
                hosts=hosts,
                home_tz=home,
            )
        except ValidationError as exc:
            return None, _problems(exc)
        except ValueError as exc:
            return None, {"start": str(exc)}
        return event, {}

    return check


def first_tab(event: Event) -> str:
    """The tab a new event opens on: what its kind asks for next."""
    return {"study-visit": "legs", "agreement-signing": "signatories"}.get(event.kind, "overview")


def with_signatories(session: Session, event: Event, people: Sequence[str]) -> Event:
    """``event`` signed by ``people``, each for their own organization (when they have one)."""
    signatories = [
        {
            "person": p,
            **({"organization": org} if (org := planning.signatory_organization(session.people().get(p))) else {}),
        }
        for p in people
    ]
    data = {**data_of(event), "signatories": signatories}
    try:
        return Event.model_validate(data, context={"home_tz": session.store.settings.home_tz})
    except ValidationError:
        return event


def new_event(app: App[Any], session: Session, picker: Picker, day: date | None = None) -> None:
    """Ask for the kind, title, time and host; open the new event (not saved yet) in its screen."""
    first = day or session.today() + timedelta(days=7)
    initial: Data = {
        "kind": "round-table",
        "start": datetime.combine(first, time(9, 30)),
        "tz": session.store.settings.home_tz,
    }

    def open_screen(event: Event) -> None:
        app.post_message(OpenDraft(event, first_tab(event)))

    def created(event: Event | None) -> None:
        if event is None:
            return
        if event.kind == "agreement-signing":
            ask_signatories(event)
            return
        open_screen(event)
        if event.kind == "study-visit":
            app.notify("Add the legs of the visit: a, then the city, its time zone and the times", timeout=6)
        elif event.kind == "round-table":
            app.notify(
                f"Invited the {len(event.guests)} programme municipalities, with the default agenda. "
                "Add the speakers next (Speakers tab).",
                timeout=6,
            )

    def ask_signatories(event: Event) -> None:
        def picked(people: Any) -> None:
            if not people:
                app.notify(
                    "An agreement signing needs its signatories: choose them in the Signatories tab",
                    severity="warning",
                    timeout=6,
                )
                open_screen(event)
                return
            open_screen(with_signatories(session, event, people))

        app.push_screen(
            PickScreen("Who signs the agreement? (space ticks, Enter done)", session.person_options(), multiple=True),
            picked,
        )

    app.push_screen(
        FormScreen(
            "New event",
            NEW_EVENT,
            initial,
            new_event_check(session),
            picker,
            lang=session.lang,
            ok_label="Create",
            note="A round table starts with the programme's municipalities invited and the default agenda. "
            "Nothing is saved until you save the event (ctrl+s).",
        ),
        created,
    )


def duplicate_check(session: Session, event: Event) -> Check:
    """What the duplicate form validates with: the copy of ``event`` its values make (not saved)."""
    base = planning.undated(event.id)

    def check(values: Data) -> tuple[Event | None, dict[str, str]]:
        data = prune(values)
        start = parsed(data.get("start"))
        if start is None:
            return None, {"start": "give the date (YYYY-MM-DD) and the time (HH:MM)"}
        title = data.get("title")
        if not title:
            return None, {"title": "give a title in Spanish, English or both"}
        try:
            copy = planning.duplicate(event, planning.new_event_id(session.taken, start.date(), base), start)
            copy = Event.model_validate({**data_of(copy), "title": title}, context={"home_tz": copy.tz})
        except ValidationError as exc:
            return None, _problems(exc)
        return copy, {}

    return check


def duplicate_event(app: App[Any], session: Session, picker: Picker, event: Event) -> None:
    """Ask where the copy goes (same weekday next month by default) and open it, not saved yet."""
    initial: Data = {"start": planning.duplicate_start(event), "title": event.title.model_dump(exclude_none=True)}

    def done(copy: Event | None) -> None:
        if copy is None:
            return
        app.post_message(OpenDraft(copy))
        app.notify(
            f"A copy of {event.title.get(session.lang)!r}, not saved yet: review it and save (ctrl+s). "
            "It has a new id and calendar UID, status draft, no minutes, answers or attendance.",
            timeout=8,
        )

    app.push_screen(
        FormScreen(
            f"Duplicate: {event.title.get(session.lang)}",
            DUPLICATE,
            initial,
            duplicate_check(session, event),
            picker,
            lang=session.lang,
            ok_label="Duplicate",
            note="Keeps speakers, municipalities, delegates, agenda and invitees; moves the times.",
        ),
        done,
    )


def delete_event(app: App[Any], session: Session, event: Event, done: Callable[[Event | None], None]) -> None:
    """Delete ``event`` as the domain says: a draft is removed; anything else is cancelled first, then asked again.

    ``done`` gets ``None`` once the file is removed, or the event as it is now
    (cancelled), or is not called when the coordinator changed their mind.
    """
    store = session.store
    name = event.title.get(session.lang)
    path = store.path_of(event.id)
    where = path.relative_to(session.root) if path and path.is_relative_to(session.root) else path

    def remove(answer: str | None) -> None:
        if answer != "delete":
            return
        try:
            removed = store.delete(event.id)
        except (StoreError, OSError, KeyError) as exc:
            app.notify(f"Not deleted: {exc}", severity="error", timeout=8)
            return
        app.notify(f"Deleted {where}", timeout=5)
        app.post_message(StoreChanged(removed))
        done(None)

    def cancel(answer: str | None) -> None:
        if answer != "cancel-event":
            return
        try:
            saved = store.save(planning.cancelled(event))
        except StoreError as exc:
            app.notify(f"Not cancelled: {exc}", severity="error", timeout=8)
            return
        app.post_message(StoreChanged(*([path] if path else [])))
        done(saved)
        app.push_screen(
            ConfirmScreen(
                "Cancelled — delete the file too?",
                f"{name!r} is now cancelled and saved. Export or send its invitations (Exports tab) so that "
                "participants' calendars drop it; deleting the file now means calendars are never told.\n\n"
                f"Delete {where} anyway?",
                [("keep", "Keep it, cancelled", "primary"), ("delete", "Delete the file", "error")],
            ),
            remove,
        )

    if planning.delete_step(event) == "remove":
        what = "This draft was never sent to anyone." if event.status == "draft" else "It is already cancelled."
        app.push_screen(
            ConfirmScreen(
                "Delete event?",
                f"{name!r}\n{what} Its file {where} is removed.",
                [("keep", "Keep", "primary"), ("delete", "Delete", "error")],
            ),
            remove,
        )
    else:
        app.push_screen(
            ConfirmScreen(
                "Cancel before deleting",
                f"{name!r} is {event.status}"
                + (" and its invitations were sent" if event.sent else "")
                + ": it may already be in participants' calendars.\n\n"
                "It is cancelled first (status cancelled, saved), so that the next export or sending removes it "
                "from their calendars; then you are asked again about deleting the file.",
                [("keep", "Keep it", "primary"), ("cancel-event", "Cancel the event", "error")],
            ),
            cancel,
        )
