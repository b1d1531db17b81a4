"""The Review page's suggestions for a doubtful label, weighed with the evidence of its rows: the
unit the interpreter read and what the figures rule out. The first suggestion is the right concept,
never a wrong concept of the same topic (children in care offered children in need, "left care"
offered starts, "CLA leaving" offered social workers leaving)."""

from __future__ import annotations

import re

import pytest

from indicators.catalogue import load_catalogue
from interpreter.indicator_match import label_indicators
from interpreter.observation import Observation
from review.doubts import suggestions, unit_read, units_ruled_out

COUNTS, FRACTIONS, WHOLE_UNDER_100 = [21, 23, 19], [61.2, 62.5, 63.1], [61, 62, 64]
LARGE, PERCENTAGES = [612, 620, 634], [88.2, 91.5, 90.1]
FTE, AVERAGES = [12.5, 13.0, 11.8], [17.2, 18.1, 16.9]  # full-time equivalents, caseloads
# (label as councils print it, unit its source printed ("" if none), figures, the id that must come
# first, ids of the same topic (or a wording's trap) that must not come first)
FIRST = [
    # children looked after, by every name the sector gives them
    ("Children in care", "", LARGE, "cla_children", {"cin_children", "cla_starts"}),
    ("Children in care", "", FRACTIONS, "cla_rate_10k", {"cla_children", "cin_rate_10k"}),
    ("Cared for children", "", LARGE, "cla_children", {"cla_starts"}),
    ("Cared for children (CfC)", "", LARGE, "cla_children", {"cla_starts"}),
    ("CfC", "", LARGE, "cla_children", {"cla_starts", "cin_children"}),
    ("LAC", "", LARGE, "cla_children", {"cla_starts"}),
    ("CiC", "", LARGE, "cla_children", {"cin_children"}),
    ("Our children", "", LARGE, "cla_children", {"cin_children"}),
    ("Children we look after", "", LARGE, "cla_children", {"cin_children"}),
    ("Looked after children", "", FRACTIONS, "cla_rate_10k", {"cla_children"}),
    ("CfC per 10,000 children", "", FRACTIONS, "cla_rate_10k", {"cla_ceased_rate_10k"}),
    ("CfC per 10,000 children", "", WHOLE_UNDER_100, "cla_rate_10k", {"cla_starts_rate_10k"}),
    ("Children in care rate per 10k", "", FRACTIONS, "cla_rate_10k", {"cla_starts_rate_10k"}),
    ("CLA rate", "rate_per_10k", WHOLE_UNDER_100, "cla_rate_10k", {"cla_ceased_rate_10k"}),
    # leaving care, and coming into it
    ("Children leaving care: month total", "", COUNTS, "cla_ceased", {"cla_ceased_sgo_pct"}),
    ("Children leaving care - all routes", "", COUNTS, "cla_ceased", {"cla_ceased_sgo_pct"}),
    ("CLA leaving in month", "", COUNTS, "cla_ceased", {"sw_leavers_fte", "cla_children"}),
    ("LAC leaving per 10,000", "", FRACTIONS, "cla_ceased_rate_10k", {"cla_rate_10k"}),
    ("Left care", "", COUNTS, "cla_ceased", {"cla_starts", "cla_ceased_sgo_pct"}),
    ("Children who left care", "", COUNTS, "cla_ceased", {"cla_starts", "cla_foster_pct"}),
    ("Cared for children who left care", "", COUNTS, "cla_ceased", {"cla_children"}),
    ("Children entering care", "", COUNTS, "cla_starts", {"cla_ceased", "cla_children"}),
    ("New into care", "", COUNTS, "cla_starts", {"cla_children"}),
    ("Children coming into care: month total", "", COUNTS, "cla_starts", {"cla_children"}),
    # a percentage of children in care, read as such from the source or from the figures
    ("CLA with 3 or more placements", "percent", [9.1, 10.2], "cla_placements_3plus_pct", set()),
    ("LAC with a PEP", "percent", [88.0, 91.5], "cla_pep_pct", {"cla_children"}),
    # child protection
    ("Children on the register", "", LARGE, "cpp_children", {"cpp_starts", "cpp_rate_10k"}),
    ("CP plans per 10k", "", FRACTIONS, "cpp_rate_10k", {"cpp_starts_rate_10k"}),
    ("S47 enquiries", "", LARGE, "s47_started", {"s47_completed"}),
    ("Strategy-led enquiries", "", LARGE, "s47_started", {"s47_completed"}),
    # children in need
    ("Number of CIN", "", LARGE, "cin_children", {"cla_children"}),
    ("Children in need per 10,000", "", FRACTIONS, "cin_rate_10k", {"cla_rate_10k"}),
    # the front door, assessments, care leavers and the workforce: topics the label does not share
    ("MASH contacts", "", LARGE, "contacts", {"referrals"}),
    ("Assessments in timescale", "", [85, 88, 90], "assessments_45wd_pct", {"assessments_45wd"}),
    ("Care leavers 19-21", "", LARGE, "care_leavers", {"care_leavers_17_18"}),
    ("Care leavers in EET", "percent", [55.2, 57.0], "care_leavers_eet_pct", set()),
    ("Social workers leaving (FTE)", "", [3, 5, 4], "sw_leavers_fte", {"cla_ceased"}),
    # a figure's period or sum named beside the label ("month figure", "end of month", "snapshot")
    ("Cared for children: month figure", "", LARGE, "cla_children", {"cla_ceased"}),
    ("Children in care: month figure", "", LARGE, "cla_children", {"cla_ifa_placements"}),
    ("CfC: month figure", "", LARGE, "cla_children", {"cla_ifa_placements"}),
    ("Children in care: end of month", "", LARGE, "cla_children", {"cla_ceased"}),
    ("CiC snapshot", "", LARGE, "cla_children", {"cla_uasc", "cla_starts"}),
    ("LAC: month total", "", LARGE, "cla_children", {"cla_starts"}),
    ("CLA per 10,000: month figure", "", FRACTIONS, "cla_rate_10k", {"cla_starts_rate_10k"}),
    ("CiN: end of month", "", LARGE, "cin_children", {"cla_children", "cin_plan_children"}),
    ("CIN: month total", "", LARGE, "cin_children", {"cin_children_started"}),
    ("CPP snapshot", "", LARGE, "cpp_children", {"cpp_starts"}),
    ("Children subject to CPP: end of month", "", LARGE, "cpp_children", {"cpp_starts"}),
    ("MASH contacts: month total", "", LARGE, "contacts", {"referrals"}),
    ("S47s: month total", "", COUNTS, "s47_started", {"s47_completed"}),
    ("ICPCs held within 15 days: month figure", "", PERCENTAGES, "icpc_15wd_pct", {"icpc_15wd"}),
    # local abbreviations, in counts, percentages and rates per 10,000
    ("CIN open cases", "", LARGE, "cin_children", {"cin_excl_cpp_cla"}),
    ("CiN per 10,000", "", FRACTIONS, "cin_rate_10k", {"cla_rate_10k"}),
    ("CIN per 10k", "rate_per_10k", WHOLE_UNDER_100, "cin_rate_10k", {"cla_rate_10k"}),
    ("CIN plans", "", LARGE, "cin_plan_children", {"cin_children"}),
    ("Children with a CP plan", "", LARGE, "cpp_children", {"cpp_starts"}),
    ("New CP plans", "", COUNTS, "cpp_starts", {"cpp_children"}),
    ("CPP rate per 10,000", "", FRACTIONS, "cpp_rate_10k", {"cpp_starts_rate_10k"}),
    ("Repeat CP plans", "percent", PERCENTAGES, "cpp_second_time_ever_pct", set()),
    ("CiC rate per 10,000", "rate_per_10k", WHOLE_UNDER_100, "cla_rate_10k", {"cin_rate_10k"}),
    ("CL", "", LARGE, "care_leavers", {"cla_children", "care_leavers_17_18"}),
    ("CL in EET", "", PERCENTAGES, "care_leavers_eet_pct", {"care_leavers_eet"}),
    ("CLs in EET", "percent", PERCENTAGES, "care_leavers_eet_pct", {"care_leavers_17_18_eet_pct"}),
    ("Front door contacts", "", LARGE, "contacts", {"referrals"}),
    ("Contacts to the MASH", "", LARGE, "contacts", {"referrals"}),
    (
        "Re-referrals within 12 months",
        "",
        PERCENTAGES,
        "re_referrals_12m_pct",
        {"re_referrals_12m"},
    ),
    ("Re-referrals within 12 months", "", LARGE, "re_referrals_12m", {"re_referrals_12m_pct"}),
    ("Rereferrals within 12 mths", "", PERCENTAGES, "re_referrals_12m_pct", set()),
    ("S47s", "", LARGE, "s47_started", {"s47_completed"}),
    ("S47s completed", "", LARGE, "s47_completed", {"s47_started"}),
    ("S47s per 10,000", "", FRACTIONS, "s47_rate_10k", {"cpp_rate_10k"}),
    ("ICPCs within 15 days", "", PERCENTAGES, "icpc_15wd_pct", {"icpc_15wd"}),
    ("Number of ICPCs within 15 days", "", COUNTS, "icpc_15wd", {"icpc_15wd_pct"}),
    ("ICPCs", "", COUNTS, "icpc_children", {"icpc_15wd"}),
    # the workforce: counts of full-time equivalents are fractions, caseloads averages
    ("Social workers FTE", "", FTE, "sw_fte", {"sw_agency_pct", "sw_cases"}),
    ("Social workers (FTE)", "", [112.5, 113.0], "sw_fte", {"sw_cases"}),
    ("Agency social workers (FTE)", "", FTE, "sw_agency_fte", {"sw_agency_pct"}),
    ("Vacancies (FTE)", "", FTE, "sw_vacancies_fte", {"sw_vacancy_rate_pct"}),
    ("SW vacancies FTE", "", FTE, "sw_vacancies_fte", {"sw_vacancy_rate_pct"}),
    ("Social work vacancies (FTE): month figure", "", FTE, "sw_vacancies_fte", set()),
    ("Social worker leavers FTE", "", FTE, "sw_leavers_fte", {"sw_fte", "sw_turnover_pct"}),
    ("Average caseload", "", AVERAGES, "caseload_avg", {"caseload_max"}),
    ("Caseload per social worker", "", AVERAGES, "caseload_avg", {"sw_fte"}),
    # sector wordings of the population and its movements in plain words
    ("Kids in care", "", LARGE, "cla_children", {"cla_ceased"}),
    ("Children coming into our care", "", COUNTS, "cla_starts", {"care_proceedings"}),
    ("Starts in care this month", "", COUNTS, "cla_starts", {"cla_care_plan_pct"}),
    ("Children taken into care", "", COUNTS, "cla_starts", {"cla_children"}),
    ("Care experienced young people", "", LARGE, "care_leavers", {"care_proceedings"}),
    ("Care-experienced young adults 18-21", "", LARGE, "care_leavers", {"cla_ceased"}),
    ("Number of children on a protection plan", "", LARGE, "cpp_children", {"cin_plan_children"}),
    ("Section 47 enquiries commenced", "", LARGE, "s47_started", {"s47_completed"}),
    # the opposite figure of the right topic is never first
    (
        "Care leavers we keep in touch with",
        "",
        PERCENTAGES,
        "care_leavers_in_touch_pct",
        {"care_leavers_not_in_touch_pct"},
    ),
    ("Care leavers not in touch", "", PERCENTAGES, "care_leavers_not_in_touch_pct", set()),
]


