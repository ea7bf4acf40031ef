"""Guest delegates recorded by role only, with a key to record whether they came (they have no invitation)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from planner.tui.widgets.list_editor import ListEditor


class DelegationsEditor(ListEditor):
    """``t`` steps a municipality's role-only delegates through unknown, present, excused and absent."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "request('attendance')", "Attendance", id="delegations.attendance"),
    ]
