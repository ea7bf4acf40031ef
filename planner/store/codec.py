"""Records to TOML text and back, with every failure turned into problems that name a line.

Writing is deterministic: the same record gives the same bytes, keys follow the
model's field order with the bookkeeping stamps last, empty values are left
out, and multi-line text is written as TOML multi-line strings, one list
element per line, so that a one-field edit is a one-line diff.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import tomli
import tomli_w
from pydantic import BaseModel, ValidationError

from planner.domain.data import to_data, validation_problems
from planner.domain.problems import Problem

R = TypeVar("R", bound=BaseModel)

NESTED = "nested too deeply: not read"
"""The problem of a file whose tables or arrays nest deeper than the parser's stack allows."""

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def dumps(record: BaseModel) -> str:
    """The record's file text."""
    return tomli_w.dumps(to_data(record), multiline_strings=True)


def parse_toml(text: str, path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse TOML text; a syntax error becomes one problem with its line."""
    # tomli is the parser the standard library's tomllib was made from, in a compiled build:
    # the same results and messages, about three times faster on a large store.
    try:
        return tomli.loads(text), []
    except tomli.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else 0
        if position:
            message = message[: position.start()]
        return None, [Problem(path, line, "file", f"not valid TOML: {message}")]
    except RecursionError:
        # tomli parses nested tables and arrays by recursion: a few hundred levels exhaust the stack.
        return None, [Problem(path, 0, "file", NESTED)]


def parse_record(
    model: type[R], text: str, path: Path, context: dict[str, Any] | None = None
) -> tuple[R | None, list[Problem]]:
    """Parse and validate one record's file text; problems instead of exceptions."""
    data, problems = parse_toml(text, path)
    if data is None:
        return None, problems
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as exc:
        return None, validation_problems(exc, model, text, path)
    except RecursionError:
        return None, [Problem(path, 0, "file", NESTED)]
