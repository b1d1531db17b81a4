"""Plausibility checks: each quirk a reader makes, flagged by name with confidence lowered, the
value kept."""

from __future__ import annotations

from datetime import date

import pytest

from interpreter.checks import check_numbers
from interpreter.flags import Flags
from interpreter.observation import Observation

MONTHS = [date(2016, m, 28) for m in range(1, 8)]


def series(
    values, label="Children looked after per 10,000", unit="rate_per_10k", measure="actual", **extra
):
    return [
        Observation(
            authority="Rotherham",
            indicator_id=extra.get("indicator_id", "cla_rate_10k"),
            indicator_label=label,
            measure=measure,
            period_type="month",
            period_end=end,
            value=v,
            unit=unit,
        )
        for end, v in zip(MONTHS, values)
    ]


def flagged(observations, name):
    return [o.value for o in observations if name in o.flags]


def test_ocr_decimal_point_lost_is_an_order_of_magnitude_jump():
    """Quirk: OCR reads `7.7` as `77`; the months around it are near 7, so it is flagged and
    doubted."""
    rows = series([7.1, 7.4, 77, 7.9, 8.0, 7.6, 7.5])
    check_numbers(rows)
    assert flagged(rows, "magnitude_jump") == [77]
    assert rows[2].value == 77 and rows[2].confidence == 0.5
    assert all(o.confidence == 1.0 for o in rows if o is not rows[2])


@pytest.mark.parametrize(
    "values",
    [
        [7.1, 7.4, 9.9, 7.9, 8.0, 7.6, 7.5],  # a bad month, not ten times out
        [0, 2, 0, 3, 1, 0, 2],  # small counts swing
        [5, 60, 4, 70, 3, 80, 6],  # neighbours themselves swing: no settled level to be off from
    ],
)
def test_ordinary_movement_is_not_a_jump(values):
    rows = series(values)
    check_numbers(rows)
    assert flagged(rows, "magnitude_jump") == []


def test_jump_is_per_series_not_across_indicators():
    """A count of 770 beside rates near 7 in another indicator is no jump."""
    rows = series([7.1, 7.4, 7.7, 7.9]) + series(
        [760, 770, 780, 790],
        unit="count",
        indicator_id="cla_children",
        label="Children looked after",
    )
    check_numbers(rows)
    assert flagged(rows, "magnitude_jump") == []


def test_jump_down_at_the_end_of_a_series_is_flagged():
    rows = series([91.0, 92.5, 93.1, 9.4])
    check_numbers(rows)
    assert flagged(rows, "magnitude_jump") == [9.4]


@pytest.mark.parametrize(
    "label, unit, indicator_id, doubtful",
    [
        ("% care leavers in EET", "count", "", True),
        ("Percentage of re-referrals", "count", "", True),
        (
            "Care leavers in EET",
            "count",
            "care_leavers_eet_pct",
            True,
        ),  # the indicator is a percentage
        ("% care leavers in EET", "percent", "", False),
        ("Number and % of children on a plan", "count", "", False),  # states a count too
        ("Number of referrals", "count", "referrals", False),
    ],
)
def test_count_where_label_or_indicator_says_percent(label, unit, indicator_id, doubtful):
    from indicators.catalogue import load_catalogue

    if indicator_id:
        assert load_catalogue().indicator(indicator_id)
    obs = Observation(indicator_label=label, unit=unit, value=83.9, indicator_id=indicator_id)
    check_numbers([obs])
    assert ("count_says_percent" in obs.flags) == doubtful
    assert (obs.confidence < 1) == doubtful


def test_pair_count_beside_a_percent_label_is_not_flagged():
    """`2,774 (955.6)` pairs keep the count under the rate's label on purpose."""
    obs = Observation(
        indicator_label="% of children", unit="count", value=2774, flags=Flags.of("pair")
    )
    check_numbers([obs])
    assert obs.flags.text() == "pair"


@pytest.mark.parametrize(
    "label, doubtful",
    [
        ("England average", True),
        ("Statistical neighbour average", True),
        ("Referrals - SN", True),
        ("Number of referrals", False),
    ],
)
def test_benchmark_label_stored_as_actual(label, doubtful):
    obs = Observation(indicator_label=label, measure="actual", value=536.0)
    check_numbers([obs])
    assert ("benchmark_label" in obs.flags) == doubtful


def test_benchmark_label_as_benchmark_measure_is_fine():
    obs = Observation(indicator_label="England average", measure="england_avg", value=536.0)
    check_numbers([obs])
    assert obs.flags.text() == ""


def test_actuals_copying_the_printed_benchmark_are_flagged():
    """Quirk: the England column read as the authority's own figures: every month equals
    England's."""
    actual = series([536.0, 540.0, 545.0])
    england = series([536.0, 540.0, 545.0], measure="england_avg")
    rows = actual + england
    check_numbers(rows)
    assert flagged(actual, "benchmark_as_actual") == [536.0, 540.0, 545.0]
    assert flagged(england, "benchmark_as_actual") == []


def test_one_actual_equal_to_a_benchmark_is_chance():
    actual = series([536.0, 610.0, 620.0])
    rows = actual + series([536.0, 540.0, 545.0], measure="england_avg")
    check_numbers(rows)
    assert flagged(rows, "benchmark_as_actual") == []


def test_flags_read_in_plain_words_on_review():
    from review.doubts import doubts

    rows = series([7.1, 7.4, 77, 7.9])
    check_numbers(rows)
    assert any("ten times" in why for why in doubts(rows[2]))


def test_small_counts_rising_from_a_handful_are_not_a_jump():
    """Rotherham's open assessments past 45 days: 26, 35, then 3, 9, 37 — a real small count, not a
    misread."""
    rows = series(
        [15, 26, 35, 3, 9, 37],
        unit="count",
        indicator_id="",
        label="Open assessments already past 45 working days",
    )
    check_numbers(rows)
    assert flagged(rows, "magnitude_jump") == []


def test_count_misread_tenfold_is_a_jump():
    rows = series(
        [410, 398, 4200, 405, 420], unit="count", indicator_id="referrals", label="Referrals"
    )
    check_numbers(rows)
    assert flagged(rows, "magnitude_jump") == [4200]


def test_a_month_printed_twice_is_compared_once():
    """Quirk: summary and detail sheets print the same months; the misread month is still flagged,
    both copies."""
    rows = series([7.1, 7.4, 77, 7.9]) + series([7.1, 7.4, 77, 7.9])
    check_numbers(rows)
    assert flagged(rows, "magnitude_jump") == [77, 77]
