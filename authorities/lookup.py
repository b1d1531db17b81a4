"""Resolve a printed authority name (or code) to one Authority."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

from authorities.authority import Authority, all_authorities
from authorities.names import name_key, peeled


@cache
def index() -> dict[str, tuple[Authority, ...]]:
    """Folded name, variant, ONS code or DfE code -> the authorities that carry it."""
    found: dict[str, list[Authority]] = {}
    for authority in all_authorities():
        keys = {name_key(n) for n in authority.names} | {
            name_key(authority.new_la_code),
            authority.old_la_code,
        }
        for key in keys - {""}:
            found.setdefault(key, []).append(authority)
    return {key: tuple(value) for key, value in found.items()}


def choose(candidates: Iterable[Authority], on: date | None = None) -> Authority:
    """The candidate that existed on the day (default today); else the one nearest in time, latest
    first."""
    day = on or date.today()
    return min(
        candidates, key=lambda a: (a.days_from(day), -(a.start_date or date.min).toordinal())
    )


def resolve(name: str, on: date | None = None) -> Authority | None:
    """The authority a name means, or None.

    Case and punctuation do not matter ('St Helens' = 'St. Helens', '&' = 'and'); council words
    ('Council', 'City Council', 'MBC', 'London Borough of', 'Royal Borough of', 'City of', ...) are
    peeled off one at a time until an official name or variant matches. An exact ONS or DfE code
    also resolves. Where a name has belonged to more than one authority (reorganisations, new
    codes), `on` picks the one that existed that day; default today.
    """
    for key in peeled(name):
        if candidates := index().get(key):
            return choose(candidates, on)
    return None
