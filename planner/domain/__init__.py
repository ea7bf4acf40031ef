"""The domain: the records of the programme and the values they are made of.

Events, people, municipalities, organizations and programmes (pydantic
models), their fields and texts in two languages, times in IANA zones, ids,
series, minutes, invitations, settings, the problems found in a record, the
SEQUENCE fingerprint, and where a field sits in a TOML text. Nothing here
reads or writes a file. May import no other part of ``planner``: every other
package builds on this one. Third-party imports are limited to pydantic,
python-dateutil (recurrence rules) and the standard library.
"""
