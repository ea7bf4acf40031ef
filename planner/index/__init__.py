"""An index of the store in SQLite, so that listings and the UI need not parse every file.

``catalog`` opens, refreshes and queries the index; ``scan`` lists the
store's files with their stat facts; ``reader`` parses changed files (in a
process pool for many) into what ``indexed`` describes; ``rowjson`` keeps
event rows as JSON; ``location`` and ``sqlite`` place and open the database.
``opening`` opens a ``Store`` through the index; it is not imported here,
because a ``Store`` loads the model that a listing does without.

A listing from a current index imports no model. May import
``planner.store``, ``planner.rules`` and ``planner.domain``.
"""

from planner.index.catalog import Catalog

__all__ = ["Catalog"]
