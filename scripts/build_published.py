"""Build data/reference/published_figures.csv.gz and published_measures.csv from the DfE's published
figures.

Sources (Open Government Licence v3.0, never copied into the repo): lait/bds_long_0.parquet and
lait/lait_data_dictionary.csv (the Local Authority Interactive Tool's panel, 2016 on, and its
dictionary: names, topics, polarity, year type, descriptions); the explore-education-statistics
files in csc-outcomes-enablers/ (children in need b1, c1, c3, d3, d5 from 2013; children looked
after, placement stability and care leavers from 2021; social work workforce from 2017). LAIT and
EES below map each source measure to a catalogue id and a period; a figure that both give is kept
once, from the EES file. With --update-catalogue the catalogue's published_polarity,
published_definition and empty source_measure cells are refreshed from the LAIT dictionary. Codes
and names come from <out>/local_authorities.csv: run scripts/build_reference.py first. Council
figures outside the council's lifetime are dropped, and a measure-year whose council figures all
equal England's is left out and listed in published_omissions.csv (reference/rules.py). Usage:
python scripts/build_published.py [--source DIR] [--out DIR] [--update-catalogue]

"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
from build_reference import DEFAULT_SOURCE, ENGLAND, LEVELS, REPO, Codes, read_regions, write

sys.path.insert(0, str(REPO))
from interpreter.observation import COLUMNS as OBSERVATION_COLUMNS  # noqa: E402
from reference.rules import OMISSION_COLUMNS, all_equal_to_england, leave_out, within_lifetime  # noqa: E402

CATALOGUE = REPO / "indicators" / "catalogue.csv"
LAIT_FILE, DICTIONARY = "lait/bds_long_0.parquet", "lait/lait_data_dictionary.csv"
LAIT_SOURCE = "DfE LAIT bds_long_0.parquet"
COLUMNS = [*OBSERVATION_COLUMNS, "geographic_level"]  # the contract, then the published level
MEASURE_COLUMNS = [
    "source",
    "source_measure",
    "indicator_id",
    "label",
    "unit",
    "polarity",
    "period_type",
    "definition",
]
# EES: suppressed, not available, not applicable, ...
SYMBOLS = {"c", "x", "z", "low", "~", ":", "u", "k"}
FY, MARCH, SEPT = "financial_year", "as_at_31_march", "as_at_30_september"
YEAR_TYPES = {"Financial Year": FY, "Annual": MARCH, "Annual (end of Sept)": SEPT}
POLARITY = {"High": "high", "Low": "low", "-": "info"}
# LAIT's codes of England and regions
LAIT_PLACES = {"970": ENGLAND} | dict(
    zip(
        map(str, range(980, 991)),
        (
            "E12000001",
            "E12000002",
            "E12000003",
            "E12000004",
            "E12000005",
            "E12000006",
            "E12000007",
            "E13000001",
            "E13000002",
            "E12000008",
            "E12000009",
        ),
    )
)

# LAIT measure (Short Desc) -> catalogue id: every children's social care measure of the topics
# Child
# Protection, Children in Need, Children Looked After, Adoption and Children's Services Workforce,
# except school results and attendance (Year_Type 'Academic Year'). Finance (in pounds) is left out.
LAIT = {
    "CPP_Total_NumRef": "referrals",
    "CPP_Total_Rateper10,000": "referrals_rate_10k",
    "ReReferral": "re_referrals_12m_pct",
    "CIN_Refferals_NFA": "referrals_nfa_pct",
    "Referrals_AssessedNotNeed": "referrals_assessed_not_in_need_pct",
    "Continue_Assess_Comp": "assessments_45wd_pct",
    "Section_47": "s47_rate_10k",
    "ISCP_Conf": "icpc_rate_10k",
    "CP_conf_15days": "icpc_15wd_pct",
    "10_ICPC": "icpc_0_10wd",
    "15_ICPC": "icpc_11_15wd",
    "20_ICPC": "icpc_16_20wd",
    "21_ICPC": "icpc_21wd_plus",
    "CPP_Num": "cpp_children",
    "CPP_rate": "cpp_rate_10k",
    "CPP_Abuse": "cpp_starts",
    "CPP_Abuse_Rate": "cpp_starts_rate_10k",
    "DeRegCPR": "cpp_ceased_rate_10k",
    "ReRegCPR": "cpp_second_time_ever",
    "PrevRegCPR": "cpp_second_time_ever_pct",
    "CPPlans2yrsActive": "cpp_open_2y_plus_pct",
    "CPPlans2yrs": "cpp_ceased_2y_plus_pct",
    "CPRDuration": "cpp_ceased_2y_plus",
    "CPP_31March_3MnthorMore": "cpp_open_3m_plus",
    "CPP_Reviewed_InReqTimeScl": "cpp_reviews_timely",
    "RevCP": "cpp_reviews_timely_pct",
    "CareApplications": "care_applications_rate_10k",
    "CIN": "cin_rate_10k",
    "CINTime3months": "cin_open_under_3m_pct",
    "CINTime3-6": "cin_open_3_6m_pct",
    "CINTime6-1": "cin_open_6_12m_pct",
    "CINTime1-2": "cin_open_1_2y_pct",
    "CINTime2more": "cin_open_2y_plus_pct",
    "CINCease3months": "cin_ceased_under_3m_pct",
    "CINCease3-6": "cin_ceased_3_6m_pct",
    "CINCease6-1": "cin_ceased_6_12m_pct",
    "CINCease1-2": "cin_ceased_1_2y_pct",
    "CINCease2more": "cin_ceased_2y_plus_pct",
    "LACnum": "cla_children",
    "LAC": "cla_rate_10k",
    "LACnum_Start": "cla_starts",
    "LAC_Start_Rate": "cla_starts_rate_10k",
    "LACceased": "cla_ceased",
    "LAC_Cease_Rate": "cla_ceased_rate_10k",
    "Unacc_Asylmn_Seek_Childn": "cla_uasc",
    "Unacc_Asylmn_Seek_Childn%": "cla_uasc_pct",
    "UASC_%_Starting": "cla_starts_uasc_pct",
    "LACStable_2016on": "cla_placements_3plus_pct",
    "LACStableNum_2016on": "cla_placements_3plus",
    "LAC_LongStable%": "cla_long_term_stability_pct",
    "LAC_LongStableNum": "cla_long_term_stability",
    "Stability_School": "cla_school_moves_pct",
    "Stability_SocialWorker": "cla_social_worker_changes_pct",
    "LAC_Foster_Placements": "cla_foster_pct",
    "LAC_Parents_OR_Others": "cla_placed_with_parents_pct",
    "LAC_SecHome_And_ChildHome": "cla_childrens_homes_pct",
    "LAC_Other_Res_Settings": "cla_other_residential_pct",
    "LAC_Ind_SInd_Liv_Arr": "cla_independent_living_pct",
    "LAC_Other_Place_Inc_Unreg": "cla_other_placements_pct",
    "LACDistance": "cla_placed_20_miles_pct",
    "Children_missing": "cla_missing_pct",
    "Children_Away": "cla_away_pct",
    "LACHealth%": "cla_health_assessments_pct",
    "LACDental%": "cla_dental_checks_pct",
    "LACVaccinations%": "cla_immunisations_pct",
    "LACSubstance": "cla_substance_misuse_pct",
    "Emotional_LAC": "cla_sdq_avg",
    "LAC_Convictions": "cla_convictions_pct",
    "LAC_RetHome_CarePlan_%": "cla_ceased_home_planned_pct",
    "LAC_RetHome_Not_CarePlan_%": "cla_ceased_home_unplanned_pct",
    "LAC_ceased_CAO%": "cla_ceased_cao_pct",
    "LAC_ceased_SGO": "sgo_granted",
    "LAC_ceased_SGO%": "cla_ceased_sgo_pct",
    "LAC_SGO_FFC_Rel%": "sgo_foster_carer_relative_pct",
    "LAC_SGO_FFC_Oth%": "sgo_foster_carer_other_pct",
    "LAC_SGO_Car_Rel%": "sgo_relative_friend_pct",
    "Number_Foster_Places(New)": "foster_places",
    "Number_Foster_Places_Filled(New)": "foster_places_filled",
    "No_of LAC Adopted": "adoptions",
    "%_of LAC Adopted": "cla_ceased_adoption_pct",
    "LACnum_Adopt_AppUnop": "adoptions_unopposed",
    "LAC%_Adopt_AppUnop": "adoptions_unopposed_pct",
    "LACnum_Adopt_ConsentDisp": "adoptions_consent_dispensed",
    "LAC%_Adopt_ConsentDisp": "adoptions_consent_dispensed_pct",
    "NoCareLeavers": "care_leavers",
    "CareLeaverAcc": "care_leavers_suitable_accommodation_pct",
    "NoCareLeaverAcc": "care_leavers_suitable_accommodation",
    "CareLeaverEET": "care_leavers_eet_pct",
    "CareLeaverEETNum": "care_leavers_eet",
    "CareLeaversNEET": "care_leavers_neet_pct",
    "LAC_19_HE": "care_leavers_higher_education_pct",
    "LAC_19_HE_Num": "care_leavers_higher_education",
    "CareLeavers_LA_NotInTouch": "care_leavers_not_in_touch_pct",
    "StayingPut": "care_leavers_staying_put_pct",
    "Work_Force_NoSW": "sw_fte",
    "Social_Work_Starters": "sw_starters_fte",
    "Social_Work_Leavers": "sw_leavers_fte",
    "Work_Force_TO_Rate": "sw_turnover_pct",
    "Work_Force_Agecy_Rate": "sw_agency_pct",
    "Work_Force_AgencyCover": "sw_agency_covering_vacancies_pct",
    "Work_Force_Vac_Rate": "sw_vacancy_rate_pct",
    "Vacancies_cover": "sw_vacancies_agency_covered_pct",
    "Work_Force_Num_CaseHeld": "sw_cases",
    "Work_Force_AvgNumCase_SW": "caseload_avg",
    "Social_Work_Caseholders_%": "sw_caseholders_pct",
    "Social_Work_Qualified_no_cases_%": "sw_qualified_no_cases_pct",
    "Social_Work_SeniorPractitioner_%": "sw_senior_practitioners_pct",
    "Work_Force_SWAbsence": "sw_absence_rate_pct",
}
# Measures the dictionary gives the year type 'Financial Year' but whose figures are counted on 31
# March.
AT_31_MARCH = {
    "CPPlans2yrsActive",
    "CPP_31March_3MnthorMore",
    "Unacc_Asylmn_Seek_Childn",
    "Unacc_Asylmn_Seek_Childn%",
    "LAC_LongStable%",
    "LAC_LongStableNum",
    "LAC_Foster_Placements",
    "LAC_Parents_OR_Others",
    "LAC_SecHome_And_ChildHome",
    "LAC_Other_Res_Settings",
    "LAC_Ind_SInd_Liv_Arr",
    "LAC_Other_Place_Inc_Unreg",
    "LACDistance",
    "Number_Foster_Places(New)",
    "Number_Foster_Places_Filled(New)",
    "CINTime3months",
    "CINTime3-6",
    "CINTime6-1",
    "CINTime1-2",
    "CINTime2more",
}


@dataclass(frozen=True)
class EesFile:
    """One explore-education-statistics file; `pivot` columns name the breakdown of a long-format
    file."""

    name: str
    publication: str
    pivot: tuple[str, ...] = ()


CIN_PUB, CLA_PUB = (
    "Children in need 2013 to 2025",
    "Children looked after in England including adoptions",
)
EES_FILES = {
    "b1": EesFile("b1_children_in_need_2013_to_2025.csv", CIN_PUB),
    "c1": EesFile("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", CIN_PUB),
    "c3": EesFile("c3_factors_identified_at_end_of_assessment_2018_to_2025.csv", CIN_PUB),
    "d3": EesFile("d3_cpps_subsequent_plan_2013_to_2025.csv", CIN_PUB),
    "d5": EesFile("d5_cpps_at31march_by_duration_2013_to_2025.csv", CIN_PUB),
    "cla_number_and_rate": EesFile(
        "cla_number_and_rate_per_10k_children.csv", CLA_PUB, ("population_type",)
    ),
    "placement_stability": EesFile(
        "la_cla_placement_stability.csv", CLA_PUB, ("cla_group", "placement_stability")
    ),
    "care_leavers_accommodation": EesFile(
        "la_care_leavers_accommodation_suitability.csv", CLA_PUB, ("care_leaver_age", "breakdown")
    ),
    "care_leavers_activity": EesFile(
        "la_care_leavers_activity.csv", CLA_PUB, ("care_leaver_age", "breakdown")
    ),
    "csww": EesFile(
        "csww_indicators_2017_to_2025.csv", "Children's social work workforce 2017 to 2025"
    ),
}


@dataclass(frozen=True)
class EesMeasure:
    """A column (for long files: breakdown values and column joined by '|') of one EES file, as one
    catalogue id."""

    file: str
    column: str
    indicator_id: str
    kind: str
    numerator: str = ""
    denominator: str = ""


def ees_measures() -> list[EesMeasure]:
    """Every EES column the build keeps (headcounts, population estimates and totals used as
    denominators are not)."""
    out = [
        EesMeasure("b1", column, iid, kind)
        for column, iid, kind in (
            ("Anypoint_child", "cin_children_in_year", FY),
            ("Anypoint_episodes", "cin_episodes_in_year", FY),
            ("Started_child", "cin_children_started", FY),
            ("Started_episodes", "cin_episodes_started", FY),
            ("Ended_child", "cin_children_ended", FY),
            ("Ended_episodes", "cin_episodes_ended", FY),
            ("At31_episodes", "cin_children", MARCH),
            ("awaiting_assessment", "cin_awaiting_assessment", MARCH),
        )
    ]
    out += [
        EesMeasure("c1", column, iid, FY, *parts)
        for column, iid, *parts in (
            ("referral_count", "referrals"),
            ("rereferral_count", "re_referrals_12m"),
            ("rereferral_percent", "re_referrals_12m_pct", "rereferral_count", "referral_count"),
            ("no_further_action_count", "referrals_nfa"),
            (
                "no_further_action_percent",
                "referrals_nfa_pct",
                "no_further_action_count",
                "referral_count",
            ),
            ("not_in_need_count", "referrals_assessed_not_in_need"),
            (
                "not_in_need_percent",
                "referrals_assessed_not_in_need_pct",
                "not_in_need_count",
                "referral_count",
            ),
            ("referral_child_count", "referrals_children"),
            ("rereferral_child_count", "re_referrals_12m_children"),
            (
                "rereferral_child_percent",
                "re_referrals_12m_children_pct",
                "rereferral_child_count",
                "referral_child_count",
            ),
        )
    ]
    out += [EesMeasure("c3", column, assessment_factor_id(column), FY) for column in C3_COLUMNS]
    out += [
        EesMeasure("d3", "CPP_start", "cpp_starts", FY),
        EesMeasure("d3", "CPP_subsequent", "cpp_second_time_ever", FY),
        EesMeasure(
            "d3",
            "CPP_subsequent_percent",
            "cpp_second_time_ever_pct",
            FY,
            "CPP_subsequent",
            "CPP_start",
        ),
        EesMeasure("d5", "CPP_At31", "cpp_children", MARCH),
    ]
    for column, iid in (
        ("3_months_or_less", "cpp_open_3m_or_less"),
        ("more_than_3_months_6_months", "cpp_open_3_6m"),
        ("more_than_6_months_less_than_1_year", "cpp_open_6_12m"),
        ("1_year_less_than_2_years", "cpp_open_1_2y"),
        ("2_years_or_more", "cpp_open_2y_plus"),
    ):
        out += [
            EesMeasure("d5", column, iid, MARCH),
            EesMeasure("d5", f"{column}_percent", f"{iid}_pct", MARCH, column, "CPP_At31"),
        ]
    for group, (count, rate, kind) in {
        "Children looked after on 31 March each year": ("cla_children", "cla_rate_10k", MARCH),
        "Children starting to be looked after each year": ("cla_starts", "cla_starts_rate_10k", FY),
        "Children ceasing to be looked after each year": ("cla_ceased", "cla_ceased_rate_10k", FY),
    }.items():
        out += [
            EesMeasure("cla_number_and_rate", f"{group}|children_count", count, kind),
            EesMeasure(
                "cla_number_and_rate",
                f"{group}|rate_per_10000",
                rate,
                kind,
                f"{group}|children_count",
                f"{group}|population_estimate",
            ),
        ]
    for group, breakdown, iid, kind in (
        (
            "CLA on 31 March",
            "With 3 or more placements during the year",
            "cla_placements_3plus",
            FY,
        ),
        (
            "CLA 2 years on 31 March",
            "With 3 or more placements during the previous 2 years",
            "cla_placements_3plus_2y",
            MARCH,
        ),
        (
            (
                "Children looked after continuously for at least 2.5 years on 31 March aged under "
                "16 years"
            ),
            "Living with the same carer for at least 2 years",
            "cla_long_term_stability",
            MARCH,
        ),
    ):
        out += breakdown_pair(
            "placement_stability", group, breakdown, iid, kind, "Total children", "children"
        )
    for age, prefix in (
        ("19 to 21 years", "care_leavers"),
        ("17 to 18 years", "care_leavers_17_18"),
    ):
        out.append(
            EesMeasure(
                "care_leavers_accommodation",
                f"{age}|Suitability total|care_leaver_count",
                prefix,
                FY,
            )
        )
        for breakdown, suffix in (
            ("Accommodation considered suitable", "suitable_accommodation"),
            ("Accommodation considered unsuitable", "unsuitable_accommodation"),
            ("No information", "accommodation_unknown"),
        ):
            out += breakdown_pair(
                "care_leavers_accommodation",
                age,
                breakdown,
                f"{prefix}_{suffix}",
                FY,
                "Suitability total",
                "care_leaver",
            )
        for breakdown, suffix in (
            ("Total in education, employment or training", "eet"),
            ("Total not in education, employment or training", "neet"),
            ("Higher education i.e. studies beyond A level", "higher_education"),
            ("Total information not known", "activity_unknown"),
        ):
            out += breakdown_pair(
                "care_leavers_activity",
                age,
                breakdown,
                f"{prefix}_{suffix}",
                FY,
                "Total",
                "care_leaver",
            )
    out += [EesMeasure("csww", column, iid, SEPT) for column, iid in CSWW.items()]
    return out


def breakdown_pair(
    file: str, group: str, breakdown: str, iid: str, kind: str, total: str, stem: str
) -> list[EesMeasure]:
    """The count and the percentage of one breakdown of a long-format file, the percentage over the
    group's total."""
    count = f"{group}|{breakdown}|{stem}_count"
    return [
        EesMeasure(file, count, iid, kind),
        EesMeasure(
            file,
            f"{group}|{breakdown}|{stem}_percent",
            f"{iid}_pct",
            kind,
            count,
            f"{group}|{total}|{stem}_count",
        ),
    ]


