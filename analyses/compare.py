"""Several authorities side by side: one indicator over time (per 10,000 children where counts differ in
scale), and a board scorecard of the latest value, RAG, direction of travel and recent values."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analyses.charts import UNIT_TITLES, when
from analyses.gaps import population_of
from analyses.periods import period_label, population_year
from analyses.style import (SERIES_COLOURS, rag_scale_colours, rag_scale_domain, rag_scale_shapes, rag_word)
from analyses.trends import main_period_type, series_unit, trend_table
from indicators import load_catalogue

SIDE_COLUMNS = ["authority", "source", "period_type", "period", "period_start", "period_end", "value", "unit",
                "population", "population_year", "per_10k", "shown", "shown_unit"]
CELL_WIDTH = 220  # pixels per authority in the scorecard chart
CARD_COLUMNS = ["indicator_id", "indicator_name", "authority", "period", "value", "unit", "polarity", "rag", "rag_label",
                "direction", "direction_label", "sparkline"]


def side_by_side(observations: pd.DataFrame, indicator: str, population: pd.DataFrame | None = None,
                 per_10k: bool | None = None) -> pd.DataFrame:
    """Each authority's actual values of one indicator on the period type they share most, one row per
    authority and period (a report's figure before a published one). Counts are also given `per_10k`
    children aged 0-17 (population of the year the financial year starts); `shown` is what to compare:
    per 10,000 when `per_10k` (default: for counts when a population is given), else the value."""
    rows = observations[(observations["indicator_id"] == indicator) & (observations["measure"] == "actual")]
    unit = series_unit(rows, indicator)
    rows = rows[(rows["unit"] == unit) & rows["value"].notna()]
    rows = rows[rows["period_type"] == shared_period_type(rows)]
    rows = rows.assign(_order=(rows["source"] != "report") if "source" in rows else False)
    rows = rows.sort_values(["authority", "period_end", "_order"]).drop_duplicates(["authority", "period_start", "period_end"])
    out = rows.assign(unit=unit, period=[period_label(t, s, e) for t, s, e in
                                         zip(rows["period_type"], rows["period_start"], rows["period_end"])])
    out["population_year"] = [population_year(e) for e in out["period_end"]]
    found = [population_of(population, a, y) if population is not None else (float("nan"), None)
             for a, y in zip(out["authority"], out["population_year"])]
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
    """Small multiples (one panel per authority) or one panel with a line per authority; y not from zero."""
    unit = frame["shown_unit"].iloc[0] if len(frame) else ""
    data = frame.assign(when=when(frame))
    colour = alt.Color("authority:N", scale=alt.Scale(range=SERIES_COLOURS), legend=None if facet else alt.Legend())
    base = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("when:T", title="Period"), color=colour,
        y=alt.Y("shown:Q", title=UNIT_TITLES.get(unit, unit), scale=alt.Scale(zero=False)),
        tooltip=["authority:N", "period:N", alt.Tooltip("value:Q", title="Value"),
                 alt.Tooltip("per_10k:Q", title="Per 10,000 children", format=".1f")])
    if facet:
        return base.properties(width=220, height=140).facet(facet=alt.Facet("authority:N", title=None), columns=3) \
            .properties(title=title)
    return base.properties(title=title)


def scorecard(observations: pd.DataFrame, indicators: list[str], last: int = 6,
              all_vintages: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator and authority: the latest value and its period, RAG (word and symbol),
    direction of travel and `sparkline`, the last `last` values oldest first."""
    rows = []
    for authority, mine in observations.groupby("authority", sort=True):
        vintages = all_vintages[all_vintages["authority"] == authority] if all_vintages is not None else None
        own, every = _by_indicator(mine), _by_indicator(vintages) if vintages is not None else {}
        for indicator in indicators:
            printed = own.get(indicator, mine.iloc[0:0])
            table = trend_table(printed, indicator, all_vintages=None if vintages is None else
                                every.get(indicator, vintages.iloc[0:0]), details=False)
            rows.append(_card(authority, indicator, table[table["value"].notna()], last))
    return pd.DataFrame(rows, columns=CARD_COLUMNS)


def _by_indicator(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return dict(tuple(frame.groupby("indicator_id", sort=False)))


def _card(authority: str, indicator: str, table: pd.DataFrame, last: int) -> list:
    name = indicator_name(indicator)
    if table.empty:
        return [indicator, name, authority, "", float("nan"), "", "", "", "", "", "", []]
    end = table.iloc[-1]
    return [indicator, name, authority, end["period"], end["value"], end["unit"], end["polarity"], end["rag"],
            end["rag_label"], end["direction"], end["direction_label"], table["value"].tail(last).tolist()]


def scorecard_grid(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as the board reads it: indicators as rows, authorities as columns, each cell the latest
    value with its period, RAG and direction in words and symbols."""
    text = [_cell(r) for _, r in card.iterrows()]
    return card.assign(cell=text).pivot(index="indicator_name", columns="authority", values="cell").fillna("")


def scorecard_chart(card: pd.DataFrame, title: str = "Scorecard") -> alt.LayerChart:
    """A grid of authorities (columns) by indicators (rows): RAG by shape and colour, the value and arrow as text."""
    data = card.assign(rag_shown=[lab or rag_word("") for lab in card["rag_label"].fillna("")],
                       caption=[_cell(r, period=False) for _, r in card.iterrows()])
    rag = alt.Legend(title="RAG")
    grid = alt.Chart(data).encode(x=alt.X("authority:N", title=None, axis=alt.Axis(orient="top", labelAngle=0)),
                                  y=alt.Y("indicator_name:N", title=None, axis=alt.Axis(labelLimit=360)))
    marks = grid.mark_point(filled=True, size=160, xOffset=-CELL_WIDTH / 2 + 14).encode(
        color=alt.Color("rag_shown:N", scale=alt.Scale(domain=rag_scale_domain(), range=rag_scale_colours()), legend=rag),
        shape=alt.Shape("rag_shown:N", scale=alt.Scale(domain=rag_scale_domain(), range=rag_scale_shapes()), legend=rag),
        tooltip=["authority:N", "indicator_name:N", "period:N", "value:Q", "rag_shown:N", "direction_label:N"])
    words = grid.mark_text(align="left", dx=-CELL_WIDTH / 2 + 26).encode(text="caption:N")
    size = {"width": CELL_WIDTH * max(card["authority"].nunique(), 1), "height": 40 * max(card["indicator_id"].nunique(), 1)}
    return alt.layer(marks, words).properties(title=title, **size)


def _cell(row: pd.Series, period: bool = True) -> str:
    if pd.isna(row["value"]):
        return "no value"
    parts = [f"{row['value']:g}", f"({row['period']})" if period else "", row["rag_label"], row["direction_label"]]
    return " ".join(p for p in parts if p)


def indicator_name(indicator: str) -> str:
    """The catalogue's name of an indicator, else its id."""
    catalogue = load_catalogue()
    return catalogue.indicator(indicator).name if indicator in catalogue.ids() else indicator
