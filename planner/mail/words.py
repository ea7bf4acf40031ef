"""Every fixed word of an invitation e-mail, in Spanish and English, kept in one place."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.text import Lang


@dataclass(frozen=True)
class Words:
    """The labels and sentences of one language; ``{…}`` fields are filled by ``planner.mail.compose``."""

    subject_new: str
    subject_update: str
    subject_cancel: str
    greeting: str
    intro_new: str
    intro_update: str
    intro_cancel: str
    what: str
    when: str
    where: str
    agenda: str
    series: str
    zone_note: str
    answer_hint: str
    cancel_hint: str
    attachment: str


WORDS: dict[Lang, Words] = {
    "es": Words(
        subject_new="Invitación: {title} — {date}",
        subject_update="Invitación actualizada: {title} — {date}",
        subject_cancel="Cancelado: {title} — {date}",
        greeting="Estimado/a {name}:",
        intro_new="{organizer} le invita a la siguiente actividad.",
        intro_update="La actividad ha cambiado; esta invitación reemplaza a la anterior en su calendario.",
        intro_cancel="La siguiente actividad ha sido cancelada; su calendario la quitará al abrir este mensaje.",
        what="Qué",
        when="Cuándo",
        where="Dónde",
        agenda="Agenda",
        series="Se repite: la invitación adjunta trae todas las fechas.",
        zone_note="hora de {zone}",
        answer_hint=(
            "Para responder, use los botones Aceptar, Quizás o Rechazar de su calendario "
            "(Google Calendar, Outlook, Apple Calendar o Thunderbird)."
        ),
        cancel_hint="No es necesario responder a este mensaje.",
        attachment="invitacion.ics",
    ),
    "en": Words(
        subject_new="Invitation: {title} — {date}",
        subject_update="Updated invitation: {title} — {date}",
        subject_cancel="Cancelled: {title} — {date}",
        greeting="Dear {name},",
        intro_new="{organizer} invites you to the following event.",
        intro_update="The event has changed; this invitation replaces the earlier one in your calendar.",
        intro_cancel="The following event has been cancelled; your calendar removes it when you open this message.",
        what="What",
        when="When",
        where="Where",
        agenda="Agenda",
        series="Repeats: the attached invitation holds every date.",
        zone_note="{zone} time",
        answer_hint=(
            "To answer, use your calendar's Accept, Maybe or Decline buttons "
            "(Google Calendar, Outlook, Apple Calendar or Thunderbird)."
        ),
        cancel_hint="There is no need to answer this message.",
        attachment="invitation.ics",
    ),
}
