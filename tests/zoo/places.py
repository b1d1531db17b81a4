"""Real English authorities (the project's reference list) and their statistical neighbours."""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache

# reports are dated 2016-2024: the authority must have existed throughout
EARLIEST = date(2015, 4, 1)

from authorities import all_authorities  # noqa: E402
from reference.neighbours import statistical_neighbours  # noqa: E402


@lru_cache(maxsize=1)
def current() -> tuple:
    """Authorities that exist today, have a DfE code and ten statistical neighbours."""
    out = []
    for a in all_authorities():
        if (
            a.end_date is None
            and a.old_la_code
            and a.new_la_code.startswith("E")
            and (a.start_date or EARLIEST) <= EARLIEST
        ):
            out.append(a)
    return tuple(sorted(out, key=lambda a: a.name))


@cache
def by_code(code: str):
    return next(a for a in current() if a.new_la_code == code or a.old_la_code == code)


def pick(rng):
    while True:
        a = rng.choice(current())
        if len(neighbours(a)) >= 6:
            return a


def neighbours(authority) -> list:
    """The authority's statistical neighbours that are current authorities."""
    codes = {a.old_la_code for a in current()}
    return [
        by_code(n.old_la_code)
        for n in statistical_neighbours(authority.old_la_code)
        if n.old_la_code in codes
    ]
