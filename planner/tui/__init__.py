"""The terminal UI: plan, edit and follow up the programme (Textual).

Only this package imports Textual, and it holds no domain rules: new-event
defaults, duplicates and deletion come from ``planner.rules.planning``, conflicts
from ``planner.rules.conflicts``, the minutes workflow from
``planner.rules.minutes_workflow``, exports from ``planner.calendar`` and
``planner.publish``; every write goes through ``planner.store.Store``. The
store (and its index) come in through ``PlannerApp(store, catalog=...)``.

Layout: ``app.py`` (the app: navigation, the store watcher, the palette),
``screens/`` and ``widgets/`` (one class per file), helpers without widgets
(``session``, ``draft``, ``forms``, ``lists``, ``registries``, ``record_edit``, ``flows``,
``exporting``, ``preview``, ``providers``, ``messages``, ``following``), and
one ``.tcss`` stylesheet per screen here, using theme variables only.

May import every package below the command line; only this package imports
Textual (both are import-linter contracts in ``pyproject.toml``).
"""
