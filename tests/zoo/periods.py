"""Periods and the many ways reports print them."""

from __future__ import annotations

import calendar
from datetime import date

from zoo.model import Period

MONTHS = [calendar.month_abbr[m] for m in range(1, 13)]
MONTH_NAMES = [calendar.month_name[m] for m in range(1, 13)]
QUARTER_MONTHS = {1: (4, 6), 2: (7, 9), 3: (10, 12), 4: (1, 3)}


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def month(y: int, m: int) -> Period:
    return Period("month", date(y, m, 1), month_end(y, m))


def shift(y: int, m: int, k: int) -> tuple[int, int]:
    """The month k months after (y, m)."""
    i = y * 12 + m - 1 + k
    return i // 12, i % 12 + 1


def fy_of(d: date) -> int:
    """The calendar year a financial year starts in."""
    return d.year if d.month >= 4 else d.year - 1


def fy(start_year: int) -> Period:
    return Period("financial_year", date(start_year, 4, 1), date(start_year + 1, 3, 31))


def quarter(start_year: int, q: int) -> Period:
    a, b = QUARTER_MONTHS[q]
    y = start_year + (q == 4)
    return Period("quarter", date(y, a, 1), month_end(y, b))


def ytd(d: date) -> Period:
    return Period("financial_ytd", date(fy_of(d), 4, 1), month_end(d.year, d.month))


def as_at(d: date) -> Period:
    return Period("as_at", d, d)


def cal_year(y: int) -> Period:
    return Period("calendar_year", date(y, 1, 1), date(y, 12, 31))


MONTH_STYLES = [
    "{b}-{yy}",
    "{B} {yyyy}",
    "{b} {yy}",
    "{yyyy}-{mm}",
    "{mm}/{yyyy}",
    "{b}'{yy}",
    "{b}-{yyyy}",
    "{b} {yyyy}",
    "{b}\n{yyyy}",
]
FY_STYLES = [
    "{a}/{bb}",
    "{a}-{bb}",
    "{aa}/{bb}",
    "{a}-{bb} outturn",
    "FY {a}/{bb}",
    "Outturn {a}/{bb}",
    "{aa}-{bb}",
    "{a}/{b4}",
    "Year end {a}/{bb}",
]
QUARTER_STYLES = [
    "Q{q} {a}/{bb}",
    "Q{q} {aa}/{bb}",
    "{m1}-{m2} {y}",
    "{a}/{bb} Q{q}",
    "Qtr {q} {a}-{bb}",
    "Quarter {q} {a}/{bb}",
]
YTD_STYLES = ["YTD", "{a}/{bb} YTD", "{m1}–{m2} {y} (YTD)", "Year to date", "YTD {aa}/{bb}"]
AS_AT_STYLES = [
    "As at {dd}/{mm}/{yyyy}",
    "At {d} {B} {yyyy}",
    "{d} {b} {yyyy}",
    "Snapshot {dd}/{mm}/{yyyy}",
]


def _fy_parts(a: int) -> dict:
    return dict(a=a, aa=f"{a % 100:02d}", bb=f"{(a + 1) % 100:02d}", b4=a + 1)


def month_text(p: Period, style: str) -> str:
    d = p.start
    return style.format(
        b=MONTHS[d.month - 1],
        B=MONTH_NAMES[d.month - 1],
        yy=f"{d.year % 100:02d}",
        yyyy=d.year,
        mm=f"{d.month:02d}",
    )


def fy_text(p: Period, style: str) -> str:
    return style.format(**_fy_parts(p.start.year))


def quarter_text(p: Period, style: str) -> str:
    a = fy_of(p.start)
    q = {4: 1, 7: 2, 10: 3, 1: 4}[p.start.month]
    return style.format(
        q=q, m1=MONTHS[p.start.month - 1], m2=MONTHS[p.end.month - 1], y=p.end.year, **_fy_parts(a)
    )


def ytd_text(p: Period, style: str) -> str:
    return style.format(
        m1=MONTHS[3], m2=MONTHS[p.end.month - 1], y=p.end.year, **_fy_parts(p.start.year)
    )


def as_at_text(p: Period, style: str) -> str:
    d = p.end
    return style.format(
        d=d.day,
        dd=f"{d.day:02d}",
        mm=f"{d.month:02d}",
        yyyy=d.year,
        b=MONTHS[d.month - 1],
        B=MONTH_NAMES[d.month - 1],
    )


def text(p: Period, style: str) -> str:
    """The printed header of a period in a style of its type."""
    return {
        "month": month_text,
        "financial_year": fy_text,
        "quarter": quarter_text,
        "financial_ytd": ytd_text,
        "as_at": as_at_text,
    }[p.type](p, style)


def styles(rng) -> dict[str, str]:
    """One style per period type, as one document would use them."""
    return {
        "month": rng.choice(MONTH_STYLES),
        "financial_year": rng.choice(FY_STYLES),
        "quarter": rng.choice(QUARTER_STYLES),
        "financial_ytd": rng.choice(YTD_STYLES),
        "as_at": rng.choice(AS_AT_STYLES),
    }
