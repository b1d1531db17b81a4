"""The sector's words: indicators with many wordings, units, polarity words, tokens and benchmark
names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """An indicator a report may print, with the ways councils word it and a plausible range."""

    id: str  # catalogue id, '' for a local indicator
    unit: str
    polarity: str
    wordings: tuple[str, ...]
    lo: float
    hi: float
    stock: bool = False
    rate: str = ""  # the topic holding this count's rate per 10,000

    @property
    def decimals(self) -> int:
        return 0 if self.unit in ("count", "days") else 1


def _t(id, unit, pol, lo, hi, *wordings, stock=False, rate=""):
    return Topic(id, unit, pol, tuple(wordings), lo, hi, stock, rate)


TOPICS = [
    _t(
        "contacts",
        "count",
        "info",
        700,
        2400,
        "Contacts received",
        "Number of contacts",
        "Contacts to the MASH",
        "Front door contacts",
        "MARU contacts received",
        "Contacts into the front door (IFD)",
    ),
    _t(
        "contacts_decision_1wd_pct",
        "percent",
        "high",
        70,
        99,
        "Contacts with a decision in 1 working day (%)",
        "% of contacts decided within 24 hours (1 working day)",
        "MASH decisions made within one working day %",
    ),
    _t(
        "referrals",
        "count",
        "info",
        150,
        650,
        "Referrals",
        "Number of referrals",
        "Referrals to children's social care",
        "New referrals received",
        "Referrals to CSC",
        rate="referrals_rate_10k",
    ),
    _t(
        "referrals_rate_10k",
        "rate_per_10k",
        "info",
        300,
        750,
        "Referrals per 10,000 children",
        "Referral rate per 10k (0-17)",
        "Rate of referrals per 10,000 population under 18",
    ),
    _t(
        "re_referrals_12m_pct",
        "percent",
        "low",
        12,
        32,
        "% re-referrals within 12 months",
        "Re-referrals within 12 months (%)",
        "Percentage of referrals that were re-referrals in 12 months",
        "Repeat referrals within 12 months of a previous referral %",
    ),
    _t(
        "assessments_completed",
        "count",
        "info",
        150,
        600,
        "Assessments completed",
        "Single assessments completed",
        "C&F assessments completed",
        "Number of completed assessments",
        "Child and family assessments completed",
    ),
    _t(
        "assessments_45wd_pct",
        "percent",
        "high",
        70,
        99,
        "% assessments completed within 45 working days",
        "Single assessments completed in 45 days (%)",
        "C&F assessments within 45 working days %",
        "Assessments authorised within 45 working days (%)",
    ),
    _t(
        "s47_started",
        "count",
        "info",
        40,
        220,
        "Section 47 enquiries started",
        "S47 enquiries started",
        "Number of S47s started",
        "Strategy-led enquiries (s47) started",
        "Child protection enquiries (section 47)",
    ),
    _t(
        "icpc_15wd_pct",
        "percent",
        "high",
        55,
        98,
        "ICPCs held within 15 working days (%)",
        "% initial child protection conferences held within 15 working days",
        "Initial CP conferences in timescale (15 days) %",
    ),
    _t(
        "cpp_children",
        "count",
        "info",
        150,
        650,
        "Children on a child protection plan",
        "Number of children subject to a CP plan",
        "Children with a CPP",
        "Children on the CP register",
        "Children subject to child protection plans",
        stock=True,
        rate="cpp_rate_10k",
    ),
    _t(
        "cpp_rate_10k",
        "rate_per_10k",
        "info",
        25,
        70,
        "CP plans per 10,000 children",
        "Rate of children on a CP plan per 10k",
        "CPP rate per 10,000 (0-17)",
        stock=True,
    ),
    _t(
        "cpp_second_time_ever_pct",
        "percent",
        "low",
        12,
        28,
        "% CP plans for a second or subsequent time (ever)",
        "Children becoming subject to a CPP for a second or subsequent time, ever (%)",
        "Repeat child protection plans, any time (%)",
    ),
    _t(
        "cla_children",
        "count",
        "info",
        250,
        1100,
        "Children looked after",
        "Number of LAC",
        "Children in care",
        "Number of CLA",
        "Cared for children (CfC)",
        "Our children in care",
        stock=True,
        rate="cla_rate_10k",
    ),
    _t(
        "cla_rate_10k",
        "rate_per_10k",
        "info",
        45,
        120,
        "LAC per 10,000 children",
        "Children in care rate per 10k",
        "CfC per 10,000 children",
        "CLA rate per 10,000 (0-17)",
        stock=True,
    ),
    _t(
        "cla_placements_3plus_pct",
        "percent",
        "low",
        6,
        15,
        "CLA with 3 or more placements in the year (%)",
        "% LAC with 3+ placements in 12 months",
        "Children in care with three or more placement moves (%)",
    ),
    _t(
        "cla_long_term_stability_pct",
        "percent",
        "high",
        55,
        80,
        "% LAC in the same placement for 2 years",
        "Long-term placement stability (2+ years, %)",
        "Children in care in the same placement for 2 years or more (%)",
    ),
    _t(
        "cla_visits_timely_pct",
        "percent",
        "high",
        75,
        99,
        "% CLA visits within timescale",
        "Children in care visited within timescale (%)",
        "LAC statutory visits on time %",
    ),
    _t(
        "cla_reviews_timely_pct",
        "percent",
        "high",
        75,
        99,
        "LAC reviews held within timescale (%)",
        "% CLA reviews held on time",
        "Children in care reviews within timescale %",
    ),
    _t(
        "cin_children",
        "count",
        "info",
        900,
        3200,
        "Children in need",
        "Number of CIN",
        "Children in need (CiN) open cases",
        stock=True,
        rate="cin_rate_10k",
    ),
    _t(
        "cin_rate_10k",
        "rate_per_10k",
        "info",
        250,
        500,
        "CIN per 10,000 children",
        "Children in need rate per 10k",
        "Rate of children in need per 10,000 (0-17)",
        stock=True,
    ),
    _t(
        "care_leavers_eet_pct",
        "percent",
        "high",
        40,
        70,
        "Care leavers in education, employment or training (%)",
        "% care leavers in EET",
        "Care leavers aged 19-21 in education, employment or training %",
    ),
    _t(
        "care_leavers_suitable_accommodation_pct",
        "percent",
        "high",
        75,
        98,
        "Care leavers in suitable accommodation (%)",
        "% care leavers suitably accommodated",
    ),
    _t(
        "caseload_avg",
        "average",
        "within_range",
        12,
        24,
        "Average caseload per social worker",
        "Average SW caseload",
        "Mean caseload of qualified social workers",
    ),
    _t(
        "adoption_a1_days",
        "days",
        "low",
        350,
        650,
        "A1: average days from entering care to moving in with adopters",
        "Average days between entering care and placement with an adoptive family (A1)",
    ),
    _t(
        "",
        "percent",
        "high",
        40,
        90,
        "Return home interviews within 72 hours (%)",
        "Missing episodes followed by a return interview in 3 days %",
    ),
    _t(
        "",
        "count",
        "info",
        400,
        1500,
        "Open early help episodes",
        "Families supported by early help (open)",
    ),
    _t(
        "",
        "percent",
        "low",
        8,
        30,
        "Agency social workers (%)",
        "% of social work posts filled by agency staff",
    ),
]
BY_ID = {t.id: t for t in TOPICS if t.id}
FLOW_WITH_RATE = [t for t in TOPICS if t.rate]

UNIT_WORDS = {
    "count": ["No.", "Number", "#", "n"],
    "percent": ["%", "Percent", "(%)"],
    "rate_per_10k": ["Rate", "Per 10k", "Rate per 10,000"],
    "days": ["Days", "Avg days"],
    "average": ["Avg", "Average"],
}
POLARITY_HEADERS = ["Good is", "Better to be", "Good performance is", "Polarity", "Aim"]
POLARITY_WORDS = {
    "high": ["High", "Higher", "↑ High", "Bigger"],
    "low": ["Low", "Lower", "↓ Low", "Smaller"],
    "info": ["Info", "n/a", "Context", "-"],
    "within_range": ["In range", "Range", "Within range"],
}
SUPPRESSED = ["c", "DNA", "n/k", "x", "n/a", "N/A", "not available", ".."]
MARKERS = [("*", "provisional"), (" (r)", "revised"), (" (p)", "provisional"), ("*", "see note")]
SN_HEADERS = [
    "SN avg",
    "Stat. neighbours",
    "Statistical neighbour average",
    "SN average",
    "Comparator avg",
]
ENGLAND_HEADERS = ["England", "England avg", "National", "Eng"]
REGION_NAMES = {
    "North East": ["North East", "NE region"],
    "North West": ["North West", "NW region"],
    "Yorkshire and The Humber": ["Y&H", "Yorkshire & Humber"],
    "East Midlands": ["East Midlands", "EM region"],
    "West Midlands": ["West Midlands", "WM region"],
    "East of England": ["Eastern region", "East of England"],
    "London": ["London", "Inner & Outer London"],
    "South East": ["South East", "SE region"],
    "South West": ["South West", "SW region"],
}
TARGET_HEADERS = ["Target", "Target {fy}", "{fy} target", "Local target"]
SECTIONS = {
    "front_door": ["Front door", "Contacts and referrals", "MASH / First response"],
    "assessment": ["Assessment", "Child and family assessment"],
    "child_protection": ["Child protection", "Safeguarding"],
    "looked_after": ["Children looked after", "Children in care", "Our children"],
    "care_leavers": ["Care leavers", "Leaving care"],
    "workforce": ["Workforce", "Staffing"],
    "other": ["Other local measures", "Local indicators"],
}
TITLES = [
    "{a} Children's Services: {kind}",
    "{a} Council - {kind}",
    "{a}: Children's Social Care {kind}",
    "{kind} - {a} Children and Families",
]
KINDS = [
    "Performance Scorecard",
    "Monthly Performance Report",
    "Performance Digest",
    "Quarterly Performance Report",
    "Key Indicators Dashboard",
]
AS_AT_LINES = [
    "As at {B} {yyyy}",
    "Reporting period: {B} {yyyy}",
    "Data to end of {B} {yyyy}",
    "Position at {d} {B} {yyyy}",
    "Month end: {B} {yyyy}",
]
NARRATIVE = [
    "Demand at the front door remained high this period, with {n} contacts in the busiest week.",
    "The service continues to focus on timeliness; {n} cases were audited by the quality "
    "assurance team.",
    "Managers reviewed all plans open longer than {n} months and agreed actions with each team.",
    "Recruitment to {n} permanent social work posts is under way and agency use is expected to "
    "fall.",
    "Performance is broadly in line with statistical neighbours, although {n} teams report "
    "pressure.",
]
