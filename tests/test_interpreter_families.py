"""Layout families the interpreter reads without having seen the report: one fixture and test per
family."""

from __future__ import annotations

from datetime import date

import pytest
from grids import grid

from extractors.errors import UnreadableFile
from extractors.grid import Document
from interpreter.accounting import account
from interpreter.document import interpret
from interpreter.printed_periods import find_period
from interpreter.table_layout import read_layout
from pipeline import extract_path

N = None


def run(*grids, name="report.xlsx", authority=None, report_date=None) -> list[dict]:
    doc = Document(name=name, format="xlsx", grids=list(grids), text=[])
    return [o.as_row() for o in interpret(doc, authority=authority, report_date=report_date)]


def one(rows, **want) -> dict:
    found = [r for r in rows if all(r[k] == v for k, v in want.items())]
    assert len(found) == 1, f"expected one row with {want}, got {found}"
    return found[0]


def test_authorities_as_rows_are_each_authoritys_figures_under_the_caption():
    """Family: a benchmarking table, one indicator per table, authorities as rows, years across; the
    neighbour average, region and England rows are the report authority's benchmarks."""
    g = grid(
        [
            ["Local authority", "2015-16", "2016-17"],
            ["Barnsley", "45.6", "45.2"],
            ["Doncaster", "56.8", "58.7"],
            ["North East Lincolnshire", "43.0", "37.4"],
            ["Stat neighbours (mean)", "55.8", "53.1"],
            ["Y&H", "50.0", "51.9"],
            ["England", "48.9", "52.4"],
        ],
        sheet="CPP",
        context=["Children subject to a CP plan per 10,000", "Source: DfE published statistics."],
    )
    rows = run(g, name="doncaster_2018-01_benchmarking.xlsx", report_date=date(2018, 1, 31))
    lincs = one(rows, authority="North East Lincolnshire", period_end="2017-03-31")
    assert (lincs["value"], lincs["measure"], lincs["indicator_id"]) == (
        "37.4",
        "actual",
        "cpp_rate_10k",
    )
    assert lincs["indicator_label"] == "Children subject to a CP plan per 10,000"
    assert one(rows, measure="region_avg", period_end="2017-03-31")["authority"] == "Doncaster"
    assert one(rows, measure="stat_neighbour_avg", period_end="2016-03-31")["value"] == "55.8"
    assert one(rows, measure="england_avg", period_end="2017-03-31")["value"] == "52.4"


def test_generic_row_labels_take_the_tables_title_and_its_polarity_line():
    """Family: one small table per indicator (exception report) whose rows say only `Performance`,
    `SN avg`, `Eng`."""
    g = grid(
        [
            [None, "2021-22", "2022-23", "Target (23/24)"],
            ["Performance", "81.8%", "78.0%", "85%"],
            ["SN avg", "85.2%", "83.0%", None],
            ["Eng", "88.9%", "82.3%", None],
        ],
        sheet="Report",
        context=[
            "Scrutiny Panel: Key Performance Indicators",
            "Referral to assessment conversion rate",
            "Good is: High",
        ],
    )
    rows = run(g, authority="Dudley", report_date=date(2024, 3, 31))
    actual = one(rows, measure="actual", period_end="2022-03-31")
    assert (actual["indicator_label"], actual["indicator_id"], actual["polarity"]) == (
        "Referral to assessment conversion rate",
        "referrals_to_assessment_pct",
        "high",
    )
    assert one(rows, measure="england_avg", period_end="2023-03-31")["value"] == "82.3"


def test_tables_side_by_side_on_one_sheet_are_read_apart():
    """Family: two tables printed side by side, an empty column between them, each with its own
    labels."""
    g = grid(
        [
            [
                "INDICATOR",
                "Q1 2019/20",
                "Q2 2019/20",
                None,
                "INDICATOR",
                "Q1 2019/20",
                "Q2 2019/20",
            ],
            ["Number of referrals", "300", "310", None, "Number of contacts", "900", "950"],
            [
                "Number of assessments completed",
                "250",
                "260",
                None,
                "Children looked after",
                "120",
                "125",
            ],
            [
                "Number of S47 enquiries started",
                "80",
                "90",
                None,
                "Children subject to a CP plan",
                "70",
                "75",
            ],
        ],
        sheet="Summary",
    )
    rows = run(g, authority="Hounslow", report_date=date(2019, 9, 30))
    assert (
        one(rows, indicator_label="Number of contacts", period_end="2019-09-30")["value"] == "950"
    )
    assert (
        one(rows, indicator_label="Children looked after", period_end="2019-06-30")[
            "source_location"
        ]
        == "Summary!F3"
    )
    assert len(rows) == 12


