"""Charts of `benchmark_history`: the authority's line over the published neighbour mean and median,
region and England lines, with the national quartiles (q25 to q75, the middle half of councils)
as a band behind; and the authority's national rank over time (1 = best, drawn at the top)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analyses.charts import UNIT_TITLES, labelled_x
from analyses.style import BAND_COLOUR, MARKS, OKABE_ITO

SERIES = {
    "value": None,
    "sn_mean": "Statistical neighbour mean",
    "sn_median": "Statistical neighbour median",
    "region": "Region",
    "england": "England",
}
COLOURS = [MARKS[c] for c in ("blue", "orange", "sky_blue", "bluish_green", "black")]
DASHES = [[1, 0], [6, 3], [2, 2], [4, 2, 1, 2], [1, 0]]
BAND = "Middle half of councils (quartiles q25 to q75)"


def history_lines(history: pd.DataFrame, authority: str) -> pd.DataFrame:
    """The history in long form: one row per year and series (the authority, SN mean, SN median,
    region, England) with its value; the table alternative of the chart."""
    names = {**SERIES, "value": authority}
    long = history.melt(
        id_vars=["period", "period_end"],
        value_vars=list(SERIES),
        var_name="key",
        value_name="figure",
    )
    long["series"] = long["key"].map(names)
    order = {k: i for i, k in enumerate(SERIES)}
    return (
        long.assign(o=long["key"].map(order))
        .sort_values(["o", "period_end"])[["series", "period", "period_end", "figure"]]
        .reset_index(drop=True)
    )


def history_chart(history: pd.DataFrame, authority: str, title: str) -> alt.LayerChart:
    """Lines for the authority and each published comparator every year, the quartile band behind
    them."""
    unit = history["unit"].iloc[0] if len(history) else ""
    lines = history_lines(history, authority).dropna(subset=["figure"])
    domain = [authority, *list(SERIES.values())[1:]]
    x = labelled_x("period_end", pd.to_datetime(history["period_end"]), "Year (period end)", "%Y")
    band = (
        alt.Chart(history.assign(band=BAND).dropna(subset=["q25", "q75"]))
        .mark_area(opacity=0.25, color=BAND_COLOUR)
        .encode(
            x=x,
            y=alt.Y("q25:Q", title=UNIT_TITLES.get(unit, unit), scale=alt.Scale(zero=False)),
            y2="q75:Q",
            tooltip=[
                alt.Tooltip("period:N", title="Year"),
                alt.Tooltip("band:N", title="Band"),
                alt.Tooltip("q25:Q", format=",.1f"),
                alt.Tooltip("q50:Q", format=",.1f"),
                alt.Tooltip("q75:Q", format=",.1f"),
            ],
        )
    )
    colour = alt.Color("series:N", title="Series", scale=alt.Scale(domain=domain, range=COLOURS))
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=domain, range=DASHES), legend=None)
    tips = [
        alt.Tooltip("series:N", title="Series"),
        alt.Tooltip("period:N", title="Year"),
        alt.Tooltip("figure:Q", title="Value", format=",.1f"),
    ]
    line = (
        alt.Chart(lines)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("figure:Q", scale=alt.Scale(zero=False)),
            color=colour,
            strokeDash=dash,
            tooltip=tips,
        )
    )
    return alt.layer(band, line).properties(title=title, height=320)


def rank_chart(history: pd.DataFrame, title: str) -> alt.Chart:
    """The national rank each year (1 = best), best at the top, with how many councils were
    ranked."""
    ranked = history.dropna(subset=["rank_england"]).assign(
        rank_england=lambda f: f["rank_england"].astype(float)
    )
    return (
        alt.Chart(ranked)
        .mark_line(point=True, color=OKABE_ITO["blue"])
        .encode(
            x=labelled_x(
                "period_end", pd.to_datetime(ranked["period_end"]), "Year (period end)", "%Y"
            ),
            y=alt.Y(
                "rank_england:Q",
                title="Rank among councils (1 = best)",
                scale=alt.Scale(reverse=True, zero=False),
            ),
            tooltip=[
                alt.Tooltip("period:N", title="Year"),
                alt.Tooltip("rank_england:Q", title="Rank"),
                alt.Tooltip("authorities_ranked:Q", title="of"),
                alt.Tooltip("quartile_band:N", title="Band"),
            ],
        )
        .properties(title=title, height=200)
    )
