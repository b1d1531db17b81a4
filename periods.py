"""Periods of the observation contract: financial-year arithmetic and period labels, once.

A period is a type (month, quarter, financial_year, financial_ytd, calendar_year, as_at) and a
date range. English councils report in financial years (1 April to 31 March); quarters are
numbered from April.

"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

_FY_TEXT = re.compile(r"^\s*(?P<a>\d{4})\s*(?:-|–|/|to)\s*(?P<b>\d{2}|\d{4})\s*$")


@dataclass(frozen=True)
class Period:
    """A typed period: month, quarter, financial_year, financial_ytd, calendar_year or as_at."""

    type: str
    start: date
    end: date


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_period(year: int, month: int) -> Period:
    return Period("month", date(year, month, 1), month_end(year, month))


def months_before(period: Period, months: int) -> Period:
    """The month or quarter that many months earlier."""
    index = period.start.year * 12 + period.start.month - 1 - months
    start = date(index // 12, index % 12 + 1, 1)
    span = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month
    last = index + span
    return Period(period.type, start, month_end(last // 12, last % 12 + 1))


def month_in_year(year: Period, month: int) -> Period:
    """The month of that number inside a financial or calendar year."""
    first = year.start.year + (year.type == "financial_year" and month < 4)
    return month_period(first, month)


def latest_month(month: int, until: date) -> Period:
    """The month of that number at or before `until`."""
    return month_period(until.year - (month > until.month), month)


def financial_year(start_year: int) -> Period:
    """The financial year that starts on 1 April of start_year."""
    return Period("financial_year", date(start_year, 4, 1), date(start_year + 1, 3, 31))


def financial_year_of(day) -> int:
    """The first calendar year of the financial year holding `day` (2016 for January 2017)."""
    day = day if isinstance(day, date) else pd.Timestamp(day)
    return day.year if day.month >= 4 else day.year - 1


def financial_year_start(period: str | int) -> int:
    """2015 for '2015-16', '2015/16', '2015-2016' or 2015."""
    if isinstance(period, int):
        return period
    m = _FY_TEXT.match(str(period))
    if not m or int(m["b"][-2:]) != (int(m["a"]) + 1) % 100:
        raise ValueError(f"not a financial year: {period!r} (write it as 2015-16)")
    return int(m["a"])


def financial_year_timestamps(period: str | int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """(1 April, 31 March) of a financial year written as `financial_year_start` reads it."""
    year = financial_year(financial_year_start(period))
    return pd.Timestamp(year.start), pd.Timestamp(year.end)


def fy_quarter(day) -> int:
    """1 for April-June ... 4 for January-March."""
    return (day.month - 4) % 12 // 3 + 1


def quarter_of_fy(start_year: int, quarter: int) -> Period:
    first = 4 + 3 * (quarter - 1)
    year = start_year + (first > 12)
    first = (first - 1) % 12 + 1
    return Period("quarter", date(year, first, 1), month_end(year, first + 2))


def ytd(fy_start_year: int, until: date | None) -> Period:
    """Financial year to date, ending at the report month's end (or the year's end when unknown)."""
    fy = financial_year(fy_start_year)
    end = month_end(until.year, until.month) if until and fy.start <= until <= fy.end else fy.end
    return Period("financial_ytd", fy.start, end)


def fy_label(start_year: int) -> str:
    """'2016-17' for the financial year starting April 2016."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def population_year(period_end) -> int:
    """The ONS mid-year (30 June) estimate used for a period: the one inside the financial year
    holding the period's end, as the DfE does (mid-2015 for 2015-16 and for 31 March 2016)."""
    return financial_year_of(pd.Timestamp(period_end))


def in_financial_year(
    period_type: pd.Series, start: pd.Series, end: pd.Series, fy_first: int
) -> pd.Series:
    """Which rows describe that financial year: the year itself, or a count as at a day inside
    it."""
    first, last = financial_year_timestamps(fy_first)
    whole_year = (period_type == "financial_year") & (start == first)
    snapshot = (period_type == "as_at") & (end >= first) & (end <= last)
    return whole_year | snapshot


# how each period type is written for readers and in column headings that sort ("" for others)
READER_FORMS = {
    "month": "{start:%b %Y}",
    "quarter": "Q{quarter} {fy}",
    "financial_year": "{fy}",
    "financial_ytd": "YTD to {end:%b %Y}",
    "calendar_year": "{start.year}",
    "as_at": "{end.day} {end:%b %Y}",
    "": "{start:%d %b %Y} to {end:%d %b %Y}",
}
HEADING_FORMS = {
    "month": "{start:%Y-%m}",
    "quarter": "{fy} Q{quarter}",
    "financial_year": "{fy}",
    "financial_ytd": "FYTD to {end:%Y-%m}",
    "calendar_year": "{start.year}",
    "as_at": "at {end:%Y-%m-%d}",
    "": "{start:%Y-%m-%d} to {end:%Y-%m-%d}",
}


def _written(forms: dict[str, str], period_type: str, start, end) -> str:
    """The period in one of the forms above; one end stands in for a missing other."""
    start, end = (start if pd.notna(start) else end), (end if pd.notna(end) else start)
    if pd.isna(start):
        return "no period"
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    form = forms.get(period_type, forms[""])
    fy = fy_label(financial_year_of(start))
    return form.format(start=start, end=end, fy=fy, quarter=fy_quarter(start))


def period_label(period_type: str, start, end) -> str:
    """For readers: 'Jan 2017', 'Q1 2016-17', '2016-17', 'YTD to Jan 2017', '2016' or
    '31 Mar 2016'."""
    return _written(READER_FORMS, period_type, start, end)


def period_heading(period_type: str, start, end) -> str:
    """For column headers that sort: '2017-01', '2016-17 Q1', '2016-17', 'FYTD to 2017-01',
    '2016', 'at 2016-03-31'."""
    return _written(HEADING_FORMS, period_type, start, end)


def period_order(start: date | None, end: date | None) -> tuple[int, int]:
    """Chronological: by end date, and of periods ending together the shortest first; undated
    last."""
    start, end = start or end, end or start
    if start is None:
        return (date.max.toordinal() + 1, 0)
    return (end.toordinal(), -start.toordinal())
