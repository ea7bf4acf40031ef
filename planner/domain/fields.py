"""Field types shared by every record: ids, references, zones, e-mail addresses, links."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from planner.domain.ids import check_id
from planner.domain.text import SingleLine
from planner.domain.times import zone


def _check_zone(name: str) -> str:
    zone(name)
    return name


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[^@\s\x00-\x1f\x7f<>\"',;:()\[\]\\]+@{_LABEL}(?:\.{_LABEL})+$")
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f<>\"'`\\]+$")


def _check_email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} is not an e-mail address such as name@example.org")
    return value


def _check_domain(value: str) -> str:
    if not _DOMAIN.fullmatch(value):
        raise ValueError(f"{value!r} is not a lower-case domain name such as planner.example.org")
    return value


def _check_url(value: str) -> str:
    if not _URL.fullmatch(value):
        raise ValueError(f"{value!r} is not a web address starting with http:// or https://")
    return value


Id = Annotated[str, AfterValidator(check_id)]
"""A record's own id."""
Ref = Annotated[str, AfterValidator(check_id)]
"""A reference to another record's id; resolution is checked across the store."""
ZoneName = Annotated[str, AfterValidator(_check_zone)]
Email = Annotated[str, AfterValidator(_check_email)]
Domain = Annotated[str, AfterValidator(_check_domain)]
Url = Annotated[str, AfterValidator(_check_url)]


class Frozen(BaseModel):
    """Base of every stored value: immutable, and unknown keys are errors (typos surface)."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False)


class Link(Frozen):
    """A web link with an optional one-line label."""

    url: Url
    title: SingleLine | None = None
