"""Monthly series from observations, and event time: each authority's months counted from its own
start.

Event month 0 is the month the intervention started, -1 the month before, and so on, so authorities
that started years apart can be read on one chart; as an index, 100 is the mean of the months before
the start.

"""

from __future__ import annotations

import pandas as pd

from analyses.intervention_frames import authority_key, month_number, month_start

SERIES_COLUMNS = [
    "authority",
    "la_code",
    "indicator",
    "indicator_label",
    "unit",
    "month",
    "value",
    "note",
    "report_date",
]


def fold_label(label) -> str:
    """A printed label compared loosely: case, spacing and punctuation ignored."""
    text = "".join(ch if ch.isalnum() else " " for ch in str(label or "").lower())
    return " ".join(text.split())


def monthly_series(
    observations: pd.DataFrame, indicator: str | None = None, measure: str = "actual"
) -> pd.DataFrame:
    """One row per authority, indicator and month from observations (the contract's columns).

    Only monthly periods of one measure. `indicator` is an indicator id, or a printed label when the
    label was not mapped to an id (e.g. "Initial Assessments"). Where a month was printed more than
    once the latest report's figure is kept (a number before a blank). Blank values stay, with their
    notes.

    """
    frame = observations[
        (observations["period_type"] == "month") & (observations["measure"] == measure)
    ].copy()
    ids = frame["indicator_id"].fillna("").astype(str)
    frame["indicator"] = ids.where(ids != "", frame["indicator_label"].fillna("").astype(str))
    if indicator is not None:
        wanted = (frame["indicator"] == indicator) | (
            (ids == "") & (frame["indicator_label"].map(fold_label) == fold_label(indicator))
        )
        frame = frame[wanted]
    frame["month"] = pd.to_datetime(frame["period_start"]).dt.to_period("M").dt.to_timestamp()
    frame["key"] = authority_key(frame)
    frame["blank"] = frame["value"].isna()
    report = pd.to_datetime(frame["report_date"]) if "report_date" in frame else pd.NaT
    frame = frame.assign(report=report).sort_values(
        ["key", "indicator", "month", "blank", "report"],
        ascending=[True, True, True, True, False],
        na_position="last",
    )
    frame = frame.drop_duplicates(["key", "indicator", "month"]).assign(report_date=frame["report"])
    for column in ("authority", "la_code", "indicator_label", "unit", "note"):
        frame[column] = frame[column].fillna("").astype(str) if column in frame else ""
    frame["value"] = frame["value"].astype(float)
    return (
        frame[SERIES_COLUMNS]
        .sort_values(["authority", "indicator", "month"])
        .reset_index(drop=True)
    )


def event_time(
    series: pd.DataFrame,
    interventions: pd.DataFrame,
    index: bool = False,
    baseline_months: int = 12,
) -> pd.DataFrame:
    """The series of each authority with an intervention, re-indexed to months since that start.

    One block per intervention (an authority with two interventions appears twice). Columns:
    intervention, intervention_id, authority, la_code, indicator, start, month, event_month (0 =
    start month), value; with `index`, also baseline (mean of the `baseline_months` months before
    the start that have values), baseline_months (how many months it is the mean of) and index
    (value / baseline * 100; blank when no month before the start has a value).

    """
    frame = series.assign(key=authority_key(series))
    starts = interventions.assign(
        key=authority_key(interventions), start=interventions["start_date"].map(month_start)
    )
    starts = starts[["intervention_id", "name", "key", "start", "end_date"]].rename(
        columns={"name": "intervention"}
    )
    aligned = frame.merge(starts, on="key", how="inner")
    aligned["event_month"] = (
        month_number(aligned["month"]) - month_number(aligned["start"])
    ).astype(int)
    if index:
        before = aligned[
            (aligned["event_month"] < 0) & (aligned["event_month"] >= -baseline_months)
        ]
        grouped = before.dropna(subset=["value"]).groupby(["intervention_id", "indicator"])["value"]
        baseline = pd.DataFrame({"baseline": grouped.mean(), "baseline_months": grouped.count()})
        aligned = aligned.merge(
            baseline, left_on=["intervention_id", "indicator"], right_index=True, how="left"
        )
        aligned["baseline_months"] = aligned["baseline_months"].fillna(0).astype(int)
        aligned["index"] = 100 * aligned["value"] / aligned["baseline"]
    columns = [
        "intervention",
        "intervention_id",
        "authority",
        "la_code",
        "indicator",
        "start",
        "month",
        "event_month",
        "value",
    ] + (["baseline", "baseline_months", "index"] if index else [])
    return (
        aligned[columns]
        .sort_values(["intervention_id", "indicator", "month"])
        .reset_index(drop=True)
    )


def baseline_text(aligned: pd.DataFrame, most: int = 12) -> str:
    """What each index's 100 is, in words: 'Index 100 is the mean of the months before the start
    with figures (up to 12): Leeds, telephone triage: 2 months; Rotherham, new system: 12
    months.'"""
    if "baseline_months" not in aligned or aligned.empty:
        return ""
    used = aligned.drop_duplicates("intervention_id")
    parts = [
        f"{a}, {i}: {n} month{'s' if n != 1 else ''}" if n else f"{a}, {i}: no month, so no index"
        for a, i, n in zip(used["authority"], used["intervention"], used["baseline_months"])
    ]
    return (
        f"Index 100 is the mean of the months before the start with figures (up to {most}): "
        + "; ".join(parts)
        + "."
    )
