"""An event being edited, as the plain data of its file: read, changed by path, validated by the model.

The data is the shape of the TOML file (``planner.store.codec.to_data``), with
strings allowed where the user types (``"2017-04-27 09:30"``): the model reads
them as it reads a file. Values are never changed in place: every edit builds
a new mapping, sharing what did not change, so snapshots for undo are cheap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.domain.data import to_data, validation_problems

Data = Mapping[str, Any]
Key = str | int
FieldPath = tuple[Key, ...]
M = TypeVar("M", bound=BaseModel)

BOOKKEEPING = ("created", "updated", "sequence", "calendar_fingerprint")
"""Fields the store keeps up to date on save: not the coordinator's edits."""


def get_in(data: Any, path: FieldPath, default: Any = None) -> Any:
    """The value at ``path``, or ``default`` when any step is missing."""
    value = data
    for key in path:
        if isinstance(key, int):
            if not isinstance(value, Sequence) or isinstance(value, str) or key >= len(value):
                return default
            value = value[key]
        else:
            if not isinstance(value, Mapping) or key not in value:
                return default
            value = value[key]
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple, dict)) and not value)


def set_in(data: Any, path: FieldPath, value: Any) -> Any:
    """A copy of ``data`` with ``value`` at ``path``; an empty value removes the key."""
    if not path:
        return value
    key, rest = path[0], path[1:]
    if isinstance(key, int):
        items = list(data or [])
        items[key] = set_in(items[key], rest, value)
        return items
    mapping = dict(data or {})
    inner = set_in(mapping.get(key), rest, value)
    if _empty(inner):
        mapping.pop(key, None)
    else:
        mapping[key] = inner
    return mapping


def items_at(data: Data, path: FieldPath) -> list[Any]:
    found = get_in(data, path, [])
    return list(found) if isinstance(found, (list, tuple)) else []


def prune(value: Any) -> Any:
    """Drop empty strings, ``None`` and empty collections, recursively: what a blank form field means."""
    if isinstance(value, Mapping):
        pruned = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if not _empty(v)}
    if isinstance(value, (list, tuple)):
        return [prune(v) for v in value]
    if isinstance(value, str):
        return value.strip()
    return value


def errors_of(exc: ValidationError, model: type[BaseModel]) -> dict[str, str]:
    """The model's messages by dotted field path (``end``, ``title.es``, ``speakers.1.person``)."""
    found: dict[str, str] = {}
    for problem in validation_problems(exc, model, "", Path()):
        found.setdefault(problem.field, problem.message)
    return found


def validate(model: type[M], data: Data, context: dict[str, Any] | None = None) -> tuple[M | None, dict[str, str]]:
    """The record the data makes, or ``None`` and the messages by field."""
    try:
        return model.model_validate(prune(data), context=context), {}
    except ValidationError as exc:
        return None, errors_of(exc, model)


def dotted(path: FieldPath) -> str:
    return ".".join(str(part) for part in path)


def errors_under(errors: Mapping[str, str], path: FieldPath) -> list[str]:
    """Messages about ``path`` or anything inside it, each with the part of the path below it."""
    prefix = dotted(path)
    found = []
    for field, message in errors.items():
        if field == prefix:
            found.append(message)
        elif field.startswith(prefix + "."):
            found.append(f"{field[len(prefix) + 1 :]}: {message}")
    return found


def comparable(data: Data) -> dict[str, Any]:
    """The data without what the store stamps on save: equal when the coordinator changed nothing."""
    return {k: v for k, v in data.items() if k not in BOOKKEEPING}


def data_of(record: BaseModel) -> dict[str, Any]:
    return to_data(record)
