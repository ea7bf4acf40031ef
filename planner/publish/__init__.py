"""Publishing: minutes, summaries and the bulletin, in Spanish and English, as Markdown and HTML.

UI-free functions shared by the command line and the terminal UI. Templates
are Jinja2, sandboxed, shipped in ``templates/`` and overridable from the
store's own ``templates/`` folder; fixed labels come from the gettext
catalogs in ``locale/``.

The modules: ``exporters`` (the documents' text, and the files written for
the CLI and the UI alike), ``meetings`` (the meeting a document is about, and
a period's meetings), ``views`` (what the templates see), ``builder`` (the
views filled in, in one language), ``templating`` (the sandboxed Jinja2
environment), ``text`` (escaping and fallback marks), ``dates`` (localized
dates and times), ``labels`` and ``i18n`` (fixed labels, through gettext).

May import ``planner.index``, ``planner.store``, ``planner.rules`` and
``planner.domain``; not ``planner.calendar``.
"""

from planner.publish.exporters import (
    NothingToPublish,
    bulletin_document,
    event_minutes,
    export_bulletin,
    export_minutes,
    export_summary,
    minutes_document,
    summary_document,
)
from planner.publish.meetings import bulletin_meetings
from planner.publish.templating import FORMATS, Format, PublishError, TemplateRefused

__all__ = [
    "FORMATS",
    "Format",
    "NothingToPublish",
    "PublishError",
    "TemplateRefused",
    "bulletin_document",
    "bulletin_meetings",
    "event_minutes",
    "export_bulletin",
    "export_minutes",
    "export_summary",
    "minutes_document",
    "summary_document",
]
