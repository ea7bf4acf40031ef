"""The fixed labels of published documents, from the gettext catalogs shipped with the package.

Labels are written in English in the templates (``{{ _("Attendance") }}``) and
in ``labels.py``; ``locale/<lang>/LC_MESSAGES/planner.po`` translates them.
The ``.po`` files are compiled in memory with Babel's own tooling when first
used, so there is no build step and no compiled file to keep in sync.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from planner.domain.text import Lang

DOMAIN = "planner"


def catalog_text(lang: Lang) -> str:
    """The shipped ``.po`` file of ``lang``."""
    path = resources.files("planner.publish") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    return path.read_text(encoding="utf-8")


@cache
def translations(lang: Lang) -> Translations:
    """The labels' translations into ``lang``, compiled from its ``.po`` catalog."""
    catalog = read_po(BytesIO(catalog_text(lang).encode("utf-8")), locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(lang: Lang, message: str) -> str:
    """One label in ``lang``."""
    return translations(lang).gettext(message)
