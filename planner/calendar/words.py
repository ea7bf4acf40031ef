"""The few words calendar entries need in each language: kinds, headings of the description, feed names."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # standard library only at run time: the exporter names feeds without the model
    from planner.domain.text import Lang

KINDS: dict[str, dict[Lang, str]] = {
    "round-table": {"es": "Mesa intermunicipal", "en": "Inter-municipal round table"},
    "study-visit": {"es": "Visita de estudio", "en": "Study visit"},
    "conference": {"es": "Conferencia", "en": "Conference"},
    "agreement-signing": {"es": "Firma de convenio", "en": "Agreement signing"},
    "workshop": {"es": "Taller", "en": "Workshop"},
    "other": {"es": "Evento", "en": "Event"},
}

WORDS: dict[str, dict[Lang, str]] = {
    "cancelled": {"es": "Cancelado", "en": "Cancelled"},
    "host": {"es": "Anfitrión", "en": "Host"},
    "programme": {"es": "Programa", "en": "Programme"},
    "organizers": {"es": "Organizan", "en": "Organizers"},
    "sponsors": {"es": "Patrocinan", "en": "Sponsors"},
    "speakers": {"es": "Expositores", "en": "Speakers"},
    "signatories": {"es": "Firmantes", "en": "Signatories"},
    "municipalities": {"es": "Municipios", "en": "Municipalities"},
    "legs": {"es": "Etapas", "en": "Legs"},
    "agenda": {"es": "Orden del día", "en": "Agenda"},
    "areas": {"es": "Áreas de cooperación", "en": "Areas of cooperation"},
    "links": {"es": "Enlaces", "en": "Links"},
    "minutes_link": {"es": "Acta", "en": "Minutes"},
    "municipality_of": {"es": "Municipalidad de {name}", "en": "Municipality of {name}"},
    "programme_feed": {"es": "{org}: eventos", "en": "{org}: events"},
    "programme_feed_about": {
        "es": "Mesas intermunicipales, visitas de estudio, conferencias y firmas de convenios de {org}.",
        "en": "Inter-municipal round tables, study visits, conferences and agreement signings of {org}.",
    },
    "municipality_feed": {"es": "{org}: eventos con {name}", "en": "{org}: events with {name}"},
    "municipality_feed_about": {
        "es": "Los eventos de {org} que {name} acoge o en los que participa.",
        "en": "The events of {org} that {name} hosts or takes part in.",
    },
    "person_feed": {"es": "{org}: eventos de {name}", "en": "{org}: events of {name}"},
    "person_feed_about": {
        "es": "Los eventos de {org} en los que participa {name}.",
        "en": "The events of {org} that {name} takes part in.",
    },
}


def word(key: str, lang: Lang, **values: str) -> str:
    return WORDS[key][lang].format(**values)


def kind_label(kind: str, lang: Lang) -> str:
    labels = KINDS.get(kind)
    return labels[lang] if labels else kind
