"""Financial years, the population year of a period, and short period labels for tables and
charts."""

from __future__ import annotations

import re

import pandas as pd

_FY = re.compile(r"^\s*(?P<a>\d{4})\s*(?:-|–|/|to)\s*(?P<b>\d{2}|\d{4})\s*$")


def financial_year(period: str | int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """(1 April, 31 March) of a financial year: '2015-16', '2015/16', '2015-2016' or 2015 (its first
    year)."""
    if isinstance(period, int):
        first = period
    else:
        m = _FY.match(str(period))
        if not m or int(m["b"][-2:]) != (int(m["a"]) + 1) % 100:
            raise ValueError(f"not a financial year: {period!r} (write it as 2015-16)")
        first = int(m["a"])
    return pd.Timestamp(first, 4, 1), pd.Timestamp(first + 1, 3, 31)


def fy_start_year(day) -> int:
    """The first calendar year of the financial year holding `day` (2016 for January 2017)."""
    day = pd.Timestamp(day)
    return day.year if day.month >= 4 else day.year - 1


def fy_label(start_year: int) -> str:
    """'2015-16' for the financial year starting April 2015."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def population_year(period_end) -> int:
    """The ONS mid-year (30 June) estimate used for a period: the one inside the financial year
    holding the period's end, as the DfE does (mid-2015 for 2015-16 and for 31 March 2016)."""
    return fy_start_year(period_end)


def in_financial_year(
    period_type: pd.Series, start: pd.Series, end: pd.Series, fy_first: int
) -> pd.Series:
    """Which rows describe that financial year: the year itself, or a count as at a day inside
    it."""
    first, last = financial_year(fy_first)
    whole_year = (period_type == "financial_year") & (start == first)
    snapshot = (period_type == "as_at") & (end >= first) & (end <= last)
    return whole_year | snapshot


def period_label(period_type: str, start, end) -> str:
    """'Jan 2017', 'Q1 2016-17', '2016-17', 'YTD to Jan 2017', '2016', '31 Mar 2016'."""
    start, end = (
        pd.Timestamp(start if pd.notna(start) else end),
        pd.Timestamp(end if pd.notna(end) else start),
    )
    if pd.isna(start):
        return "no period"
    if period_type == "month":
        return f"{start:%b %Y}"
    if period_type == "quarter":
        return f"Q{(start.month - 4) % 12 // 3 + 1} {fy_label(fy_start_year(start))}"
    if period_type == "financial_year":
        return fy_label(fy_start_year(start))
    if period_type == "financial_ytd":
        return f"YTD to {end:%b %Y}"
    if period_type == "calendar_year":
        return f"{start.year}"
    if period_type == "as_at":
        return f"{end.day} {end:%b %Y}"
    return f"{start:%d %b %Y} to {end:%d %b %Y}"
