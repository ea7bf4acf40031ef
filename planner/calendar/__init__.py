"""Calendar files (.ics) that real clients accept: feeds, invitations, stable UIDs and SEQUENCE.

The modules, from the pieces of an entry to the export that writes them all:

- what goes into a file: ``safe`` (any stored string made safe to write),
  ``uid`` (UIDs and file stems derived from ids, never random), ``words``
  (the few words entries need in each language), ``lines`` (content lines,
  folded when written and unfolded when read: the one scanner the checks
  and the import share), ``timezones`` (VTIMEZONE from the IANA data),
  ``vevent`` (one event as VEVENTs), ``feeds`` (whole PUBLISH calendars) and
  ``invites`` (one iTIP REQUEST or CANCEL per UID);
- the strict checks: ``lint`` (of a whole file) and ``checks`` (of an
  export's pieces, each once);
- what an export keeps and knows: ``keys`` (the content keys, among them
  the hash of all of the package's source), ``facts`` (what the exporter
  knows of a record before rendering it), ``cache`` (what an export keeps
  for the next, next to the store's index), ``memo`` (the last export's
  knowledge in one piece) and ``sources`` (the records, from a loaded store
  or from the folder through its index);
- the export itself: ``rendering`` (each entry found kept or rendered once),
  ``planning`` (the request, and every file to write with its content key),
  ``writing`` (each file written when its bytes change, made durable as a
  batch by ``planner.store.batch``), ``result`` (what an export answers) and
  ``export`` (the entry points, ``export_ics`` and ``export_folder``).

This file imports nothing: a module taken alone (``uid``, ``words`` or
``lines`` by the import) loads none of the others, and an export that finds
everything kept loads neither the model nor icalendar.

May import ``planner.index``, ``planner.store``, ``planner.rules`` and
``planner.domain``; not ``planner.publish``.
"""
