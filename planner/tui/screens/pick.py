"""Pick one or several records from a searchable list: people, municipalities, hosts, time zones, themes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option as ListOption
from textual.widgets.selection_list import Selection

from planner.domain.ids import fold
from planner.tui.session import Option
from planner.tui.widgets.pick_field import PickField

SHOWN = 200
"""At most this many matches are listed: type more to narrow."""
NONE = ""
"""What a single pick returns for "none" (the field is cleared)."""


def matching(options: Sequence[Option], query: str) -> list[Option]:
    """Options whose name or detail contains every word of ``query``, ignoring case and accents."""
    words = fold(query).split()
    if not words:
        return list(options)
    return [o for o in options if all(w in fold(f"{o.label} {o.detail} {o.value}") for w in words)]


class PickScreen(ModalScreen[Any]):
    """Type to narrow, arrows to move, Enter to choose (space ticks several when ``multiple``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
        Binding("ctrl+s", "done", "Done", id="pick.done"),
    ]

    def __init__(
        self,
        title: str,
        options: Sequence[Option],
        *,
        multiple: bool = False,
        selected: Sequence[str] = (),
        allow_none: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.options = tuple(options)
        self.multiple = multiple
        self.chosen: dict[str, None] = dict.fromkeys(selected)
        self.allow_none = allow_none
        self._typing = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pick"):
            yield Label(self.title_text, id="pick-title")
            yield Input(placeholder="type to search", id="pick-search", compact=True, select_on_focus=False)
            if self.multiple:
                yield SelectionList[str](id="pick-list")
            else:
                yield OptionList(id="pick-list")
            hint = "space tick · Enter done · Esc cancel" if self.multiple else "Enter choose · Esc cancel"
            yield Static(hint, id="pick-hint", markup=False)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#pick-search", Input).focus()

    def _fill(self, query: str) -> None:
        found = matching(self.options, query)
        shown = found[:SHOWN]
        more = f" — {len(found) - SHOWN} more, type to narrow" if len(found) > SHOWN else ""
        self.query_one("#pick-hint", Static).update(
            ("space tick · Enter done · Esc cancel" if self.multiple else "Enter choose · Esc cancel") + more
        )
        if self.multiple:
            selection: SelectionList[str] = self.query_one("#pick-list", SelectionList)
            selection.clear_options()
            selection.add_options([Selection(self._prompt(o), o.value, o.value in self.chosen) for o in shown])
            if shown:
                selection.highlighted = 0
        else:
            listing = self.query_one("#pick-list", OptionList)
            listing.clear_options()
            items = [ListOption(self._prompt(o), id=o.value) for o in shown]
            if self.allow_none and not query.strip():
                items.insert(0, ListOption("(none)", id="\x00none"))
            listing.add_options(items)
            if items:
                listing.highlighted = 0

    @staticmethod
    def _prompt(option: Option) -> str:
        return f"{option.label}  [dim]{option.detail}[/dim]" if option.detail else option.label

    @on(Input.Changed, "#pick-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-search")
    def _submit(self, event: Input.Submitted) -> None:
        if self.multiple:
            self.query_one("#pick-list", SelectionList).focus()
            return
        listing = self.query_one("#pick-list", OptionList)
        if listing.highlighted is not None:
            self._pick(listing.get_option_at_index(listing.highlighted).id)

    def on_key(self, event: Any) -> None:
        search = self.query_one("#pick-search", Input)
        listing = self.query_one("#pick-list")
        if event.key == "down" and search.has_focus:
            event.stop()
            listing.focus()
        elif event.key == "enter" and self.multiple and listing.has_focus:
            event.stop()
            self.action_done()
        elif listing.has_focus and event.is_printable and event.character and event.character != " ":
            # Typing while in the list searches again (a new word after moving or ticking); ticks are kept.
            event.stop()
            search.value = (search.value if self._typing else "") + event.character
            self._typing = True
        elif listing.has_focus and event.key == "backspace":
            event.stop()
            search.value = search.value[:-1]
        elif listing.has_focus:
            self._typing = False

    @on(OptionList.OptionSelected, "#pick-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    @on(SelectionList.SelectionToggled, "#pick-list")
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        value = event.selection.value
        if value in self.chosen:
            del self.chosen[value]
        else:
            self.chosen[value] = None

    def _pick(self, value: str | None) -> None:
        if value is None:
            return
        self.dismiss(NONE if value == "\x00none" else value)

    def action_done(self) -> None:
        if self.multiple:
            self.dismiss(tuple(self.chosen))
        else:
            listing = self.query_one("#pick-list", OptionList)
            if listing.highlighted is not None:
                self._pick(listing.get_option_at_index(listing.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def pick_for(field: PickField, options: Sequence[Option], title: str = "") -> None:
    """Ask for ``field``'s value among ``options`` (its current choices ticked); the answer goes to the field.

    A single pick may be cleared (``(none)``); Escape leaves the field as it was.
    """
    current = field.value if field.multiple else ((field.value,) if field.value else ())
    screen = PickScreen(
        title or f"Choose: {field.label}",
        options,
        multiple=field.multiple,
        selected=current,
        allow_none=not field.multiple,
    )

    def chosen(value: Any) -> None:
        if value is not None:
            field.choose(None if value == NONE else value)

    field.app.push_screen(screen, chosen)
