"""The indicator catalogue, its aliases, and the mapping of printed labels to ids."""

import csv
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators import (
    ALIASES_CSV,
    CATALOGUE_CSV,
    Catalogue,
    load_catalogue,
    match_label,
    read_aliases,
    read_indicators,
)
from indicators.label_words import read_label
from interpreter.indicator_match import label_indicators
from interpreter.observation import Observation

# The core ids of spec/indicators-core.csv, copied here: they must never be renamed or dropped.
CORE_IDS = """contacts contacts_decision_1wd_pct contacts_to_referral_pct referrals
referrals_rate_10k
re_referrals_12m_pct referrals_to_assessment_pct referral_decision_timely_pct re_referrals_12m
cse_referrals
early_help_assessments
assessments_started assessments_completed assessments_completed_rate_10k assessments_45wd_pct
assessments_open_overdue
assessment_outcome_nfa_pct assessment_outcome_ongoing_pct assessment_outcome_step_down_pct
s47_started s47_started_12m
s47_rate_10k s47_completed s47_substantiated_continuing_risk_pct icpc_children icpc_children_12m
icpc_rate_10k
icpc_15wd_pct icpc_to_cpp_pct cin_children cin_rate_10k cin_with_plan_pct cin_visits_timely_pct
cpp_children
cpp_rate_10k cpp_starts_rate_10k cpp_ceased cpp_second_time_ever_pct cpp_second_time_2y_pct
cpp_open_2y_plus_pct
cpp_ceased_2y_plus_pct cpp_reviews_timely_pct cpp_visits_timely_pct cla_children cla_rate_10k
cla_starts cla_ceased
cla_uasc cla_reviews_timely_pct cla_visits_timely_pct cla_health_assessments_pct
cla_dental_checks_pct
cla_pep_uptodate_pct cla_placements_3plus_pct cla_long_term_stability_pct cla_ifa_placements_pct
cla_ceased_adoption_pct cla_ceased_sgo_pct cla_ceased_permanence_pct care_leavers
care_leavers_pathway_plan_pct
care_leavers_suitable_accommodation_pct care_leavers_eet_pct adoptions adoption_a1_days
adoption_a2_days sgo_granted
caseload_avg caseload_max missing_children""".split()
UNITS = {"count", "percent", "rate_per_10k", "days", "average", "ratio"}
POLARITIES = {"high", "low", "info", "within_range"}


