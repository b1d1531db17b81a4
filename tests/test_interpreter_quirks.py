"""The interpreter on grids built by hand: one fixture and one test per real-world layout quirk."""

from __future__ import annotations

from datetime import date

import pytest
from grids import grid

from extractors.grid import Document
from interpreter.document import interpret

REPORT = date(2017, 1, 31)
N = None  # a position covered by a spanning cell


def run(*grids, authority="Rotherham", text=(), report_date=REPORT) -> list[dict]:
    doc = Document(name="rotherham_2017-01.pdf", format="pdf", grids=list(grids), text=list(text))
    return [o.as_row() for o in interpret(doc, authority=authority, report_date=report_date)]


def pick(rows, **want) -> list[dict]:
    return [r for r in rows if all(r[k] == v for k, v in want.items())]


def one(rows, **want) -> dict:
    found = pick(rows, **want)
    assert len(found) == 1, f"expected one row with {want}, got {found}"
    return found[0]


@pytest.fixture
def months_as_columns():
    h0 = [
        "NO.",
        "INDICATOR",
        "GOOD PERF IS",
        "DATA NOTE",
        "2016 / 17",
        N,
        N,
        N,
        "DOT",
        "Target and Tolerances",
        N,
        N,
        "RAG",
        "YR ON YR TREND",
        N,
        N,
        "LATEST BENCHMARKING - 2014/15",
        N,
        N,
        N,
    ]
    h1 = [
        N,
        N,
        N,
        N,
        "Nov-16",
        "Dec-16",
        "Jan-17",
        "YTD",
        N,
        "Red",
        "Amber",
        "Target Green",
        N,
        "2013/ 14",
        "2014/ 15",
        "2015/ 16",
        "STAT NEIGH AVE",
        "BEST STAT NEIGH",
        "NAT AVE",
        "NAT TOP QTILE",
    ]
    section = ["EARLY HELP AND SOCIAL CARE PATHWAY"] + [N] * 19
    r1 = [
        "1.1",
        "% re-referral rate in 12 months",
        "Low",
        "%",
        "27.3%",
        "25.0%",
        "24.1%",
        "25.5%",
        "↓",
        ">30%",
        "25-30%",
        "<25%",
        "G",
        "30.1%",
        "28.0%",
        "26.2%",
        "22.5",
        "15.0",
        "22.3",
        "17.0",
    ]
    r2 = [
        "1.2",
        "Number of referrals",
        "Info",
        "No.",
        "450",
        "400",
        "420",
        "3,900",
        "↑",
        "",
        "",
        "",
        "",
        "5,000",
        "5,200",
        "5,100",
        "-",
        "-",
        "-",
        "-",
    ]
    spans = {(0, c): (2, 1) for c in (0, 1, 2, 3, 8, 12)}
    spans.update(
        {(0, 4): (1, 4), (0, 9): (1, 3), (0, 13): (1, 3), (0, 16): (1, 4), (2, 0): (1, 20)}
    )
    return grid([h0, h1, section, r1, r2], spans)


def test_months_as_columns(months_as_columns):
    """Months as columns (summary layout): measures and periods from two header rows."""
    rows = run(months_as_columns)
    label = "% re-referral rate in 12 months"
    nov = one(rows, indicator_label=label, measure="actual", period_start="2016-11-01")
    assert (nov["period_type"], nov["period_end"], nov["value"]) == ("month", "2016-11-30", "27.3")
    assert (nov["unit"], nov["polarity"], nov["source_location"]) == (
        "percent",
        "low",
        "p1 t1 r4 c5",
    )
    ytd = one(rows, indicator_label=label, value="25.5")
    assert (ytd["measure"], ytd["period_type"], ytd["period_start"], ytd["period_end"]) == (
        "actual",
        "financial_ytd",
        "2016-04-01",
        "2017-01-31",
    )
    target = one(rows, indicator_label=label, measure="target", value="25")
    assert (target["period_type"], target["period_start"], target["period_end"]) == (
        "financial_year",
        "2016-04-01",
        "2017-03-31",
    )
    trend = one(rows, indicator_label=label, measure="actual", value="30.1")
    assert (trend["period_type"], trend["period_start"], trend["period_end"]) == (
        "financial_year",
        "2013-04-01",
        "2014-03-31",
    )
    for measure, value in [
        ("stat_neighbour_avg", "22.5"),
        ("stat_neighbour_best", "15"),
        ("england_avg", "22.3"),
        ("england_top_quartile", "17"),
    ]:
        bench = one(rows, indicator_label=label, measure=measure)
        assert (bench["value"], bench["period_start"], bench["period_end"]) == (
            value,
            "2014-04-01",
            "2015-03-31",
        )
    assert all(r["report_date"] == "2017-01-31" and r["authority"] == "Rotherham" for r in rows)


