"""Labels of the programme's themes in both languages; a theme not listed here shows its id."""

from __future__ import annotations

from planner.domain.text import Lang

THEMES: dict[str, dict[Lang, str]] = {
    "migrant-health": {"es": "Salud de las personas migrantes", "en": "Migrant health"},
    "education": {"es": "Educación", "en": "Education"},
    "employment": {"es": "Empleo", "en": "Employment"},
    "housing": {"es": "Vivienda", "en": "Housing"},
    "human-rights": {"es": "Derechos humanos", "en": "Human rights"},
    "social-inclusion": {"es": "Inclusión social", "en": "Social inclusion"},
    "local-government": {"es": "Gobierno local", "en": "Local government"},
    "migration-policy": {"es": "Política migratoria", "en": "Migration policy"},
    "research": {"es": "Investigación", "en": "Research"},
    "training": {"es": "Formación", "en": "Training"},
    "private-sector": {"es": "Sector privado", "en": "Private sector"},
    "discrimination": {"es": "Discriminación", "en": "Discrimination"},
}


def theme_label(theme: str, lang: Lang) -> str:
    """The theme's label in ``lang``; unknown themes keep their id."""
    labels = THEMES.get(theme)
    return labels[lang] if labels else theme
