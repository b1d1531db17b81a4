"""Parse the periods printed in table headers into typed date ranges."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from extractors.grid import fold
from periods import (
    Period,
    financial_year,
    financial_year_of,
    month_end,
    month_period,
    quarter_of_fy,
    ytd,
)

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_name) if m})
MONTHS.update({"sept": 9, "june": 6, "july": 7})
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

_month = re.compile(rf"\b(?P<m>{MONTH_NAMES})\.?\s*[-/' ]?\s*(?P<y>\d{{4}}|\d{{2}})\b", re.I)
_iso_month = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>\d\d))?\b")
_numeric_month = re.compile(
    r"(?<![\d/.])(?P<m>0?[1-9]|1[0-2])\s*[/.]\s*(?P<y>(?:19|20)\d\d)(?![\d/.])"
)
_us_date = re.compile(
    rf"\b(?P<m>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
    re.I,
)
_fy = re.compile(r"\b(?:fy\s*)?(?P<a>(?:19|20)?\d\d)\s*[/-]\s*(?P<b>(?:19|20)?\d\d)\b", re.I)
_quarter = re.compile(r"\bq(?:tr|uarter)?\s*(?P<q>[1-4])\b", re.I)
_ytd = re.compile(r"\b(?:ytd|year to date|fytd)\b", re.I)
_year = re.compile(r"(?<![\d.,/-])(?P<y>(?:19[89]|20[0-4])\d)(?![\d.,%/-])")
_as_at = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*[/. -]\s*(?P<m>\d{1,2}|"
    + MONTH_NAMES
    + r")\s*[/. -]\s*(?P<y>\d{4}|\d{2})\b",
    re.I,
)


@dataclass(frozen=True)
class PeriodMatch:
    """A period found in a header, and the words printed around it."""

    period: Period | None  # None for a bare quarter or YTD that needs a year from elsewhere
    rest: str  # the header text with the period removed
    quarter: int | None = None
    ytd: bool = False
    month: int | None = None  # a month named without its year (`October` under `2016/17`)


def _full_year(text: str) -> int:
    y = int(text)
    return y if len(text) == 4 else (2000 + y if y < 70 else 1900 + y)


def find_period(text: str, value: object = None) -> PeriodMatch | None:
    """The period a header cell names, if any, with the words around it."""
    if isinstance(value, (datetime, date)):
        day = value.date() if isinstance(value, datetime) else value
        return PeriodMatch(month_period(day.year, day.month), "")
    text = fold(text or "")
    if not text or len(text) > 60:
        return None
    for finder in (
        _find_date_range,
        _find_as_at,
        _find_fy,
        _find_month,
        _find_iso,
        _find_numeric_month,
        _find_quarter_only,
        _find_year,
        _find_bare_month,
    ):
        found = finder(text)
        if found is not None:
            return (
                None
                if found.period is None
                and found.quarter is None
                and not found.ytd
                and not found.month
                else found
            )
    return None


def _rest(text: str, *spans: tuple[int, int]) -> str:
    for a, b in sorted(spans, reverse=True):
        text = text[:a] + " " + text[b:]
    return " ".join(text.replace("()", " ").split()).strip(" -–:,()")


def _find_date_range(text: str) -> PeriodMatch | None:
    """`1 April 2016 to 31 March 2017`: the month, quarter or year it spans exactly; a range of no
    such shape is no period (a single day would misdate it)."""
    dates = [m for m in _as_at.finditer(text)]
    if len(dates) != 2 or not re.search(
        r"^\s*(?:to|-|–|until|till)\s*$", text[dates[0].end() : dates[1].start()], re.I
    ):
        return None
    start, end = (_as_at_day(m) for m in dates)
    if start is None or end is None or start.day != 1 or end != month_end(end.year, end.month):
        return PeriodMatch(None, text)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    kind = {
        1: "month",
        3: "quarter",
        12: "financial_year" if start.month == 4 else "calendar_year" if start.month == 1 else "",
    }.get(months, "")
    period = Period(kind, start, end) if kind else None
    return PeriodMatch(period, _rest(text, (dates[0].start(), dates[1].end())))


def _as_at_day(m: re.Match) -> date | None:
    mon = m["m"].lower()
    if mon.isdigit() and not re.search(r"[/.\-]", m[0]):
        return None  # "2 6 33" is three numbers, not 2 June 2033
    try:
        return date(
            _full_year(m["y"]), int(mon) if mon.isdigit() else MONTHS[mon.rstrip(".")], int(m["d"])
        )
    except (ValueError, KeyError):
        return None


def _find_as_at(text: str) -> PeriodMatch | None:
    m = _as_at.search(text) or _us_date.search(text)
    day = _as_at_day(m) if m else None
    if day is None:
        return None
    return PeriodMatch(Period("as_at", day, day), _rest(text, m.span()))


def _find_fy(text: str) -> PeriodMatch | None:
    m = _fy.search(text)
    if not m:
        return None
    a, b = _full_year(m["a"]), _full_year(m["b"])
    if b != a + 1 or not 1990 <= a <= 2045:
        return None
    spans = [m.span()]
    q, y = _quarter.search(text), _ytd.search(text)
    if q:
        spans.append(q.span())
        return PeriodMatch(quarter_of_fy(a, int(q["q"])), _rest(text, *spans), quarter=int(q["q"]))
    if y:
        spans.append(y.span())
        return PeriodMatch(ytd(a, None), _rest(text, *spans), ytd=True)
    return PeriodMatch(financial_year(a), _rest(text, *spans))


def _find_month(text: str) -> PeriodMatch | None:
    m = _month.search(text)
    if not m:
        return None
    year = _full_year(m["y"])
    spaced = not re.search(r"[-/']", m[0])
    if not 1990 <= year <= 2045 or (spaced and len(m["y"]) == 2 and year > date.today().year + 1):
        return None  # "March 31" is a day of March, not March 2031
    month, to_date = MONTHS[m["m"].lower()], _ytd.search(text)
    if to_date:  # `Apr–Oct 2019 (YTD)`: the year to date of the financial year that month falls in
        return PeriodMatch(
            ytd(financial_year_of(date(year, month, 1)), None),
            _rest(text, m.span(), to_date.span()),
            ytd=True,
        )
    return PeriodMatch(month_period(year, month), _rest(text, m.span()))


def _find_iso(text: str) -> PeriodMatch | None:
    m = _iso_month.search(text)
    if not m:
        return None
    return PeriodMatch(month_period(int(m["y"]), int(m["m"])), _rest(text, m.span()))


def _find_numeric_month(text: str) -> PeriodMatch | None:
    """A month printed as numbers, month first: `04/2019`, `4.2019`."""
    m = _numeric_month.search(text)
    if not m:
        return None
    return PeriodMatch(month_period(int(m["y"]), int(m["m"])), _rest(text, m.span()))


def _find_quarter_only(text: str) -> PeriodMatch | None:
    q, y = _quarter.search(text), _ytd.search(text)
    if q and len(text) <= 12:
        year = _year.search(text)
        if year:
            start = date(int(year["y"]), 3 * int(q["q"]) - 2, 1)
            period = Period("quarter", start, month_end(start.year, start.month + 2))
            return PeriodMatch(period, _rest(text, q.span(), year.span()), quarter=int(q["q"]))
        return PeriodMatch(None, _rest(text, q.span()), quarter=int(q["q"]))
    if y:
        return PeriodMatch(None, _rest(text, y.span()), ytd=True)
    return None


def _find_bare_month(text: str) -> PeriodMatch | None:
    """A header that is only a month's name: its year comes from the header above or the report."""
    month = MONTHS.get(text.strip(" .").lower())
    return PeriodMatch(None, "", month=month) if month else None


def _find_year(text: str) -> PeriodMatch | None:
    m = _year.search(text)
    if not m:
        return None
    y = int(m["y"])
    return PeriodMatch(
        Period("calendar_year", date(y, 1, 1), date(y, 12, 31)), _rest(text, m.span())
    )