C3_COLUMNS = [
    f"{f}_{who}"
    for f in (
        "Alcohol_Misuse",
        "Drug_Misuse",
        "Domestic_Abuse",
        "Mental_Health",
        "Learning_Disability",
        "Physical_Disability",
    )
    for who in ("child", "parent", "person")
]
C3_COLUMNS += [
    "Episodes_with_assessment_factor",
    "Young_Carer",
    "Privately_fostered",
    "Unaccompanied_asylum_seeker",
    "Going_missing",
    "Child_sexual_exploitation",
    "Trafficking",
    "Gangs",
    "Socially_unacceptable_behaviour",
    "Self_harm",
    "Neglect",
    "Emotional_Abuse",
    "Physical_Abuse_unknown",
    "Physical_Abuse_child_on_child",
    "Physical_Abuse_adult_on_child",
    "Sexual_Abuse_unknown",
    "Sexual_Abuse_child_on_child",
    "Sexual_Abuse_adult_on_child",
    "Female_Genital_Mutilation",
    "Faith_linked_abuse",
    "Child_criminal_exploitation",
    "Other",
]
C3_SHORT = {
    "Unaccompanied_asylum_seeker": "uasc",
    "Child_sexual_exploitation": "cse",
    "Child_criminal_exploitation": "cce",
    "Female_Genital_Mutilation": "fgm",
}
CSWW = {
    "inpost_fte": "sw_fte",
    "starters_fte": "sw_starters_fte",
    "leavers_fte": "sw_leavers_fte",
    "turnover_rate_fte": "sw_turnover_pct",
    "agency_fte": "sw_agency_fte",
    "agency_rate_fte": "sw_agency_pct",
    "agency_cover_fte": "sw_agency_covering_vacancies_fte",
    "agency_cover_rate_fte": "sw_agency_covering_vacancies_pct",
    "vacancy_fte": "sw_vacancies_fte",
    "vacancy_rate_fte": "sw_vacancy_rate_pct",
    "vacancy_agency_cover_rate_fte": "sw_vacancies_agency_covered_pct",
    "case_holders_fte": "sw_caseholders_fte",
    "cases": "sw_cases",
    "caseload_fte": "caseload_avg",
    "working_days_lost_fte": "sw_days_lost",
    "absence_rate_fte": "sw_absence_rate_pct",
}