def test_a_year_printed_once_over_its_quarters_names_each_quarter():
    """Family: `2024/25` printed once above `Q1 Q2 Q3 Q4` in a CSV (no merged cells): Q2 is
    2024/25's Q2."""
    g = grid(
        [
            [None, "22-23", "23-24", "2024/25", None, None, None, "Local target"],
            [None, None, None, "Q1", "Q2", "Q3", "Q4", None],
            ["Value", "4159", "4322", "1005", "964", None, None, None],
        ],
        page=None,
        context=["Number of assessments completed"],
    )
    rows = run(g, authority="Bournemouth, Christchurch and Poole", report_date=date(2024, 9, 30))
    q2 = one(rows, value="964")
    assert (q2["period_type"], q2["period_start"], q2["period_end"]) == (
        "quarter",
        "2024-07-01",
        "2024-09-30",
    )


def test_same_month_last_year_rows_are_dated_twelve_months_back():
    """Family: an exception table with a `Same month last year` row under the months."""
    g = grid(
        [
            [None, "Apr-15", "May-15"],
            ["This year", "207", "263"],
            ["Same month last year", "240", "219"],
        ],
        sheet="Exceptions",
        context=["Number of new referrals"],
    )
    rows = run(g, authority="Portsmouth", report_date=date(2015, 5, 31))
    last_year = one(rows, value="219")
    assert (last_year["period_end"], last_year["measure"], last_year["indicator_label"]) == (
        "2014-05-31",
        "actual",
        "Number of new referrals",
    )


def test_indicator_name_printed_once_over_its_n_of_N_and_percent_subcolumns():
    """Family: periods down the rows, each indicator over `n of N` and `%` sub-columns (CSV: the
    name once)."""
    g = grid(
        [
            [
                None,
                "Date",
                "% Contacts with decision within 1 working day",
                None,
                "Referrals in month",
            ],
            [None, None, "n of N", "%", "Number"],
            ["In month", "Apr'23", "841/1,033", "81.4%", "413"],
            [None, "May'23", "848/1,068", "79.4%", "431"],
        ],
        page=None,
    )
    rows = run(g, authority="Barnet", report_date=date(2023, 5, 31))
    april = one(rows, period_end="2023-04-30", unit="percent")
    assert (april["value"], april["numerator"], april["denominator"]) == ("81.4", "841", "1033")
    assert april["indicator_id"] == "contacts_decision_1wd_pct"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("04/2019", ("month", date(2019, 4, 1), date(2019, 4, 30))),
        ("12/2014", ("month", date(2014, 12, 1), date(2014, 12, 31))),
        ("Sept. 30, 2011", ("as_at", date(2011, 9, 30), date(2011, 9, 30))),
        ("1 April 2016 to 31 March 2017", ("financial_year", date(2016, 4, 1), date(2017, 3, 31))),
        ("01/04/2019 - 30/06/2019", ("quarter", date(2019, 4, 1), date(2019, 6, 30))),
    ],
)
def test_periods_printed_other_ways(text, expected):
    """Quirk: months as numbers, US dates and ranges that span exactly a month, quarter or year."""
    p = find_period(text).period
    assert (p.type, p.start, p.end) == expected


@pytest.mark.parametrize(
    "text",
    ["March 31", "2 6 33 0 0", "Period: 01-06-2016 To 10-07-2016", "01-06-2016 to 10-07-2016"],
)
def test_a_period_the_parser_is_not_sure_of_is_no_period(text):
    """Quirk: `March 31` is a day, not March 2031; a range of no standard shape is not its first
    day."""
    assert find_period(text) is None