def test_months_as_columns_drops_dot_and_rag(months_as_columns):
    """Months as columns: the DOT arrow and RAG colour columns (c9, c13) are never emitted."""
    rows = run(months_as_columns)
    assert not [r for r in rows if r["source_location"].endswith((" c9", " c13"))]


def test_months_as_columns_unit_and_polarity_from_row(months_as_columns):
    """Months as columns: each row's own GOOD PERF IS and DATA NOTE cells give its polarity and
    unit."""
    rows = run(months_as_columns)
    referrals = pick(rows, indicator_label="Number of referrals", measure="actual")
    assert len(referrals) == 7  # three months, YTD, three trend years
    assert {(r["unit"], r["polarity"]) for r in referrals} == {("count", "info")}
    assert {r["value"] for r in referrals} == {"450", "400", "420", "3900", "5000", "5200", "5100"}


def test_section_rows_spanning_the_table(months_as_columns):
    """Section rows spanning the table are headings: no observations carry them as a label."""
    rows = run(months_as_columns)
    assert not [r for r in rows if "PATHWAY" in r["indicator_label"]]
    assert {r["indicator_label"] for r in rows} == {
        "% re-referral rate in 12 months",
        "Number of referrals",
    }


@pytest.fixture
def months_as_rows():
    rows = [
        ["", N, "1.1", "1.2"],
        [N, N, "% re-referral rate in 12 months", "Number of referrals"],
        ["IN MONTH PERFORMANCE", "Nov-16", "27.3%", "450"],
        [N, "Dec-16", "25.0%", "400"],
        [N, "Jan-17", "24.1%", "420"],
        ["ANNUAL TREND", "2014/ 15", "28.0%", "5,200"],
        [N, "2015/ 16", "26.2%", "5,100"],
        ["LATEST BENCHMARKING", "STAT NEIGH AVE", "22.5%", "-"],
        [N, "NAT AVE", "22.3%", "-"],
    ]
    return grid(rows, {(0, 0): (2, 2), (2, 0): (3, 1), (5, 0): (2, 1), (7, 0): (2, 1)}, page=4)


def test_months_as_rows(months_as_rows):
    """Months as rows (detail layout): codes and labels across the top, row groups and periods down
    the side."""
    rows = run(months_as_rows)
    got = {
        (r["indicator_label"], r["measure"], r["period_type"], r["period_start"], r["value"])
        for r in rows
    }
    assert got == {
        ("% re-referral rate in 12 months", "actual", "month", "2016-11-01", "27.3"),
        ("% re-referral rate in 12 months", "actual", "month", "2016-12-01", "25"),
        ("% re-referral rate in 12 months", "actual", "month", "2017-01-01", "24.1"),
        ("% re-referral rate in 12 months", "actual", "financial_year", "2014-04-01", "28"),
        ("% re-referral rate in 12 months", "actual", "financial_year", "2015-04-01", "26.2"),
        (
            "% re-referral rate in 12 months",
            "stat_neighbour_avg",
            "financial_year",
            "2016-04-01",
            "22.5",
        ),
        ("% re-referral rate in 12 months", "england_avg", "financial_year", "2016-04-01", "22.3"),
        ("Number of referrals", "actual", "month", "2016-11-01", "450"),
        ("Number of referrals", "actual", "month", "2016-12-01", "400"),
        ("Number of referrals", "actual", "month", "2017-01-01", "420"),
        ("Number of referrals", "actual", "financial_year", "2014-04-01", "5200"),
        ("Number of referrals", "actual", "financial_year", "2015-04-01", "5100"),
    }
    assert one(rows, value="27.3")["source_location"] == "p4 t1 r3 c3"
    assert one(rows, value="27.3")["code"] == "1.1"


def test_quarter_under_financial_year():
    """Quarter under a financial year: 'Q1' below '2016/17' is April to June 2016; 'Target' below it
    is the year."""
    g = grid(
        [
            ["Indicator", "2016/17", N, N],
            [N, "Q1", "Q2", "Target"],
            ["Number of referrals", "1,200", "1,150", "1,000"],
        ],
        {(0, 0): (2, 1), (0, 1): (1, 3)},
    )
    rows = run(g)
    got = {
        (r["measure"], r["period_type"], r["period_start"], r["period_end"], r["value"])
        for r in rows
    }
    assert got == {
        ("actual", "quarter", "2016-04-01", "2016-06-30", "1200"),
        ("actual", "quarter", "2016-07-01", "2016-09-30", "1150"),
        ("target", "financial_year", "2016-04-01", "2017-03-31", "1000"),
    }


