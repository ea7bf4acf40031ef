"""The keys of the screen below and of the whole app, each with what it does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class HelpScreen(ModalScreen[None]):
    """A list of (key, description) pairs, grouped; Escape or ``?`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, groups: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = tuple(groups)

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label("Keys", id="help-title")
            with VerticalScroll(id="help-body"):
                for heading, keys in self.groups:
                    yield Label(heading, classes="help-heading")
                    width = max((len(key) for key, _ in keys), default=0)
                    text = "\n".join(f"{key.ljust(width)}  {description}" for key, description in keys)
                    yield Static(text, classes="help-keys", markup=False)
            yield Static(
                "Ctrl+P opens the command palette: every action, and any event, person or "
                "municipality by name. Esc closes this.",
                id="help-foot",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
