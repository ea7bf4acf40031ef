"""The template environments: Jinja2, sandboxed, the store's own templates first.

A store travels in git, so its templates are untrusted: they are rendered in
an ``ImmutableSandboxedEnvironment`` (no attribute starting with ``_``, no
mutating of the values handed to them), and an attempt to reach Python
internals is refused with ``TemplateRefused`` instead of rendering as blank.
A file under ``<store>/templates/`` with the name of a default template
replaces it. That folder must be a real folder of the store: a link in its
place, or a template file that is a link pointing outside it, is refused with
a message naming it (a store from git could otherwise read any file).

A template may also loop or grow without end: rendering stops, and the
template is refused, once its output passes ``Limits.characters`` or its
rendering ``Limits.seconds`` (``_bounded``). The output is counted as the
template yields it, and the deadline is looked at on every yielded piece,
every call and every step of ``range``, so that a loop writing nothing is
stopped too; ``*`` may not build a string or a list past the output limit,
nor ``**`` a number of more than 65,536 bits, in one step.

HTML is autoescaped. Markdown has no autoescaping of its own, so every
``{{ value }}`` of a ``.md.j2`` template goes through ``md_finalize``, which
escapes Markdown's special characters: a template cannot forget to.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    Undefined,
)
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment

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


@dataclass(frozen=True)
class Limits:
    """How far one document's rendering may go before its template is refused."""

    characters: int = 5_000_000
    """Characters of output (5 MB of ASCII): the shipped store's bulletin is about 21,000 of them."""
    seconds: float = 10.0
    """Seconds of rendering: every shipped document renders in well under one."""


LIMITS = Limits()


class PublishError(Exception):
    """A document cannot be written; the message is fit to show a coordinator."""


class TemplateRefused(PublishError):
    """A template is broken, or tried something the sandbox does not allow."""


class _StoreLoader(FileSystemLoader):
    """The store's ``templates/`` folder; a file in it that resolves outside it is refused."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder.resolve()

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        target = Path(filename).resolve()
        if not target.is_relative_to(self.folder):
            raise TemplateRefused(
                f"template {filename}: a link to {target}, outside {self.folder}; a store's templates must be"
                " files of its own"
            )
        return source, filename, uptodate


_MAX_BITS = 64 * 1024
"""The largest number ``**`` may make in a template: far past any count or date a document needs."""


class _Deadline(Exception):
    """Rendering ran past ``Limits.seconds``; turned into ``TemplateRefused`` by ``render``."""


class _Sandbox(ImmutableSandboxedEnvironment):
    # Multiplying a string or a list, or raising to a power, can build a huge value in one step, before
    # any output is counted: both are looked at first.
    intercepted_binops = frozenset({"*", "**"})
    deadline = float("inf")
    limits = LIMITS

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Deadline

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.check_time()
        return super().call(context, obj, *args, **kwargs)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        if operator == "*":
            _refuse_large_product(left, right, self.limits.characters)
        elif _is_number(left) and _is_number(right) and abs(left) > 1 and abs(right) * _bits(left) > _MAX_BITS:
            raise SecurityError(f"{left} ** {right} is too large a number")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _refuse_private(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _refuse_private(obj, argument)
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        # The default renders nothing and carries on; a template probing internals is refused outright.
        raise SecurityError(f"access to attribute {attribute!r} of a {type(obj).__name__!r} value is not allowed")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _bits(value: int | float) -> int:
    # inf and nan have no size in bits: counted as too large, so that ``**`` refuses them with its message.
    return int(abs(value)).bit_length() if math.isfinite(value) else _MAX_BITS + 1


def _refuse_large_product(left: Any, right: Any, limit: int) -> None:
    for sized, count in ((left, right), (right, left)):
        if isinstance(sized, str | list | tuple) and isinstance(count, int) and len(sized) * count > limit:
            raise SecurityError(f"a value of {len(sized) * count:,} items is more than a template may make")


def _bounded_range(env: _Sandbox) -> Callable[..., Iterator[int]]:
    """``range`` as the sandbox bounds it (``MAX_RANGE`` items), looking at the deadline on every step:
    nested loops that write nothing would otherwise run past it unseen."""

    def bounded(*args: int) -> Iterator[int]:
        steps = range(*args)
        if len(steps) > MAX_RANGE:
            raise OverflowError(f"range of {len(steps):,} items is more than the {MAX_RANGE:,} a template may use")
        for step in steps:
            env.check_time()
            yield step

    return bounded


def _refuse_private(obj: Any, name: object) -> None:
    # Whether or not the attribute exists: a template has no business asking for it.
    if isinstance(name, str) and name.startswith("_"):
        raise SecurityError(f"access to attribute {name!r} of a {type(obj).__name__!r} value is not allowed")


def loader(store_root: Path | None) -> BaseLoader:
    """The store's templates first, then the package's defaults."""
    default = PackageLoader("planner.publish", TEMPLATES_FOLDER)
    if store_root is None:
        return default
    folder = store_root / TEMPLATES_FOLDER
    if folder.is_symlink() or (folder.exists() and not folder.resolve().is_relative_to(store_root.resolve())):
        raise TemplateRefused(
            f"{folder}: the templates folder is a link to {folder.resolve()}; it must be a folder of the store"
        )
    return ChoiceLoader([_StoreLoader(folder), default])


def environment(store_root: Path | None, lang: Lang, fmt: Format) -> _Sandbox:
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
    env.globals["range"] = _bounded_range(env)
    if html:
        env.filters.update(paragraphs=html_paragraphs, css_string=css_string)
    else:
        env.filters.update(paragraphs=md_block, cell=md_inline, item=md_block, quote=md_quote, anchor=md_anchor)
    return env


def render(
    store_root: Path | None, name: str, lang: Lang, fmt: Format, context: dict[str, Any], limits: Limits = LIMITS
) -> str:
    """Render the template ``name`` (``minutes.md.j2`` ...) with ``context``, within ``limits``."""
    env = environment(store_root, lang, fmt)
    env.limits = limits
    try:
        return _bounded(env, name, context, limits)
    except _Deadline:
        raise TemplateRefused(
            f"template {name}: refused: rendering took longer than the limit of {limits.seconds:g} seconds"
        ) from None
    except RecursionError:
        raise TemplateRefused(f"template {name}: refused: it calls itself without end") from None
    except OverflowError as exc:
        raise TemplateRefused(f"template {name}: refused by the sandbox: {exc}") from None
    except SecurityError as exc:
        raise TemplateRefused(f"template {name}: refused by the sandbox: {exc}") from None
    except TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise TemplateRefused(f"template {where}: {exc.message}") from None
    except TemplateError as exc:
        raise TemplateRefused(f"template {name}: {exc}") from None


def _bounded(env: _Sandbox, name: str, context: dict[str, Any], limits: Limits) -> str:
    """The template's output, counted piece by piece as it is made, so that rendering stops at a limit
    instead of after it (a loop of a million lines is refused after its first five million characters)."""
    template = env.get_template(name)
    env.deadline = time.monotonic() + limits.seconds
    pieces: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > limits.characters:
            raise TemplateRefused(
                f"template {name}: refused: its output passes the limit of {limits.characters:,} characters"
            )
        env.check_time()
        pieces.append(piece)
    return "".join(pieces)