def catalogue_rows() -> list[dict]:
    with open(CATALOGUE_CSV, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_core_ids_present_unchanged_and_first():
    ids = [row["indicator_id"] for row in catalogue_rows()]
    assert ids[: len(CORE_IDS)] == CORE_IDS


def test_catalogue_rows_are_well_formed():
    rows = catalogue_rows()
    assert list(rows[0]) == [
        "indicator_id",
        "name",
        "unit",
        "polarity",
        "area",
        "definition",
        "source_measure",
        "published_polarity",
        "published_definition",
    ]
    assert len({r["indicator_id"] for r in rows}) == len(rows)
    for row in rows:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", row["indicator_id"]), row
        assert row["unit"] in UNITS and row["polarity"] in POLARITIES, row
        assert row["name"] and row["area"] and row["definition"].endswith("."), row
        assert re.fullmatch(r"|lait:.+|ees:[\w-]+/\w+", row["source_measure"]), row
        assert row["published_polarity"] in POLARITIES | {""}, row


@pytest.mark.parametrize(
    "suffix, unit", [("_pct", "percent"), ("_rate_10k", "rate_per_10k"), ("_days", "days")]
)
def test_id_suffix_matches_unit(suffix, unit):
    for row in catalogue_rows():
        if row["indicator_id"].endswith(suffix):
            assert row["unit"] == unit, row


def test_every_alias_names_a_known_id_and_maps_back_to_it():
    catalogue = load_catalogue()
    for alias, indicator_id in read_aliases(ALIASES_CSV):
        assert indicator_id in catalogue.ids()
        assert (
            catalogue.match_label(alias, catalogue.indicator(indicator_id).unit).indicator_id
            == indicator_id
        ), alias


def test_indicator_record():
    indicator = load_catalogue().indicator("cpp_rate_10k")
    assert (indicator.unit, indicator.polarity, indicator.area) == (
        "rate_per_10k",
        "info",
        "child_protection",
    )
    assert indicator.source_measure == "lait:CPP_rate"
    assert indicator.published_polarity == "info"  # LAIT's '-': no direction is better
    with pytest.raises(KeyError):
        load_catalogue().indicator("no_such_id")


@pytest.mark.parametrize(
    "a, b",
    [
        ("% of contacts progressing to referral", "Percentage of contacts progressing to referral"),
        (
            "Proportion of contacts progressing to referral",
            "Percent of contacts progressing to referral",
        ),
        ("No. of CLA", "Number of looked after children"),
        ("Number of LAC", "Number of children looked after"),
        ("Number of children in care", "Num CLA"),
        ("S.47 enquiries", "Section 47 enquiries"),
        ("ICPCs in 15 wd", "Initial child protection conferences in 15 working days"),
        ("CP plans per 10k", "Child protection plans per 10,000"),
        ("C&F assessments", "C and F assessments"),
        ("Number of CIN (Corporate Plan 2016 Indicator)", "Number of children in need*"),
    ],
)
def test_wordings_that_read_the_same(a, b):
    """Spellings reports use for the same thing fold to the same label."""
    assert read_label(a).key == read_label(b).key


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        # aliases and typical wordings
        ("No. of contacts", None, "contacts"),
        ("Contacts received", None, "contacts"),
        ("Number of CLA", None, "cla_children"),
        ("LAC", None, "cla_children"),
        ("Children looked after", "count", "cla_children"),
        ("Rate of LAC per 10,000", None, "cla_rate_10k"),
        ("Re-referrals within 12 months", "percent", "re_referrals_12m_pct"),
        ("CP plans second or subsequent time", "percent", "cpp_second_time_ever_pct"),
        ("S47s", "count", "s47_started"),
        ("Section 47 enquiries", None, "s47_started"),
        ("ICPCs within 15 days", "percent", "icpc_15wd_pct"),
        ("Single assessments completed in 45 working days", "percent", "assessments_45wd_pct"),
        ("C&F assessments completed within 45 working days", None, "assessments_45wd_pct"),
        (
            "% re-referral rate in 12 months - Rolling year (Corporate Plan 2016 Indicator)",
            None,
            "re_referrals_12m_pct",
        ),
        ("Number of children subject to a child protection plan*", "count", "cpp_children"),
        ("Number of refferals", "count", "referrals"),
        # wordings no alias spells out
        ("Children becoming looked after in the month", "count", "cla_starts"),
        ("Rate of children in need per 10k population", None, "cin_rate_10k"),
        (
            "% of care leavers aged 19-21 in education, employment or training",
            "percent",
            "care_leavers_eet_pct",
        ),
        ("Children on a child protection plan per 10,000 aged 0-17", None, "cpp_rate_10k"),
        (
            "Percentage of children in care with 3 or more placement moves",
            None,
            "cla_placements_3plus_pct",
        ),
    ],
)
def test_typical_labels(label, unit, expected):
    assert match_label(label, unit).indicator_id == expected


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        ("Number of ICPCs (children) in month", "count", "icpc_children"),
        ("Number of ICPCs (children) - rolling 12 months", "count", "icpc_children_12m"),
        ("Section 47 enquiries started - rolling 12 months", "count", "s47_started_12m"),
        ("% re-referrals - current month", "percent", "re_referrals_month_pct"),
        ("% re-referrals - rolling 12 months", "percent", "re_referrals_12m_pct"),
    ],
)
def test_in_month_versus_rolling_year(label, unit, expected):
    assert match_label(label, unit).indicator_id == expected