def rows_read(label: str, unit: str, figures: list[float]) -> list[Observation]:
    """A label's monthly figures as the interpreter leaves them for review: matched (or not) to the
    catalogue, with the unit their source printed or the one the matcher gave them."""
    rows = [Observation(indicator_label=label, unit=unit, value=v) for v in figures]
    label_indicators(rows, load_catalogue())
    return rows


@pytest.mark.parametrize(
    "label, unit, figures, first, never", FIRST, ids=[f"{f[0]}-{f[1] or f[2][0]}" for f in FIRST]
)
def test_the_first_suggestion_is_the_right_concept(label, unit, figures, first, never):
    offered = [
        s.indicator_id
        for s in suggestions(label, load_catalogue(), 3, rows_read(label, unit, figures))
    ]
    assert offered[0] == first, offered
    assert not never & {offered[0]}


def test_a_label_that_names_a_topic_is_not_first_offered_another_topic():
    """Quirk: "CLA leaving in month" was first offered social workers leaving (FTE)."""
    catalogue = load_catalogue()
    for unit in (None, "count"):
        (first, *_) = catalogue.suggest("CLA leaving in month", unit)
        assert catalogue.indicator(first[0]).area == "looked_after", first


def test_a_candidate_adding_a_concept_does_not_outrank_one_the_label_covers():
    """Quirk: "Children leaving care: month total", read with no unit, was first offered the
    percentage of children leaving care through a special guardianship order (its "month total"
    now dates the figure; "all routes" is still words no indicator has)."""
    offered = [i for i, _ in load_catalogue().suggest("Children leaving care - all routes", n=5)]
    assert offered.index("cla_ceased") < offered.index("cla_ceased_sgo_pct"), offered


