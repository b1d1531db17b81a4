"""Analyses of the observations: pure functions returning DataFrames and Altair charts (no Streamlit)."""
from analyses.benchmarks import benchmark_table, setting_for, standing_table
from analyses.charts import trend_chart, trend_chart_table
from analyses.compare import scorecard, scorecard_chart, scorecard_grid, side_by_side, side_by_side_chart
from analyses.gaps import gap_table
from analyses.source import benchmark_view, compare_view, scorecard_view, trend_view
from analyses.trends import benchmark_lines, earlier_figures, trend_table

__all__ = [
    # trends, benchmark gaps, side by side
    "benchmark_lines", "benchmark_table", "benchmark_view", "compare_view", "earlier_figures", "gap_table",
    "scorecard", "scorecard_chart", "scorecard_grid", "scorecard_view", "setting_for", "side_by_side",
    "side_by_side_chart", "standing_table", "trend_chart", "trend_chart_table", "trend_table", "trend_view",
]
