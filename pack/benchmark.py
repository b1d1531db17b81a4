"""The last complete financial year's comparators for each indicator: statistical neighbour mean,
England, region and the national quartile band, from `views.explore.benchmark_view`."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pack.figure import Figure, figure, gap
from periods import financial_year_of, fy_label
from views.explore import benchmark_view

COLUMNS = {
    "stat_neighbour_mean": "stat_neighbour_avg",
    "england": "england_avg",
    "region": "region_avg",
}
NOT_PUBLISHED = "not in the published figures for {year}"
COUNT_GAP = (
    "not compared: a count, and councils differ in size (compare the rate per 10,000 or percentage)"
)


@dataclass
class Comparators:
    """Per indicator: the comparator figures (by measure), its quartile band, and the authority's
    own value."""

    year: str
    figures: dict = field(default_factory=dict)  # indicator -> {measure: Figure}
    bands: dict = field(default_factory=dict)  # indicator -> Figure (text = band)
    own: dict = field(default_factory=dict)  # indicator -> Figure, the authority's value that year

    def of(self, indicator: str, unit: str) -> dict:
        why = COUNT_GAP if unit == "count" else NOT_PUBLISHED.format(year=self.year)
        found = None if unit == "count" else self.figures.get(indicator)
        return found or {m: gap(why, unit) for m in COLUMNS.values()}

    def band(self, indicator: str, unit: str = "") -> Figure:
        if unit == "count":
            return gap(COUNT_GAP)
        return self.bands.get(indicator) or gap(NOT_PUBLISHED.format(year=self.year))


def benchmark_year(month: pd.Timestamp) -> str:
    """The last financial year complete before the month's ('2015-16' for January 2017)."""
    return fy_label(financial_year_of(month) - 1)


def comparators(store, authority: str, month: pd.Timestamp, indicators: list[str]) -> Comparators:
    """Comparators for the benchmark year of the month; an authority the lists lack gets gaps saying
    so."""
    year = benchmark_year(month)
    try:
        view = benchmark_view(store, authority, year, indicators=indicators)
    except ValueError as problem:
        return Comparators(
            year, {i: {m: gap(str(problem)) for m in COLUMNS.values()} for i in indicators}
        )
    found = Comparators(year)
    for indicator, rows in view.gaps.groupby("indicator_id"):
        found.figures[indicator] = _figures(rows, year)
        found.own[indicator] = figure(
            rows["value"].iloc[0],
            rows["unit"].iloc[0],
            _own_source(rows.iloc[0]),
            NOT_PUBLISHED.format(year=year),
        )
    for _, row in view.standing.iterrows():
        found.bands[row["indicator_id"]] = _band(row, year)
    return found


def _figures(rows: pd.DataFrame, year: str) -> dict:
    out = {}
    for comparator, measure in COLUMNS.items():
        row = rows[rows["comparator"] == comparator].iloc[0]
        decimals = 1 if comparator == "stat_neighbour_mean" else None
        out[measure] = figure(
            row["comparator_value"],
            row["unit"],
            _source(row),
            NOT_PUBLISHED.format(year=year),
            decimals,
        )
    return out


def _source(row) -> str:
    if row["comparator"] == "stat_neighbour_mean" and row["comparator_source"] == "published":
        return (
            f"Published {row['period']} figures: mean of "
            f"{int(row['neighbours_with_values'] or 0)} statistical "
            f"neighbours (DfE {row['neighbour_list']} list), worked out by perfbooks"
        )
    if row["comparator_source"] == "published":
        return f"Published {row['period']} figures: {row['comparator_label']}"
    return f"{row['comparator_label']} {row['comparator_source']}"


def _own_source(row) -> str:
    return (
        f"Published {row['period']} figures"
        if row["value_source"] == "published"
        else str(row["value_source"])
    )


def _band(row, year: str) -> Figure:
    band = row["quartile_band"]
    if not band:
        return gap(NOT_PUBLISHED.format(year=year))
    how = (
        f"Published {year} figures: quartiles of {int(row['authorities_ranked'])} authorities "
        f"({row['q25']:.1f} / {row['q50']:.1f} / {row['q75']:.1f}), band A best, worked out "
        "by perfbooks"
    )
    return Figure(None, "", how, text=str(band))
