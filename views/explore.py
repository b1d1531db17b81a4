"""Thin adapters from a Store to the analyses: each page calls one function and shows what it
returns.

Only the store's own methods are used (`observations`, `table`); the frames go to the pure
functions.

"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from analyses.charts import trend_chart, trend_chart_table
from analyses.comparators import benchmark_tables, setting_for
from analyses.compare import indicator_name, side_by_side, side_by_side_chart
from analyses.funnel import funnel_chart, funnel_frame, funnel_limits
from analyses.gaps import authority_codes, gap_table
from analyses.history import benchmark_history, omission_notes
from analyses.history_chart import history_chart, history_lines, rank_chart
from analyses.intervals import with_intervals
from analyses.league import funnel_inputs, league_table, population_for
from analyses.scorecard import scorecard, scorecard_grid
from analyses.scorecard_chart import scorecard_chart
from analyses.spc import spc_chart, spc_table
from analyses.trends import benchmark_lines, earlier_figures, trend_table
from periods import financial_year_of, financial_year_start, financial_year_timestamps, fy_label
from store import Selection

SPC_MONTHS = 12  # fewer months give limits too uncertain to judge a month by


@dataclass
class TrendView:
    """What the trends page shows for one authority and indicator."""

    table: pd.DataFrame  # trend_table
    benchmarks: pd.DataFrame  # benchmark_lines
    earlier: pd.DataFrame  # earlier_figures
    chart: alt.LayerChart
    chart_table: pd.DataFrame  # the table alternative of the chart
    # spc_table of the monthly values (at least SPC_MONTHS), else None
    spc: pd.DataFrame | None = None
    spc_chart: alt.LayerChart | None = None


@dataclass
class BenchmarkView:
    """What the benchmarks page shows for one authority and financial year."""

    gaps: pd.DataFrame  # benchmark_table rows with gap_table's columns
    standing: pd.DataFrame  # standing_table: quartile band and ranks
    neighbour_list: str
    # sentences naming the year's measures whose council figures were left out, and why
    omitted: list[str]


@dataclass
class HistoryView:
    """An authority's published figure for one indicator every year against its benchmarks."""

    table: pd.DataFrame  # benchmark_history: value, SN mean, England, band, rank per year
    lines: pd.DataFrame  # history_lines: the chart's table alternative
    chart: alt.LayerChart
    ranks: alt.Chart


def history_view(store, authority: str, indicator: str, version: str = "2021") -> HistoryView:
    """Every financial year of the indicator's published figures for the authority against its
    neighbours (list `version`), region and England, with the national quartile band and rank."""
    setting = setting_for(authority, "2015-16", store.table("statistical_neighbours"), version)
    published = store.observations(Selection(source="published", indicator=indicator))
    reports = store.observations(
        Selection(source="reports", authority=authority, indicator=indicator)
    )
    table = (
        benchmark_history(published, setting, indicator, reports)
        if len(published)
        else pd.DataFrame()
    )
    if table.empty:
        return HistoryView(table, pd.DataFrame(), None, None)
    title = (
        f"{table['indicator_name'].iloc[0]}: {setting.name} against neighbours, region and England"
    )
    return HistoryView(
        table,
        history_lines(table, setting.name),
        history_chart(table, setting.name, title),
        rank_chart(table, f"{setting.name}: rank among councils each year"),
    )


@dataclass
class LeagueView:
    """Every council on one indicator in one financial year."""

    table: pd.DataFrame  # league_table with confidence intervals (analyses.intervals)
    notes: list[str]  # why the year's council figures were left out, when they were
    funnel: alt.LayerChart | None  # the funnel plot, or None and `funnel_note` says why
    funnel_points: pd.DataFrame  # its table alternative
    funnel_note: str


