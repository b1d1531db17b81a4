"""Checks on an interrupted time series: placebo starts, and the controlled series.

* Placebo checks: the same model fitted at false start dates inside the months before the real start
  (the
  real start and everything after it left out). A method that finds "changes" at false starts more
  often than
  its intervals allow (about 5%) is finding the series' own wandering, and its estimate at the real
  start
  deserves the same doubt.
* Controlled ITS: the adopter's series less the mean of its comparison authorities' month by month,
  so what
  happened to every authority at once (national events, the seasons) drops out; then the same
  segmented
  regression. Counts are first made an index (each authority's mean before the start = 100), so
  authorities
  of any size compare.

"""

from __future__ import annotations

import pandas as pd

from analyses.impact.its import MIN_AFTER, MIN_BEFORE, SEASONAL_BEFORE, interrupted_time_series
from analyses.impact.result import ESTIMATED, month_text, refusal
from analyses.impact.season import Season, comparison_season
from analyses.intervention_frames import authority_key, month_start

PLACEBO_COLUMNS = ["false_start", "estimate", "low", "high", "excludes_zero", "status", "reason"]
CONTROLLED = "controlled interrupted time series"


def false_starts(months: pd.Series, start, spacing: int = 3) -> list[pd.Timestamp]:
    """False start months inside the months before `start`, leaving MIN_BEFORE before and MIN_AFTER
    after each."""
    start = month_start(start)
    before = sorted(m for m in pd.to_datetime(months) if m < start)
    if len(before) < MIN_BEFORE + MIN_AFTER:
        return []
    return [before[i] for i in range(len(before) - MIN_AFTER, MIN_BEFORE - 1, -spacing)]


def placebo_checks(
    series: pd.DataFrame, start, season: Season | None = None, **options
) -> pd.DataFrame:
    """The ITS at each false start before `start` (PLACEBO_COLUMNS). Month-of-year pattern: `season`
    (borrowed from comparison authorities) when given, else the series' own from its months
    before the start when there are SEASONAL_BEFORE of them (a change inside those months then
    blurs into the pattern and trend)."""
    start = month_start(start)
    before = series[pd.to_datetime(series["month"]) < start]
    log = (before["unit"] == "count").all() if "unit" in before else False
    own = (
        comparison_season(before, log)
        if season is None and before["month"].nunique() >= SEASONAL_BEFORE
        else None
    )
    rows = []
    for false in false_starts(before["month"], start):
        fit = interrupted_time_series(
            before, false, before=None, after=None, season=own or season, **options
        ).row
        done = fit["status"] == ESTIMATED
        rows.append(
            {
                "false_start": false,
                "estimate": fit["estimate"],
                "low": fit["low"],
                "high": fit["high"],
                "excludes_zero": bool(done and (fit["low"] > 0 or fit["high"] < 0)),
                "status": fit["status"],
                "reason": fit["reason"],
            }
        )
    return pd.DataFrame(rows, columns=PLACEBO_COLUMNS)


def placebo_summary(placebos: pd.DataFrame) -> str:
    """In words: how many false starts showed a 'change'."""
    done = placebos[placebos["status"] == ESTIMATED]
    if done.empty:
        return "No placebo check: too few months before the start to try false start dates."
    hits = int(done["excludes_zero"].sum())
    dates = ", ".join(month_text(m) for m in done["false_start"])
    text = (
        f"Placebo check: at {len(done)} false start dates before the real one ({dates}) the same "
        "model found a "
        f"change whose interval excludes zero {hits} time{'s' if hits != 1 else ''}"
    )
    if hits == 0:
        return text + ", as expected when nothing happened then."
    return text + (
        ": the series moves that much without an intervention, so treat the estimate at the real "
        "start "
        "with the same caution."
    )


def controlled_series(
    panel: pd.DataFrame, adopter: str, comparison: list[str], start
) -> tuple[pd.DataFrame, list[str]]:
    """(the adopter's monthly value less the comparisons' mean, the comparisons used): months where
    the adopter and every comparison used have a figure; counts as an index (mean before the
    start = 100)."""
    start = month_start(start)
    frame = panel.assign(key=authority_key(panel), month=pd.to_datetime(panel["month"]))
    wide = (
        frame.drop_duplicates(["month", "key"])
        .pivot(index="month", columns="key", values="value")
        .sort_index()
    )
    used = [c for c in comparison if c in wide and c != adopter and wide[c].notna().sum() > 0]
    if adopter not in wide:
        return pd.DataFrame(), used
    if (frame["unit"] == "count").all():
        wide = wide / wide[wide.index < start].mean() * 100
    block = wide[[adopter] + used].dropna()
    own = frame[frame["key"] == adopter].drop_duplicates("month").set_index("month")
    out = own.reindex(block.index).reset_index()
    out["value"] = (block[adopter] - block[used].mean(axis=1)).to_numpy()
    out["unit"] = "index" if (frame["unit"] == "count").all() else out["unit"]
    return out, used


def controlled_its(
    panel: pd.DataFrame,
    adopter: str,
    comparison: list[str],
    start,
    names: dict | None = None,
    min_comparison: int = 3,
    **options,
):
    """The ITS of the adopter (an authority key) less its comparisons; a refusal with fewer than
    `min_comparison` comparison authorities with figures."""
    series, used = controlled_series(panel, adopter, comparison, start)
    if len(used) < min_comparison or series.empty:
        return refusal(
            CONTROLLED,
            f"Only {len(used)} comparison authorities have figures of this indicator; at least "
            f"{min_comparison} are needed for a "
            "controlled series.",
            authority=adopter,
        )
    names = names or {}
    subtracted = Season((0.0,) * 12, False, tuple(names.get(c, c) for c in used))
    result = interrupted_time_series(series, start, model="ols", season=subtracted, **options)
    row = dict(result.row, method=CONTROLLED, comparison=", ".join(names.get(c, c) for c in used))
    if row["status"] == ESTIMATED:
        row["caveat"] = (
            f"Against the mean of {len(used)} comparison authorities: " + row["caveat"]
        ).replace(
            "This is one authority's own before and after: anything else that changed at the same "
            "time "
            "(another service, a new recording system, national events) would show here too.",
            "What changed for every authority at once drops out; what changed for this one alone "
            "still shows.",
        )
    return row


__all__ = [
    "CONTROLLED",
    "controlled_its",
    "controlled_series",
    "false_starts",
    "placebo_checks",
    "placebo_summary",
]
