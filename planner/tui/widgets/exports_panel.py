"""The Exports tab: one button per export, a progress bar, and the files each export wrote.

The screen sets what the panel exports (``event_id``, ``day``) and whether it
may (``blocked`` says why not); the export runs in a worker thread with a store
of its own (``planner.tui.exporting``), and the panel posts ``Finished`` up.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, ProgressBar, Static
from textual.worker import get_current_worker

from planner.tui.exporting import EXPORTS, ExportKind, ExportOutcome, run_export


def shown_path(path: Path) -> str:
    """A path as the coordinator reads it: relative to the folder they started the planner in."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class ExportsPanel(Widget):
    """Buttons for the exports of one event; Enter (or a click) runs one."""

    class Finished(Message):
        """An export ended (written, or refused with a reason in ``outcome.failure``)."""

        def __init__(self, kind: ExportKind, outcome: ExportOutcome) -> None:
            super().__init__()
            self.kind = kind
            self.outcome = outcome

    def __init__(self, root: Path, out: Path, event_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.root = root
        self.out = out
        self.event_id = event_id
        self.day = date.today()
        self.blocked = ""
        """Why nothing may be exported now (unsaved changes); empty when exports may run."""

    def compose(self) -> ComposeResult:
        yield Static("", id="exports-note", markup=False)
        for kind, label in EXPORTS:
            yield Button(label, id=f"export-{kind}", compact=True, classes="export-button")
        yield ProgressBar(id="export-progress", show_eta=False)
        yield Static("", id="export-log", markup=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def show_note(self, note: str) -> None:
        self.query_one("#exports-note", Static).update(note)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button.startswith("export-"):
            event.stop()
            self.export(button.removeprefix("export-"))  # type: ignore[arg-type]

    def export(self, kind: ExportKind) -> None:
        if self.blocked:
            self.notify(self.blocked, severity="warning")
            return
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=3, progress=0)
        self.query_one("#export-log", Static).update(f"Exporting {kind} …")
        self._run(kind)

    @work(thread=True, exclusive=True, group="export")
    def _run(self, kind: ExportKind) -> None:
        worker = get_current_worker()

        def progress(step: int, steps: int, what: str) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._progress, step, steps, what)

        outcome = run_export(kind, self.root, self.out, self.event_id, self.day, progress)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finished, kind, outcome)

    def _progress(self, step: int, steps: int, what: str) -> None:
        self.query_one(ProgressBar).update(total=steps, progress=step)
        self.query_one("#export-log", Static).update(what)

    def _finished(self, kind: ExportKind, outcome: ExportOutcome) -> None:
        log = self.query_one("#export-log", Static)
        if outcome.failure:
            log.update(f"Not exported: {outcome.failure}")
            self.notify(f"Not exported: {outcome.failure}", severity="error", timeout=8)
        else:
            shown = [shown_path(p) for p in outcome.files]
            lines = [f"{'wrote' if p in outcome.written else 'unchanged'}  {shown_path(p)}" for p in outcome.files]
            lines += [f"note: {note}" for note in outcome.notes]
            log.update("\n".join(lines) or "Nothing to write.")
            if shown:
                listing = ", ".join(shown[:4]) + (f" and {len(shown) - 4} more" if len(shown) > 4 else "")
                self.notify(
                    f"{len(outcome.written)} written, {len(outcome.unchanged)} unchanged: {listing}",
                    title=f"Exported {kind}",
                    timeout=8,
                )
            else:
                self.notify(
                    "Nothing written: " + ("; ".join(outcome.notes) or "no files"), severity="warning", timeout=8
                )
        self.post_message(self.Finished(kind, outcome))