def league_view(store, indicator: str, period: str) -> LeagueView:
    """Every council's published figure for the indicator in a financial year ('2018-19'), with the
    change from the year before, rank and band (`league_table`)."""
    first = financial_year_start(period)
    published = store.observations(
        Selection(
            source="published",
            indicator=indicator,
            ends_between=(
                financial_year_timestamps(first - 1)[0],
                financial_year_timestamps(first)[1],
            ),
        )
    )
    notes = [f"{period}: {n}." for n in omission_notes([indicator], first)["note"]]
    table = league_table(published, indicator, first)
    population = population_for(table, store.table("population"), first)
    table = with_intervals(table, population)
    points, size = funnel_inputs(table, population)
    ends = pd.to_datetime(published["period_end"])
    england = published[
        (published["la_code"] == "E92000001") & (ends >= financial_year_timestamps(first)[0])
    ]
    if points is None or england["value"].dropna().empty:
        return LeagueView(
            table,
            notes,
            None,
            pd.DataFrame(),
            size if points is None else "no England figure as target",
        )
    target, unit = float(england["value"].dropna().iloc[0]), table["unit"].dropna().iloc[0]
    points = funnel_frame(points, target, unit)
    chart = funnel_chart(
        points,
        funnel_limits(target, points["size"], unit),
        f"{indicator_name(indicator)}, {period}: councils against England ({target:g})",
        size,
    )
    outside = int(points["position"].str.contains("99.8").sum())
    spread = (
        f"{outside} of {len(points)} councils lie outside the 99.8% limits, where chance alone "
        "would put about "
        f"{0.002 * len(points):.1f}: councils differ by more than chance (overdispersion), "
        "so a council outside "
        "is unusual for its size, not necessarily worse run"
    )
    return LeagueView(
        table, notes, chart, points, f"target: England's {target:g}; size: {size}. {spread}"
    )