def test_of_beside_percent_under_one_label():
    """'206 of 492' beside '41.9%' under one spanning label is one percent observation with
    numerator and denominator."""
    label = "% of assessments completed within 45 days"
    g = grid(
        [
            ["Indicator", "Nov-16", "Dec-16"],
            [label, "206 of 492", "210 of 500"],
            [N, "41.9%", "42.0%"],
        ],
        {(1, 0): (2, 1)},
    )
    rows = run(g)
    got = {
        (r["period_start"], r["value"], r["numerator"], r["denominator"], r["unit"]) for r in rows
    }
    assert got == {
        ("2016-11-01", "41.9", "206", "492", "percent"),
        ("2016-12-01", "42", "210", "500", "percent"),
    }


def test_count_and_rate_pair():
    """'2,774 (955.6)' is two observations: a count row and a rate_per_10k row."""
    g = grid(
        [
            ["Indicator", "Nov-16", "Dec-16"],
            ["Children in need - number (rate per 10,000)", "2,774 (955.6)", "2,800 (964.5)"],
        ]
    )
    nov = pick(run(g), period_start="2016-11-01")
    assert sorted((r["unit"], r["value"]) for r in nov) == [
        ("count", "2774"),
        ("rate_per_10k", "955.6"),
    ]


def test_description_box_names_following_table():
    """A two-row 'Indicator Description | Better to be?' box gives the label and polarity to a 'No.
    (Rate)' table."""
    label = "Number of children subject to a child protection plan"
    box = grid([["Indicator Description", "Better to be?"], [label, "Lower"]], index=1)
    table = grid(
        [
            ["", "Nov-16", "Dec-16", "Jan-17"],
            ["No. (Rate)", "350 (60.1)", "360 (61.8)", "355 (61.0)"],
        ],
        index=2,
    )
    rows = run(box, table)
    assert len(rows) == 6
    assert {(r["indicator_label"], r["polarity"]) for r in rows} == {(label, "low")}
    jan = pick(rows, period_start="2017-01-01")
    assert sorted((r["unit"], r["value"]) for r in jan) == [
        ("count", "355"),
        ("rate_per_10k", "61"),
    ]


def _pct_table(values, **kw):
    return grid(
        [["Indicator", "Nov-16", "Dec-16"], ["% re-referral rate in 12 months", *values]], **kw
    )


def test_same_number_on_summary_and_detail_is_one_observation():
    """Dedupe: the same number printed on a summary grid and a detail grid is one observation (first
    place kept)."""
    detail = grid(
        [["Month", "% re-referral rate in 12 months"], ["Nov-16", "27.3%"], ["Dec-16", "25.0%"]],
        page=4,
    )
    rows = run(_pct_table(["27.3%", "25.0%"]), detail)
    assert sorted((r["period_start"], r["value"]) for r in rows) == [
        ("2016-11-01", "27.3"),
        ("2016-12-01", "25"),
    ]
    assert {r["source_location"][:2] for r in rows} == {"p1"}


def test_different_number_same_period_both_kept():
    """Dedupe: a different number for the same indicator and period is a disagreement; both rows are
    kept."""
    detail = grid(
        [["Month", "% re-referral rate in 12 months"], ["Nov-16", "27.3%"], ["Dec-16", "26.0%"]],
        page=4,
    )
    rows = run(_pct_table(["27.3%", "25.0%"]), detail)
    assert sorted(r["value"] for r in pick(rows, period_start="2016-12-01")) == ["25", "26"]


def test_summary_percent_and_detail_of_are_one_observation_with_counts():
    """Dedupe with 'x of y': '41.9%' on the summary and '206 of 492 | 41.9%' on the detail are one
    observation that keeps the numerator and denominator the detail prints."""
    label = "% of assessments completed within 45 days"
    detail = grid(
        [["Month", label, N], ["Nov-16", "206 of 492", "41.9%"], ["Dec-16", "210 of 500", "42.0%"]],
        {(0, 1): (1, 2)},
        page=2,
    )
    rows = run(grid([["Indicator", "Nov-16", "Dec-16"], [label, "41.9%", "42.0%"]]), detail)
    assert sorted(
        (r["period_start"], r["value"], r["numerator"], r["denominator"]) for r in rows
    ) == [("2016-11-01", "41.9", "206", "492"), ("2016-12-01", "42", "210", "500")]


def test_single_period_column():
    """A table with one month column ('Indicator | Jan-17') still gives one observation per row."""
    rows = run(
        grid(
            [["Indicator", "Jan-17"], ["Number of referrals", "450"], ["Number of contacts", "900"]]
        )
    )
    assert sorted((r["indicator_label"], r["period_start"], r["value"]) for r in rows) == [
        ("Number of contacts", "2017-01-01", "900"),
        ("Number of referrals", "2017-01-01", "450"),
    ]


