"""One authority's series for one indicator: values, targets and bands, RAG, direction of travel,
totals, the notes the report printed, the benchmarks it printed, and the figures earlier reports
printed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analyses.rag import bands_at, bands_by_period, direction, rag_status
from analyses.style import direction_label, rag_label
from analyses.target_bands import EDGES
from analyses.totals import financial_ytd, is_additive, rolling_12_months
from indicators import load_catalogue
from periods import period_label

BENCHMARKS = {
    "stat_neighbour_avg": "Statistical neighbour average",
    "stat_neighbour_best": "Best statistical neighbour",
    "england_avg": "England average",
    "england_top_quartile": "England top quartile",
    "region_avg": "Regional average",
}
FINEST_FIRST = ["month", "quarter", "financial_year", "calendar_year", "as_at", "financial_ytd"]
PERIOD_KEY = ["period_type", "period_start", "period_end"]
TREND_COLUMNS = [
    "authority",
    "indicator_id",
    "period_type",
    "period",
    "period_start",
    "period_end",
    "value",
    "unit",
    "polarity",
    "note",
    *EDGES,
    "target_note",
    "rag",
    "rag_label",
    "direction",
    "direction_label",
    "movement",
    "judgement",
    "ytd",
    "ytd_note",
    "reported_ytd",
    "rolling_12m",
    *BENCHMARKS,
    "earlier_values",
    "report_date",
    "source_file",
    "source_location",
]


def series_polarity(rows: pd.DataFrame, indicator_id: str | None = None) -> str:
    """What is good for the indicator: the polarity its report prints most often (a page that says
    'Info' does not overrule one that says 'Low'), else the catalogue's, else 'info'."""
    printed = rows["polarity"].dropna()
    judged = printed[printed.isin(["high", "low", "within_range"])]
    if len(judged):
        return judged.value_counts().index[0]
    catalogue = load_catalogue()
    if indicator_id and indicator_id in catalogue.ids():
        return catalogue.indicator(indicator_id).polarity or "info"
    return "info"


def series_unit(actuals: pd.DataFrame, indicator_id: str | None = None) -> str:
    """The catalogue's unit when the rows have it (a count printed beside a percentage is left out),
    else the commonest."""
    units = actuals["unit"].dropna()
    catalogue = load_catalogue()
    if (
        indicator_id
        and indicator_id in catalogue.ids()
        and catalogue.indicator(indicator_id).unit in set(units)
    ):
        return catalogue.indicator(indicator_id).unit
    return units.value_counts().index[0] if len(units) else ""


def main_period_type(actuals: pd.DataFrame) -> str:
    """The period type with the most values (the finer on a tie): months in a monthly report."""
    counts = actuals["period_type"].value_counts()
    if counts.empty:
        return ""
    return min(
        counts.index, key=lambda p: (-counts[p], FINEST_FIRST.index(p) if p in FINEST_FIRST else 99)
    )


def trend_table(
    observations: pd.DataFrame,
    indicator: str,
    period_type: str | None = None,
    all_vintages: pd.DataFrame | None = None,
    details: bool = True,
) -> pd.DataFrame:
    """One authority's series for `indicator` from its current-vintage report observations, one row
    per period.

    `all_vintages` (the same selection with vintage='all') supplies the target rows (the current
    vintage keeps one row per period, so a report's Red, Amber and Green rules need every row of the
    latest report) and the figures earlier reports printed.

    Columns TREND_COLUMNS: each period's value and printed note; the target band in force (`target`,
    green and red edges, `target_note`); `rag` ('green'/'amber'/'red'/'') and `rag_label` (word and
    symbol); `direction` from the previous value; `ytd`/`ytd_note`, `reported_ytd` (the report's own
    year-to-date); `rolling_12m`; the benchmarks the report printed for that period;
    `earlier_values`, what earlier reports printed for it (see `earlier_figures`). `details=False`
    leaves the year-to-date, rolling and earlier columns blank (a scorecard needs only the latest
    value, its RAG and direction).

    """
    rows = observations[observations["indicator_id"] == indicator]
    actuals = rows[rows["measure"] == "actual"]
    unit = series_unit(actuals, indicator)
    actuals = actuals[actuals["unit"] == unit]
    polarity = series_polarity(rows, indicator)
    ptype = (
        period_type
        or main_period_type(actuals[actuals["period_type"] != "financial_ytd"])
        or main_period_type(actuals)
    )
    series = _one_per_period(actuals[actuals["period_type"] == ptype])
    bands = bands_by_period(
        current_targets(all_vintages if all_vintages is not None else rows, indicator), polarity
    )
    table = series.assign(unit=unit, polarity=polarity, note=series["note"].fillna(""))
    table["period"] = [
        period_label(ptype, s, e) for s, e in zip(table["period_start"], table["period_end"])
    ]
    table = _judged(table, bands, polarity)
    if not details:
        return table.reindex(columns=TREND_COLUMNS).reset_index(drop=True)
    table = table.join(financial_ytd(table, unit, is_additive(indicator, unit)))
    table["rolling_12m"] = rolling_12_months(table, is_additive(indicator, unit))
    table["reported_ytd"] = _reported_ytd(table, actuals)
    table = _with_benchmarks(table, rows)
    earlier = (
        earlier_figures(all_vintages, observations, indicator) if all_vintages is not None else None
    )
    table["earlier_values"] = _earlier_text(table, earlier)
    return table.reindex(columns=TREND_COLUMNS).reset_index(drop=True)


def _one_per_period(series: pd.DataFrame) -> pd.DataFrame:
    """Chronological, one row per period (a value before a blank when a period was printed
    twice)."""
    ordered = series.assign(_blank=series["value"].isna()).sort_values(["period_end", "_blank"])
    return ordered.drop_duplicates("period_start").drop(columns="_blank").reset_index(drop=True)


