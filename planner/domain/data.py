"""Records as the plain data of their files, and pydantic's errors as problems that name a line.

Pure functions shared by the store (which writes the data as TOML), the UI's
drafts and the planning rules (which copy a record as data).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.domain.locate import line_of
from planner.domain.problems import Problem

_LAST = ("sequence", "created", "updated")
_FIELD_PREFIX = re.compile(r"^([a-z_]+): (.*)$", re.DOTALL)


def _prune(value: Any) -> Any:
    """Drop empty collections and ``None`` recursively; tuples become lists for tomli-w."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in pruned.items() if v not in ((), [], {})}
    if isinstance(value, (list, tuple)):
        return [_prune(v) for v in value]
    return value


def to_data(record: BaseModel) -> dict[str, Any]:
    """The record as the plain data written to its file."""
    data: dict[str, Any] = _prune(record.model_dump(mode="python", exclude_none=True))
    for key in _LAST:
        if key in data:
            data[key] = data.pop(key)
    return data


def validation_problems(exc: ValidationError, model: type[BaseModel], text: str, path: Path) -> list[Problem]:
    """One problem per pydantic error, each with the line of the offending key."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        message = _message(error)
        if not loc:
            # Model-wide rules say which field they are about as "field: message".
            prefixed = _FIELD_PREFIX.match(message)
            if prefixed and prefixed.group(1) in model.model_fields:
                loc, message = (prefixed.group(1),), prefixed.group(2)
        field = ".".join(str(part) for part in loc) or "record"
        problems.append(Problem(path, line_of(text, loc), field, message))
    return problems


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling)"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return message
