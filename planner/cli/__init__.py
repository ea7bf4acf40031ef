"""The ``planner`` command: subcommands for listing, checking and creating events."""
