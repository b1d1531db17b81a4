"""Months to treat with caution in before/after analyses: COVID-19 lockdowns and data migrations.

Marked months are left out of the impact estimates (never filled in), and the result says which were
left out.

"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analyses.intervention_frames import authority_key, month_start

MIGRATION_NOTE = re.compile(
    r"migrat|data (?:is |are |was |were )?(?:not |un)available", re.IGNORECASE
)


@dataclass(frozen=True)
class CautionPeriod:
    """A run of months, for every authority, when figures are not comparable with those around
    them."""

    name: str
    start: str  # first month, e.g. "2020-03"
    end: str  # last month, inclusive

    def months(self) -> pd.DatetimeIndex:
        return pd.date_range(month_start(self.start), month_start(self.end), freq="MS")

    def covers(self, months: pd.Series) -> pd.Series:
        stamps = pd.to_datetime(months)
        return (stamps >= month_start(self.start)) & (stamps <= month_start(self.end))


COVID_LOCKDOWNS = CautionPeriod("COVID-19 lockdowns", "2020-03", "2021-03")
DEFAULT_CAUTION = (COVID_LOCKDOWNS,)


def migration_months(observations: pd.DataFrame) -> pd.DataFrame:
    """Authority-months whose notes say a data migration (or "data unavailable") affected the
    figures: columns authority, la_code, month, note. Every indicator of that authority-month is
    affected."""
    notes = observations["note"].fillna("").astype(str)
    hit = observations[notes.str.contains(MIGRATION_NOTE)]
    if hit.empty:
        return pd.DataFrame(
            {
                "authority": pd.Series(dtype=str),
                "la_code": pd.Series(dtype=str),
                "month": pd.Series(dtype="datetime64[ns]"),
                "note": pd.Series(dtype=str),
            }
        )
    frame = pd.DataFrame(
        {
            "authority": hit["authority"].fillna(""),
            "la_code": hit["la_code"].fillna(""),
            "month": pd.to_datetime(hit["period_start"]).dt.to_period("M").dt.to_timestamp(),
            "note": hit["note"].astype(str),
        }
    )
    return frame.drop_duplicates(["authority", "la_code", "month"]).reset_index(drop=True)


def mark_caution(
    series: pd.DataFrame, periods=DEFAULT_CAUTION, migrations: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The series with `excluded` (bool) and `exclusion` (why, in words) for months in a caution
    period, or with a migration note: the series' own notes, plus any authority-months in
    `migrations` (from `migration_months` over all of an authority's observations). `periods=()`
    marks no caution period."""
    frame = series.copy()
    noted = "note" in frame and frame["note"].fillna("").astype(str).ne("").any()
    if not periods and not noted and (migrations is None or migrations.empty):
        return frame.assign(excluded=False, exclusion="")
    reason = pd.Series("", index=frame.index, dtype=object)
    for period in periods or ():
        reason = reason.where(~(period.covers(frame["month"]) & (reason == "")), period.name)
    hit = pd.Series(False, index=frame.index)
    if "note" in frame:
        hit |= frame["note"].fillna("").astype(str).str.contains(MIGRATION_NOTE)
    if migrations is not None and len(migrations):
        keys = set(zip(authority_key(migrations), pd.to_datetime(migrations["month"])))
        hit |= pd.Series(
            [k in keys for k in zip(authority_key(frame), pd.to_datetime(frame["month"]))],
            index=frame.index,
            dtype=bool,
        )
    reason = reason.where(~(hit & (reason == "")), "data migration")
    frame["excluded"] = reason != ""
    frame["exclusion"] = reason
    return frame