def assessment_factor_id(column: str) -> str:
    """'Domestic_Abuse_parent' -> 'assessment_factor_domestic_abuse_parent'."""
    if column == "Episodes_with_assessment_factor":
        return "assessments_with_factors"
    return "assessment_factor_" + C3_SHORT.get(column, column.lower())


def check_source(source: Path) -> None:
    """Exit with a plain message when a source file is missing."""
    needed = [LAIT_FILE, DICTIONARY] + [
        f"csc-outcomes-enablers/{f.name}" for f in EES_FILES.values()
    ]
    missing = [name for name in needed if not (source / name).is_file()]
    if missing:
        sys.exit(
            f"build_published: official reference files not found under {source} "
            f"(missing: {', '.join(missing)}). Pass --source DIR pointing at the shared "
            "reference folder."
        )


def read_catalogue() -> dict[str, dict[str, str]]:
    with open(CATALOGUE, newline="", encoding="utf-8") as f:
        return {row["indicator_id"]: row for row in csv.DictReader(f)}


def period(kind: str, year: int) -> tuple[str, str, str]:
    """(period_type, start, end) of a kind of period that ends in the given year."""
    if kind == FY:
        return "financial_year", f"{year - 1}-04-01", f"{year}-03-31"
    day = f"{year}-03-31" if kind == MARCH else f"{year}-09-30"
    return "as_at", day, day


