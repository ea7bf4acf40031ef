"""The invitations list, with keys to record answers and attendance without opening a form."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from planner.tui.widgets.list_editor import ListEditor


class InvitationsEditor(ListEditor):
    """``r`` steps through the answers, ``t`` through attendance, ``i`` invites every named participant."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "request('answer')", "Answer", id="invitations.answer"),
        Binding("t", "request('attendance')", "Attendance", id="invitations.attendance"),
        Binding("i", "request('invite-named')", "Invite participants", id="invitations.invite_named", show=False),
    ]

    def action_request(self, action: str) -> None:
        if action == "invite-named":
            self.post_message(self.Request(self, action, self.index))
            return
        super().action_request(action)
