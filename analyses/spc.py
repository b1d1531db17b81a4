"""A statistical-process-control (XmR, individuals) chart of a monthly series, so a board sees
whether a month's change is noise: the mean, 3-sigma limits with sigma = mean moving range ÷
1.128, and the run rules of NHS England's "Making Data Count" (which councils' performance teams
use):

- a point outside the limits;
- a shift: 7 or more consecutive points on one side of the mean;
- a trend: 6 or more consecutive points each higher (or each lower) than the one before;
- two of three consecutive points beyond 2 sigma on the same side.

"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analyses.charts import labelled_x
from analyses.style import MARKS, OKABE_ITO

D2 = 1.128  # the mean range of two normal observations, in sigmas
SHIFT, TREND = 7, 6
SPC_COLUMNS = ["period_start", "value", "mean", "sigma", "lower", "upper", "moving_range", "signal"]


def xmr_limits(values: pd.Series) -> tuple[float, float]:
    """(mean, sigma) of a series: sigma estimated as the mean moving range ÷ 1.128."""
    held = pd.Series(values, dtype=float).dropna()
    return float(held.mean()), float(held.diff().abs().mean() / D2)


def spc_table(series: pd.DataFrame) -> pd.DataFrame:
    """A monthly series (period_start, value) with its mean, limits, moving range and the rules it
    breaks (`signal`: '' for noise, else the rules' words joined by '; ')."""
    data = series.dropna(subset=["value"]).sort_values("period_start").reset_index(drop=True)
    mean, sigma = xmr_limits(data["value"])
    data = data.assign(
        mean=mean,
        sigma=sigma,
        lower=mean - 3 * sigma,
        upper=mean + 3 * sigma,
        moving_range=data["value"].diff().abs(),
    )
    flags = [set() for _ in range(len(data))]
    _outside(data, flags)
    _shifts(data["value"] - mean, flags)
    _trends(data["value"], flags)
    _two_of_three(data["value"] - mean, sigma, flags)
    return data.assign(signal=["; ".join(sorted(f)) for f in flags])[SPC_COLUMNS]


def _outside(data: pd.DataFrame, flags: list) -> None:
    for i, (v, lo, hi) in enumerate(zip(data["value"], data["lower"], data["upper"])):
        if v > hi or v < lo:
            flags[i].add("outside the limits")


def _runs(signs: list[int], length: int, flags: list, word: str) -> None:
    """Mark every point of a run of at least `length` equal non-zero signs."""
    start = 0
    for i in range(1, len(signs) + 1):
        if i == len(signs) or signs[i] != signs[start]:
            if signs[start] != 0 and i - start >= length:
                for j in range(start, i):
                    flags[j].add(word)
            start = i


def _shifts(deviation: pd.Series, flags: list) -> None:
    _runs(
        [(d > 0) - (d < 0) for d in deviation],
        SHIFT,
        flags,
        f"shift ({SHIFT}+ on one side of the mean)",
    )


def _trends(values: pd.Series, flags: list) -> None:
    """A trend of n points is n − 1 steps the same way: mark the steps' points and the point they
    start from."""
    steps = [(b > a) - (b < a) for a, b in zip(values, values[1:])]
    marks = [set() for _ in steps]
    word = f"trend ({TREND}+ rising or falling)"
    _runs(steps, TREND - 1, marks, word)
    for i, m in enumerate(marks):
        if m:
            flags[i].add(word)
            flags[i + 1].add(word)


def _two_of_three(deviation: pd.Series, sigma: float, flags: list) -> None:
    for i in range(2, len(deviation)):
        window = deviation.iloc[i - 2 : i + 1]
        for side in (1, -1):
            beyond = [j for j, d in zip(range(i - 2, i + 1), window) if side * d > 2 * sigma]
            if len(beyond) >= 2:
                for j in beyond:
                    flags[j].add("two of three beyond 2 sigma")


def spc_chart(table: pd.DataFrame, title: str) -> alt.LayerChart:
    """The series with its mean (solid) and 3-sigma limits (dashed); points that break a rule drawn
    as orange squares with the rule in the tooltip."""
    data = table.assign(
        status=table["signal"].map(lambda s: "special cause" if s else "common cause (noise)")
    )
    x = labelled_x("period_start", pd.to_datetime(table["period_start"]), "Month")
    base = alt.Chart(data)
    line = base.mark_line(color=OKABE_ITO["blue"]).encode(
        x=x, y=alt.Y("value:Q", title="Value", scale=alt.Scale(zero=False))
    )
    rules = [
        base.mark_line(color="#555555", strokeDash=dash).encode(x=x, y=f"{field}:Q")
        for field, dash in (("mean", [1, 0]), ("upper", [5, 3]), ("lower", [5, 3]))
    ]
    points = base.mark_point(filled=True, size=60).encode(
        x=x,
        y="value:Q",
        shape=alt.Shape(
            "status:N",
            title="Point",
            scale=alt.Scale(
                domain=["common cause (noise)", "special cause"], range=["circle", "square"]
            ),
        ),
        color=alt.Color(
            "status:N",
            scale=alt.Scale(
                domain=["common cause (noise)", "special cause"],
                range=[MARKS["blue"], MARKS["orange"]],
            ),
        ),
        tooltip=[
            alt.Tooltip("period_start:T", title="Month", format="%b %Y"),
            alt.Tooltip("value:Q", format=",.1f"),
            alt.Tooltip("signal:N", title="Rule broken"),
        ],
    )
    return alt.layer(line, *rules, points).properties(title=title, height=300)
