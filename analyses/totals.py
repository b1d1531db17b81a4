"""Financial-year-to-date and rolling 12-month totals of a monthly or quarterly series, or why there
are none."""

from __future__ import annotations

import re

import pandas as pd

from indicators import load_catalogue
from periods import financial_year_of

# A count of children *at* a moment (or over a rolling year) is not a count of events: summing
# months is meaningless.
_STOCK = re.compile(
    r"at the period end|at 31 march|at 30 september|\b12 months to\b|\bhighest\b|"
    r"\bat any point\b|\bopen\b|the authority supports",
    re.I,
)
STEPS = {"month": 1, "quarter": 3}  # months per period of the series


def is_additive(indicator_id: str | None, unit: str) -> bool:
    """A count of events in the period (referrals, contacts, assessments), which months add up to;
    not a count of children at the period end. Counts the catalogue does not know are taken as
    events."""
    if unit != "count":
        return False
    catalogue = load_catalogue()
    if not indicator_id or indicator_id not in catalogue.ids():
        return True
    return not _STOCK.search(catalogue.indicator(indicator_id).definition)


def financial_ytd(series: pd.DataFrame, unit: str, additive: bool) -> pd.DataFrame:
    """Per row of a monthly or quarterly series (period_start, value, numerator, denominator):
    `ytd`, the total from April to that period, and `ytd_note`, which says how it was made or why
    it was not.

    Counts of events are summed; percentages are worked out from the summed numerators and
    denominators, only when every period has them; rates, averages and counts at a moment are not
    added up.

    """
    ptype = series["period_type"].iloc[0] if len(series) else ""
    if ptype not in STEPS:
        return pd.DataFrame({"ytd": float("nan"), "ytd_note": ""}, index=series.index)
    by_start = series.set_index("period_start")
    made = [
        _ytd_of(by_start, start, STEPS[ptype], unit, additive) for start in series["period_start"]
    ]
    return pd.DataFrame(made, columns=["ytd", "ytd_note"], index=series.index)


def _ytd_of(
    by_start: pd.DataFrame, start: pd.Timestamp, step: int, unit: str, additive: bool
) -> tuple[float, str]:
    why_not = _why_not(unit, additive)
    if why_not:
        return float("nan"), why_not
    first = pd.Timestamp(financial_year_of(start), 4, 1)
    wanted = pd.date_range(first, start, freq=f"{step}MS")
    rows = by_start.reindex(wanted)
    if rows["value"].isna().any():
        missing = ", ".join(f"{d:%b %Y}" for d in rows.index[rows["value"].isna()])
        return float("nan"), f"not computed: no value for {missing}"
    if unit == "count":
        return float(rows["value"].sum()), "sum of the year's periods"
    if (
        rows["numerator"].isna().any()
        or rows["denominator"].isna().any()
        or rows["denominator"].sum() == 0
    ):
        return float(
            "nan"
        ), "not computed: a percentage needs every period's numerator and denominator"
    return round(
        100 * rows["numerator"].sum() / rows["denominator"].sum(), 1
    ), "summed numerators ÷ summed denominators"


def _why_not(unit: str, additive: bool) -> str:
    if unit == "count":
        return "" if additive else "not summed: a count at a moment in time, not of events"
    if unit == "percent":
        return ""
    if unit == "rate_per_10k":
        return "not computed: a rate per 10,000 needs the counts and the population"
    return f"not computed: values in {unit} do not add up"


def rolling_12_months(series: pd.DataFrame, additive: bool) -> pd.Series:
    """Per row: the total of the 12 months (or 4 quarters) ending with it, for counts of events
    only; NaN when a period in the window has no value or the indicator is not such a count."""
    ptype = series["period_type"].iloc[0] if len(series) else ""
    if not additive or ptype not in STEPS:
        return pd.Series(float("nan"), index=series.index)
    step = STEPS[ptype]
    values = series.set_index("period_start")["value"]
    totals = []
    for start in series["period_start"]:
        window = pd.date_range(end=start, periods=12 // step, freq=f"{step}MS")
        got = values.reindex(window)
        totals.append(float(got.sum()) if got.notna().all() else float("nan"))
    return pd.Series(totals, index=series.index)
