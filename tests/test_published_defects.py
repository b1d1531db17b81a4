"""Defects found when the published figures were checked against the official files (issue 12): each
test names the defect and failed before its fix."""

from __future__ import annotations

import pandas as pd
import pytest

from analyses.comparators import PUBLISHER, setting_for, standing_table
from analyses.gaps import gap_table
from indicators import load_catalogue
from reference import published_frame, published_omissions
from reference.rules import all_equal_to_england, leave_out, within_lifetime

AUTHORITIES = pd.read_csv("data/reference/local_authorities.csv", dtype=str, keep_default_na=False)
NEIGHBOURS = pd.read_csv(
    "data/reference/statistical_neighbours.csv", dtype=str, keep_default_na=False
)


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return published_frame()


def row(level, la_code, value, end="2019-03-31", indicator="x"):
    return {
        "geographic_level": level,
        "la_code": la_code,
        "indicator_id": indicator,
        "measure": "actual",
        "period_type": "financial_year",
        "period_start": end[:4] + "-04-01",
        "period_end": end,
        "value": value,
    }


def test_school_moves_2018_and_2019_where_every_council_equals_england_are_left_out_with_a_note(
    figures,
):
    """LAIT gives England's value to every geography for cla_school_moves_pct in 2018 and 2019."""
    moves = figures[
        (figures["indicator_id"] == "cla_school_moves_pct")
        & figures["period_end"].isin(["2018-03-31", "2019-03-31"])
    ]
    assert set(moves["geographic_level"]) == {"National", "Regional"} or set(
        moves["geographic_level"]
    ) == {"National"}
    omitted = published_omissions()
    mine = omitted[omitted["indicator_id"] == "cla_school_moves_pct"]
    assert set(mine["period_end"]) >= {"2018-03-31", "2019-03-31"}
    assert all("England's value to every council" in note for note in mine["note"])
    later = figures[
        (figures["indicator_id"] == "cla_school_moves_pct")
        & (figures["period_end"] == "2022-03-31")
    ]
    assert (later["geographic_level"] == "Local authority").sum() > 100  # a real year stays


def test_no_measure_year_left_where_every_council_equals_england(figures):
    assert all_equal_to_england(figures).empty


def test_all_equal_detection_needs_every_council_equal_and_enough_of_them():
    same = pd.DataFrame(
        [row("National", "E92000001", "11.5")]
        + [row("Local authority", f"E0{i}", "11.5") for i in range(12)]
    )
    found = all_equal_to_england(same)
    assert list(found["councils"]) == [12] and found["value"].iloc[0] == 11.5
    assert list(leave_out(same, found)["geographic_level"]) == ["National"]
    differs = pd.concat([same, pd.DataFrame([row("Local authority", "E099", "9.0")])])
    assert all_equal_to_england(differs).empty
    # four councils agreeing is not the source copying England
    assert all_equal_to_england(same.head(5)).empty
    zeros = same.assign(value="0")
    assert all_equal_to_england(zeros).empty  # a category no council used: a true zero everywhere


@pytest.mark.parametrize(
    "la_code, end, kept",
    [
        ("E10000021", "2021-03-31", True),  # Northamptonshire's last year
        ("E10000021", "2022-03-31", False),  # after it was abolished (31 March 2021)
        # North Northamptonshire before it was created (1 April 2021)
        ("E06000061", "2018-03-31", False),
        ("E06000061", "2022-03-31", True),
        (
            "E06000058",
            "2019-03-31",
            False,
        ),  # Bournemouth, Christchurch and Poole before 1 April 2019
        ("E92000001", "2001-03-31", True),  # England is not a council
    ],
)
def test_a_council_figure_counts_only_inside_its_lifetime(la_code, end, kept):
    level = "National" if la_code == "E92000001" else "Local authority"
    assert (
        bool(within_lifetime(pd.DataFrame([row(level, la_code, "1", end)]), AUTHORITIES).iloc[0])
        is kept
    )


def test_no_published_council_figure_outside_the_councils_lifetime(figures):
    """The source gives Cumberland figures for 2021 and Northamptonshire's for 2022 to 2025."""
    outside = figures[~within_lifetime(figures, AUTHORITIES)]
    assert outside.empty, outside[["authority", "indicator_id", "period_end"]].head().to_string()


def test_caseload_polarity_is_the_publishers_low_and_gets_a_band(figures):
    """The publisher says a low average caseload is good; the catalogue said 'within range', so no
    band."""
    entry = load_catalogue().indicator("caseload_avg")
    assert entry.polarity == entry.published_polarity == "low"
    setting = setting_for("Rotherham", "2020-21", NEIGHBOURS)
    found = standing_table(figures, setting, None, ["caseload_avg"]).iloc[0]
    assert (
        found["polarity"] == "low"
        and found["quartile_band"] in set("ABCD")
        and found["rank_england"] >= 1
    )


def test_without_a_report_bands_use_the_publishers_polarity_and_say_so(figures):
    """cpp_starts_rate_10k: the catalogue has no judgement ('info'), the publisher says low is
    good."""
    setting = setting_for("Rotherham", "2018-19", NEIGHBOURS)
    found = standing_table(figures, setting, None, ["cpp_starts_rate_10k"]).iloc[0]
    assert (found["polarity"], found["polarity_from"]) == ("low", PUBLISHER)
    assert found["quartile_band"] in set("ABCD")


@pytest.mark.parametrize(
    "indicator, per_month",
    [
        ("care_leavers_eet_pct", False),
        ("referrals_rate_10k", True),
        ("re_referrals_12m_pct", True),
        ("cla_placements_3plus_pct", False),
    ],
)
def test_children_per_month_only_for_flows_never_a_cohorts_share(figures, indicator, per_month):
    """The care leavers in education are one cohort measured once: 'per month' means nothing for
    them."""
    from analyses.comparators import benchmark_table

    setting = setting_for("Rotherham", "2021-22", NEIGHBOURS)
    gaps = gap_table(
        benchmark_table(figures, setting, None, [indicator]),
        pd.read_csv("data/reference/population.csv"),
    )
    england = gaps.set_index("comparator").loc["england"]
    assert pd.notna(england["children"])
    assert pd.notna(england["children_per_month"]) is per_month
    if not per_month:
        assert "no per-month figure" in england["children_note"]
