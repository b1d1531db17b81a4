"""find_period: the periods printed in table headers, as typed date ranges."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interpreter.printed_periods import find_period
from periods import financial_year, quarter_of_fy, ytd

D = date


@pytest.mark.parametrize(
    "text, kind, start, end, rest",
    [
        ("Nov-16", "month", D(2016, 11, 1), D(2016, 11, 30), ""),
        ("Jan-17", "month", D(2017, 1, 1), D(2017, 1, 31), ""),
        ("Apr-21", "month", D(2021, 4, 1), D(2021, 4, 30), ""),
        ("April 2019", "month", D(2019, 4, 1), D(2019, 4, 30), ""),
        ("Apr 19", "month", D(2019, 4, 1), D(2019, 4, 30), ""),
        ("2019-04", "month", D(2019, 4, 1), D(2019, 4, 30), ""),
        ("Aug. 2011", "month", D(2011, 8, 1), D(2011, 8, 31), ""),
        ("Sept 2019", "month", D(2019, 9, 1), D(2019, 9, 30), ""),
        ("Feb-16", "month", D(2016, 2, 1), D(2016, 2, 29), ""),
        ("Feb-17", "month", D(2017, 2, 1), D(2017, 2, 28), ""),
        ("Feb-00", "month", D(2000, 2, 1), D(2000, 2, 29), ""),
        ("Mar 20 (prov.)", "month", D(2020, 3, 1), D(2020, 3, 31), "prov."),
        ("2016 / 17", "financial_year", D(2016, 4, 1), D(2017, 3, 31), ""),
        ("2013/ 14", "financial_year", D(2013, 4, 1), D(2014, 3, 31), ""),
        ("2019-20 outturn", "financial_year", D(2019, 4, 1), D(2020, 3, 31), "outturn"),
        ("Southampton 19/20", "financial_year", D(2019, 4, 1), D(2020, 3, 31), "Southampton"),
        ("Target 17-18", "financial_year", D(2017, 4, 1), D(2018, 3, 31), "Target"),
        (
            "LATEST BENCHMARKING - 2014/15",
            "financial_year",
            D(2014, 4, 1),
            D(2015, 3, 31),
            "LATEST BENCHMARKING",
        ),
        ("1999/00", "financial_year", D(1999, 4, 1), D(2000, 3, 31), ""),
        ("Q3 2019/20", "quarter", D(2019, 10, 1), D(2019, 12, 31), ""),
        ("Q4 2016/17", "quarter", D(2017, 1, 1), D(2017, 3, 31), ""),
        ("Q1 2016/17", "quarter", D(2016, 4, 1), D(2016, 6, 30), ""),
        ("31/03/2017", "as_at", D(2017, 3, 31), D(2017, 3, 31), ""),
        ("2019", "calendar_year", D(2019, 1, 1), D(2019, 12, 31), ""),
    ],
)
def test_printed_periods(text, kind, start, end, rest):
    """Period headers as printed in real reports, each to exact first and last days."""
    found = find_period(text)
    assert found is not None
    assert (found.period.type, found.period.start, found.period.end) == (kind, start, end)
    assert found.rest == rest


def test_ytd_under_financial_year():
    """'2016/ 17 YTD' quirk: a financial year to date, starting 1 April 2016, flagged ytd."""
    found = find_period("2016/ 17 YTD")
    assert found.ytd is True
    assert found.period.type == "financial_ytd"
    assert found.period.start == D(2016, 4, 1)
    assert found.rest == ""


@pytest.mark.parametrize("text, quarter", [("Q1", 1), ("Q3", 3), ("Qtr 2", 2), ("Quarter 4", 4)])
def test_bare_quarter(text, quarter):
    """Bare quarter quirk: 'Q1' names a quarter whose year comes from a header above it."""
    found = find_period(text)
    assert found.period is None
    assert found.quarter == quarter


def test_bare_ytd():
    """Bare YTD quirk: 'YTD' needs its financial year from elsewhere."""
    found = find_period("YTD")
    assert found.period is None and found.ytd is True


@pytest.mark.parametrize(
    "value", [datetime(2016, 11, 1), date(2016, 11, 1), datetime(2016, 11, 30, 0, 0)]
)
def test_excel_date_is_a_month(value):
    """Excel date quirk: a month header stored as a real date (shown 'Nov-16') is that month."""
    found = find_period("", value)
    assert (found.period.type, found.period.start, found.period.end) == (
        "month",
        D(2016, 11, 1),
        D(2016, 11, 30),
    )


@pytest.mark.parametrize(
    "text", ["aged 0-17", "2,774", "27.3%", "", "Number of children in need", "1.1"]
)
def test_not_periods(text):
    """Age bands, counts and labels are not periods."""
    assert find_period(text) is None


@pytest.mark.parametrize("start_year", [2015, 2016, 2019, 2023])
def test_financial_year_runs_april_to_march(start_year):
    """Financial years run 1 April to 31 March."""
    fy = financial_year(start_year)
    assert (fy.start, fy.end) == (D(start_year, 4, 1), D(start_year + 1, 3, 31))


@pytest.mark.parametrize(
    "q, start, end",
    [
        (1, D(2016, 4, 1), D(2016, 6, 30)),
        (2, D(2016, 7, 1), D(2016, 9, 30)),
        (3, D(2016, 10, 1), D(2016, 12, 31)),
        (4, D(2017, 1, 1), D(2017, 3, 31)),
    ],
)
def test_quarters_of_financial_year(q, start, end):
    """Quarters of a financial year: Q1 is April to June, Q4 is January to March of the next
    year."""
    p = quarter_of_fy(2016, q)
    assert (p.type, p.start, p.end) == ("quarter", start, end)


@pytest.mark.parametrize(
    "until, end",
    [
        (D(2017, 1, 31), D(2017, 1, 31)),
        (D(2016, 11, 15), D(2016, 11, 30)),
        (D(2016, 4, 1), D(2016, 4, 30)),
        (None, D(2017, 3, 31)),
    ],
)
def test_year_to_date(until, end):
    """YTD runs from 1 April to the end of the report's month."""
    p = ytd(2016, until)
    assert (p.type, p.start, p.end) == ("financial_ytd", D(2016, 4, 1), end)