@pytest.mark.parametrize(
    "label, expected",
    [
        ("% of children subject to a CP plan for a second time - ever", "cpp_second_time_ever_pct"),
        (
            "% of children subject to a CP plan for a second time within 2 years",
            "cpp_second_time_2y_pct",
        ),
        ("Repeat child protection plans within 24 months", "cpp_second_time_2y_pct"),
        (
            "% of children who became subject to a CPP for a second or subsequent time",
            "cpp_second_time_ever_pct",
        ),
    ],
)
def test_second_plan_ever_versus_within_two_years(label, expected):
    """A repeat plan with no window stated is the DfE measure: ever."""
    assert match_label(label, "percent").indicator_id == expected


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        ("S47 enquiries started", "count", "s47_started"),
        ("Section 47 enquiries completed in month", "count", "s47_completed"),
        ("Assessments started in month", "count", "assessments_started"),
        ("Number of assessments completed", "count", "assessments_completed"),
        (
            "% of open child protection plans lasting 2 years or more",
            "percent",
            "cpp_open_2y_plus_pct",
        ),
        ("% of ceased CP plans that lasted 2 years or more", "percent", "cpp_ceased_2y_plus_pct"),
        ("CP plans ceased in the month", "count", "cpp_ceased"),
        ("Number of children subject to CP plans", "count", "cpp_children"),
    ],
)
def test_started_completed_open_ceased(label, unit, expected):
    assert match_label(label, unit).indicator_id == expected


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        ("Average days from entering care to adoptive placement (A1)", "days", "adoption_a1_days"),
        ("Average days from placement order to match (A2)", "days", "adoption_a2_days"),
        (
            "% initial child protection conferences within 15 working days",
            "percent",
            "icpc_15wd_pct",
        ),
        (
            "% child protection review conferences held in timescale",
            "percent",
            "cpp_reviews_timely_pct",
        ),
        (
            "% of LAC initial health assessments within 20 working days",
            "percent",
            "cla_initial_health_assessments_pct",
        ),
        ("% of LAC with an up to date health assessment", "percent", "cla_health_assessments_pct"),
        ("% LAC with an up to date PEP", "percent", "cla_pep_uptodate_pct"),
        ("% of CIN with an up to date plan", "percent", "cin_uptodate_plan_pct"),
    ],
)
def test_a1_a2_initial_review_and_up_to_date(label, unit, expected):
    assert match_label(label, unit).indicator_id == expected


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        ("A2 - days (3 year average)", "days", "adoption_a2_days"),
        ("A2 - days (3 year rolling average)", "days", "adoption_a2_days"),
        ("Re-referrals within 3 years", "percent", None),  # a span, not a 3 year average
        (
            "NI 147 Care leavers in suitable accommodation",
            "percent",
            "care_leavers_suitable_accommodation_pct",
        ),
        ("NI 148 Care leavers in EET (%)", "percent", "care_leavers_eet_pct"),
        ("NI 62 Stability of placements: number of moves", "percent", "cla_placements_3plus_pct"),
        (
            "NI 63 Stability of placements: length of placement",
            "percent",
            "cla_long_term_stability_pct",
        ),
        (
            "NI 147 Care leavers in unsuitable accommodation",
            "percent",
            "care_leavers_unsuitable_accommodation_pct",
        ),
        (
            "Care leavers not in suitable accommodation",
            "percent",
            "care_leavers_unsuitable_accommodation_pct",
        ),
        ("Children in independent fostering placements", "percent", "cla_ifa_placements_pct"),
        ("Children in independent fostering placements", "count", "cla_ifa_placements"),
        ("Children in in-house fostering placements", "percent", None),
        ("Children in our care", "count", "cla_children"),
        ("Children in our care", "rate_per_10k", "cla_rate_10k"),
        ("CLA statutory visits in time", "percent", "cla_visits_timely_pct"),
        ("Time in care", "days", None),
    ],
)
def test_scorecard_qualifiers_national_indicator_codes_and_placement_types(label, unit, expected):
    """A '3 year average' qualifier and an 'NI 147' code are dropped; 'not in suitable' is
    'unsuitable'."""
    assert match_label(label, unit).indicator_id == expected


@pytest.mark.parametrize(
    "label, unit",
    [
        ("Percentage of single assessments completed within 10 days", "percent"),
        ("Percentage of single assessments completed within 11-25 days", "percent"),
        ("Percentage of single assessments completed over 45 working days", "percent"),
        ("Av. no. cases in CIN North Teams", "average"),
        ("(1) POLICE - Total Contacts", "count"),
        ("Number of Looked after Children with an authorised CLA plan", "count"),
        ("% adoptions completed within 12 months of SHOBPA", "count"),
        ("Number of potholes repaired", None),
        ("Trauma Informed Practice", "count"),
        ("", None),
    ],
)
def test_labels_that_name_no_indicator_are_left_blank(label, unit):
    """Time bands, localities, breakdowns and unrelated rows get no id rather than a near one."""
    assert match_label(label, unit).indicator_id is None


