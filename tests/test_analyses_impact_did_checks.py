"""Issue 12's DiD additions: inference robust to noisier adopters, the joint pre-trend test, the
sensitivity bound for a trend difference, the trend-adjusted estimate, and synthetic control for
a single adopter."""

from __future__ import annotations

import numpy as np
import pytest
from test_analyses_impact_did import START, comparisons_of, panel

from analyses.impact.did import difference_in_differences
from analyses.impact.did_checks import distance
from analyses.impact.synth import synth_weights, synthetic_control


def fit(frame, adopting, **options):
    return difference_in_differences(
        frame, adopting, comparisons_of(frame, adopting), before=12, after=12, caution=(), **options
    )


def with_trend(frame, adopting, per_month):
    codes = set(adopting["la_code"])
    months = (frame["month"].dt.year - 2016) * 12 + frame["month"].dt.month
    return frame.assign(
        value=frame["value"] + np.where(frame["la_code"].isin(codes), per_month * months, 0.0)
    )


def test_parallel_trends_pass_the_joint_test_and_every_interval_holds_the_truth():
    frame, adopting = panel({"A1": START, "A2": START}, comparisons=12, seed=1)
    row = fit(frame, adopting).row
    assert row["pretrend_p"] > 0.05 and row["pretrend_df"] == "3, 9"
    assert (
        row["low"] < -3.0 < row["high"]
        and row["trend_adjusted_low"] < -3.0 < row["trend_adjusted_high"]
    )
    # the price of allowing a trend
    assert row["trend_adjusted_high"] - row["trend_adjusted_low"] > row["high"] - row["low"]
    assert "tested jointly over 4 periods" in row["caveat"]


def test_a_trend_difference_is_caught_and_the_trend_adjusted_estimate_removes_it():
    frame, adopting = panel({"A1": START, "A2": START}, comparisons=12, seed=1)
    frame = with_trend(frame, adopting, 0.3)
    row = fit(frame, adopting).row
    assert row["pretrend_p"] < 0.05 and row["pretrend_slope"] == pytest.approx(0.3, abs=0.1)
    # plain DiD: biased by trend × 12 months
    assert row["estimate"] == pytest.approx(-3.0 + 0.3 * 12, abs=1.0)
    assert row["trend_adjusted_low"] < -3.0 < row["trend_adjusted_high"]
    assert "already moved differently" in row["caveat"]


def test_the_breakdown_trend_is_the_nearer_end_over_the_distance_between_the_periods():
    frame, adopting = panel({"A1": START}, comparisons=12, seed=1, effect=-8.0)
    result = fit(frame, adopting)
    row = result.row
    # months 12..23 after against 0..11 before: 17.5 − 5.5
    assert distance(result.stacks[0]) == 12.0
    assert row["high"] < 0 and row["breakdown_trend"] == pytest.approx(-row["high"] / 12)
    assert "would be enough to explain the change away" in row["caveat"]


def test_noisier_adopters_widen_the_interval():
    frame, adopting = panel({"A1": START, "A2": START}, comparisons=12, seed=2)
    rng = np.random.default_rng(9)
    loud = frame["la_code"].isin(adopting["la_code"])
    # small councils: much noisier than the others
    frame.loc[loud, "value"] += rng.normal(0, 3.0, loud.sum())
    row = fit(frame, adopting).row
    assert row["noise_ratio"] > 4 and row["se"] > 1.5 * row["se_equal_noise"]
    assert "times the variance" in row["caveat"]


def test_synthetic_weights_reproduce_a_mix_of_donors():
    donors = np.column_stack([np.sin(np.arange(20)), np.cos(np.arange(20)), np.arange(20) / 10])
    target = donors @ [0.2, 0.5, 0.3]
    assert synth_weights(target, donors) == pytest.approx([0.2, 0.5, 0.3], abs=1e-6)


def test_synthetic_control_for_one_adopter():
    frame, adopting = panel({"A1": START}, comparisons=10, seed=4, effect=0.0)
    wide = frame.pivot(index="month", columns="la_code", values="value")
    # a known mix of two, then −3
    mix = 0.6 * wide["C00"] + 0.4 * wide["C01"] - 3.0 * (wide.index >= START)
    frame.loc[frame["la_code"] == "A1", "value"] = mix.to_numpy()
    row = synthetic_control(
        frame, "A1", comparisons_of(frame, adopting), START, before=24, after=12
    )
    assert row["status"] == "estimated" and row["estimate"] == pytest.approx(-3.0, abs=1e-3)
    assert row["weights"].startswith("Comparison C00 0.60, Comparison C01 0.40")
    assert row["p_value"] == pytest.approx(1 / 11) and row["low"] < -3.0 < row["high"]
    short = synthetic_control(frame, "A1", ["C00", "C01"], START)
    assert short["status"] == "not estimated" and "at least 5 are needed" in short["reason"]