def lait_year(label: str) -> tuple[int, str] | None:
    """(year the period ends in, note) of a LAIT Years label: '2016' and '2015-16' and '2015/16' end
    in 2016, '(Rev)', '(prov)', '(Final)' or '(OT)' go to the note; ranges of years ('2014-16')
    give None."""
    m = re.fullmatch(r"(\d{4})(?:[-/](\d{2}))?\s*(\((?:Rev|prov|Final|OT)\))?", label.strip())
    if not m:
        return None
    start, end = int(m[1]), int(m[2]) if m[2] else None
    if end is not None and end != (start + 1) % 100:
        return None
    return start + (end is not None), m[3] or ""


def number(value: float) -> str:
    """A float as plain decimal text without binary noise: 34.700000000000003 -> '34.7'."""
    return f"{round(value, 6):.6f}".rstrip("0").rstrip(".")


class Places:
    """England, regions and councils: (la_code, old_la_code, authority, geographic_level) of a
    source row."""

    def __init__(self, source: Path, out: Path):
        table = out / "local_authorities.csv"
        if not table.is_file():
            sys.exit(
                f"build_published: {table} not found; run scripts/build_reference.py --out "
                f"{out} "
                "first"
            )
        self.codes = Codes(pd.read_csv(table, dtype=str, keep_default_na=False))
        self.regions = read_regions(source).set_index("region_code").region_name.to_dict()

    @cache  # noqa: B019 (one Codes for the whole build: the cache lives as long as it)
    def council(self, old_codes: str, day: str) -> list[tuple[str, str, str, str, str]]:
        """(la_code, old_la_code, authority, level, note) of each council a DfE code ('314 / 318'
        names two) means."""
        codes = old_codes.split(" / ")
        note = f"joint figure for {old_codes}" if len(codes) > 1 else ""
        out = []
        for code in codes:
            found = self.codes.on(code, day)
            if found is None:
                sys.exit(f"build_published: DfE code {code} is not in local_authorities.csv")
            out.append((found[0], code, found[1], "Local authority", note))
        return out

    def area(self, code: str) -> tuple[str, str, str, str, str]:
        """The row of England or a region by ONS code."""
        if code == ENGLAND:
            return ENGLAND, "", "England", "National", ""
        return code, "", self.regions[code], "Regional", ""


