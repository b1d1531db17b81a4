"""One summary row per indicator: the last three months, year to date, target and red tolerance, RAG
and direction of travel (from `analyses.trends.trend_table`), the last two outturns and the
comparators."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analyses.style import direction_label, rag_label
from pack.figure import Figure, figure, gap
from pack.sources import published_source, report_source
from periods import financial_year_of, fy_label

POLARITY_WORDS = {"high": "High", "low": "Low", "within_range": "Within range", "info": "Info"}


@dataclass
class Row:
    """What the summary table prints for one indicator, every number a Figure."""

    indicator_id: str
    label: str
    unit: str
    polarity: str
    months: list  # [(first day of month, Figure)], oldest first
    ytd: Figure
    target: Figure
    red: Figure
    rag: str
    direction: str
    outturns: list  # [('2015-16', Figure)], oldest first
    comparators: dict = field(default_factory=dict)  # measure -> Figure
    band: Figure = field(default_factory=lambda: gap(""))
    judged_why: str = ""  # why RAG or direction is blank

    @property
    def polarity_word(self) -> str:
        return POLARITY_WORDS.get(self.polarity, "Info")

    @property
    def rag_label(self) -> str:
        return rag_label(self.rag) or "Not judged –"

    @property
    def direction_label(self) -> str:
        return direction_label(self.direction) or "–"


def month_figures(table: pd.DataFrame, month: pd.Timestamp, unit: str, count: int = 3) -> list:
    """The `count` months ending with `month`: each value with its cell, or why there is none."""
    months = pd.date_range(end=month, periods=count, freq="MS")
    by_start = (
        {pd.Timestamp(r["period_start"]): r for _, r in table.iterrows()} if len(table) else {}
    )
    return [(m, _month_figure(by_start.get(m), m, unit, table)) for m in months]


def _month_figure(row, month: pd.Timestamp, unit: str, table: pd.DataFrame) -> Figure:
    if row is None:
        kind = table["period_type"].iloc[0] if len(table) else ""
        why = (
            f"figures are {kind.replace('_', ' ')}ly, not monthly"
            if kind and kind != "month"
            else f"no report printed a figure for {month:%b %Y}"
        )
        return gap(why, unit)
    note = row["note"] or f"the report left {month:%b %Y} blank"
    return figure(row["value"], unit, report_source(row), note)


def ytd_figure(current: pd.DataFrame, table_row, month: pd.Timestamp, unit: str) -> Figure:
    """The report's own year to date; else perfbooks' from the months (saying how); else why there
    is none."""
    end = month + pd.offsets.MonthEnd(0)
    printed = current[
        (current["measure"] == "actual")
        & (current["period_type"] == "financial_ytd")
        & (pd.to_datetime(current["period_end"]) == end)
        & (current["unit"] == unit)
    ]
    printed = printed[printed["value"].notna()]
    if len(printed):
        return figure(printed.iloc[0]["value"], unit, report_source(printed.iloc[0]), "")
    if table_row is None:
        return gap(f"no figure for {month:%b %Y}", unit)
    how = f"worked out by perfbooks from the monthly figures ({table_row['ytd_note']})"
    return figure(table_row["ytd"], unit, how, table_row["ytd_note"] or "not computed")


def outturn_figures(
    current: pd.DataFrame, published: pd.DataFrame, month: pd.Timestamp, unit: str
) -> list:
    """The last two complete financial years: the report's own outturn, else the published
    figure."""
    first = financial_year_of(month)
    return [(fy_label(y), _outturn(current, published, y, unit)) for y in (first - 2, first - 1)]


def _outturn(current: pd.DataFrame, published: pd.DataFrame, year: int, unit: str) -> Figure:
    start, end = pd.Timestamp(year, 4, 1), pd.Timestamp(year + 1, 3, 31)
    own = _year_rows(current, start, end, unit)
    if len(own):
        return figure(own.iloc[0]["value"], unit, report_source(own.iloc[0]), "")
    pub = _year_rows(published, start, end, unit)
    if len(pub):
        return figure(pub.iloc[0]["value"], unit, published_source(pub.iloc[0]), "")
    return gap(f"no {fy_label(year)} outturn in the reports or the published figures", unit)


def _year_rows(rows: pd.DataFrame, start, end, unit: str) -> pd.DataFrame:
    if rows is None or rows.empty:
        return pd.DataFrame()
    rows = rows[(rows["measure"] == "actual") & (rows["unit"] == unit) & rows["value"].notna()]
    whole = (rows["period_type"] == "financial_year") & (
        pd.to_datetime(rows["period_start"]) == start
    )
    at_end = (rows["period_type"] == "as_at") & (pd.to_datetime(rows["period_end"]) == end)
    return pd.concat([rows[whole], rows[at_end]])


def judged(table_row, month: pd.Timestamp) -> tuple[str, str, str]:
    """(rag, direction, why blank) of the month's row of the trend table."""
    if table_row is None or pd.isna(table_row["value"]):
        return "", "", f"no figure for {month:%b %Y} to judge"
    why = "" if table_row["rag"] else "no target or polarity to judge it by"
    return table_row["rag"], table_row["direction"], why
