"""Calendar files into the store: ``.ics`` events become draft events, METHOD:REPLY answers land on invitations.

``events`` turns each VEVENT into a draft, all or nothing; ``replies`` records
attendees' answers; ``reading`` and ``lines`` read a file with the line of
every property, so that each refusal names its line.

May import ``planner.calendar``, ``planner.publish``, ``planner.index``,
``planner.store``, ``planner.rules`` and ``planner.domain``; not ``planner.mail``.
"""
