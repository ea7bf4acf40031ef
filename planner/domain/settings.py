"""The store's settings, kept in ``planner.toml`` at the store's root."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.domain.fields import Domain, Email, Frozen, Url, ZoneName
from planner.domain.schema import SCHEMA_VERSION
from planner.domain.text import Lang, SingleLine
from planner.domain.times import DEFAULT_ZONE

__all__ = ["SCHEMA_VERSION", "Smtp", "StoreSettings"]


class Smtp(Frozen):
    """The mail server invitations are sent through; the password comes from the environment only."""

    host: SingleLine
    port: int = Field(default=587, ge=1, le=65535)
    starttls: bool = True
    user: SingleLine | None = None
    password_env: SingleLine = "PLANNER_SMTP_PASSWORD"
    """The environment variable holding the password: never the password itself."""


class StoreSettings(Frozen):
    """Store-wide facts: home zone, default language, who organises, the calendar domain."""

    schema_version: Literal[1] = 1
    home_tz: ZoneName = DEFAULT_ZONE
    default_lang: Lang = "es"
    organization: SingleLine = "IOM Chile"
    """The office's name, in the store's default language."""
    organization_en: SingleLine | None = None
    """The office's name in English, when it differs."""
    organizer_name: SingleLine = "IOM Chile"
    organizer_email: Email = "planner@example.org"
    calendar_domain: Domain = "planner.example.org"
    """Used to derive calendar UIDs: fixed once the store has events."""
    publish_url: Url | None = None
    """Where the exports folder is published on the web: calendar entries then link to approved minutes."""
    alarms_minutes: tuple[int, ...] = (1440, 60)
    """Reminders in calendar entries, in minutes before the start (one day and one hour)."""
    smtp: Smtp | None = None

    def organization_name(self, lang: str) -> str:
        """The office's name for a reader of ``lang``."""
        return (self.organization_en if lang == "en" else None) or self.organization
