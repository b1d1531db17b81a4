"""The observations a pack for one month may use: what the store held as at the end of that
month."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from store import Selection

KEY = ["indicator_id", "measure", "period_type", "period_start", "period_end"]


@dataclass
class Inputs:
    """An authority's report observations as at a month's end: `every` vintage and the `current`
    figure."""

    authority: str
    month: pd.Timestamp  # first day of the report month
    every: pd.DataFrame
    current: pd.DataFrame

    @property
    def month_end(self) -> pd.Timestamp:
        return self.month + pd.offsets.MonthEnd(0)

    def of(self, indicator: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(current, every vintage) of one indicator."""
        return (
            self.current[self.current["indicator_id"] == indicator],
            self.every[self.every["indicator_id"] == indicator],
        )


def month_start(month) -> pd.Timestamp:
    """The first day of a month given as '2017-01', a date or a Timestamp."""
    stamp = pd.Timestamp(str(month) + ("-01" if len(str(month)) == 7 else ""))
    return stamp.to_period("M").to_timestamp()


def pack_inputs(store, authority: str, month) -> Inputs:
    """The authority's report figures printed by reports dated up to the month's end, for periods up
    to it; of several reports, the latest report's figure is current (as the store's own vintage
    rule)."""
    first = month_start(month)
    end = first + pd.offsets.MonthEnd(0)
    every = store.observations(Selection(source="reports", vintage="all", authority=authority))
    dated = every["report_date"].isna() | (pd.to_datetime(every["report_date"]) <= end)
    every = every[dated & (pd.to_datetime(every["period_start"]) <= end)].copy()
    return Inputs(authority, first, every, current_of(every))


def current_of(every: pd.DataFrame) -> pd.DataFrame:
    """The latest report's row of each figure (a value before a blank, then the newest document)."""
    ordered = every.assign(_blank=every["value"].isna()).sort_values(
        ["report_date", "_blank", "document_id"], ascending=[False, True, False], na_position="last"
    )
    return ordered.drop_duplicates(KEY).drop(columns="_blank").sort_index()
