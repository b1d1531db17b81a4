"""Review suggestions over the sector's synonyms: the first one offered is the right concept, shown
by name."""

from __future__ import annotations

import pytest

from indicators.catalogue import load_catalogue
from review.doubts import Suggestion, suggestions

# (label as councils print it, the id that must come first, ids that must never come first)
FIRST = [
    ("Children in care", "cla_children", {"cin_children", "cla_starts"}),
    ("CiC", "cla_children", {"cin_children"}),
    ("Cared for children (CfC)", "cla_children", {"cla_starts", "cla_starts_rate_10k"}),
    ("Cared for children", "cla_children", {"cla_starts"}),
    ("LAC", "cla_children", {"cla_starts"}),
    ("CLA", "cla_children", {"cla_starts"}),
    ("Our children", "cla_children", {"cin_children"}),
    ("Children in care per 10,000", "cla_rate_10k", {"cin_rate_10k", "cla_starts_rate_10k"}),
    ("Children who left care", "cla_ceased", {"cla_starts", "cla_foster_pct"}),
    ("Left care", "cla_ceased", {"cla_starts"}),
    ("Children leaving care", "cla_ceased", {"cla_starts"}),
    ("Children on the register", "cpp_children", {"cpp_starts_rate_10k"}),
    ("Children on the CP register", "cpp_children", set()),
    ("S47 enquiries", "s47_started", {"s47_completed"}),
    ("Strategy-led enquiries (s47) started", "s47_started", set()),
    ("MASH contacts", "contacts", {"referrals"}),
    ("Front door contacts", "contacts", {"referrals"}),
    ("Number of CIN", "cin_children", {"cla_children"}),
    ("Open CIN cases", "cin_children", {"cin_excl_cpp_cla"}),  # the DfE definition
    ("S47 enquiries in month", "s47_started", {"s47_completed"}),
    ("Assessments in timescale", "assessments_45wd_pct", {"assessments_45wd"}),
    ("Care leavers 19-21", "care_leavers", {"care_leavers_17_18"}),
]


@pytest.mark.parametrize("label, first, never", FIRST, ids=[f[0] for f in FIRST])
def test_first_suggestion_is_the_right_concept(label, first, never):
    offered = [s.indicator_id for s in suggestions(label, load_catalogue())]
    assert offered[0] == first, offered
    assert offered[0] not in never


def test_left_care_is_offered_ceasing_to_be_looked_after():
    """Quirk: 'left care' used to be offered fostering and starts, never cla_ceased."""
    assert "cla_ceased" in [
        s.indicator_id
        for s in suggestions("Number of children who left care in the month", load_catalogue())
    ]


@pytest.mark.parametrize(
    "suggestion, caption",
    [
        (
            Suggestion("cla_children", "Number of children looked after", 100, "count"),
            "Number of children looked after",
        ),
        (
            Suggestion(
                "cla_rate_10k", "Children looked after per 10000 children", 92, "rate_per_10k"
            ),
            "Children looked after per 10000 children",
        ),
        (
            Suggestion("x", "Children looked after", 80, "rate_per_10k"),
            "Children looked after (per 10,000 children)",
        ),
        (
            Suggestion("x", "Care leavers in education", 80, "percent"),
            "Care leavers in education (%)",
        ),
    ],
)
def test_a_suggestion_reads_as_the_indicator_s_name_and_unit(suggestion, caption):
    assert suggestion.caption == caption


def test_suggestions_carry_name_and_unit_from_the_catalogue():
    (best, *_) = suggestions("Children in care", load_catalogue())
    assert (best.name, best.unit) == ("Number of children looked after", "count")
