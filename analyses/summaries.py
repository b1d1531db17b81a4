"""One-sentence text summaries of what a chart shows, read from the table drawn beside it: the
chart's accessible name (screen readers otherwise hear "Vega visualization") and a caption under
it.

"Referrals: Wirral: Wirral rose from 1,237 in Jan 2019 to 1,296 in Jun 2019; target 1,250."

"""

from __future__ import annotations

import pandas as pd

# the plotted figure: per 10,000 where a chart converts counts, else the value
VALUES = ("shown", "figure", "value")
PERIODS = ("period", "period_start")  # the period label, else the first day of the period
SERIES = ("series", "authority", "line")  # what tells the lines apart
# categories a chart of points shows, counted
GROUPS = ("standing", "position", "rag_label", "quartile_band")
MOST_SERIES = 3


def number(value: float) -> str:
    """1237.0 -> '1,237'; 52.14 -> '52.1'."""
    return f"{value:,.1f}".removesuffix(".0")


def period_text(period) -> str:
    """A period label as printed, or a date as 'Jan 2019'."""
    return f"{period:%b %Y}" if isinstance(period, pd.Timestamp) else str(period)


def chart_summary(table: pd.DataFrame, title: str, by: str | None = None) -> str:
    """A sentence for a chart of `table` titled `title`: each series from its first to its last
    figure (and the target), or, with `by` or for a table of points without periods, how many
    points fall in each group."""
    if {"baseline_value", "follow_up_value"} <= set(table.columns):
        return f"{title}: {changes_text(table)}."
    value = next((v for v in VALUES if v in table.columns), None)
    group = by or (None if _first(table, PERIODS) else _first(table, GROUPS))
    if value is None:
        return f"{title}: {len(table):,} rows, every figure in the table below."
    if table[value].notna().sum() == 0:
        return f"{title}: no figures to chart."
    if group:
        return f"{title}: {groups_text(table, group)}."
    return f"{title}: {series_text(table, value)}."


def series_text(table: pd.DataFrame, value: str) -> str:
    """'A rose from 3 in Jan 2019 to 5 in Mar 2019; B was 4 in 2018-19; target 4' for the first few
    series."""
    period, series = _first(table, PERIODS), _first(table, SERIES)
    rows = table.dropna(subset=[value])
    rows = rows[rows[period].astype(str) != ""] if period else rows
    groups = list(rows.groupby(series, sort=False)) if series else [("", rows)]
    parts = [_one_series(name, part, value, period) for name, part in groups[:MOST_SERIES]]
    if len(groups) > MOST_SERIES:
        parts.append(f"{len(groups) - MOST_SERIES} more in the table below")
    target = _target(rows)
    return "; ".join(parts + ([f"target {number(target)}"] if target is not None else []))


def _one_series(name: str, part: pd.DataFrame, value: str, period: str | None) -> str:
    first, last = part.iloc[0], part.iloc[-1]
    at = (lambda row: f" in {period_text(row[period])}") if period else (lambda row: "")
    who = f"{name} " if name else ""
    if len(part) == 1:
        return f"{who}was {number(last[value])}{at(last)}"
    change = (
        "rose"
        if last[value] > first[value]
        else "fell"
        if last[value] < first[value]
        else "was unchanged"
    )
    return (
        f"{who}{change} from {number(first[value])}{at(first)} to {number(last[value])}{at(last)}"
    )


def _target(rows: pd.DataFrame) -> float | None:
    """The latest target the table holds, if any."""
    if "target" not in rows:
        return None
    targets = pd.to_numeric(rows["target"], errors="coerce").dropna()
    return float(targets.iloc[-1]) if len(targets) else None


def changes_text(table: pd.DataFrame) -> str:
    """'Contacts from 1,024 in Aug 2011 to 1,494 in Jan 2013 (+46%)' for each row of a before/after
    table."""
    parts = [
        f"{row['label']} from {number(row['baseline_value'])} in {row['baseline_period']} to "
        f"{number(row['follow_up_value'])} in {row['follow_up_period']}"
        + (f" ({row['change_pct_text']})" if str(row.get("change_pct_text", "")).strip() else "")
        for _, row in table.dropna(subset=["baseline_value", "follow_up_value"])
        .head(MOST_SERIES)
        .iterrows()
    ]
    more = len(table) - len(parts)
    return (
        "; ".join(parts + ([f"{more} more in the table below"] if more > 0 else []))
        or "no figures to compare"
    )


def groups_text(table: pd.DataFrame, column: str) -> str:
    """'36 points: 20 worse, 10 better, 6 same' (most common first; blanks counted as 'not
    judged')."""
    labels = table[column].fillna("").astype(str).replace("", "not judged")
    counts = labels.value_counts(sort=True)
    return f"{len(labels)} points: " + ", ".join(f"{n} {label}" for label, n in counts.items())


def rank_summary(history: pd.DataFrame, title: str) -> str:
    """'Rank in England: 45th of 152 in 2015-16, 30th of 151 in 2023-24 (1 = best)' from a benchmark
    history."""
    ranked = history.dropna(subset=["rank_england"])
    if ranked.empty:
        return f"{title}: no ranks to chart."
    first, last = ranked.iloc[0], ranked.iloc[-1]
    span = [
        f"{int(row['rank_england'])} of {int(row['authorities_ranked'])} in {row['period']}"
        for row in ([first, last] if len(ranked) > 1 else [last])
    ]
    return f"{title}: rank in England {' to '.join(span)} (1 = best)."


def _first(table: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    return next((n for n in names if n in table.columns and table[n].notna().any()), None)