def read_dictionary(source: Path) -> pd.DataFrame:
    """The LAIT dictionary rows of the mapped measures, indexed by Short Desc."""
    table = pd.read_csv(source / DICTIONARY, dtype=str, keep_default_na=False).set_index(
        "Measure_short"
    )
    table = table[~table.index.duplicated()]  # a few school measures are listed under two topics
    unknown = sorted(set(LAIT) - set(table.index))
    if unknown:
        sys.exit(f"build_published: LAIT measures not in the dictionary: {unknown}")
    return table.loc[list(LAIT)]


def lait_kind(key: str, year_type: str) -> str:
    if key in AT_31_MARCH:
        return MARCH
    if year_type not in YEAR_TYPES:
        sys.exit(
            f"build_published: LAIT measure {key} has year type {year_type!r} that has no "
            "period "
            "rule"
        )
    return YEAR_TYPES[year_type]


def read_lait(
    source: Path, places: Places, dictionary: pd.DataFrame, catalogue: dict
) -> pd.DataFrame:
    """The mapped LAIT figures as observation rows ('-' cells, which LAIT prints for no figure, left
    out)."""
    keys = ", ".join("'" + k.replace("'", "''") + "'" for k in LAIT)
    panel = duckdb.sql(f"""SELECT "Short Desc" AS key, "Years" AS years, CAST(CAST("LA Number" AS
    INTEGER) AS VARCHAR)
                           AS code, "Values" AS value FROM read_parquet('{source / LAIT_FILE}')
                           WHERE "Short Desc" IN ({keys}) AND "Values" <> '-'""").df()
    info = {
        key: (iid, dictionary.loc[key, "Measure"], lait_kind(key, dictionary.loc[key, "Year_Type"]))
        for key, iid in LAIT.items()
    }
    rows = []
    for r in panel.itertuples(index=False):
        parsed = lait_year(r.years)
        if parsed is None:
            continue
        year, note = parsed
        iid, label, kind = info[r.key]
        period_type, start, end = period(kind, year)
        place = (
            [places.area(LAIT_PLACES[r.code])]
            if r.code in LAIT_PLACES
            else places.council(r.code, end)
        )
        for la_code, old, name, level, _ in place:
            rows.append(
                [
                    name,
                    la_code,
                    old,
                    iid,
                    label,
                    "actual",
                    period_type,
                    start,
                    end,
                    number(float(r.value)),
                    "",
                    "",
                    catalogue[iid]["unit"],
                    catalogue[iid]["polarity"],
                    note,
                    "",
                    LAIT_SOURCE,
                    f"{r.key}|{r.years}|{r.code}",
                    "1.0",
                    level,
                ]
            )
    table = pd.DataFrame(rows, columns=COLUMNS)
    # revised beats provisional
    rank = table.note.map({"(Rev)": 0, "(Final)": 0, "": 1, "(OT)": 1, "(prov)": 2})
    table = table.assign(rank=rank).sort_values(["rank", "source_location"])
    return table.drop_duplicates(KEY).drop(columns="rank")


