"""Thin adapters from a Store to the analyses: each page calls one function and shows what it returns.

Only the store's own methods are used (`observations`, `table`); the frames go to the pure functions.
"""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from analyses.benchmarks import benchmark_tables, setting_for
from analyses.charts import trend_chart, trend_chart_table
from analyses.compare import indicator_name, scorecard, scorecard_chart, scorecard_grid, side_by_side, side_by_side_chart
from analyses.gaps import gap_table
from analyses.periods import financial_year
from analyses.trends import benchmark_lines, earlier_figures, trend_table
from store import Selection


@dataclass
class TrendView:
    """What the trends page shows for one authority and indicator."""

    table: pd.DataFrame  # trend_table
    benchmarks: pd.DataFrame  # benchmark_lines
    earlier: pd.DataFrame  # earlier_figures
    chart: alt.LayerChart
    chart_table: pd.DataFrame  # the table alternative of the chart


@dataclass
class BenchmarkView:
    """What the benchmarks page shows for one authority and financial year."""

    gaps: pd.DataFrame  # benchmark_table rows with gap_table's columns
    standing: pd.DataFrame  # standing_table: quartile band and ranks
    neighbour_list: str


def trend_inputs(store, authority: str, indicator: str, source: str = "reports") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(current vintage, every vintage) of the authority's observations of the indicator from `source`."""
    current = store.observations(Selection(source=source, authority=authority, indicator=indicator))
    every = store.observations(Selection(source=source, vintage="all", authority=authority, indicator=indicator))
    return current, every


def trend_view(store, authority: str, indicator: str, period_type: str | None = None,
               source: str = "reports") -> TrendView:
    """The authority's series for the indicator with targets, RAG, benchmarks and earlier reports' figures,
    from its reports or (`source="published"`) the national published figures."""
    current, every = trend_inputs(store, authority, indicator, source)
    table = trend_table(current, indicator, period_type, all_vintages=every)
    lines = benchmark_lines(current, indicator)
    earlier = earlier_figures(every, current, indicator)
    earlier = earlier[earlier["period_type"].isin(set(table["period_type"]))]
    return TrendView(table, lines, earlier, trend_chart(table, lines, earlier), trend_chart_table(table, lines, earlier))


def benchmark_view(store, authority: str, period: str, version: str = "2021",
                   indicators: list[str] | None = None) -> BenchmarkView:
    """The authority's figures for a financial year ('2015-16') against neighbours (list `version`), region
    and England, with the gaps in children and the quartile band and ranks."""
    setting = setting_for(authority, period, store.table("statistical_neighbours"), version)
    published = _published(store, indicators, financial_year(period))
    reports = store.observations(Selection(source="reports", authority=authority))
    long, standing = benchmark_tables(published, setting, reports, indicators)
    return BenchmarkView(gap_table(long, store.table("population")), standing, version)


def compare_view(store, authorities: list[str], indicator: str, facet: bool = True,
                 per_10k: bool | None = None) -> tuple[pd.DataFrame, alt.TopLevelMixin]:
    """Several authorities on one indicator (reports and published figures): the frame and its chart."""
    frames = [store.observations(Selection(source="all", authority=a, indicator=indicator)) for a in authorities]
    frame = side_by_side(_concat(frames), indicator, store.table("population"), per_10k)
    return frame, side_by_side_chart(frame, f"{indicator_name(indicator)}: {', '.join(authorities)}", facet)


def scorecard_view(store, authorities: list[str], indicators: list[str],
                   last: int = 6) -> tuple[pd.DataFrame, pd.DataFrame, alt.LayerChart]:
    """(scorecard rows, the board's grid, its chart) from each authority's reports, or its published figures
    when it has no reports."""
    current, every = [], []
    for authority in authorities:
        mine = store.observations(Selection(source="reports", authority=authority))
        source = "reports" if len(mine) else "published"
        current.append(mine if len(mine) else store.observations(Selection(source=source, authority=authority)))
        every.append(store.observations(Selection(source=source, vintage="all", authority=authority)))
    card = scorecard(_concat(current), indicators, last, _concat(every))
    return card, scorecard_grid(card), scorecard_chart(card)


def _published(store, indicators: list[str] | None, year: tuple | None = None) -> pd.DataFrame:
    """Published figures (of these indicators) whose periods end inside `year` (first, last day)."""
    if not indicators:
        return store.observations(Selection(source="published", ends_between=year))
    return _concat([store.observations(Selection(source="published", indicator=i, ends_between=year))
                    for i in indicators])


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["authority", "indicator_id", "measure", "period_type", "period_start", "period_end", "value", "unit",
                 "polarity", "note", "report_date", "source_file", "source"])
