"""An index of the store in SQLite, so that listings and the UI need not parse every file.

``opening`` opens a ``Store`` through the index; it is not imported here,
because a ``Store`` loads the model that a listing does without.
"""

from planner.index.catalog import Catalog

__all__ = ["Catalog"]
