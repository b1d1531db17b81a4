"""Which figures count events in a year (flows: referrals, starts, assessments) and which describe a
cohort (care leavers aged 19 to 21, children looked after on 31 March and how they fared in the
year).

A gap in children "per month" is the yearly gap ÷ 12, which means something only for a flow: a
month's referrals or starts. A cohort's share (care leavers in education, looked-after children who
moved school) is one group measured once, so it has no per-month figure even when its period is a
financial year.

"""

from __future__ import annotations

COHORT_PREFIXES = ("care_leavers",)
# children looked after on 31 March (or continuously for 12 months) and what happened in their year
COHORTS = {
    "cla_away_pct",
    "cla_convictions_pct",
    "cla_dental_checks_pct",
    "cla_health_assessments_pct",
    "cla_immunisations_pct",
    "cla_missing_pct",
    "cla_placements_3plus",
    "cla_placements_3plus_pct",
    "cla_school_moves_pct",
    "cla_sdq_avg",
    "cla_social_worker_changes_pct",
    "cla_substance_misuse_pct",
}


def is_cohort(indicator_id: str) -> bool:
    """True for a figure about one cohort of children rather than events in the year."""
    return indicator_id in COHORTS or indicator_id.startswith(COHORT_PREFIXES)


def is_flow(indicator_id: str, period_type: str) -> bool:
    """True for events counted over a financial year (never a cohort, never a count at a moment)."""
    return period_type == "financial_year" and not is_cohort(indicator_id)
