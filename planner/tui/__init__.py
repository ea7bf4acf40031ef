"""The terminal UI: a Textual browser over a loaded store.

Only this package imports Textual. It holds no domain rules: rows, sorting,
names, dates and weekdays come from ``planner.query``, ``planner.describe``
and ``planner.calendar_words``; the store is handed in through
``PlannerApp(store)``.

Layout: ``app.py`` (the app, small), ``screens/`` and ``widgets/`` (one class
per file), and one ``.tcss`` stylesheet per screen here, using theme
variables only.
"""