def test_numbers_no_column_explains_are_counted_and_lower_the_tables_confidence(tmp_path):
    """Every number accounted for: a column with no period or known role is reported, not silently
    dropped."""
    path = tmp_path / "mystery.csv"
    path.write_text(
        "Indicator,Apr-19,May-19,Jun-19,Mystery\nNumber of referrals,100,110,120,7\n"
        "Number of contacts,900,950,990,8\n"
    )
    result = extract_path(path, report_date=date(2019, 6, 30))
    assert result.numbers_not_read == 2
    assert "table 1: 2 of 8 numbers not read" in result.warnings
    assert all(
        o.confidence < 1 and "table_numbers_not_read" in o.flags for o in result.observations
    )


def test_derived_columns_are_explained_not_unread():
    """A change or DoT column is a known derived figure: never an observation, never counted as
    unread."""
    g = grid(
        [
            ["Indicator", "Apr-19", "May-19", "% change", "DoT"],
            ["Number of referrals", "100", "110", "10", "↑"],
        ],
        sheet="S",
    )
    layout = read_layout(g)
    assert account(g, layout, []).numbers == 3
    rows = run(g, authority="Wirral", report_date=date(2019, 5, 31))
    # nothing read when no observations are given
    assert account(g, layout, []).unexplained == ["S!B2", "S!C2"]
    assert len(rows) == 2


def test_a_file_of_notes_only_is_refused(tmp_path):
    """Quirk: a document whose tables hold no figures at all (prose, only `n/a`) is refused in one
    sentence."""
    path = tmp_path / "notes.csv"
    path.write_text("Indicator,Apr-19,May-19\nNumber of referrals,n/a,TBC\n")
    with pytest.raises(UnreadableFile, match="no tables of figures"):
        extract_path(path)


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        ("CfC per 10,000 children", "rate_per_10k", "cla_rate_10k"),
        ("Cared for children rate per 10,000", "rate_per_10k", "cla_rate_10k"),
        ("Our children in care", None, "cla_children"),
        ("NEW ENTRANTS TO CARE", None, "cla_starts"),
        ("Child protection enquiries (S47)", None, "s47_started"),
        ("Second CP plan within 2 years of previous", None, "cpp_second_time_2y_pct"),
        ("Front door decisions made within one working day", None, "contacts_decision_1wd_pct"),
        ("Contacts received by the Children's Advice and Duty Service", None, "contacts"),
        ("CiC visits within 6 weeks", None, "cla_visits_timely_pct"),
        ("Repeat referrals (no.)", None, "re_referrals_12m"),
    ],
)
def test_the_sectors_words_map_to_the_right_indicator(label, unit, expected):
    """Vocabulary: local words for children in care, CP plans, S47s and front doors."""
    from indicators.catalogue import match_label

    assert match_label(label, unit).indicator_id == expected


def test_a_national_indicator_code_names_its_indicator():
    """Vocabulary: `NI 148 ...` is the care leavers in education, employment or training
    indicator."""
    g = grid(
        [["Indicator", "2017/18", "2018/19"], ["NI 148 Care leavers in EET (%)", "55.1%", "57.0%"]],
        sheet="S",
    )
    rows = run(g, authority="Torbay", report_date=date(2019, 3, 31))
    assert {r["indicator_id"] for r in rows} == {"care_leavers_eet_pct"}


def test_month_names_under_a_financial_year_take_its_year():
    """Family: `2016/17` over `October ... March`, `2017/18` over `April ...`: January is January
    2017."""
    g = grid(
        [
            [None, "2016/17", None, None, "2017/18", None],
            ["Measure", "October", "January", "March", "April", "May"],
            ["Number of referrals", "300", "310", "320", "330", "340"],
        ],
        page=None,
    )
    rows = run(g, authority="Camden", report_date=date(2017, 5, 31))
    assert one(rows, value="310")["period_end"] == "2017-01-31"
    assert one(rows, value="300")["period_end"] == "2016-10-31"
    assert one(rows, value="340")["period_end"] == "2017-05-31"


def test_month_names_with_no_year_above_are_the_latest_such_months_and_say_so():
    """A bare month with no year anywhere in its header is dated by the report, at lower confidence,
    flagged."""
    g = grid(
        [
            ["Measure", "November", "December", "January"],
            ["Number of referrals", "300", "310", "320"],
        ],
        page=None,
    )
    rows = run(g, authority="Camden", report_date=date(2017, 1, 31))
    november = one(rows, value="300")
    assert november["period_end"] == "2016-11-30" and "year_from_report_date" in november["flags"]


