"""Labels of the model's fixed values (kinds, statuses, workflow steps), as gettext message ids.

``N_`` only marks a string for the catalogs; the exporters translate it with
``planner.publish.i18n.gettext`` when they build a document.
"""

from __future__ import annotations


def N_(message: str) -> str:
    return message


KINDS = {
    "round-table": N_("Inter-municipal round table"),
    "study-visit": N_("Study visit"),
    "conference": N_("Conference"),
    "agreement-signing": N_("Agreement signing"),
    "workshop": N_("Workshop"),
    "other": N_("Event"),
}
FORMATS = {
    "breakfast": N_("Breakfast"),
    "seminar": N_("Seminar"),
    "forum": N_("Forum"),
    "conference": N_("Conference"),
}
MINUTES_STATUSES = {
    "draft": N_("Draft"),
    "circulated": N_("Circulated for comments"),
    "approved": N_("Approved"),
}
STEPS = {
    "circulated": N_("Circulated"),
    "approved": N_("Approved"),
    "reopened": N_("Reopened"),
}
ACTION_STATUSES = {
    "open": N_("Open"),
    "done": N_("Done"),
}
ATTENDANCES = {
    "unknown": N_("Not recorded"),
    "present": N_("Attended"),
    "excused": N_("Excused absence"),
    "absent": N_("Did not attend"),
}
