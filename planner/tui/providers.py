"""Command palette providers: jump to any event, person, municipality or organization by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from planner.domain.ids import fold
from planner.domain.rows import EventFilter


def plain(text: str) -> str:
    """``text`` without accents or case, one character for each of its own: ``Peñalolén`` -> ``penalolen``.

    The same folding as the command line's and the pickers' (``fold``), kept to the text's length so that
    a match found in the plain text is highlighted at the same places in the text as it is written.
    """
    return "".join((fold(char) or char)[:1] for char in text)


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` as written, with the characters ``matcher`` (made from a plain query) found in its plain form."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, plain(text))
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


@dataclass(frozen=True)
class Target:
    """One entry of the palette: what it shows, its help line, and what choosing it does."""

    text: str
    help: str
    run: Callable[[], object]


class RecordsProvider(Provider):
    """Events by title (both languages), and every registry record by name."""

    async def startup(self) -> None:
        self.targets = self._targets()

    def _targets(self) -> list[Target]:
        app = self.app
        session = getattr(app, "session", None)
        if session is None:
            return []
        found: list[Target] = []
        seen: set[str] = set()
        for row in session.rows(EventFilter()):
            if row.id in seen:
                continue
            seen.add(row.id)
            title = row.title(session.lang)
            other = row.title("en" if session.lang == "es" else "es")
            also = f" · {other}" if other != title else ""
            found.append(
                Target(
                    f"Event: {title} ({row.start:%Y-%m-%d})",
                    f"{row.kind}, {row.status}{also}",
                    partial(app.action_open_event, row.id),  # type: ignore[attr-defined]
                )
            )
        for label, noun in (("person", "Person"), ("municipality", "Municipality"), ("organization", "Organization")):
            for record in session.registry(label).values():
                found.append(
                    Target(
                        f"{noun}: {record.display_name(session.lang)}",
                        record.id,
                        partial(app.action_open_record, record.id),  # type: ignore[attr-defined]
                    )
                )
        return found

    async def discover(self) -> Hits:
        for target in self.targets[:0]:
            yield DiscoveryHit(target.text, target.run, help=target.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(plain(query))
        for target in self.targets:
            score = matcher.match(plain(target.text))
            if score > 0:
                yield Hit(score, highlighted(matcher, target.text), target.run, help=target.help)
