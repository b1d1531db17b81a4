"""Benchmarks over time: an authority's published figure for one indicator in every financial year
held, with its statistical neighbours' mean and median, its region, England, the national
quartiles, its band and its rank, each year worked out as `analyses.comparators` does for one
year."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analyses.comparators import benchmark_tables
from analyses.setting import Setting
from periods import financial_year_of, fy_label
from reference import published_omissions

LINES = {
    "stat_neighbour_mean": "sn_mean",
    "stat_neighbour_median": "sn_median",
    "region": "region",
    "england": "england",
}
STANDING = [
    "q25",
    "q50",
    "q75",
    "quartile_band",
    "rank_england",
    "authorities_ranked",
    "rank_neighbours",
    "neighbours_ranked",
]
HISTORY_COLUMNS = [
    "indicator_id",
    "indicator_name",
    "unit",
    "polarity",
    "polarity_from",
    "period",
    "fy_first",
    "period_end",
    "value",
    "value_source",
    *LINES.values(),
    *STANDING,
    "neighbour_list",
    "note",
]


def financial_years(published: pd.DataFrame) -> list[int]:
    """The first calendar year of every financial year the figures describe, in order."""
    ends = pd.to_datetime(published["period_end"])
    return sorted({financial_year_of(e) for e in ends.dropna()})


def benchmark_history(
    published: pd.DataFrame, setting: Setting, indicator: str, reports: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per financial year (HISTORY_COLUMNS): value, SN mean and median, region, England,
    quartiles, band and ranks; `note` says when the council figures of that year were left out of
    the published table."""
    mine = published[published["indicator_id"] == indicator]
    rows = [
        _year(mine, replace(setting, fy_first=first), indicator, reports)
        for first in financial_years(mine)
    ]
    frame = pd.DataFrame(rows).reindex(columns=HISTORY_COLUMNS)
    return _with_notes(frame, indicator)


def _year(published: pd.DataFrame, setting: Setting, indicator: str, reports) -> dict:
    long, standing = benchmark_tables(published, setting, reports, [indicator])
    head = standing.iloc[0]
    out = {
        c: head[c]
        for c in (
            "indicator_id",
            "indicator_name",
            "unit",
            "polarity",
            "polarity_from",
            "value",
            "value_source",
            *STANDING,
            "neighbour_list",
        )
    }
    lines = long.set_index("comparator")["comparator_value"]
    out.update(
        {column: lines.get(comparator, float("nan")) for comparator, column in LINES.items()}
    )
    ends = pd.to_datetime(published["period_end"])
    inside = ends[(ends.map(financial_year_of) == setting.fy_first)]
    return {
        **out,
        "period": fy_label(setting.fy_first),
        "fy_first": setting.fy_first,
        "period_end": inside.max(),
    }


def _with_notes(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    omitted = published_omissions()
    omitted = omitted[omitted["indicator_id"] == indicator]
    notes = {
        financial_year_of(pd.Timestamp(end)): note
        for end, note in zip(omitted["period_end"], omitted["note"])
    }
    return frame.assign(note=[notes.get(first, "") for first in frame["fy_first"]])


def omission_notes(indicator_ids, fy_first: int) -> pd.DataFrame:
    """The omissions (indicator_id, note) of a financial year among these indicators."""
    omitted = published_omissions()
    year = omitted["period_end"].map(lambda e: financial_year_of(pd.Timestamp(e))) == fy_first
    return omitted[year & omitted["indicator_id"].isin(set(indicator_ids))][
        ["indicator_id", "note"]
    ]