def _judged(table: pd.DataFrame, bands: pd.DataFrame, polarity: str) -> pd.DataFrame:
    """Band edges, RAG and direction of travel per row (direction from the last period that had a
    value)."""
    found = bands_at(bands, table["period_end"])
    columns = {  # an edge not printed (None) is NaN
        edge: np.array([getattr(b, edge) if b is not None else None for b in found], dtype=float)
        for edge in EDGES
    }
    columns["target_note"] = [b.note if b is not None else "" for b in found]
    values = table["value"]
    rag = [rag_status(v, b, polarity) for v, b in zip(values, found)]
    previous = values.ffill().shift(1)
    directions = [direction(p, v, polarity, b) for p, v, b in zip(previous, values, found)]
    return table.assign(
        **columns,
        rag=rag,
        rag_label=[rag_label(r) for r in rag],
        direction=directions,
        direction_label=[direction_label(d) for d in directions],
        movement=[movement(p, v) for p, v in zip(previous, values)],
        judgement=[judgement(d) for d in directions],
    )


MOVEMENTS = {1: "up ↑", -1: "down ↓", 0: "no change →"}
JUDGEMENTS = {
    "improving": "better",
    "worsening": "worse",
    "no change": "no better or worse",
    "up": "not judged (no good direction)",
    "down": "not judged (no good direction)",
}


def movement(previous: float | None, current: float | None) -> str:
    """Which way the figure moved since the last period with a value: 'up ↑', 'down ↓', 'no change
    →' or ''."""
    if previous is None or current is None or pd.isna(previous) or pd.isna(current):
        return ""
    change = round(float(current) - float(previous), 9)
    return MOVEMENTS[(change > 0) - (change < 0)]


def judgement(direction_of_travel: str) -> str:
    """What the movement means by the indicator's polarity: 'better', 'worse', 'no better or worse',
    or that an indicator with no good direction is not judged ('' before the first value)."""
    return JUDGEMENTS.get(direction_of_travel, "")


def _reported_ytd(table: pd.DataFrame, actuals: pd.DataFrame) -> pd.Series:
    printed = actuals[actuals["period_type"] == "financial_ytd"].drop_duplicates(
        "period_end", keep="last"
    )
    return table["period_end"].map(printed.set_index("period_end")["value"]).astype(float)


def _with_benchmarks(table: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    printed = rows[rows["measure"].isin(list(BENCHMARKS)) & rows["value"].notna()]
    wide = printed.pivot_table(index=PERIOD_KEY, columns="measure", values="value", aggfunc="last")
    return table.merge(wide.reset_index(), on=PERIOD_KEY, how="left") if len(wide) else table


def _earlier_text(table: pd.DataFrame, earlier: pd.DataFrame | None) -> list[str]:
    if earlier is None or earlier.empty:
        return [""] * len(table)
    texts = {}
    earlier = earlier[earlier["period_type"].isin(set(table["period_type"]))]
    for key, group in earlier.sort_values("report_date").groupby("period_start"):
        texts[key] = "; ".join(
            f"{v:g} ({f'report of {d:%d %b %Y}' if pd.notna(d) else s})"
            for v, d, s in zip(group["value"], group["report_date"], group["source_file"])
        )
    return [texts.get(start, "") for start in table["period_start"]]


def current_targets(observations: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The indicator's target rows printed by the latest report for each period (all its Red, Amber,
    Green rows)."""
    rows = observations[
        (observations["indicator_id"] == indicator) & (observations["measure"] == "target")
    ]
    if rows.empty:
        return rows
    latest = rows.groupby(PERIOD_KEY, dropna=False)["report_date"].transform("max")
    return rows[(rows["report_date"] == latest) | latest.isna()]


def earlier_figures(
    all_vintages: pd.DataFrame, current: pd.DataFrame, indicator: str
) -> pd.DataFrame:
    """What earlier reports printed for the periods of the current series: the rows of every vintage
    (`vintage='all'`) that are not the current figure, with `revised` True where the value
    differs."""
    columns = [*PERIOD_KEY, "value", "report_date", "source_file", "revised"]
    key = [*PERIOD_KEY, "measure", "unit"]
    mine = all_vintages[
        (all_vintages["indicator_id"] == indicator) & (all_vintages["measure"] == "actual")
    ]
    now = current[(current["indicator_id"] == indicator) & (current["measure"] == "actual")]
    both = mine.merge(
        now[[*key, "value", "report_date", "source_file"]], on=key, suffixes=("", "_now")
    )
    older = both[
        both["value"].notna()
        & ~(
            (both["report_date"] == both["report_date_now"])
            & (both["source_file"] == both["source_file_now"])
        )
    ]
    older = older.assign(
        revised=(older["value"] - older["value_now"]).abs().gt(1e-9) | older["value_now"].isna()
    )
    return (
        older.reindex(columns=columns)
        .sort_values(["period_end", "report_date"])
        .reset_index(drop=True)
    )


def benchmark_lines(observations: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The latest value of each benchmark the report printed for the indicator: measure, label,
    value, period."""
    rows = observations[
        (observations["indicator_id"] == indicator)
        & observations["measure"].isin(list(BENCHMARKS))
        & observations["value"].notna()
    ]
    latest = rows.sort_values("period_end").drop_duplicates("measure", keep="last")
    periods = [
        period_label(t, s, e)
        for t, s, e in zip(latest["period_type"], latest["period_start"], latest["period_end"])
    ]
    return pd.DataFrame(
        {
            "measure": latest["measure"].to_numpy(),
            "label": latest["measure"].map(BENCHMARKS).to_numpy(),
            "value": latest["value"].to_numpy(dtype=float),
            "period": periods,
        }
    ).reset_index(drop=True)
