"""Calendar files (.ics) that real clients accept: feeds, invitations, stable UIDs and SEQUENCE.

The modules, smallest first: ``safe`` (any stored string made safe to write),
``uid`` (UIDs and file stems derived from ids, never random), ``fingerprint``
(what matters to a calendar, and ``with_sequence``), ``timezones``
(VTIMEZONE from the IANA data), ``vevent`` (one event as VEVENTs), ``feeds``
(PUBLISH calendars), ``invites`` (one iTIP REQUEST or CANCEL per UID),
``cache`` (what an export keeps for the next, next to the store's index),
``sources`` (the records' content keys, from a loaded store or from the
index), ``export`` (writing ``exports/``: each entry rendered once, each
file written when its bytes change), and ``lint`` (the strict checks).

This package imports nothing at import time: the store imports
``fingerprint`` on every save and must not pay for the calendar library.
"""