def test_authorities_as_columns_take_the_period_stated_above_the_table():
    """Family: a comparison table, indicators as rows and authorities across, its year in the line
    above."""
    g = grid(
        [
            ["Indicator", "Lambeth", "Hackney", "Southwark", "Stat. neighbours", "National"],
            ["Number of referrals", "7491", "4270", "4982", "4808", "2237"],
        ],
        sheet="Summary",
        context=[
            "Position at 30 September 2024",
            "Comparison with statistical neighbours, 2023-24",
        ],
    )
    rows = run(g, authority="Lambeth", report_date=date(2024, 9, 30))
    hackney = one(rows, authority="Hackney")
    assert (hackney["value"], hackney["measure"], hackney["period_end"]) == (
        "4270",
        "actual",
        "2024-03-31",
    )
    assert one(rows, measure="stat_neighbour_avg")["authority"] == "Lambeth"
    assert one(rows, measure="england_avg")["value"] == "2237"


def test_n_of_N_with_its_percentage_in_brackets_is_one_percentage():
    """Notation: `125/130 (96.2%)` is the printed 96.2% with numerator 125 and denominator 130."""
    g = grid(
        [
            ["KPI", "Aug-2017", "Sep-2017"],
            ["LAC statutory visits on time %", "125/130 (96.2%)", "515 of 537 (95.9%)"],
        ],
        sheet="S",
    )
    aug = one(
        run(g, authority="Richmond upon Thames", report_date=date(2017, 9, 30)),
        period_end="2017-08-31",
    )
    assert (aug["value"], aug["numerator"], aug["denominator"], aug["unit"]) == (
        "96.2",
        "125",
        "130",
        "percent",
    )


def test_a_comparator_average_row_is_the_neighbour_average():
    """Vocabulary: `Comparator avg` under a table of an authority and its neighbours."""
    g = grid(
        [
            ["Local authority", "2016-17", "2017-18"],
            ["Hackney", "80.1", "82.0"],
            ["Haringey", "70.2", "75.0"],
            ["Lewisham", "60.0", "66.6"],
            ["Comparator avg", "86", "88"],
        ],
        sheet="S",
        context=["CiC visits within 6 weeks"],
    )
    rows = run(g, authority="Hackney", report_date=date(2018, 3, 31))
    assert one(rows, measure="stat_neighbour_avg", period_end="2018-03-31")["value"] == "88"


def test_a_one_row_table_whose_label_starts_rate_of_keeps_it_as_the_label():
    """Quirk: `Rate of referrals per 10,000 children` is a label, not a unit column's `Rate per
    10,000`."""
    g = grid(
        [
            ["Indicator", "Nov-16", "Dec-16"],
            ["Rate of referrals per 10,000 children", "560.1", "570.2"],
        ],
        sheet="S",
    )
    dec = one(
        run(g, authority="Rotherham", report_date=date(2016, 12, 31)), period_end="2016-12-31"
    )
    assert (dec["indicator_label"], dec["indicator_id"]) == (
        "Rate of referrals per 10,000 children",
        "referrals_rate_10k",
    )


def test_an_outturn_row_under_a_titled_table_is_the_titles_indicator():
    """Family: one table per indicator with an `Outturn` row and a `Trend` row of arrows, `Aim:
    Info` above it."""
    g = grid(
        [[None, "Mar-17", "Apr-17"], ["Outturn", "491.5", "487.3"], ["Trend", "↓✗", "↑✓"]],
        page=2,
        context=["Referrals per 10,000 children", "Aim: Info"],
    )
    rows = run(
        g,
        name="manchester_2018-02_scorecard.pdf",
        authority="Manchester",
        report_date=date(2017, 4, 30),
    )
    april = one(rows, period_end="2017-04-30")
    assert (april["indicator_id"], april["polarity"], april["value"]) == (
        "referrals_rate_10k",
        "info",
        "487.3",
    )
    assert len(rows) == 2


