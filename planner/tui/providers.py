"""Command palette providers: jump to any event, person, municipality or organization by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from planner.domain.rows import EventFilter


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
        matcher = self.matcher(query)
        for target in self.targets:
            score = matcher.match(target.text)
            if score > 0:
                yield Hit(score, matcher.highlight(target.text), target.run, help=target.help)