KEY = ["la_code", "indicator_id", "measure", "period_start", "period_end"]
GEOGRAPHY = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)


def read_ees_file(source: Path, spec: EesFile) -> pd.DataFrame:
    """One EES file as a wide table: one row per place and year, one column per (breakdown and)
    value column."""
    raw = pd.read_csv(
        source / "csc-outcomes-enablers" / spec.name,
        dtype=str,
        encoding="utf-8-sig",
        keep_default_na=False,
    )
    raw["place"] = raw.old_la_code.where(
        raw.geographic_level.eq("Local authority"),
        raw.region_code.where(raw.geographic_level.eq("Regional"), ENGLAND),
    )
    ids = ["time_period", "geographic_level", "place"]
    values = [c for c in raw.columns if c not in (*GEOGRAPHY, *spec.pivot, "category", "place")]
    long = raw.melt(id_vars=ids + list(spec.pivot), value_vars=values, var_name="column")
    if spec.pivot:
        long["column"] = [*map("|".join, zip(*(long[c] for c in spec.pivot), long.column))]
    return long.pivot(index=ids, columns="column", values="value").reset_index()


def read_ees(source: Path, places: Places, catalogue: dict) -> pd.DataFrame:
    """The mapped EES figures as observation rows; symbols (c, x, z, low, ...) kept in note with no
    value."""
    frames = []
    measures = ees_measures()
    for stem, spec in EES_FILES.items():
        wide = read_ees_file(source, spec)
        for m in (m for m in measures if m.file == stem):
            if m.column not in wide:
                sys.exit(f"build_published: {spec.name} has no column {m.column!r}")
            frames.append(ees_rows(wide, m, spec, places, catalogue))
    return pd.concat(frames, ignore_index=True)


