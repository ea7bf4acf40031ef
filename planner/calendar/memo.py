"""The memo: what the last full export learnt, which the next reads in one blob instead of row by row."""

from __future__ import annotations

import marshal
from typing import Any

from planner.calendar.cache import ExportCache, Render


class Memo:
    """What the last full exports learnt of every file and every event, read and written in one piece.

    ``known``: ``{file digest: (record key, info tuple)}``; ``renders``:
    ``{record key: (refusal, variants)}``, all current under the registries'
    ``state``. It repeats rows of the cache's tables (as few objects as can be:
    strings rather than lists), so that an export after one change reads one
    blob instead of tens of thousands of rows; what an export adds is kept
    beside it (a few rows), until there are many.
    """

    MAX_ADDS = 2000

    def __init__(self, ctx: str, data: bytes | None, adds: list[tuple[str, bytes]]) -> None:
        self.ctx = ctx
        self.known: dict[str, tuple[str, tuple[Any, ...]]] = {}
        self.renders: dict[str, tuple[str | None, dict[str, str]]] = {}
        self.state = ""
        self.dirty = data is None
        """The memo must be written whole (none yet, the registries changed, the cache was pruned)."""
        self.adds = len(adds)
        if data is not None:
            try:
                self.state, self.known, self.renders = marshal.loads(data)
                for key, value in adds:
                    if key.startswith("k:"):
                        self.known[key[2:]] = marshal.loads(value)
                    else:
                        self.renders[key[2:]] = marshal.loads(value)
            except (ValueError, EOFError, TypeError):
                self.known, self.renders, self.dirty = {}, {}, True

    @classmethod
    def load(cls, cache: ExportCache, ctx: str) -> Memo:
        return cls(ctx, *cache.memo(ctx))

    def save(
        self, cache: ExportCache, known: dict[str, tuple[str, tuple[Any, ...]]], renders: dict[str, Render]
    ) -> None:
        adds = [(f"k:{digest}", marshal.dumps(value)) for digest, value in known.items() if digest not in self.known]
        adds += [
            (f"r:{key}", marshal.dumps((r.refused, r.variants)))
            for key, r in renders.items()
            if key not in self.renders
        ]
        if self.dirty or self.adds + len(adds) > self.MAX_ADDS:
            kept = {key: (r.refused, r.variants) for key, r in renders.items()}
            cache.put_memo(self.ctx, marshal.dumps((self.state, known, kept)))
        elif adds:
            cache.add_to_memo(self.ctx, adds)
