"""Ask the coordinator a question with a few answers; each answer has a key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ConfirmScreen(ModalScreen[str]):
    """A question and buttons; dismissed with the chosen answer's value, or ``cancel`` on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer('cancel')", "Cancel", id="confirm.cancel"),
        Binding("left", "app.focus_previous", "Previous", show=False, id="confirm.previous"),
        Binding("right", "app.focus_next", "Next", show=False, id="confirm.next"),
    ]

    def __init__(self, title: str, message: str, answers: Sequence[tuple[str, str, str]]) -> None:
        """``answers``: (value, button label, variant) in order; the first has the focus."""
        super().__init__()
        self.title_text = title
        self.message = message
        self.answers = tuple(answers)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(self.title_text, id="confirm-title")
            yield Static(self.message, id="confirm-message", markup=False)
            with Horizontal(id="confirm-buttons"):
                for value, label, variant in self.answers:
                    yield Button(label, id=f"answer-{value}", variant=variant, compact=True)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "answer-cancel").removeprefix("answer-"))

    def action_answer(self, value: str) -> None:
        self.dismiss(value)
