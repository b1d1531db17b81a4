"""A funnel plot of one indicator across councils: each council's figure against its size (the
denominator of a percentage, the under-18 population of a rate), with control limits around the
target (England) that narrow as the size grows, so a small council's extreme figure is not
mistaken for a real difference.

Limits are exact (Spiegelhalter 2005, "Funnel plots for comparing institutional performance"): the
binomial (percentages) or Poisson (rates) quantile at the target, interpolated between whole counts;
95% limits (2 standard deviations) and 99.8% (3).

"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analyses.style import MARKS, OKABE_ITO

LIMITS = {"95": (0.025, 0.975), "99.8": (0.001, 0.999)}
SCALE = {"percent": 100.0, "rate_per_10k": 10_000.0}


def control_limit(target: float, size: float, p: float, unit: str) -> float:
    """The figure (in the unit) below which a share p of councils of this size fall when their true
    value is the target: the interpolated binomial (percent, size = denominator) or Poisson
    (rate, size = population) quantile."""
    from scipy import stats  # loaded when first asked for (0.7 s)

    scale = SCALE[unit]
    theta = target / scale
    dist = (
        stats.binom(int(round(size)), theta) if unit == "percent" else stats.poisson(theta * size)
    )
    r = dist.ppf(p)
    below, at = dist.cdf(r - 1), dist.cdf(r)
    alpha = (at - p) / (at - below) if at > below else 0.0
    return float((r - alpha) / size * scale)


def funnel_limits(target: float, sizes, unit: str, points: int = 60) -> pd.DataFrame:
    """Limits on a grid of sizes from the smallest to the largest council (one row per size)."""
    sizes = pd.Series(sizes, dtype=float).dropna()
    grid = np.unique(np.geomspace(max(sizes.min(), 1.0), sizes.max(), points).round())
    rows = [
        {
            "size": n,
            **{
                f"{side}_{name}": control_limit(target, n, p, unit)
                for name, ps in LIMITS.items()
                for side, p in zip(("low", "high"), ps)
            },
        }
        for n in grid
    ]
    return pd.DataFrame(rows)


def funnel_frame(councils: pd.DataFrame, target: float, unit: str) -> pd.DataFrame:
    """Councils (authority, value, size) with their limits and a word for where each falls."""
    out = councils.dropna(subset=["value", "size"]).copy()
    out = out[out["size"] > 0]
    for name, (lo, hi) in LIMITS.items():
        out[f"low_{name}"] = [control_limit(target, n, lo, unit) for n in out["size"]]
        out[f"high_{name}"] = [control_limit(target, n, hi, unit) for n in out["size"]]
    out["position"] = [_position(r) for _, r in out.iterrows()]
    return out.assign(target=target).reset_index(drop=True)


def _position(row: pd.Series) -> str:
    if row["value"] > row["high_99.8"]:
        return "above the 99.8% limit"
    if row["value"] < row["low_99.8"]:
        return "below the 99.8% limit"
    if row["value"] > row["high_95"]:
        return "above the 95% limit"
    if row["value"] < row["low_95"]:
        return "below the 95% limit"
    return "within the limits"


def funnel_chart(
    points: pd.DataFrame, limits: pd.DataFrame, title: str, size_title: str
) -> alt.LayerChart:
    """Councils as points (shape and colour by position), the target as a rule, 95% and 99.8% limits
    as lines."""
    x = alt.X("size:Q", title=size_title, scale=alt.Scale(type="log"))
    long = limits.melt(id_vars="size", var_name="limit", value_name="figure")
    lines = (
        alt.Chart(long)
        .mark_line(color="#777777")
        .encode(
            x=x,
            y=alt.Y("figure:Q", title="Value", scale=alt.Scale(zero=False)),
            detail="limit:N",
            strokeDash=alt.condition(
                "indexof(datum.limit, '99.8') >= 0", alt.value([1, 0]), alt.value([4, 3])
            ),
        )
    )
    target = alt.Chart(points.head(1)).mark_rule(color=OKABE_ITO["black"]).encode(y="target:Q")
    dots = (
        alt.Chart(points)
        .mark_point(filled=True, size=50)
        .encode(
            x=x,
            y="value:Q",
            shape=alt.Shape("position:N", title="Where it falls"),
            color=alt.Color(
                "position:N",
                scale=alt.Scale(
                    range=[
                        MARKS[c]
                        for c in ("vermillion", "orange", "sky_blue", "blue", "bluish_green")
                    ]
                ),
            ),
            tooltip=[
                "authority:N",
                alt.Tooltip("value:Q", format=",.1f"),
                alt.Tooltip("size:Q", format=",.0f"),
                "position:N",
            ],
        )
    )
    return alt.layer(lines, target, dots).properties(title=title, height=360)
