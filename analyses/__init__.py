"""Analyses of the observations: pure functions returning DataFrames and Altair charts (no
Streamlit)."""

from analyses.charts import trend_chart, trend_chart_table
from analyses.comparators import benchmark_table, setting_for, standing_table
from analyses.compare import side_by_side, side_by_side_chart
from analyses.funnel import funnel_chart, funnel_frame, funnel_limits
from analyses.gaps import gap_table
from analyses.history import benchmark_history
from analyses.history_chart import history_chart, rank_chart
from analyses.impact.align import event_time, monthly_series
from analyses.impact.before_after import before_after_table
from analyses.impact.caution import COVID_LOCKDOWNS, CautionPeriod, mark_caution, migration_months
from analyses.impact.did import difference_in_differences
from analyses.impact.estimate_charts import (
    before_after_chart,
    estimates_chart,
    event_study_chart,
    event_time_chart,
    its_chart,
)
from analyses.impact.its import interrupted_time_series, its_for_interventions
from analyses.impact.its_checks import controlled_its, placebo_checks
from analyses.impact.season import comparison_season
from analyses.impact.synth import synthetic_control
from analyses.intervals import poisson_exact, wilson
from analyses.intervention_frames import adopters, comparison_authorities, interventions_table
from analyses.league import league_table
from analyses.scorecard import scorecard, scorecard_grid
from analyses.scorecard_chart import scorecard_chart
from analyses.source import (
    benchmark_view,
    compare_view,
    history_view,
    league_view,
    scorecard_view,
    trend_view,
)
from analyses.spc import spc_chart, spc_table
from analyses.trends import benchmark_lines, earlier_figures, trend_table

__all__ = [
    # trends, benchmark gaps, side by side
    "benchmark_lines",
    "benchmark_table",
    "benchmark_view",
    "compare_view",
    "earlier_figures",
    "gap_table",
    "scorecard",
    "scorecard_chart",
    "scorecard_grid",
    "scorecard_view",
    "setting_for",
    "side_by_side",
    "side_by_side_chart",
    "standing_table",
    "trend_chart",
    "trend_chart_table",
    "trend_table",
    "trend_view",
    # benchmarks over time, every council, small numbers
    "benchmark_history",
    "funnel_chart",
    "funnel_frame",
    "funnel_limits",
    "history_chart",
    "history_view",
    "league_table",
    "league_view",
    "poisson_exact",
    "rank_chart",
    "spc_chart",
    "spc_table",
    "wilson",
    # before/after impact of interventions
    "COVID_LOCKDOWNS",
    "CautionPeriod",
    "adopters",
    "before_after_chart",
    "before_after_table",
    "comparison_authorities",
    "difference_in_differences",
    "estimates_chart",
    "event_study_chart",
    "event_time",
    "event_time_chart",
    "interrupted_time_series",
    "interventions_table",
    "its_chart",
    "its_for_interventions",
    "mark_caution",
    "migration_months",
    "monthly_series",
    "comparison_season",
    "controlled_its",
    "placebo_checks",
    "synthetic_control",
]