@given(st.integers(1995, 2040), st.integers(1, 12))
def test_month_abbreviation_round_trip(year, month):
    """Any 'Mmm-yy' header parses to that month's first and last day."""
    found = find_period(f"{calendar.month_abbr[month]}-{year % 100:02d}")
    last = calendar.monthrange(year, month)[1]
    assert found.period.type == "month"
    assert (found.period.start, found.period.end) == (D(year, month, 1), D(year, month, last))


@given(
    st.integers(1991, 2044),
    st.sampled_from(["{y}/{n:02d}", "{y} / {n:02d}", "{y}/ {n:02d}", "{y}-{n:02d}"]),
)
def test_financial_year_round_trip(y, pattern):
    """Any 'yyyy/yy' header parses to the financial year 1 April yyyy to 31 March of the next
    year."""
    found = find_period(pattern.format(y=y, n=(y + 1) % 100))
    assert found.period.type == "financial_year"
    assert (found.period.start, found.period.end) == (D(y, 4, 1), D(y + 1, 3, 31))


@given(st.text())
def test_never_raises(text):
    """find_period never raises on arbitrary text."""
    found = find_period(text)
    assert found is None or found.period is not None or found.quarter or found.ytd or found.month


TOKENS = st.sampled_from(
    [
        "Q",
        "Q4",
        "YTD",
        "Feb",
        "Sept.",
        "31",
        "29",
        "00",
        "13",
        "2016",
        "17",
        "/",
        "-",
        " ",
        ".",
        "(prov.)",
        "Target",
    ]
)


@given(st.lists(TOKENS, max_size=8).map("".join))
def test_never_raises_on_date_like_text(text):
    """find_period never raises on text made of date-like pieces ('31/02/17', 'Q4-00', 'Feb
    13/2016')."""
    found = find_period(text)
    assert found is None or found.period is not None or found.quarter or found.ytd or found.month