@pytest.mark.parametrize(
    "label, unit",
    [
        ("Assessments", "count"),
        ("Number of assessments", "count"),
        ("Number of referrals / Rate of referral to Social Care per 10,000 children", None),
    ],
)
def test_ambiguous_label_is_left_blank_with_candidates(label, unit):
    found = match_label(label, unit)
    assert found.indicator_id is None
    assert len(found.candidates) >= 2 and found.score > 0


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        (
            "Number of referrals / Rate of referral to Social Care per 10,000 children",
            "count",
            "referrals",
        ),
        (
            "Number of referrals / Rate of referral to Social Care per 10,000 children",
            "rate_per_10k",
            "referrals_rate_10k",
        ),
        (
            "No. of children looked after / rate of children looked after per 10,000 population",
            "count",
            "cla_children",
        ),
        (
            "No. of children looked after / rate of children looked after per 10,000 population",
            "rate_per_10k",
            "cla_rate_10k",
        ),
    ],
)
def test_unit_picks_the_indicator_of_a_combined_label(label, unit, expected):
    found = match_label(label, unit)
    assert found.indicator_id == expected
    assert all(load_catalogue().indicator(i).unit == unit for i, _ in found.candidates)


def test_unit_is_inferred_from_the_label():
    assert match_label("Number of children looked after").indicator_id == "cla_children"
    assert match_label("Children looked after per 10,000 children").indicator_id == "cla_rate_10k"
    assert match_label("% of children looked after who are UASC").indicator_id == "cla_uasc_pct"


def test_candidates_are_ranked_top_five():
    found = match_label("Number of looked after children", "count")
    scores = [s for _, s in found.candidates]
    assert len(found.candidates) <= 5 and scores == sorted(scores, reverse=True)
    assert found.candidates[0] == ("cla_children", found.score)


def test_context_is_tried_when_the_label_alone_fails():
    assert match_label("Completed", "count").indicator_id is None
    assert (
        match_label("Completed", "count", context="Section 47 enquiries").indicator_id
        == "s47_completed"
    )


def test_learned_alias_wins():
    base = Catalogue(read_indicators(), read_aliases())
    learned = base.with_aliases(
        {"Bairns in our care (snapshot)": "cla_children", "LAC": "cla_rate_10k"}
    )
    assert learned.match_label("Bairns in our care (snapshot)").indicator_id == "cla_children"
    assert learned.match_label("Bairns in our care (snapshot)").score == 1.0
    assert learned.match_label("LAC").indicator_id == "cla_rate_10k"
    assert base.match_label("LAC").indicator_id == "cla_children"


def test_names_only_catalogue_still_matches_plain_names():
    names_only = Catalogue(read_indicators())
    assert (
        names_only.match_label("Number of children looked after", "count").indicator_id
        == "cla_children"
    )


def test_matching_5000_labels_is_fast():
    catalogue = Catalogue(read_indicators(), read_aliases())
    labels = [alias for alias, _ in read_aliases()][:250] * 20
    start = time.perf_counter()
    for label in labels:
        catalogue.match_label(label)
    assert time.perf_counter() - start < 1.0


@settings(max_examples=300, deadline=None)
@given(
    st.text(),
    st.sampled_from([None, "count", "percent", "rate_per_10k", "days", "average", "ratio"]),
    st.text(),
)
def test_match_label_never_raises_and_scores_in_unit_interval(label, unit, context):
    found = match_label(label, unit, context)
    assert 0.0 <= found.score <= 1.0
    assert all(0.0 <= s <= 1.0 for _, s in found.candidates) and len(found.candidates) <= 5
    assert found.indicator_id is None or found.indicator_id in load_catalogue().ids()


# -- synonym families of the sector's vocabulary (one test per family)


