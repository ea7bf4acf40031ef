"""A form in a dialog: one list item or one registry record, validated by its model as you type."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from planner.tui.draft import Data, dotted, errors_under, set_in
from planner.tui.forms import FieldSpec, Picker, build_field
from planner.tui.screens.pick import pick_for
from planner.tui.widgets.form_field import FormField
from planner.tui.widgets.pick_field import PickField
from planner.tui.widgets.scroll_column import ScrollColumn

Check = Callable[[Data], tuple[Any, Mapping[str, str]]]
"""Validates the form's data: the result to return (``None`` when invalid) and the messages by field."""


class FormScreen(ModalScreen[Any]):
    """Fields, the model's messages beside them, and OK (ctrl+s) only while everything is valid."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "ok", "OK", id="form.ok"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(
        self,
        title: str,
        specs: Sequence[FieldSpec],
        data: Data,
        check: Check,
        picker: Picker,
        *,
        lang: str = "en",
        ok_label: str = "OK",
        note: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.specs = tuple(specs)
        self.data: Data = dict(data)
        self.check = check
        self.picker = picker
        self.lang = lang
        self.ok_label = ok_label
        self.note = note
        self.result: Any = None
        self.errors: Mapping[str, str] = {}
        self.touched: set[str] = set()
        """Fields the user changed: their messages show at once; the others' once OK is pressed."""
        self.tried = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.title_text, id="form-title")
            if self.note:
                yield Static(self.note, id="form-note", markup=False)
            with ScrollColumn(id="form-fields"):
                for spec in self.specs:
                    yield build_field(spec, self.data, self.picker, self.lang)
            yield Static("", id="form-errors", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(f"{self.ok_label} (ctrl+s)", id="form-ok", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        self._validate()
        fields = list(self.query(FormField))
        if fields:
            fields[0].focus()

    def _validate(self) -> None:
        self.result, self.errors = self.check(self.data)
        shown: set[str] = set()
        for field in self.query(FormField):
            messages = errors_under(self.errors, field.path)
            visible = self.tried or dotted(field.path) in self.touched
            field.error = "; ".join(messages) if visible else ""
            prefix = dotted(field.path)
            shown |= {k for k in self.errors if k == prefix or k.startswith(prefix + ".")}
        rest = [f"{k}: {m}" if k != "record" else m for k, m in self.errors.items() if k not in shown]
        if not self.tried and not self.touched:
            rest = []
        errors = self.query_one("#form-errors", Static)
        errors.update("\n".join(rest))
        errors.display = bool(rest)
        self.query_one("#form-ok", Button).variant = "primary" if self.result is not None else "default"

    def on_form_field_changed(self, event: FormField.Changed) -> None:
        event.stop()
        self.data = set_in(self.data, event.path, event.value)
        self.touched.add(dotted(event.path))
        self._validate()

    def on_pick_field_requested(self, event: PickField.Requested) -> None:
        event.stop()
        pick_for(event.field, self.picker.options(event.field.source))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-ok":
            self.action_ok()
        else:
            self.action_cancel()

    def action_ok(self) -> None:
        if self.result is None:
            self.tried = True
            self._validate()
            self.notify("Not valid yet: see the messages in the form", severity="warning")
            return
        self.dismiss(self.result)

    def action_cancel(self) -> None:
        self.dismiss(None)
