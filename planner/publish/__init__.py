"""Publishing: minutes, summaries and the bulletin, in Spanish and English, as Markdown and HTML.

UI-free functions shared by the command line and the terminal UI. Templates
are Jinja2, sandboxed, shipped in ``templates/`` and overridable from the
store's own ``templates/`` folder; fixed labels come from the gettext
catalogs in ``locale/``.
"""

from planner.publish.exporters import (
    NothingToPublish,
    bulletin_document,
    bulletin_meetings,
    export_bulletin,
    export_minutes,
    export_summary,
    minutes_document,
    summary_document,
)
from planner.publish.templating import FORMATS, Format, PublishError, TemplateRefused

__all__ = [
    "FORMATS",
    "Format",
    "NothingToPublish",
    "PublishError",
    "TemplateRefused",
    "bulletin_document",
    "bulletin_meetings",
    "export_bulletin",
    "export_minutes",
    "export_summary",
    "minutes_document",
    "summary_document",
]
