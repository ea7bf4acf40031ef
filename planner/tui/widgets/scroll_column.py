"""A scrolling column of fields and lists that never takes the focus itself: Tab goes to what is inside."""

from __future__ import annotations

from textual.containers import VerticalScroll


class ScrollColumn(VerticalScroll, can_focus=False):
    """Scrolls to whatever inside it has the focus; the mouse wheel scrolls it too."""