@pytest.mark.parametrize(
    "label",
    [
        "Looked after 2.5 years+ and in the same placement for 2 years",
        "Children looked after for 2.5 years or more, in the same placement for 2 years",
    ],
)
def test_decimal_time_spans_are_one_span(label):
    """Quirk: '2.5 years' was read as a span of 5 years (60 months) and a stray word '2', so the
    long-term stability measure (looked after 2.5 years or more, same placement for 2 years) was
    ruled out."""
    assert match_label(label, "percent").indicator_id == "cla_long_term_stability_pct"
    assert "60m" not in dict(read_label(label).markers).get("durations", ())


@pytest.mark.parametrize(
    "label, expected",
    [
        ("Care leavers aged 19-21", "care_leavers"),
        ("Care leavers 19 to 21", "care_leavers"),
        ("Care leavers aged 17 to 18", "care_leavers_17_18"),
        ("Care leavers 17-18", "care_leavers_17_18"),
        (
            "Care leavers 19-21 in suitable accommodation (%)",
            "care_leavers_suitable_accommodation_pct",
        ),
    ],
)
def test_an_age_band_is_a_marker_not_a_word(label, expected):
    """The DfE's care leavers are those aged 19 to 21; the 17-18 cohort is its own indicator, so a
    band names one and rules the other out, and '19-21' is no unknown word against the name."""
    assert match_label(label).indicator_id == expected


def test_an_age_band_is_not_a_span_of_days():
    assert (
        dict(read_label("ICPCs held 11-15 working days after the strategy").markers).get("ages")
        is None
    )


@pytest.mark.parametrize(
    "label", ["S47 enquiries over the past 12 months", "Section 47 enquiries (previous 12 months)"]
)
def test_the_last_12_months_is_a_rolling_year(label):
    """A count 'in the last 12 months' is the rolling year's count, not the rate the catalogue
    names 'rolling 12 months' too."""
    assert match_label(label).indicator_id == "s47_started_12m"
    assert match_label(label, "count").indicator_id == "s47_started_12m"


def test_a_rate_needs_its_unit_stated():
    """A label that names no unit, read without one, is not taken for a rate per 10,000 when a count
    of the topic reads as well."""
    found = match_label("Section 47 enquiries rolling 12 months")
    assert found.indicator_id == "s47_started_12m"
    assert dict(found.candidates)["s47_rate_10k"] < found.score


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        ("Statutory visits to children on a CP plan in time", None, "cpp_visits_timely_pct"),
        ("Completed statutory assessments", "count", "assessments_completed"),
        ("Contacts received by Children's Services", None, "contacts"),
        ("Referrals to children's services", "count", "referrals"),
    ],
)
def test_statutory_and_childrens_services_add_nothing(label, unit, expected):
    """'Statutory' (visits, assessments) and 'Children's Services' (the department) name no
    indicator of their own."""
    assert match_label(label, unit).indicator_id == expected


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        ("Section 47 enquiries this month", None, "s47_started"),
        ("S47 enquiries YTD", "count", "s47_started"),
        ("Section 47 enquiries in the month", "count", "s47_started"),
    ],
)
def test_a_figure_s_own_period_does_not_hide_its_alias(label, unit, expected):
    """'in month' or 'YTD' dates the figure: 'S47 enquiries in month' is still the alias 'Section 47
    enquiries' (started), not a tie between started and completed."""
    assert match_label(label, unit).indicator_id == expected


@pytest.mark.parametrize(
    "label, expected",
    [
        ("Open CIN cases", "cin_children"),
        ("Children in need: all open cases", "cin_children"),
        ("Number of open children in need cases", "cin_children"),
        ("CIN open cases (excluding CP and LAC)", "cin_excl_cpp_cla"),
        ("Open child in need cases excluding CPP and CLA", "cin_excl_cpp_cla"),
    ],
)
def test_open_cin_cases_are_children_in_need_by_the_dfe_definition(label, expected):
    """Decision: the DfE counts children in need as the episodes of need open at the period end, CP
    and looked after children included (catalogue.csv, cin_children); only a printed exclusion
    names cin_excl_cpp_cla."""
    assert match_label(label, "count").indicator_id == expected


# -- label_indicators: what a report's own figures and neighbouring labels tell the matcher