def test_notes_in_place_of_numbers():
    """Notes (n/a, TBC, 'not available') are rows with an empty value and the text in note; '-'
    gives no row."""
    g = grid(
        [
            ["Indicator", "Nov-16", "Dec-16", "Jan-17", "Feb-17"],
            ["Care leavers in suitable accommodation", "n/a", "TBC", "not available", "-"],
        ]
    )
    rows = run(g)
    assert sorted((r["period_start"], r["value"], r["note"]) for r in rows) == [
        ("2016-11-01", "", "n/a"),
        ("2016-12-01", "", "TBC"),
        ("2017-01-01", "", "not available"),
    ]


def test_derived_columns_never_emitted():
    """Derived columns (% change, 12 month average, 12-mnth max value, Vol. Change, % Change, DoT)
    are not observations."""
    g = grid(
        [
            [
                "Indicator",
                "Dec-16",
                "Jan-17",
                "% change from previous month",
                "12 month average",
                "12-mnth max value",
                "Vol. Change",
                "% Change",
                "DoT",
            ],
            ["Number of referrals", "400", "420", "5.0%", "410", "450", "20", "5.0%", "↑"],
        ]
    )
    rows = run(g)
    assert sorted((r["period_start"], r["value"]) for r in rows) == [
        ("2016-12-01", "400"),
        ("2017-01-01", "420"),
    ]


def test_financial_year_not_over_is_ytd():
    """A financial-year column whose year is not over at the report date is financial_ytd to the
    report month."""
    rows = run(
        grid([["Indicator", "2015/16", "2016/17"], ["Number of referrals", "5,100", "3,900"]])
    )
    got = {(r["period_type"], r["period_start"], r["period_end"], r["value"]) for r in rows}
    assert got == {
        ("financial_year", "2015-04-01", "2016-03-31", "5100"),
        ("financial_ytd", "2016-04-01", "2017-01-31", "3900"),
    }


def _two_authorities():
    ours = grid([["Indicator", "Dec-16", "Jan-17"], ["Number of referrals", "400", "450"]], index=1)
    leeds = grid(
        [["Indicator", "Dec-16", "Jan-17"], ["Number of referrals", "9,000", "9,999"]],
        index=2,
        context=["Impact in Leeds - Trends"],
    )
    return ours, leeds


def test_context_line_names_another_authority():
    """A table whose context line names another authority ('Impact in Leeds - Trends') is that
    authority's."""
    rows = run(
        *_two_authorities(),
        authority=None,
        text=["Rotherham Children's Services Performance Report"],
    )
    assert {(r["value"], r["authority"], r["la_code"], r["old_la_code"]) for r in rows} == {
        ("400", "Rotherham", "E08000018", "372"),
        ("450", "Rotherham", "E08000018", "372"),
        ("9000", "Leeds", "E08000035", "383"),
        ("9999", "Leeds", "E08000035", "383"),
    }


def test_authority_override_wins():
    """The --authority override wins over the document's words and every table's context line."""
    rows = run(
        *_two_authorities(),
        authority="Wakefield",
        text=["Rotherham Children's Services Performance Report"],
    )
    assert {(r["authority"], r["la_code"]) for r in rows} == {("Wakefield", "E08000036")}


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"page": 1}, {"p1 t1 r2 c2", "p1 t1 r2 c3"}),
        ({"page": 3, "index": 2}, {"p3 t2 r2 c2", "p3 t2 r2 c3"}),
        ({"sheet": "Summary"}, {"Summary!B2", "Summary!C2"}),
    ],
)
def test_source_location(kwargs, expected):
    """source_location is 'p1 t1 r3 c6' style for page grids and 'Sheet!D12' style for sheet
    grids."""
    rows = run(
        grid([["Indicator", "Dec-16", "Jan-17"], ["Number of referrals", "400", "450"]], **kwargs)
    )
    assert {r["source_location"] for r in rows} == expected


@pytest.mark.parametrize(
    "heading, target_year", [("Benchmarking (15/16)", "2016-04-01"), ("2015/16", "2015-04-01")]
)
def test_a_target_under_a_benchmarking_heading_is_the_report_year(heading, target_year):
    """Periods as rows, a 'Target' row under a 'Benchmarking (15/16)' heading spanning it and the
    neighbours' row: the year is the neighbours', the target the report's year's (2016/17); under a
    plain year heading the target is that year's."""
    g = grid(
        [
            ["Date", N, "Number of referrals"],
            ["Monthly", "Dec-2016", "410"],
            [N, "Jan-2017", "420"],
            [heading, "Target", "5000"],
            [N, "Statistical neighbours", "4800"],
        ],
        {(0, 0): (1, 2), (1, 0): (2, 1), (3, 0): (2, 1)},
    )
    rows = run(g)
    assert one(rows, measure="target")["period_start"] == target_year
    assert one(rows, measure="stat_neighbour_avg")["period_start"] == "2015-04-01"
