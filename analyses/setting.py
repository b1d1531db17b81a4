"""Whom and what year a benchmark is for: the authority's codes, its region and its statistical
neighbours in one version of the DfE's lists ('2021' or '2025')."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from authorities import resolve
from periods import financial_year_start


@dataclass(frozen=True)
class Setting:
    """Whom and what year a benchmark is for: the authority's DfE code, its region and neighbours,
    the year."""

    name: str
    code: str  # DfE 3-digit code (stable when ONS codes change), else the ONS code
    la_code: str
    region_code: str
    fy_first: int
    version: str
    neighbours: tuple[str, ...]  # DfE codes in rank order


def setting_for(
    authority: str, period: str, neighbours: pd.DataFrame, version: str = "2021"
) -> Setting:
    """Resolve the authority (name or code) and its neighbour list `version` ('2021' or '2025')."""
    found = resolve(authority)
    if found is None:
        raise ValueError(f"unknown authority {authority!r}")
    if version not in set(neighbours["version"].astype(str)):
        raise ValueError(f"no statistical neighbour list {version!r}")
    code = found.old_la_code or found.new_la_code
    mine = neighbours[
        (neighbours["version"].astype(str) == version)
        & ((neighbours["old_la_code"] == code) | (neighbours["la_code"] == found.new_la_code))
    ]
    mine = mine.assign(rank=pd.to_numeric(mine["neighbour_rank"])).sort_values("rank")
    codes = mine["neighbour_old_la_code"].where(
        mine["neighbour_old_la_code"].fillna("") != "", mine["neighbour_la_code"]
    )
    return Setting(
        found.name,
        code,
        found.new_la_code,
        found.region_code,
        financial_year_start(period),
        version,
        tuple(codes),
    )


def dfe_codes(frame: pd.DataFrame) -> pd.Series:
    """Each row's DfE code, else its ONS code (regions and England have no DfE code)."""
    return frame["old_la_code"].where(frame["old_la_code"].fillna("") != "", frame["la_code"])
