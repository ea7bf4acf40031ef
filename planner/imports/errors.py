"""Why an import was refused: each error is one line fit to show a coordinator."""

from __future__ import annotations


class ImportRefused(Exception):
    """Nothing was imported: a UID already in the store, a file with no event, an id or file already taken."""


class Malformed(ImportRefused):
    """The file is not a calendar the importer can read; ``line`` is 1-based, 0 for the file as a whole."""

    def __init__(self, source: str, line: int, message: str) -> None:
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line
        self.message = message
