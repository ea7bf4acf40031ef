"""Planner for the Migrants and Cities programme: events, people and municipalities kept as TOML."""

__version__ = "0.1.0"