def trend_inputs(
    store, authority: str, indicator: str, source: str = "reports"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(current vintage, every vintage) of the authority's observations of the indicator from
    `source`."""
    current = store.observations(Selection(source=source, authority=authority, indicator=indicator))
    every = store.observations(
        Selection(source=source, vintage="all", authority=authority, indicator=indicator)
    )
    return current, every


def trend_view(
    store, authority: str, indicator: str, period_type: str | None = None, source: str = "reports"
) -> TrendView:
    """The authority's series for the indicator with targets, RAG, benchmarks and earlier reports'
    figures, from its reports or (`source="published"`) the national published figures."""
    current, every = trend_inputs(store, authority, indicator, source)
    table = trend_table(current, indicator, period_type, all_vintages=every)
    lines = benchmark_lines(current, indicator)
    earlier = earlier_figures(every, current, indicator)
    earlier = earlier[earlier["period_type"].isin(set(table["period_type"]))]
    view = TrendView(
        table,
        lines,
        earlier,
        trend_chart(table, lines, earlier),
        trend_chart_table(table, lines, earlier),
    )
    monthly = table[(table["period_type"] == "month") & table["value"].notna()]
    if len(monthly) >= SPC_MONTHS:
        view.spc = spc_table(monthly[["period_start", "value"]])
        view.spc_chart = spc_chart(
            view.spc, f"{indicator_name(indicator)}: {authority}, mean and 3-sigma limits"
        )
    return view


def benchmark_view(
    store, authority: str, period: str, version: str = "2021", indicators: list[str] | None = None
) -> BenchmarkView:
    """The authority's figures for a financial year ('2015-16') against neighbours (list `version`),
    region and England, with the gaps in children and the quartile band and ranks."""
    setting = setting_for(authority, period, store.table("statistical_neighbours"), version)
    published = _published(store, indicators, financial_year_timestamps(period))
    reports = store.observations(Selection(source="reports", authority=authority))
    long, standing = benchmark_tables(published, setting, reports, indicators)
    omitted = omission_notes(standing["indicator_id"] if len(standing) else [], setting.fy_first)
    notes = [
        f"{indicator_name(i)}, {period}: {n}."
        for i, n in zip(omitted["indicator_id"], omitted["note"])
    ]
    return BenchmarkView(gap_table(long, store.table("population")), standing, version, notes)


# a year with fewer figures than this share of the authority's fullest year is not a default
YEAR_COVERAGE = 0.25


def benchmark_years(store, authority: str) -> tuple[list[str], str | None]:
    """(financial years with figures for the authority, newest first; the default: the latest year
    holding at least YEAR_COVERAGE of the figures of its fullest year, so a year with only
    September workforce counts is not opened first)."""
    rows = store.observations(Selection(source="all", authority=authority))
    ends = pd.to_datetime(rows.loc[rows["value"].notna(), "period_end"]).dropna()
    if ends.empty:
        return [], None
    counts = ends.map(financial_year_of).value_counts()
    years = sorted(counts.index, reverse=True)
    full = [y for y in years if counts[y] >= YEAR_COVERAGE * counts.max()]
    return [fy_label(y) for y in years], fy_label(full[0])


def compare_view(
    store, authorities: list[str], indicator: str, facet: bool = True, per_10k: bool | None = None
) -> tuple[pd.DataFrame, alt.TopLevelMixin]:
    """Several authorities on one indicator (reports and published figures): the frame and its
    chart."""
    frames = [
        store.observations(Selection(source="all", authority=a, indicator=indicator))
        for a in authorities
    ]
    frame = side_by_side(_concat(frames), indicator, store.table("population"), per_10k)
    return frame, side_by_side_chart(
        frame, f"{indicator_name(indicator)}: {', '.join(authorities)}", facet
    )


def scorecard_view(
    store, authorities: list[str], indicators: list[str], last: int = 6
) -> tuple[pd.DataFrame, pd.DataFrame, alt.LayerChart]:
    """(scorecard rows, the board's grid, its chart) from each authority's reports and published
    figures: every authority's figure of an indicator for the same period, counts per 10,000
    children."""
    wanted = tuple(indicators)
    current = [
        store.observations(Selection(source="all", authority=a, indicators=wanted))
        for a in authorities
    ]
    every = [
        store.observations(Selection(source="all", vintage="all", authority=a, indicators=wanted))
        for a in authorities
    ]
    current = [f.assign(authority=a) for f, a in zip(current, authorities) if len(f)]
    every = [f.assign(authority=a) for f, a in zip(every, authorities) if len(f)]
    card = scorecard(
        _concat(current),
        indicators,
        last,
        _concat(every),
        store.table("population"),
        list(authorities),
    )
    title = (
        "Scorecard: each row's figures are all for the period shown; counts per 10,000 children "
        "aged 0-17"
    )
    return card, scorecard_grid(card), scorecard_chart(card, title)


def selected_observations(
    store,
    source: str,
    vintage: str,
    authority: str | None,
    indicator: str | None,
    comparators: bool,
) -> pd.DataFrame:
    """The Data page's selection. With `comparators` the region's and England's figures come too —
    for uploaded reports from the national published figures (reports print no rows for their
    region or England), for the indicators the reports hold."""
    selection = Selection(source, vintage, authority, indicator, comparators)
    if not (comparators and authority and source == "reports"):
        return store.observations(selection)
    own = store.observations(Selection(source, vintage, authority, indicator))
    around = store.observations(
        Selection("published", "current", authority, indicator, comparators=True)
    )
    around = around[
        ~around["la_code"].isin(authority_codes(authority))
        & around["indicator_id"].isin(set(own["indicator_id"]))
    ]
    return _concat([own, around])


def _published(store, indicators: list[str] | None, year: tuple | None = None) -> pd.DataFrame:
    """Published figures (of these indicators) whose periods end inside `year` (first, last day)."""
    chosen = tuple(indicators) if indicators else None
    return store.observations(Selection(source="published", ends_between=year, indicators=chosen))


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(
            columns=[
                "authority",
                "indicator_id",
                "measure",
                "period_type",
                "period_start",
                "period_end",
                "value",
                "unit",
                "polarity",
                "note",
                "report_date",
                "source_file",
                "source",
            ]
        )
    )