def test_a_heading_and_its_figures_split_into_neighbouring_columns_are_one_column():
    """Quirk (word-position rebuilds of unruled PDFs): a heading left-set over right-set figures
    lands one column left of them; the two columns never both fill a row, so they are joined."""
    g = grid(
        [
            ["Indicator", "Apr-19", None, "May-19", None],
            ["Number of referrals", None, "300", None, "310"],
            ["Number of contacts", None, "900", None, "950"],
        ],
        sheet=None,
    )
    rows = run(g, name="report.pdf", authority="Bury", report_date=date(2019, 5, 31))
    assert (
        one(rows, indicator_label="Number of contacts", period_end="2019-05-31")["value"] == "950"
    )
    assert len(rows) == 4


def test_a_qualifier_before_a_generic_name_keeps_the_label_unmapped():
    """Wrong ids are worse than blanks: `(4) Internal council services - Total Contacts` is not all
    contacts, while `Front door - Number of referrals` is the referrals indicator under a section
    heading."""
    g = grid(
        [
            ["Source", "Apr-16", "May-16"],
            ["(4) Internal council services - Total Contacts", "142", "132"],
            ["Front door - Number of referrals", "300", "310"],
        ],
        sheet="S",
    )
    rows = run(g, authority="Rotherham", report_date=date(2016, 5, 31))
    assert one(rows, value="142")["indicator_id"] == ""
    assert one(rows, value="310")["indicator_id"] == "referrals"


def test_year_spanning_its_quarter_headings_in_a_sheet_heads_them():
    """Family: an exception report sheet, the title and the indicator above each table, the
    financial year merged over its quarter headings (clear of the label column, the outturn
    and target headings beside it): the year is a header row dating each quarter, not a title
    moved to the table's context (which dated every quarter as the whole year)."""
    g = grid(
        [
            ["Care leavers in education, employment or training %", "", "", "", "", "", ""],
            ["", "", "2016/17", N, N, N, ""],
            ["", "2015-16 outturn", "Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4", "Target"],
            ["Actual", "49.6%", "42.7%", "66.5%", "41.3%", "53.2%", "48%"],
            ["England avg", "59.5%", "", "", "", "", ""],
        ],
        spans={(1, 2): (1, 4)},
        page=None,
        sheet="Exceptions",
    )
    rows = run(g)
    quarters = sorted((r["period_end"], r["value"]) for r in rows if r["period_type"] == "quarter")
    assert quarters == [
        ("2016-06-30", "42.7"),
        ("2016-09-30", "66.5"),
        ("2016-12-31", "41.3"),
        ("2017-03-31", "53.2"),
    ]
    assert one(rows, value="59.5")["measure"] == "england_avg"


def test_neighbour_best_named_neighbours_first_is_the_best_neighbour():
    """Family: benchmark columns beside the months, `Comparator avg`, `SN best` and `England`: the
    best neighbour's figure is read as such whichever word comes first (it was left unread)."""
    g = grid(
        [
            ["Measure", "December 2023", "January 2024", "Comparator avg", "SN best", "England"],
            ["Referrals per 10,000 children", "405.3", "583.4", "641.5", "578.0", "459.8"],
            ["CIN per 10,000 children", "323.8", "296.1", "419.6", "405.6", "389.6"],
        ]
    )
    rows = run(g)
    assert one(rows, value="578")["measure"] == "stat_neighbour_best"
    assert one(rows, value="641.5")["measure"] == "stat_neighbour_avg"
    assert len(rows) == 10