@pytest.mark.parametrize(
    "label, kept",
    [
        ("Cared for children: month figure", "cared for children"),
        ("Children coming into care", "coming into care"),  # was respelt "becoming"
    ],
)
def test_respelling_leaves_the_names_read_as_a_whole(label, kept):
    """Quirk: "Cared" was respelt "care", so "Cared for children: month figure" (the children in
    care) was first offered children leaving care."""
    assert re.search(rf"\b{kept}\b", load_catalogue().respelt(label))


def test_respelling_still_mends_a_misspelt_name():
    respelt = load_catalogue().respelt("Number of children subjcet to a child protecton plan")
    assert "child protection plan" in respelt


@pytest.mark.parametrize(
    "unit, figures, read",
    [
        ("percent", [55.2, 57.0], "percent"),
        ("rate_per_10k", [61, 62], "rate_per_10k"),
        ("", [21, 23], None),  # a count is no evidence: the sector prints counts unnamed
    ],
)
def test_the_unit_read_is_the_rows_unit_when_it_tells_indicators_apart(unit, figures, read):
    rows = [Observation(indicator_label="x", unit=unit, value=v) for v in figures]
    assert unit_read(rows) == read


def test_rows_that_disagree_on_their_unit_give_none():
    rows = [
        Observation(indicator_label="x", unit=u, value=1.0) for u in ("percent", "rate_per_10k")
    ]
    assert unit_read(rows) is None