def _observations(label: str, figures: dict[str, list[float]]) -> list[Observation]:
    """One label's figures by measure, for authorities A1..An (benchmarking rows)."""
    return [
        Observation(authority=f"Authority {n}", indicator_label=label, measure=measure, value=v)
        for measure, values in figures.items()
        for n, v in enumerate(values)
    ]


def _ids(observations: list[Observation]) -> set[tuple[str, str]]:
    label_indicators(observations)
    return {(o.indicator_id, o.unit) for o in observations}


def test_figures_with_fractions_are_no_count():
    """Quirk: a label printed with no unit ties its count and percentage; figures such as 77.1 and
    80.5 cannot be a count."""
    label = "ICPCs resulting in a CP plan"
    assert _ids(_observations(label, {"actual": [77.1, 80.5, 85.0]})) == {
        ("icpc_to_cpp_pct", "percent")
    }


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        ("Assessments within timescale (45 working days)", None, "assessments_45wd_pct"),
        ("ICPCs held in 15 working days", None, "icpc_15wd_pct"),
        ("Assessments within timescale (45 working days)", "count", "assessments_45wd"),
        ("No. of ICPCs held in 15 working days", None, "icpc_15wd"),
    ],
)
def test_a_timeliness_label_with_no_unit_is_the_percentage(label, unit, expected):
    """Quirk: a benchmarking table prints whole percentages with no unit ('83') under a timeliness
    label; timeliness is reported as a percentage, its count named 'Number of'."""
    assert match_label(label, unit).indicator_id == expected


def test_an_england_average_beside_counts_keeps_the_count():
    """Quirk: benchmarking packs print England's average per authority (930) beside the
    authorities' counts: it says nothing of the unit."""
    rows = _observations(
        "Children in need", {"actual": [1459, 1582, 2814, 1112], "england_avg": [930]}
    )
    assert _ids(rows) == {("cin_children", "count")}


def test_figures_above_100_are_no_percentage():
    label = "Children subject to a second CP plan (ever)"
    assert _ids(_observations(label, {"actual": [112, 130, 98]})) == {
        ("cpp_second_time_ever", "count")
    }


def test_whole_figures_under_100_without_a_benchmark_stay_unsure():
    """Small whole numbers may be a count or a percentage: the tie stays unmapped."""
    label = "Children subject to a second CP plan (ever)"
    assert {i for i, _ in _ids(_observations(label, {"actual": [12, 30, 18]}))} == {""}


def test_a_label_stating_the_dfe_definition_contrasts_an_unqualified_one():
    """Quirk: a book prints 'Number of CIN (inc. CPP as per DfE definition)' and, beside it, a
    smaller 'Open CIN cases': the second is the other count, children in need less CP and looked
    after children; alone, it is the DfE count."""
    dfe = _observations("Number of CIN (inc. CPP as per DfE definition)", {"actual": [1966]})
    local = _observations("Open CIN cases", {"actual": [1685]})
    label_indicators(dfe + local)
    assert [o.indicator_id for o in dfe + local] == ["cin_children", "cin_excl_cpp_cla"]
    alone = _observations("Open CIN cases", {"actual": [1685]})
    assert _ids(alone) == {("cin_children", "count")}


@pytest.mark.parametrize(
    "label, expected",
    [
        ("A1 (days)", "adoption_a1_days"),
        ("A2 - average days", "adoption_a2_days"),
        ("Avg days from care entry to living with adopters (A1)", "adoption_a1_days"),
        ("A1 Contacts received by the front door team", ""),
    ],
)
def test_adoption_scorecard_codes_name_their_indicator(label, expected):
    """The adoption scorecard's A1 and A2 name their measure when the label is in days; a local row
    code 'A1' before another label does not."""
    assert {i for i, _ in _ids(_observations(label, {"actual": [480, 510]}))} == {expected}


@pytest.mark.parametrize(
    "label, unit",
    [("Visits to somewhere within 20 working days", "count"), ("Average days waiting", "days")],
)
def test_an_unmapped_label_s_unit_is_days_only_for_a_measure_in_days(label, unit):
    """Quirk: an unmapped label with a timescale ('within 20 working days') was given unit days."""
    rows = _observations(label, {"actual": [40, 42]})
    assert _ids(rows) == {("", unit)}