def test_periods_down_the_rows_under_a_section_and_a_unit_row_of_short_unit_words():
    """Family: periods down the rows, a section heading over three indicators, then their names,
    then a row of units in the sector's short forms (`n`, `(%)`, `Avg days`) with no `Unit` word
    beside it; a year-to-date row leaves one indicator blank. The unit row gives each column's
    unit (it is not part of the label), and a count beside a percentage of another indicator in
    the same section is no count printed beside its own percentage."""
    g = grid(
        [
            ["", "Children in care", N, N],
            [
                "Month",
                "A1: average days from entering care to moving in with adopters",
                "Children in care in the same placement for 2 years or more (%)",
                "Children in care",
            ],
            ["", "Avg days", "(%)", "n"],
            ["Jan 2020", "554", "61.7%", "729"],
            ["Feb 2020", "417", "73.8%", "740"],
            ["YTD", "586", "67.9%", N],
        ],
        spans={(0, 1): (1, 3)},
    )
    rows = run(g)
    a1 = [r for r in rows if r["indicator_label"].endswith("moving in with adopters")]
    assert len(a1) == 3 and {r["unit"] for r in a1} == {"days"}
    assert not any(r["note"] for r in rows)
    assert {r["unit"] for r in rows if r["value"] in ("729", "740")} == {"count"}
    assert {r["unit"] for r in rows if r["value"] in ("61.7", "73.8", "67.9")} == {"percent"}


def test_title_naming_an_authority_before_a_colon_names_the_report_authority():
    """Family: the title opens with the authority and a colon (`Bury: Children's Social Care
    Key Indicators Dashboard`); a name that is also an everyday word still names the authority
    there (it was guarded against as a word and the report had no authority)."""
    g = grid(
        [
            ["", "Feb 2021", "Mar 2021"],
            ["Children subject to child protection plans", "560", "253"],
            ["Number of referrals", "152", "170"],
        ]
    )
    title = "Bury: Children's Social Care Key Indicators Dashboard"
    doc = Document(name="kpis.csv", format="csv", grids=[g], text=[title, "As at April 2021"])
    assert {o.authority for o in interpret(doc)} == {"Bury"}


def test_equal_figures_of_one_authority_in_two_benchmarking_tables_are_both_kept():
    """Family: two authorities-as-rows tables with a DfE code column; one authority prints the same
    percentage for the same year in both: two indicators' figures, not one number printed twice
    (the row code is the authority's, so it cannot say the two are one indicator)."""

    def table(caption: str, suffolk: str) -> object:
        return grid(
            [
                ["DfE", "Local authority", "2014/2015", "2015/2016"],
                ["925", "Lincolnshire", "79%", "75%"],
                ["926", "Norfolk", "75%", "86%"],
                ["935", "Suffolk", suffolk, "95%"],
            ],
            context=[caption],
        )

    rows = run(
        table("MASH decisions made within one working day %", "90%"),
        table("Children in care reviews within timescale %", "90%"),
        name="kpis.csv",
        authority="Norfolk",
    )
    suffolk = {(r["indicator_label"], r["period_end"]) for r in rows if r["value"] == "90"}
    assert suffolk == {
        ("MASH decisions made within one working day %", "2015-03-31"),
        ("Children in care reviews within timescale %", "2015-03-31"),
    }


def _placed(g, page: int, widths: list[float]):
    """The grid on `page` with each cell's box over its columns (x from the widths), as a PDF's."""
    from dataclasses import replace

    edges = [30.0]
    for w in widths:
        edges.append(edges[-1] + w)
    cells = [
        replace(c, bbox=(edges[c.col] + 2, 100.0 + 20 * c.row, edges[c.col + c.colspan] - 2, 110.0))
        for c in g.cells
    ]
    return replace(g, cells=cells, page=page)


def test_description_box_opening_a_page_is_no_rest_of_the_table_before():
    """Family: an exception report, each indicator on a page of its own: a description box
    (`Indicator Description | Better to be?`, no figures) over that indicator's table of figures.
    The box opening the next page lies under columns of the table before it, but holds no figures:
    it is the next indicator's description, not the rest of that table."""
    pages = []
    for page, (name, figures) in enumerate(
        [
            ("Number of referrals to social care", ["2,774", "2,551", "2,813"]),
            ("No. of children looked after", ["454", "469", "487"]),
        ],
        start=1,
    ):
        box = grid([["Indicator Description", "Better to be?"], [name, "Low"]])
        table = grid([["", "2014/15", "2015/16", "Q1 2016/17"], ["Number", *figures]])
        pages += [_placed(box, page, [300, 100]), _placed(table, page, [100, 100, 100, 100])]
    rows = run(*pages, name="exceptions.pdf")
    labels = {r["value"]: r["indicator_label"] for r in rows}
    assert labels["469"] == "No. of children looked after"
    assert labels["2551"] == "Number of referrals to social care"
