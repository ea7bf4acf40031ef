"""Every event's entries, found where an earlier export kept them or rendered now, then kept.

Each event is rendered once per language (and once for its invitations), and
the same text is listed by the programme feed and by every municipality's and
person's feed that has it. The text is kept between exports
(``planner.calendar.cache``) under the event's content key, the settings and
the renderer's code, together with the keys of the registry records the
rendering consulted: an export after one change renders that event again
(and the events naming a person whose record changed), nothing else. Each
event's entries pass the strict checks when rendered, or the event is refused.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from planner.calendar.cache import SEP, STEM, ExportCache, Render, dumps
from planner.calendar.checks import entry_faults
from planner.calendar.keys import hash_text

if TYPE_CHECKING:
    from planner.calendar.facts import EventRef
    from planner.calendar.memo import Memo
    from planner.calendar.result import ExportResult
    from planner.calendar.sources import Inputs
    from planner.calendar.vevent import CalendarObject, Renderer
    from planner.domain.text import Lang


class Rendering:
    """One export's renderings: which events can be exported, in order, with their blocks."""

    def __init__(self, inputs: Inputs, cache: ExportCache, render_ctx: str, result: ExportResult) -> None:
        self.inputs = inputs
        self.cache = cache
        self.render_ctx = render_ctx
        """What a rendering is kept under besides the event's key: the code and the settings."""
        self.result = result
        self.exportable: list[EventRef] = []
        self.variants: list[dict[str, str]] = []
        """Each exportable event's blocks (``planner.calendar.cache.Render.variants``)."""
        self.texts: dict[str, tuple[bytes, str]] = {}
        """Blocks rendered in this run, by digest: their UTF-8 text and zones (JSON)."""
        self._renderers: dict[Lang, Renderer] = {}

    def run(self, refs: list[EventRef], names: list[str], memo: Memo | None) -> dict[str, Render]:
        """Find or render every event's entries; keep the events that can be exported, in order.
        Return every event's renderings, by record key."""
        keys = {record_id: info.key for record_id, info in self.inputs.registry.items()}
        state = hash_text("registries", *sorted(f"{i}={k}" for i, k in keys.items()))
        remembered = memo.renders if memo is not None and memo.state == state else {}
        if memo is not None and memo.state != state:
            memo.dirty = True
        used: dict[str, Render] = {}
        fresh: dict[str, Render] = {}
        blocks: dict[str, tuple[str, str]] = {}
        confirmed: list[str] = []
        for ref in refs:
            render = fresh.get(ref.key)
            if render is None:
                found = remembered.get(ref.key)
                if found is not None and (found[0] is not None or all(n in found[1] for n in names)):
                    render = Render(state, "{}", found[0], found[1])  # whole: its dependencies are not needed
                else:
                    render = self.cache.render(self.render_ctx, ref.key)
            if render is not None and render.state != state:
                if _current(render.deps, keys):
                    render.state = state
                    confirmed.append(ref.key)
                else:
                    render = None
            if render is None or (render.refused is None and any(n not in render.variants for n in names)):
                render = self._render_one(ref, names, render, keys, state, blocks)
                fresh[ref.key] = render
                self.result.rendered.append(ref.info.id)
            used[ref.key] = render
            if render.refused is not None:
                self.result.refused.append(render.refused)
                continue
            self.exportable.append(ref)
            self.variants.append(render.variants)
        if fresh or confirmed:
            self.cache.put_renders(self.render_ctx, fresh, blocks, confirmed, state)
        if memo is not None:
            memo.state = state
        return used

    def _renderer(self, lang: Lang) -> Renderer:
        if lang not in self._renderers:
            from planner.calendar.vevent import Renderer

            self._renderers[lang] = Renderer(self.inputs.records(), lang)
        return self._renderers[lang]

    def _render_one(
        self,
        ref: EventRef,
        names: list[str],
        previous: Render | None,
        keys: dict[str, str],
        state: str,
        blocks: dict[str, tuple[str, str]],
    ) -> Render:
        from planner.calendar.vevent import Unexportable

        event = self.inputs.load(ref)
        variants = dict(previous.variants) if previous is not None else {}
        consulted: set[str] = set(json.loads(previous.deps)) if previous is not None else set()
        refused: str | None = None
        for name in names:
            if name in variants:
                continue
            kind, _, lang = name.partition(":")
            renderer = self._renderer(lang)  # type: ignore[arg-type]
            renderer.consulted.clear()
            try:
                if kind == "pub":
                    objects: Sequence[CalendarObject] = renderer.published(event)
                else:
                    objects = [o for o in renderer.invitation(event) if o.attendees]
            except Unexportable as exc:
                refused = str(exc)
            consulted |= renderer.consulted
            if refused is None and kind == "pub":
                faults = entry_faults(objects)
                if faults:
                    refused = f"{event.id}: {'; '.join(faults[:3])}"
            if refused is not None:
                break
            kept = [self._keep(o, blocks) for o in objects]
            if kind == "inv":
                kept = [f"{o.stem}{STEM}{digest}" for o, digest in zip(objects, kept, strict=True)]
            variants[name] = SEP.join(kept)
        deps = {record_id: keys.get(record_id, "-") for record_id in sorted(consulted)}
        return Render(state, dumps(deps), refused, {} if refused is not None else variants)

    def _keep(self, calendar_object: CalendarObject, blocks: dict[str, tuple[str, str]]) -> str:
        from planner.calendar.feeds import object_zone_days

        zones = object_zone_days(calendar_object)
        zones_json = dumps(sorted([tz, first.isoformat(), last.isoformat()] for tz, (first, last) in zones.items()))
        digest = hash_text("block", calendar_object.text, zones_json)
        blocks[digest] = (calendar_object.text, zones_json)
        self.texts[digest] = (calendar_object.text.encode("utf-8"), zones_json)
        return digest


def _current(deps: str, keys: dict[str, str]) -> bool:
    """Whether every registry record a rendering consulted is still as it was."""
    return all(keys.get(record_id, "-") == key for record_id, key in json.loads(deps).items())