def test_one_authority_s_rate_benchmark_beside_its_count_keeps_the_count():
    """Quirk: a monthly dataset prints its count of looked after children (526) beside England's
    rate (478): one authority's figures say nothing of the unit, so the count stands."""
    rows = [
        Observation(authority="Southampton", indicator_label="Looked after children", value=v)
        for v in (526, 515)
    ] + [
        Observation(
            authority="Southampton",
            indicator_label="Looked after children",
            measure="england_avg",
            value=478,
        )
    ]
    assert {o.indicator_id for o in (label_indicators(rows) or rows)} == {"cla_children"}


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        (
            "Percentage of assessments closed with no further action",
            None,
            "assessment_outcome_nfa_pct",
        ),
        ("Assessments: outcome NFA", "percent", "assessment_outcome_nfa_pct"),
        ("Referrals ending in no further action (%)", None, "referrals_nfa_pct"),
    ],
)
def test_no_further_action_is_an_outcome_not_a_closure(label, unit, expected):
    """Quirk: 'closed with no further action' read 'closed' as the end of a case, ruling out the
    assessment outcome (completed assessments) and leaving the referrals' NFA to win."""
    catalogue = Catalogue(read_indicators())  # names only: no alias spells these out
    assert catalogue.match_label(label, unit).indicator_id == expected


@pytest.mark.parametrize(
    "label, expected",
    [
        ("Placement stability (short-term): 3 or more placements", "cla_placements_3plus_pct"),
        (
            "Short term stability - looked after children with 3+ placements",
            "cla_placements_3plus_pct",
        ),
    ],
)
def test_short_term_stability_is_never_long_term(label, expected):
    """'Short-term placement stability' (3 or more moves) and 'long-term stability' (same
    placement for 2 years) contradict each other."""
    found = match_label(label, "percent")
    assert found.indicator_id == expected
    assert "cla_long_term_stability_pct" not in dict(found.candidates)


@pytest.mark.parametrize(
    "label, unit, expected",
    [
        ("Children entering care", None, "cla_starts"),
        ("Number of children coming into care", "count", "cla_starts"),
        ("Adoption orders made", "count", "adoptions"),
    ],
)
def test_entering_care_and_adoption_orders(label, unit, expected):
    catalogue = Catalogue(read_indicators())  # names only
    assert catalogue.match_label(label, unit).indicator_id == expected


def test_a_rate_is_suggested_but_never_mapped_from_a_label_that_states_no_unit():
    """Quirk: 'Referrals (rolling 12 months)' read as the rate per 10,000 whose alias says 'rolling
    12 month performance': every rate's name and alias says 'per 10,000' or 'rate', so a label that
    says neither is left for a person (or the column's unit) to decide."""
    label = "Referrals received (rolling 12 months)"
    found = match_label(label)
    assert found.indicator_id is None and "referrals_rate_10k" in dict(found.candidates)
    assert match_label(label, "rate_per_10k").indicator_id == "referrals_rate_10k"


@pytest.mark.parametrize(
    "label, expected",
    [("Looked after children - n", "cla_children"), ("Children in need - #", "cin_children")],
)
def test_n_and_hash_sub_headings_are_notation(label, expected):
    """A grouped header's 'n' or '#' under a label is the count's notation, so the label's main
    part names the indicator."""
    assert _ids(_observations(label, {"actual": [512, 530]})) == {(expected, "count")}


@pytest.mark.parametrize(
    "label",
    [
        "Short-term placement stability (3+ moves) - n of N - IN MONTH PERFORMANCE",
        "Short-term placement stability (3+ moves) - % - Year to date performance",
        "Short-term placement stability (3+ moves) - n of N - Monthly figures",
    ],
)
def test_a_section_of_the_period_read_is_notation(label):
    """A section label naming only which period the figures are ('IN MONTH PERFORMANCE', 'Year to
    date performance') joined after a grouped header's 'n of N' or '%' leaves the name to name
    the indicator."""
    assert _ids(_observations(label, {"actual": [12.3, 10.1]})) == {
        ("cla_placements_3plus_pct", "percent")
    }


