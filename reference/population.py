"""ONS mid-year estimates of children aged 0 to 17 from data/reference/population.csv."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from authorities import resolve
from authorities.authority import REFERENCE

POPULATION_PATH = REFERENCE / "population.csv"


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    return pd.read_csv(
        POPULATION_PATH,
        dtype={"la_code": str, "old_la_code": str, "name": str},
        keep_default_na=False,
    )


@lru_cache(maxsize=1)
def _by_code() -> dict[tuple[str, int], int]:
    """(ONS code or DfE code, year) -> children aged 0 to 17."""
    table = _table()
    found = {
        (code, int(year)): int(n)
        for code, year, n in zip(table.la_code, table.year, table.population_0_17)
    }
    found.update(
        {
            (old, int(year)): int(n)
            for old, year, n in zip(table.old_la_code, table.year, table.population_0_17)
            if old
        }
    )
    return found


def population_frame() -> pd.DataFrame:
    """A copy of the table: la_code, old_la_code, name, geographic_level, year (mid-year, 30 June),
    population_0_17."""
    return _table().copy()


def under18_population(la_code: str, year: int) -> int | None:
    """Children aged 0 to 17 at 30 June of `year` in England (E92000001), a region (E12/E13 code) or
    an authority (ONS code of any vintage, DfE code or name); None when the ONS publishes no
    estimate (2012 to 2024 are held)."""
    found = _by_code().get((la_code, year))
    if found is None and (authority := resolve(la_code)) and authority.old_la_code:
        found = _by_code().get((authority.old_la_code, year))
    return found