def ees_rows(
    wide: pd.DataFrame, m: EesMeasure, spec: EesFile, places: Places, catalogue: dict
) -> pd.DataFrame:
    """The observation rows of one EES measure."""
    rows = []
    blank = pd.Series("", index=wide.index)
    parts = zip(
        wide.time_period,
        wide.geographic_level,
        wide.place,
        wide[m.column],
        wide[m.numerator] if m.numerator else blank,
        wide[m.denominator] if m.denominator else blank,
    )
    for year, level, code, value, num, den in parts:
        if value == "" or pd.isna(value):
            continue
        period_type, start, end = period(m.kind, int(year))
        place = places.council(code, end) if level == "Local authority" else [places.area(code)]
        note = value if value in SYMBOLS else ""
        if not note:
            float(value)  # a value that is neither a number nor a known symbol stops the build
        for la_code, old, name, geo, joint in place:
            rows.append(
                [
                    name,
                    la_code,
                    old,
                    m.indicator_id,
                    m.column.replace("|", " / "),
                    "actual",
                    period_type,
                    start,
                    end,
                    "" if note else value,
                    plain(num),
                    plain(den),
                    catalogue[m.indicator_id]["unit"],
                    catalogue[m.indicator_id]["polarity"],
                    "; ".join(filter(None, (note, joint))),
                    "",
                    f"DfE {spec.publication} ({spec.name})",
                    f"{year}|{code}|{m.column}",
                    "1.0",
                    geo,
                ]
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def plain(text) -> str:
    """A numerator or denominator cell: the number, or blank for a symbol."""
    return "" if not isinstance(text, str) or text in SYMBOLS else text


def measures_table(dictionary: pd.DataFrame, catalogue: dict) -> pd.DataFrame:
    """published_measures.csv: every source measure with its id, label, unit, polarity, period and
    definition."""
    rows = []
    for key, iid in LAIT.items():
        entry = dictionary.loc[key]
        kind = lait_kind(key, entry.Year_Type)
        rows.append(
            [
                "DfE LAIT",
                key,
                iid,
                entry.Measure,
                catalogue[iid]["unit"],
                POLARITY.get(entry.Polarity, catalogue[iid]["polarity"]),
                period(kind, 2000)[0] + suffix(kind),
                first_paragraph(entry.Description),
            ]
        )
    for m in ees_measures():
        rows.append(
            [
                f"DfE EES {EES_FILES[m.file].name}",
                m.column,
                m.indicator_id,
                m.column.replace("|", " / "),
                catalogue[m.indicator_id]["unit"],
                catalogue[m.indicator_id]["polarity"],
                period(m.kind, 2000)[0] + suffix(m.kind),
                catalogue[m.indicator_id]["definition"],
            ]
        )
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def suffix(kind: str) -> str:
    return {MARCH: " (31 March)", SEPT: " (30 September)"}.get(kind, "")


def first_paragraph(text: str, limit: int = 400) -> str:
    """The first paragraph of a description, whitespace folded, cut at a sentence end within `limit`
    characters."""
    text = " ".join(re.split(r"\n\s*\n", text.strip())[0].split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rfind(". ")
    return text[: cut + 1] if cut > 0 else text[:limit].rsplit(" ", 1)[0] + " ..."


def build(source: Path, out: Path) -> tuple[int, int]:
    """Write published_figures.csv.gz and published_measures.csv; returns (figures, measures)."""
    check_source(source)
    catalogue = read_catalogue()
    missing = sorted(
        ({m.indicator_id for m in ees_measures()} | set(LAIT.values())) - set(catalogue)
    )
    if missing:
        sys.exit(f"build_published: ids not in indicators/catalogue.csv: {', '.join(missing)}")
    places = Places(source, out)
    dictionary = read_dictionary(source)
    ees = read_ees(source, places, catalogue)
    if ees.duplicated(KEY).any():
        sys.exit(
            "build_published: EES files give one figure "
            f"twice:\n{ees[ees.duplicated(KEY, keep=False)].head()}"
        )
    lait = read_lait(source, places, dictionary, catalogue)
    figures = pd.concat(
        [
            ees,
            lait.merge(ees[KEY], on=KEY, how="left", indicator=True)
            .query("_merge == 'left_only'")
            .drop(columns="_merge"),
        ],
        ignore_index=True,
    )
    figures, omissions = checked(figures, out)
    figures["level"] = figures.geographic_level.map(LEVELS)
    figures = figures.sort_values(
        ["indicator_id", "level", "la_code", "period_end", "period_start"], ignore_index=True
    )
    figures = figures[COLUMNS]
    measures = measures_table(dictionary, catalogue)
    out.mkdir(parents=True, exist_ok=True)
    text = io.StringIO()
    figures.to_csv(text, index=False, lineterminator="\n")
    (out / "published_figures.csv.gz").write_bytes(
        gzip.compress(text.getvalue().encode("utf-8"), 9, mtime=0)
    )
    write(measures, out / "published_measures.csv")
    write(omissions, out / "published_omissions.csv")
    return len(figures), len(measures)


def checked(figures: pd.DataFrame, out: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures, omissions): council figures outside the council's lifetime dropped, and the
    measure-years whose council figures all equal England's left out (see reference/rules.py)."""
    authorities = pd.read_csv(out / "local_authorities.csv", dtype=str, keep_default_na=False)
    figures = figures[within_lifetime(figures, authorities)]
    omissions = all_equal_to_england(figures).reindex(columns=OMISSION_COLUMNS)
    return leave_out(figures, omissions).reset_index(drop=True), omissions


def update_catalogue(source: Path) -> int:
    """Refresh published_polarity and published_definition (from LAIT) and empty source_measure
    cells; rows changed."""
    dictionary = read_dictionary(source)
    with open(CATALOGUE, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    lait_of = {}
    for key, iid in LAIT.items():
        lait_of.setdefault(iid, key)
    ees_of = {}
    for m in ees_measures():
        ees_of.setdefault(m.indicator_id, f"ees:{m.file}/{m.column.rsplit('|', 1)[-1]}")
    changed = 0
    for row in rows:
        before = dict(row)
        key = lait_of.get(row["indicator_id"])
        entry = dictionary.loc[key] if key else None
        row["published_polarity"] = POLARITY.get(entry.Polarity, "") if key else ""
        row["published_definition"] = first_paragraph(entry.Description, 300) if key else ""
        if not row["source_measure"]:
            row["source_measure"] = f"lait:{key}" if key else ees_of.get(row["indicator_id"], "")
        changed += row != before
    fields = list(rows[0].keys())
    with open(CATALOGUE, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return changed


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help="official reference folder"
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "data" / "reference", help="output folder"
    )
    parser.add_argument(
        "--update-catalogue",
        action="store_true",
        help="also refresh the published_* columns of indicators/catalogue.csv",
    )
    args = parser.parse_args(argv)
    check_source(args.source)
    if args.update_catalogue:
        print(f"updated {update_catalogue(args.source)} catalogue rows")
    figures, measures = build(args.source, args.out)
    print(f"wrote {figures} published figures and {measures} source measures to {args.out}")


if __name__ == "__main__":
    main()
