"""Charts of before/after impact: event time across authorities, one authority's interrupted time
series, the difference-in-differences event study, and estimates with their intervals. Each
returns an Altair chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analyses.style import MARKS, OKABE_ITO, REFERENCE_COLOUR, SERIES_COLOURS

START_RULE = OKABE_ITO["black"]
# months since the start: ticks only at whole months
WHOLE_MONTHS = alt.Axis(tickMinStep=1, format="d")


def month_axis(title: str | None = None) -> alt.X:
    """Calendar months: ticks at whole months (every 3 when a series is long), labelled 'Jan
    2012'."""
    return alt.X(
        "yearmonth(month):T",
        title=title,
        axis=alt.Axis(
            format="%b %Y", tickCount={"interval": "month", "step": 3}, labelOverlap="greedy"
        ),
    )


def _start_rule(at: float = 0) -> alt.Chart:
    """The dashed vertical line at event month 0 (the start)."""
    return (
        alt.Chart(pd.DataFrame({"event_month": [at]}))
        .mark_rule(color=START_RULE, strokeDash=[4, 4])
        .encode(x=alt.X("event_month:Q", axis=WHOLE_MONTHS))
    )


def event_time_chart(
    aligned: pd.DataFrame, measure: str = "index", title: str | None = None
) -> alt.LayerChart:
    """Each authority's line against months since its own start (an `event_time` frame); `measure`
    "index" (100 = mean before the start) or "value"."""
    data = aligned.assign(line=aligned["authority"] + " – " + aligned["intervention"].astype(str))
    if measure == "index" and "baseline_months" in data:
        data["line"] = (
            data["line"]
            + " (100 = mean of "
            + data["baseline_months"].astype(str)
            + " months before)"
        )
    y_title = "index (mean of the months before the start = 100)" if measure == "index" else "value"
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "event_month:Q", title="months since the start (0 = start month)", axis=WHOLE_MONTHS
            ),
            y=alt.Y(f"{measure}:Q", title=y_title, scale=alt.Scale(zero=False)),
            color=alt.Color(
                "line:N",
                title=None,
                scale=alt.Scale(range=SERIES_COLOURS),
                legend=alt.Legend(labelLimit=500),
            ),
            tooltip=[
                "authority:N",
                "intervention:N",
                alt.Tooltip("month:T", format="%b %Y"),
                "event_month:Q",
                alt.Tooltip("value:Q", format=",.1f"),
            ]
            + ([alt.Tooltip("index:Q", format=".1f")] if "index" in data else []),
        )
    )
    layers = [lines, _start_rule()]
    if measure == "index":
        layers.append(
            alt.Chart(pd.DataFrame({"index": [100]}))
            .mark_rule(color=REFERENCE_COLOUR)
            .encode(y="index:Q")
        )
    return alt.layer(*layers).properties(title=title or "Months since each authority's start")


def its_chart(
    fitted: pd.DataFrame, title: str | None = None, unit_title: str = "value"
) -> alt.LayerChart:
    """One interrupted time series (`ITSResult.fitted`): the figures (hollow where left out), the
    fitted line, and dashed after the start the line the trend before would have followed."""
    data = fitted.assign(status=fitted["excluded"].map({True: "left out", False: "used"}))
    x = month_axis()
    points = (
        alt.Chart(data)
        .mark_point(filled=True, color=OKABE_ITO["blue"])
        .encode(
            x=x,
            y=alt.Y("value:Q", title=unit_title, scale=alt.Scale(zero=False)),
            shape=alt.Shape(
                "status:N",
                title=None,
                scale=alt.Scale(domain=["used", "left out"], range=["circle", "cross"]),
            ),
            tooltip=[
                alt.Tooltip("month:T", format="%b %Y"),
                alt.Tooltip("value:Q", format=",.1f"),
                "status:N",
            ],
        )
    )
    fit = alt.Chart(data).mark_line(color=OKABE_ITO["blue"]).encode(x=x, y="fitted:Q")
    counterfactual = (
        alt.Chart(data)
        .mark_line(color=MARKS["orange"], strokeDash=[6, 3])
        .encode(x=x, y="counterfactual:Q")
    )
    start = data.loc[data["event_month"] == 0, "month"]
    layers = [points, fit, counterfactual]
    if len(start):
        layers.append(
            alt.Chart(pd.DataFrame({"month": start}))
            .mark_rule(color=START_RULE, strokeDash=[4, 4])
            .encode(x=month_axis())
        )
    return alt.layer(*layers).properties(
        title=title or "Before and after the start (dashed: the trend before, continued)"
    )


