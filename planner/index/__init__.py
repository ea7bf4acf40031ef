"""An index of the store in SQLite, so that listings and the UI need not parse every file."""

from planner.index.catalog import Catalog

__all__ = ["Catalog"]
