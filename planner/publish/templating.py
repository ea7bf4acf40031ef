"""The template environments: Jinja2, sandboxed, the store's own templates first.

A store travels in git, so its templates are untrusted: they are rendered in
an ``ImmutableSandboxedEnvironment`` (no attribute starting with ``_``, no
mutating of the values handed to them), and an attempt to reach Python
internals is refused with ``TemplateRefused`` instead of rendering as blank.
A file under ``<store>/templates/`` with the name of a default template
replaces it; a link there pointing outside that folder is not followed.

HTML is autoescaped. Markdown has no autoescaping of its own, so every
``{{ value }}`` of a ``.md.j2`` template goes through ``md_finalize``, which
escapes Markdown's special characters: a template cannot forget to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from planner.domain.text import Lang
from planner.publish.i18n import translations
from planner.publish.text import (
    css_string,
    html_paragraphs,
    md_anchor,
    md_block,
    md_finalize,
    md_inline,
    md_quote,
)

Format = Literal["md", "html"]
FORMATS: tuple[Format, ...] = ("md", "html")
TEMPLATES_FOLDER = "templates"
"""The folder of a store where the office keeps its own templates."""


class PublishError(Exception):
    """A document cannot be written; the message is fit to show a coordinator."""


class TemplateRefused(PublishError):
    """A template is broken, or tried something the sandbox does not allow."""


class _StoreLoader(FileSystemLoader):
    """The store's ``templates/`` folder; a file that resolves outside it is not a template."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder.resolve()

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.folder):
            raise TemplateNotFound(template)
        return source, filename, uptodate


class _Sandbox(ImmutableSandboxedEnvironment):
    def getattr(self, obj: Any, attribute: str) -> Any:
        _refuse_private(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _refuse_private(obj, argument)
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        # The default renders nothing and carries on; a template probing internals is refused outright.
        raise SecurityError(f"access to attribute {attribute!r} of a {type(obj).__name__!r} value is not allowed")


def _refuse_private(obj: Any, name: object) -> None:
    # Whether or not the attribute exists: a template has no business asking for it.
    if isinstance(name, str) and name.startswith("_"):
        raise SecurityError(f"access to attribute {name!r} of a {type(obj).__name__!r} value is not allowed")


def loader(store_root: Path | None) -> BaseLoader:
    """The store's templates first, then the package's defaults."""
    default = PackageLoader("planner.publish", TEMPLATES_FOLDER)
    if store_root is None:
        return default
    return ChoiceLoader([_StoreLoader(store_root / TEMPLATES_FOLDER), default])


def environment(store_root: Path | None, lang: Lang, fmt: Format) -> ImmutableSandboxedEnvironment:
    """A sandboxed environment for one language and format."""
    html = fmt == "html"
    env = _Sandbox(
        loader=loader(store_root),
        autoescape=html,
        finalize=None if html else md_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    if html:
        env.filters.update(paragraphs=html_paragraphs, css_string=css_string)
    else:
        env.filters.update(paragraphs=md_block, cell=md_inline, item=md_block, quote=md_quote, anchor=md_anchor)
    return env


def render(store_root: Path | None, name: str, lang: Lang, fmt: Format, context: dict[str, Any]) -> str:
    """Render the template ``name`` (``minutes.md.j2`` ...) with ``context``."""
    env = environment(store_root, lang, fmt)
    try:
        return env.get_template(name).render(context)
    except SecurityError as exc:
        raise TemplateRefused(f"template {name}: refused by the sandbox: {exc}") from None
    except TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise TemplateRefused(f"template {where}: {exc.message}") from None
    except TemplateError as exc:
        raise TemplateRefused(f"template {name}: {exc}") from None