@pytest.mark.parametrize(
    "label, values, expected",
    [
        (
            "Child protection - % of ICPCs held within 15 working days",
            [84.5, 90.2],
            "icpc_15wd_pct",
        ),
        ("Safeguarding - Number of children in need", [1840, 1902], "cin_children"),
        ("Front door / MASH - Referrals to children's social care", [410, 388], "referrals"),
        ("Children in care - Number of children looked after", [512, 530], "cla_children"),
    ],
)
def test_a_section_heading_of_the_name_s_area_heads_the_row(label, values, expected):
    """Quirk: a section row joined before its label ('Child protection - % ICPCs within 15 working
    days') added 'child protection' to the label and pulled it to ICPCs leading to a plan, or left
    it unmapped; a heading of the name's own service area only heads the row."""
    assert {i for i, _ in _ids(_observations(label, {"actual": values}))} == {expected}


def test_a_section_that_qualifies_the_name_is_read_with_it():
    """'CSE - Number of referrals' is not a heading: the section narrows the name."""
    assert {i for i, _ in _ids(_observations("CSE - Number of referrals", {"actual": [12]}))} == {
        "cse_referrals"
    }


def test_figures_over_100_do_not_make_an_unnamed_rate():
    """Quirk: 'Referrals (rolling 12 months)' printing 309 and 432 rules out a percentage, and read
    in the two units left the rate's alias won: a rate the label does not name needs figures that
    rule out a count too."""
    label = "Referrals received (rolling 12 months)"
    assert {i for i, _ in _ids(_observations(label, {"actual": [309, 432]}))} == {"referrals"}
    rates = _observations(label, {"actual": [30.9, 43.2]})
    assert {i for i, _ in _ids(rates)} == {"referrals_rate_10k"}


@pytest.mark.parametrize(
    "label, plain",
    [
        ("Children in care: end of month", "Children in care"),
        ("Cared for children: month figure", "Cared for children"),
        ("Children in care snapshot", "Children in care"),
        ("S47s: month total", "S47s"),
        ("Contacts (quarter end)", "Contacts"),
        ("Referrals: monthly figures", "Referrals monthly"),
    ],
)
def test_words_that_only_date_or_sum_a_figure_are_not_its_words(label, plain):
    """Quirk: "month figure", "end of month", "snapshot" and "month total" are in no indicator's
    name; read as words they counted against the plain indicator of the label."""
    assert (read_label(label).words, read_label(label).markers) == (
        read_label(plain).words,
        read_label(plain).markers,
    )


def test_a_count_of_full_time_equivalents_is_its_own_kind():
    """Every count the catalogue names in FTE is of that kind; no other indicator is."""
    catalogue = load_catalogue()
    fte = {i for i in catalogue.ids() if catalogue.kind(i) == "fte"}
    named = {i.id for i in read_indicators() if i.unit == "count" and "(FTE)" in i.name}
    assert fte == named and fte


@pytest.mark.parametrize(
    "label, values, expected",
    [
        ("Agency social workers (FTE)", [12.5, 13.0], ("sw_agency_fte", "count")),
        ("Vacancies (FTE)", [12.5, 13.0], (None, "count")),
        ("Social workers FTE", [112.5, 113.0], ("sw_fte", "count")),
        ("Full time equivalent social workers", [12.5], ("sw_fte", "count")),
    ],
)
def test_fractions_are_no_whole_count_but_may_be_full_time_equivalents(label, values, expected):
    """Quirk: 'Agency social workers (FTE)' printing 12.5 was saved as the percentage of agency
    social workers, and 'Vacancies (FTE)' as the vacancy rate: a fraction ruled out every count,
    FTE counts too, and the label re-read as a percentage matched its alias."""
    found = _ids(_observations(label, {"actual": values}))
    assert found == {(expected[0] or "", expected[1])}


@pytest.mark.parametrize(
    "a, b",
    [
        ("CL in EET", "Care leavers in EET"),
        ("Social workers leaving (FTE)", "Social worker leavers (FTE)"),
        ("Full-time equivalent social workers", "Social workers FTE"),
    ],
)
def test_sector_abbreviations_read_the_same(a, b):
    """CL is the care leavers; leaving and leavers are one word; FTE is full-time equivalent."""
    assert read_label(a).key == read_label(b).key
