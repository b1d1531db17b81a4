"""RAG status and direction of travel, judged by polarity and by the bands a report's targets
print."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analyses.target_bands import EDGES, Band, band_from_rules
from interpreter.observation import DIRECTIONAL

BAND_COLUMNS = ["period_type", "period_start", "period_end", *EDGES, "target_note", "band"]
JUDGED = (*DIRECTIONAL, "within_range")


def bands_by_period(targets: pd.DataFrame, polarity: str = "info") -> pd.DataFrame:
    """One row per period a report set targets for (measure 'target' rows): the band and its
    edges."""
    rows = []
    for (ptype, start, end), group in targets.groupby(
        ["period_type", "period_start", "period_end"], sort=True
    ):
        band = band_from_rules(list(zip(group["value"], group["note"].fillna(""))), polarity)
        rows.append(
            [
                ptype,
                start,
                end,
                band.target,
                band.green_low,
                band.green_high,
                band.red_below,
                band.red_above,
                band.note,
                band,
            ]
        )
    frame = pd.DataFrame(rows, columns=BAND_COLUMNS)
    for edge in EDGES:
        frame[edge] = pd.to_numeric(frame[edge]).astype(float)
    return frame


def bands_at(bands: pd.DataFrame, days) -> list[Band | None]:
    """For each day (a value's period end), the band of the shortest target period holding it
    (the first printed of equal ones); None where no target covers it."""
    days = pd.to_datetime(pd.Series(days)).to_numpy()
    if bands is None or bands.empty:
        return [None] * len(days)
    starts, ends = bands["period_start"].to_numpy(), bands["period_end"].to_numpy()
    by_length = np.argsort(ends - starts, kind="stable")
    starts, ends, found = starts[by_length], ends[by_length], bands["band"].to_numpy()[by_length]
    out = []
    for day in days:
        holding = np.flatnonzero((starts <= day) & (ends >= day)) if not pd.isna(day) else []
        out.append(found[holding[0]] if len(holding) else None)
    return out


def rag_status(value: float | None, band: Band | None, polarity: str) -> str:
    """'green', 'amber', 'red', or '' (no value, no target, or an 'info' indicator with only a plain
    target).

    A band the report printed both sides of (+/-, a range) judges even an 'info' indicator, as the
    reports do (Rotherham's looked-after rate, 'Info', is Red outside +/-5 of 73.5); a one-sided
    target needs a polarity.

    """
    if band is None:
        return ""
    two_sided = band.green_low is not None and band.green_high is not None
    if polarity not in JUDGED and not two_sided:
        return ""
    return band.judge(value)


def direction(
    previous: float | None, current: float | None, polarity: str, band: Band | None = None
) -> str:
    """Direction of travel from one value to the next.

    'improving', 'worsening' or 'no change' by polarity (high: up is better; low: down is better;
    within_range: nearer the green range is better); 'up', 'down' or 'no change' for 'info' (or a
    range with no band).

    """
    if previous is None or current is None or pd.isna(previous) or pd.isna(current):
        return ""
    change = round(float(current) - float(previous), 9)
    if polarity == "within_range" and band is not None and band.has_green:
        change = round(_distance(previous, band) - _distance(current, band), 9)
        return "improving" if change > 0 else "worsening" if change < 0 else "no change"
    if change == 0:
        return "no change"
    if polarity in ("high", "low"):
        return "improving" if (change > 0) == (polarity == "high") else "worsening"
    return "up" if change > 0 else "down"


def _distance(value: float, band: Band) -> float:
    """How far a value lies outside the green range (0 inside it)."""
    low = band.green_low if band.green_low is not None else float("-inf")
    high = band.green_high if band.green_high is not None else float("inf")
    return max(low - value, value - high, 0.0)
