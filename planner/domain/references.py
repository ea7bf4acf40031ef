"""What a reference may point at, and the message when it points at nothing or the wrong thing.

Standard library only: the store checks loaded records with it, the index checks
stored references with it, and both must say the same thing.
"""

from __future__ import annotations

TARGETS: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "municipality": frozenset({"municipality"}),
    "organization": frozenset({"organization"}),
    "programme": frozenset({"programme"}),
    "host": frozenset({"municipality", "organization"}),
}


def unresolved(kind: str, ref: str, labels: set[str] | frozenset[str]) -> str | None:
    """Why ``ref`` (a record with ``labels``; none if missing) cannot stand where a ``kind`` is wanted."""
    allowed = TARGETS[kind]
    wanted = " or ".join(sorted(allowed))
    if not labels:
        return f"no {wanted} with id {ref!r} in the store"
    if not labels & allowed:
        return f"{ref!r} is a {sorted(labels)[0]}, not a {wanted}"
    return None
