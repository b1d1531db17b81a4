"""The wide table: one row per authority, indicator and measure; one column per period, in time
order."""

from __future__ import annotations

import pandas as pd

from exports.observation_frame import cell_text, latest_vintage, normalise
from exports.safe_csv import csv_bytes
from interpreter.observation import MEASURES
from periods import period_heading, period_order

ROW_KEY = ["authority", "la_code", "indicator_id", "indicator_label", "measure", "unit"]
MEASURE_ORDER = list(MEASURES)


def with_periods(table: pd.DataFrame) -> pd.DataFrame:
    """The normalised table with a 'period' label column and its chronological 'period_rank'."""
    pairs = list(zip(table["period_type"], table["period_start"], table["period_end"]))
    return table.assign(
        period=[period_heading(*p) for p in pairs],
        period_rank=[period_order(s, e) for _, s, e in pairs],
    )


def period_columns(table: pd.DataFrame) -> list[str]:
    """The distinct period labels, earliest first."""
    ranked = sorted(zip(table["period_rank"], table["period"]))
    return list(dict.fromkeys(label for _, label in ranked))


def wide_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Periods as columns (chronological); where vintages disagree on a cell, the latest report
    wins."""
    table = with_periods(normalise(frame))
    if table.empty:
        return pd.DataFrame(columns=ROW_KEY)
    table = latest_vintage(table, ROW_KEY + ["period"])
    wide = table.set_index(ROW_KEY + ["period"])["value"].unstack("period")
    wide = wide.reindex(columns=period_columns(table)).reset_index()
    wide.columns.name = None
    rank = {m: i for i, m in enumerate(MEASURE_ORDER)}
    order = wide.assign(_m=wide["measure"].map(lambda m: rank.get(m, len(rank))))
    order = order.sort_values(
        ["authority", "la_code", "indicator_id", "indicator_label", "_m", "unit"], kind="stable"
    )
    return order.drop(columns="_m").reset_index(drop=True)


def wide_csv(frame: pd.DataFrame) -> bytes:
    """The wide table as CSV bytes (blank where no figure)."""
    wide = wide_table(frame)
    return csv_bytes(
        list(wide.columns),
        [[cell_text(v) for v in row] for row in wide.itertuples(index=False, name=None)],
    )