def event_study_chart(event_study: pd.DataFrame, title: str | None = None) -> alt.LayerChart:
    """Difference-in-differences month by month (`DiDResult.event_study`): estimates with 95%
    intervals; before the start they should sit around zero if adopters and comparisons moved
    alike."""
    x = alt.X("event_month:Q", title="months since the start (0 = start month)", axis=WHOLE_MONTHS)
    layers = _intervals(event_study, "y", x, "difference", ["event_month:Q"])
    return alt.layer(*layers, _start_rule(-0.5)).properties(
        title=title or "Adopters against comparison authorities, month by month"
    )


def estimates_chart(results: pd.DataFrame, title: str | None = None) -> alt.LayerChart:
    """Estimates with their 95% intervals, one row each (a results frame; refusals are left out)."""
    data = results[results["status"] == "estimated"].copy()
    data["row"] = (
        data["authority"].astype(str)
        + " – "
        + data["indicator"].astype(str)
        + " ("
        + data["method"]
        + ")"
    )
    y = alt.Y("row:N", title=None, sort=None)
    layers = _intervals(data, "x", y, "estimate", ["row:N", "effect:N"], ["caveat:N"])
    return alt.layer(*layers).properties(title=title or "Estimated changes with 95% intervals")


def _intervals(
    data: pd.DataFrame, value_axis: str, along, title: str, first: list, last: list = ()
) -> tuple:
    """(a zero line, each estimate's 95% interval as a rule, the estimate as a point), the
    values on `value_axis` ('x' or 'y') and the estimates placed by `along`; the tooltip
    shows `first`, the estimate and its interval, then `last`."""
    value = alt.X if value_axis == "x" else alt.Y
    place = "y" if value_axis == "x" else "x"
    bars = (
        alt.Chart(data)
        .mark_rule(color=OKABE_ITO["blue"])
        .encode(
            **{place: along, value_axis: value("low:Q", title=title), f"{value_axis}2": "high:Q"}
        )
    )
    interval = [alt.Tooltip(f"{c}:Q", format=",.2f") for c in ("estimate", "low", "high")]
    points = (
        alt.Chart(data)
        .mark_point(filled=True, color=OKABE_ITO["blue"])
        .encode(**{place: along, value_axis: "estimate:Q"}, tooltip=[*first, *interval, *last])
    )
    zero = (
        alt.Chart(pd.DataFrame({"zero": [0]}))
        .mark_rule(color=REFERENCE_COLOUR)
        .encode(**{value_axis: "zero:Q"})
    )
    return zero, bars, points


def before_after_chart(table: pd.DataFrame, title: str | None = None) -> alt.Chart:
    """The before/after table's % changes as bars, labelled as the slide words them."""
    data = table.assign(row=table["label"].astype(str))
    return (
        alt.Chart(data)
        .mark_bar(color=OKABE_ITO["blue"])
        .encode(
            y=alt.Y("row:N", title=None, sort=None),
            x=alt.X("change_pct:Q", title="% change"),
            tooltip=[
                "label:N",
                "baseline_period:N",
                "baseline_value:Q",
                "follow_up_period:N",
                "follow_up_value:Q",
                "change_text:N",
                "change_pct_text:N",
            ],
        )
        .properties(title=title or "Change from baseline to follow-up")
    )
