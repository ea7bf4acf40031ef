"""Invitations by e-mail (iMIP, RFC 6047): one message per attendee and invite, delivered once per version.

``words`` holds every fixed word of a message in both languages; ``compose``
builds a message; ``digest`` tells whether an attendee already has what a
message would say; ``outbox`` plans what an event needs and writes ``.eml``
files; ``smtp`` delivers through the store's mail server.

May import ``planner.calendar``, ``planner.publish``, ``planner.index``,
``planner.store``, ``planner.rules`` and ``planner.domain``; not ``planner.imports``.
"""
