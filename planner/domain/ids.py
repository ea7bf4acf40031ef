"""Record ids: the permanent, file-system-safe names of every record in a store."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80

# Names that would clash with the store's own files and folders, or that some
# file systems refuse (Windows device names), are never ids.
RESERVED_IDS = frozenset(
    {
        "planner",
        "templates",
        "municipalities",
        "people",
        "organizations",
        "programmes",
        "cache",
        "conflicts",
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{n}" for n in range(10)),
        *(f"lpt{n}" for n in range(10)),
    }
)


def fold(text: str) -> str:
    """Lower-case ``text`` and drop its accents: ``Peñalolén`` -> ``penalolen``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(text: str) -> str:
    """Make an id candidate from free text; may return "" when nothing usable is left."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > MAX_ID_LENGTH:
        slug = slug[:MAX_ID_LENGTH].rstrip("-")
    return slug


def check_id(value: str) -> str:
    """Return ``value`` if it is a valid id, else raise ``ValueError`` saying why."""
    if not isinstance(value, str):
        raise ValueError("an id must be a string")
    if value == "":
        raise ValueError("an id must not be empty")
    if "/" in value or "\\" in value or ".." in value or value.startswith("."):
        raise ValueError(f"{value!r} is not an id: ids are plain names, never paths")
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"an id has at most {MAX_ID_LENGTH} characters, this one has {len(value)}")
    # fullmatch: with match, "$" also accepts a trailing line break ("abc\n").
    if not ID_PATTERN.fullmatch(value):
        suggestion = slugify(value)
        usable = ID_PATTERN.fullmatch(suggestion) and suggestion not in RESERVED_IDS
        hint = f" (for example {suggestion!r})" if usable else ""
        raise ValueError(f"{value!r} is not an id: use lower-case letters a-z, digits and single hyphens{hint}")
    if value in RESERVED_IDS:
        raise ValueError(f"{value!r} is a reserved name and cannot be an id")
    return value
