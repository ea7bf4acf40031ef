"""Why invitations could not be built or sent; each error is one line fit to show a coordinator."""

from __future__ import annotations


class MailError(Exception):
    """Invitations cannot be built or sent: a draft, no SMTP settings, a missing password, a refusing server."""
