"""Problems found in a store: where (file, line, field) and what, as errors or warnings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file; ``line`` is 1-based, 0 when the file as a whole is at fault."""

    path: Path
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        if self.severity == "warning":
            return f"{self.path}:{self.line}: warning: {self.field + ': ' if self.field else ''}{self.message}"
        return f"{self.path}:{self.line}: {self.field or 'file'}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
