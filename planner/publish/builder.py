"""The views of a meeting built in one language: names resolved, dates localized, attendance totalled.

Everything a document shows is worked out here, in the requested language:
names resolved, dates localized, texts in that language or marked as a
fallback, attendance totalled (``planner.publish.views`` holds the views).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel.lists import format_list

from planner.domain.minutes import ActionItem, Minutes
from planner.domain.records import Municipality, Person
from planner.domain.text import Lang, Line, Text
from planner.domain.themes import theme_label
from planner.publish import dates, labels
from planner.publish.i18n import gettext
from planner.publish.meetings import Meeting
from planner.publish.text import Localized
from planner.publish.views import (
    ActionView,
    AgendaView,
    AttendanceRow,
    DecisionView,
    DelegationView,
    Facts,
    Leg,
    MinutesView,
    NextMeetingView,
    PeopleGroup,
    PersonView,
    QuoteView,
    StepView,
    SummaryView,
    When,
)
from planner.rules.attendance import group_of
from planner.rules.followup import pending_from_previous
from planner.store import Store


def other(lang: Lang) -> Lang:
    return "en" if lang == "es" else "es"


@dataclass
class Builder:
    """Builds views in one language, and notes whether any text had to fall back to the other."""

    store: Store
    lang: Lang
    fallbacks: set[str] = field(default_factory=set)

    @property
    def home_tz(self) -> str:
        return self.store.settings.home_tz

    def _(self, message: str) -> str:
        return gettext(self.lang, message)

    def text(self, value: Line | Text) -> Localized:
        if value.has(self.lang):
            return Localized(value.get(self.lang))
        fallback = other(self.lang)
        self.fallbacks.add(fallback)
        return Localized(value.get(self.lang), fallback)

    def maybe(self, value: Line | Text | None) -> Localized | None:
        return self.text(value) if value is not None else None

    def name(self, ref: str | None) -> str | None:
        return self.store.name_of(ref, self.lang) if ref else None

    def names(self, refs: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        return tuple(self.store.name_of(ref, self.lang) for ref in refs)

    def person(self, ref: str, role: Line | None = None) -> PersonView:
        found = self.store.people.get(ref)
        role = role or (found.role if found else None)
        return PersonView(self.store.name_of(ref, self.lang), self.maybe(role), self._affiliation(found))

    def _affiliation(self, person: Person | None) -> str | None:
        if person is None:
            return None
        return self.name(person.municipality or person.organization)

    def context(self, **values: Any) -> dict[str, Any]:
        """What every template gets: the values, the office and the language."""
        settings = self.store.settings
        return {
            **values,
            "lang": self.lang,
            "organization": settings.organization_name(self.lang),
            "organizer": settings.organizer_name,
            "fallbacks": sorted(self.fallbacks),
        }

    # Facts

    def facts(self, meet: Meeting) -> Facts:
        event = meet.event
        kind = self._(labels.KINDS[event.kind])
        if event.format:
            kind = self._(labels.FORMATS[event.format])
        return Facts(
            id=event.id,
            anchor=f"{event.id}-{meet.day.isoformat()}" if meet.series else event.id,
            title=self.text(event.title),
            kind=kind,
            programme=self.name(event.programme),
            when=self.when(meet),
            place=self.place(meet),
            venue=event.venue.one_line() if event.venue else None,
            host=self.name(meet.occurrence.host or event.host),
            organizers=self.names(event.organizers),
            sponsors=self.names(event.sponsors),
            themes=tuple(theme_label(theme, self.lang) for theme in event.themes),
            municipalities=self.names(self.municipalities(meet)),
        )

    def when(self, meet: Meeting) -> When:
        day, time = dates.span(meet.start, meet.end, meet.event.tz, self.home_tz, self.lang)
        legs = []
        for leg in meet.event.legs:
            leg_day, leg_time = dates.span(leg.start, leg.end, leg.tz, self.home_tz, self.lang)
            # The city alone: a leg's country is stored in one language only.
            legs.append(Leg(leg.city, leg_day, leg_time))
        return When(day, time, tuple(legs))

    def place(self, meet: Meeting) -> str | None:
        """Where, in a few words: the legs' cities, the venue's city, or the host municipality."""
        event = meet.event
        if event.legs:
            return format_list(list(dict.fromkeys(leg.city for leg in event.legs)), locale=self.lang)
        if event.venue and event.venue.city:
            return event.venue.city
        host = self.store.get(meet.occurrence.host or event.host or "")
        return host.name if isinstance(host, Municipality) else None

    def municipalities(self, meet: Meeting) -> list[str]:
        """The host (when a municipality) and the guest municipalities, in the order given."""
        event = meet.event
        found = []
        host = meet.occurrence.host or event.host
        if host and isinstance(self.store.get(host), Municipality):
            found.append(host)
        found += [g.municipality for g in event.guests]
        return list(dict.fromkeys(found))

    # Minutes

    def minutes(self, meet: Meeting) -> MinutesView:
        minutes = meet.minutes or Minutes()
        event = meet.event
        notes = {n.item: n.notes for n in minutes.notes}
        rows, by_role = self.attendance(meet)
        total = AttendanceRow(
            self._("Total"),
            *(sum(getattr(row, key) for row in rows) for key in ("invited", "replied", "present", "excused", "absent")),
        )
        return MinutesView(
            facts=self.facts(meet),
            status=minutes.status,
            status_label=self._(labels.MINUTES_STATUSES[minutes.status]),
            attendance=tuple(rows),
            attendance_total=total,
            by_role=by_role,
            present=self.present(meet),
            delegations=tuple(
                DelegationView(
                    self.store.name_of(d.municipality, self.lang),
                    self.text(role),
                    d.attendance,
                    self._(labels.ATTENDANCES[d.attendance]),
                )
                for d in meet.delegations
                for role in d.roles
                # Listed once any is recorded: until then they are only presumed present, as the note says.
                if any(found.attendance != "unknown" for found in meet.delegations)
            ),
            agenda=tuple(
                AgendaView(
                    id=item.id,
                    time=f"{item.time:%H:%M}" if item.time else None,
                    title=self.text(item.title),
                    speaker=self.name(item.speaker),
                    notes=self.maybe(notes.get(item.id)) if item.id else None,
                )
                for item in event.agenda
            ),
            decisions=tuple(
                DecisionView(number, d.id, self.text(d.text)) for number, d in enumerate(minutes.decisions, start=1)
            ),
            actions=tuple(self.action(number, a) for number, a in enumerate(minutes.actions, start=1)),
            series=meet.series,
            pending=tuple(
                self.action(number, row.action, row.meeting)
                for number, row in enumerate(pending_from_previous(event, meet.day, date.min), start=1)
            ),
            next_meeting=(
                NextMeetingView(
                    dates.long_date(minutes.next_meeting.date, self.lang) if minutes.next_meeting.date else None,
                    self.maybe(minutes.next_meeting.note),
                )
                if minutes.next_meeting
                else None
            ),
            history=tuple(
                StepView(
                    step.step,
                    self._(labels.STEPS[step.step]),
                    step.by,
                    dates.moment(step.at, self.home_tz, self.lang),
                )
                for step in minutes.history
            ),
        )

    def action(self, number: int, action: ActionItem, meeting_day: date | None = None) -> ActionView:
        return ActionView(
            number=number,
            id=action.id,
            text=self.text(action.text),
            owner=self.name(action.owner),
            municipality=self.name(action.municipality),
            due=dates.short_date(action.due, self.lang) if action.due else None,
            status=action.status,
            status_label=self._(labels.ACTION_STATUSES[action.status]),
            meeting=dates.short_date(meeting_day, self.lang) if meeting_day else None,
        )

    def attendance(self, meet: Meeting) -> tuple[list[AttendanceRow], bool]:
        """Totals per municipality or organization: the host and guests first, then in order of invitation.

        Invitations give the counts. A guest municipality's delegate recorded
        by role only counts with the attendance recorded for it; a delegate
        without an invitation whose attendance is not recorded (the sources
        often give only a role) is presumed invited, replied and present once
        the meeting has taken place.
        """
        counts: dict[str, dict[str, int]] = {}
        by_role: set[str] = set()
        for group in self.municipalities(meet):
            counts.setdefault(group, {})
        for invitation in meet.invitations:
            tally = counts.setdefault(group_of(self.store.people.get(invitation.person)), {})
            tally["invited"] = tally.get("invited", 0) + 1
            if invitation.answer != "needs-action":
                tally["replied"] = tally.get("replied", 0) + 1
            if invitation.attendance != "unknown":
                tally[invitation.attendance] = tally.get(invitation.attendance, 0) + 1
        for municipality, _, state in meet.uninvited_delegates():
            if state == "unknown" and not meet.held:
                continue
            tally = counts.setdefault(municipality, {})
            for key in ("invited", "replied", "present" if state == "unknown" else state):
                tally[key] = tally.get(key, 0) + 1
            if state == "unknown":
                by_role.add(municipality)
        rows = [
            AttendanceRow(
                self.store.name_of(group, self.lang) if group else self._("Other participants"),
                **tally,
                by_role=group in by_role,
            )
            for group, tally in counts.items()
        ]
        return rows, bool(by_role)

    def present(self, meet: Meeting) -> tuple[PersonView, ...]:
        """Who was present: invitees marked present, then guest delegates not invited by name (recorded or presumed)."""
        roles = {s.person: s.role for s in meet.event.speakers}
        people = [self.person(i.person, roles.get(i.person)) for i in meet.invitations if i.attendance == "present"]
        for _, delegate, state in meet.uninvited_delegates():
            if state != "present" and not (state == "unknown" and meet.held):
                continue
            if delegate.person:
                people.append(self.person(delegate.person, delegate.role))
            elif delegate.role is not None:
                people.append(PersonView(self.text(delegate.role), None))
        return tuple(people)

    # Summary

    def summary(self, meet: Meeting) -> SummaryView:
        summary = meet.occurrence.summary if meet.series and meet.occurrence.summary else meet.event.summary
        if summary is None:
            raise LookupError(f"{meet.event.id!r} has no summary yet")
        quotes = meet.occurrence.quotes if meet.series and meet.occurrence.quotes else meet.event.quotes
        facts = self.facts(meet)
        dateline = ", ".join(p for p in (facts.place, facts.when.date) if p)
        return SummaryView(
            facts=facts,
            headline=self.text(summary.headline),
            dateline=dateline,
            lead=self.text(summary.lead),
            body=self.maybe(summary.body),
            quotes=tuple(self.quote(q) for q in quotes),
            people=self.people(meet),
        )

    def quote(self, quote: Any) -> QuoteView:
        if quote.person:
            person = self.person(quote.person, quote.role)
            return QuoteView(self.text(quote.text), person.name, person.role)
        return QuoteView(self.text(quote.text), quote.name or "", self.maybe(quote.role))

    def people(self, meet: Meeting) -> tuple[PeopleGroup, ...]:
        event = meet.event
        groups = []
        if event.signatories:
            groups.append(
                PeopleGroup(
                    self._("Signatories"),
                    tuple(self.person(s.person) for s in event.signatories),
                )
            )
        if event.speakers:
            groups.append(PeopleGroup(self._("Speakers"), tuple(self.person(s.person, s.role) for s in event.speakers)))
        named = [
            (guest, delegate) for guest in event.guests for delegate in guest.delegates if delegate.person is not None
        ]
        if named:
            groups.append(
                PeopleGroup(
                    self._("Delegation"),
                    tuple(self.person(d.person, None) for _, d in named if d.person),
                )
            )
        return tuple(groups)
