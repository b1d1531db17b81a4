"""Several authorities side by side: one indicator over time (per 10,000 children where counts
differ in scale). The board scorecard is `analyses.scorecard`."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analyses.charts import UNIT_TITLES, when
from analyses.gaps import population_of
from analyses.style import SERIES_COLOURS
from analyses.trends import main_period_type, series_unit
from indicators import load_catalogue
from periods import period_label, population_year

SIDE_COLUMNS = [
    "authority",
    "source",
    "period_type",
    "period",
    "period_start",
    "period_end",
    "value",
    "unit",
    "population",
    "population_year",
    "per_10k",
    "shown",
    "shown_unit",
]


def side_by_side(
    observations: pd.DataFrame,
    indicator: str,
    population: pd.DataFrame | None = None,
    per_10k: bool | None = None,
) -> pd.DataFrame:
    """Each authority's actual values of one indicator on the period type they share most, one row
    per authority and period (a report's figure before a published one). Counts are also given
    `per_10k` children aged 0-17 (population of the year the financial year starts); `shown` is
    what to compare: per 10,000 when `per_10k` (default: for counts when a population is given),
    else the value."""
    rows = observations[
        (observations["indicator_id"] == indicator) & (observations["measure"] == "actual")
    ]
    unit = series_unit(rows, indicator)
    rows = rows[(rows["unit"] == unit) & rows["value"].notna()]
    rows = rows[rows["period_type"] == shared_period_type(rows)]
    rows = rows.assign(_order=(rows["source"] != "report") if "source" in rows else False)
    rows = rows.sort_values(["authority", "period_end", "_order"]).drop_duplicates(
        ["authority", "period_start", "period_end"]
    )
    out = rows.assign(
        unit=unit,
        period=[
            period_label(t, s, e)
            for t, s, e in zip(rows["period_type"], rows["period_start"], rows["period_end"])
        ],
    )
    out["population_year"] = [population_year(e) for e in out["period_end"]]
    found = [
        population_of(population, a, y) if population is not None else (float("nan"), None)
        for a, y in zip(out["authority"], out["population_year"])
    ]
    out["population"] = [f[0] for f in found]
    out["per_10k"] = out["value"] * 10_000 / out["population"] if unit == "count" else float("nan")
    normalise = (unit == "count" and population is not None) if per_10k is None else per_10k
    out["shown"] = out["per_10k"] if normalise else out["value"]
    out["shown_unit"] = "rate_per_10k" if normalise else unit
    return out.reindex(columns=SIDE_COLUMNS).reset_index(drop=True)


def shared_period_type(rows: pd.DataFrame) -> str:
    """The period type most authorities have values on (published years, when only some have monthly
    reports); on a tie, the one with more values."""
    if rows.empty:
        return ""
    per_type = rows.groupby("period_type")["authority"].nunique()
    tied = rows[rows["period_type"].isin(per_type[per_type == per_type.max()].index)]
    return main_period_type(tied)


def side_by_side_chart(frame: pd.DataFrame, title: str, facet: bool = True) -> alt.TopLevelMixin:
    """Small multiples (one panel per authority) or one panel with a line per authority; y not from
    zero."""
    unit = frame["shown_unit"].iloc[0] if len(frame) else ""
    data = frame.assign(when=when(frame))
    colour = alt.Color(
        "authority:N", scale=alt.Scale(range=SERIES_COLOURS), legend=None if facet else alt.Legend()
    )
    base = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("when:T", title="Period"),
            color=colour,
            y=alt.Y("shown:Q", title=UNIT_TITLES.get(unit, unit), scale=alt.Scale(zero=False)),
            tooltip=[
                "authority:N",
                "period:N",
                alt.Tooltip("value:Q", title="Value"),
                alt.Tooltip("per_10k:Q", title="Per 10,000 children", format=".1f"),
            ],
        )
    )
    if facet:
        return (
            base.properties(width=220, height=140)
            .facet(facet=alt.Facet("authority:N", title=None), columns=3)
            .properties(title=title)
        )
    return base.properties(title=title)


def indicator_name(indicator: str) -> str:
    """The catalogue's name of an indicator, else its id."""
    catalogue = load_catalogue()
    return catalogue.indicator(indicator).name if indicator in catalogue.ids() else indicator
