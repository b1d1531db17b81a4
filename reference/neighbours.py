"""The DfE's statistical neighbour lists (versions 2021 and 2025) from
data/reference/statistical_neighbours.csv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from authorities import resolve
from authorities.authority import REFERENCE

NEIGHBOURS_PATH = REFERENCE / "statistical_neighbours.csv"


@dataclass(frozen=True)
class Neighbour:
    """One of an authority's ten statistical neighbours."""

    rank: int  # 1 = closest
    la_code: str  # ONS code on the list's date
    old_la_code: str  # DfE 3-digit code
    name: str
    closeness: str  # the list's band, 'Extremely close' ... 'Not close'; '' if none


@lru_cache(maxsize=1)
def _lists() -> dict[tuple[str, str], tuple[Neighbour, ...]]:
    """(version, DfE code) -> neighbours in rank order."""
    found: dict[tuple[str, str], list[Neighbour]] = {}
    with open(NEIGHBOURS_PATH, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            neighbour = Neighbour(
                int(row["neighbour_rank"]),
                row["neighbour_la_code"],
                row["neighbour_old_la_code"],
                row["neighbour_la_name"],
                row["closeness"],
            )
            found.setdefault((row["version"], row["old_la_code"]), []).append(neighbour)
    return {key: tuple(sorted(value, key=lambda n: n.rank)) for key, value in found.items()}


def neighbour_versions() -> list[str]:
    """The list versions held, oldest first: ['2021', '2025']."""
    return sorted({version for version, _ in _lists()})


def statistical_neighbours(la_code: str, version: str = "2021") -> list[Neighbour]:
    """An authority's neighbours in rank order; [] when it has none in that version.

    `la_code` may be an ONS code of any vintage, a DfE 3-digit code or a name ('Rotherham').
    Raises ValueError for a version that is not held.
    """
    if version not in neighbour_versions():
        raise ValueError(
            f"no statistical neighbour list {version!r}; held: {', '.join(neighbour_versions())}"
        )
    authority = resolve(la_code)
    return list(_lists().get((version, authority.old_la_code), ())) if authority else []
