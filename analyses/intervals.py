"""Confidence intervals for small numbers: Wilson's score interval for a proportion (k of n) and the
exact (Garwood) Poisson interval for a rate (k events over an exposure), and both added to a
table of figures.

A percentage gets Wilson's interval when its numerator and denominator are known; a rate per 10,000
gets the exact Poisson interval from its count (the numerator, else rate × population ÷ 10,000
rounded) and the under-18 population. Anything else gets no interval, and `interval_method` says
why.

"""

from __future__ import annotations

import math

import pandas as pd

LEVEL = 0.95
INTERVAL_COLUMNS = ["ci_low", "ci_high", "interval_method"]


def wilson(k: float, n: float, level: float = LEVEL) -> tuple[float, float]:
    """Wilson score interval for the proportion k/n (as a fraction); (NaN, NaN) when n is not
    positive."""
    if not n or n <= 0 or pd.isna(k) or pd.isna(n):
        return float("nan"), float("nan")
    from scipy import stats  # loaded when first asked for (0.7 s)

    z = stats.norm.ppf(1 - (1 - level) / 2)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, float(centre - half)), min(1.0, float(centre + half))


def poisson_exact(
    k: float, exposure: float, per: float = 1.0, level: float = LEVEL
) -> tuple[float, float]:
    """Exact (Garwood) interval for a rate of k events over `exposure`, scaled by `per`: the
    chi-square limits χ²(α/2; 2k)/2 and χ²(1−α/2; 2k+2)/2 events; the lower limit is 0 when k is
    0."""
    if not exposure or exposure <= 0 or pd.isna(k) or pd.isna(exposure):
        return float("nan"), float("nan")
    from scipy import stats  # loaded when first asked for (0.7 s)

    alpha = 1 - level
    low = stats.chi2.ppf(alpha / 2, 2 * k) / 2 if k > 0 else 0.0
    high = stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    return float(low) / exposure * per, float(high) / exposure * per


def figure_interval(
    unit: str, value: float, numerator: float, denominator: float, population: float
) -> tuple[float, float, str]:
    """(low, high, method) of one figure in its own unit (percentage points, rate per 10,000)."""
    if pd.isna(value):
        return float("nan"), float("nan"), ""
    if unit == "percent":
        if pd.isna(numerator) or pd.isna(denominator) or not denominator:
            return float("nan"), float("nan"), "no numerator and denominator"
        low, high = wilson(numerator, denominator)
        return 100 * low, 100 * high, f"Wilson, {numerator:,.0f} of {denominator:,.0f}"
    if unit == "rate_per_10k":
        if pd.isna(population) or not population:
            return float("nan"), float("nan"), "no population"
        count = numerator if pd.notna(numerator) else round(value * population / 10_000)
        low, high = poisson_exact(count, population, 10_000)
        return low, high, f"exact Poisson, {count:,.0f} children of {population:,.0f}"
    return float("nan"), float("nan"), f"no interval for a {unit} figure"


def with_intervals(frame: pd.DataFrame, population: pd.Series | None = None) -> pd.DataFrame:
    """The frame (unit, value, numerator, denominator) with INTERVAL_COLUMNS; `population` aligned
    to its rows."""
    population = (
        population if population is not None else pd.Series(float("nan"), index=frame.index)
    )
    found = [
        figure_interval(u, v, k, n, p)
        for u, v, k, n, p in zip(
            frame["unit"],
            frame["value"].astype(float),
            frame["numerator"].astype(float),
            frame["denominator"].astype(float),
            population.astype(float),
        )
    ]
    return (
        frame.assign(**dict(zip(INTERVAL_COLUMNS, map(list, zip(*found)))))
        if found
        else frame.assign(**{c: [] for c in INTERVAL_COLUMNS})
    )
