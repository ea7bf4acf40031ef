"""The ``planner`` command: one module per group of subcommands, each handler imported when it runs.

The top layer. May import every other package of ``planner`` (the UI only
through ``ui``, to start it), and nothing imports it.
"""
