"""Rules that reason over records: planning, conflicts, attendance, the minutes workflow and follow-up.

Plain functions over the domain's records: what a new or duplicated event
starts with, which events clash, who attended, how minutes move from draft
to approved, which action items are still open, a record's history, which
events a query selects, and a record described in words. They read and write
no file: records and names come in as arguments. May import
``planner.domain`` only.
"""