@pytest.mark.parametrize(
    "label, figures, ruled_out",
    [
        ("Children in care", [61.2, 62.5], {"count"}),  # fractions under 100 are no count
        ("Children in care", [612, 620], {"percent", "rate_per_10k"}),  # over 100: no percentage
        ("Children in care", [61, 62], {"rate_per_10k"}),  # whole numbers: no unnamed rate
        ("Children in care per 10,000", [61, 62], set()),  # a rate the label names stands
        ("% of children in care with a PEP", [612], set()),  # a percentage the label names too
        ("Children in care", [], set()),  # no figures, no evidence
    ],
)
def test_the_figures_rule_out_units_as_the_matcher_reads_them(label, figures, ruled_out):
    rows = [Observation(indicator_label=label, value=v) for v in figures]
    assert units_ruled_out(label, rows) == ruled_out


def test_a_reading_in_another_unit_does_not_decide_when_the_best_reading_ties():
    """Quirk: "CP plans lasting 2 years or more" at 3.2, 2.5 and 4.1 (no count) read as a
    percentage ties open and ceased plans; read as a rate it was mapped to children on a plan per
    10,000, a figure the label does not name. It is left for a person, offered both percentages."""
    rows = rows_read("CP plans lasting 2 years or more", "", [3.2, 2.5, 4.1])
    assert {r.indicator_id for r in rows} == {""}
    offered = [
        s.indicator_id for s in suggestions(rows[0].indicator_label, load_catalogue(), 2, rows)
    ]
    assert set(offered) == {"cpp_open_2y_plus_pct", "cpp_ceased_2y_plus_pct"}
