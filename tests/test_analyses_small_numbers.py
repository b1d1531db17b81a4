"""Small numbers (issue 12): Wilson and exact Poisson intervals, funnel-plot control limits, and an
XmR chart with its run rules, each against values worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analyses.funnel import control_limit, funnel_chart, funnel_frame, funnel_limits
from analyses.intervals import figure_interval, poisson_exact, wilson, with_intervals
from analyses.spc import spc_chart, spc_table, xmr_limits


def test_wilson_interval_by_hand():
    """5 of 20: p = 0.25, z = 1.96; centre = (0.25 + z²/40) / (1 + z²/20), half = z/(1 + z²/20) ×
    √(p(1−p)/20 + z²/1600)."""
    z = 1.959963984540054
    centre = (0.25 + z * z / 40) / (1 + z * z / 20)
    half = z / (1 + z * z / 20) * math.sqrt(0.25 * 0.75 / 20 + z * z / 1600)
    assert wilson(5, 20) == pytest.approx((centre - half, centre + half))
    assert wilson(5, 20) == pytest.approx((0.11186, 0.46870), abs=1e-5)
    # never below zero, unlike p ± z√(p(1−p)/n)
    assert wilson(0, 10) == pytest.approx((0.0, 0.27753), abs=1e-5)
    assert all(math.isnan(x) for x in wilson(3, 0))


@pytest.mark.parametrize(
    "k, low, high", [(0, 0.0, 3.6889), (1, 0.0253, 5.5716), (10, 4.7954, 18.3904)]
)
def test_exact_poisson_matches_garwoods_table(k, low, high):
    assert poisson_exact(k, 1.0) == pytest.approx((low, high), abs=1e-4)


def test_rate_interval_from_count_and_population():
    """3 children of 2,000 is 15 per 10,000, with the exact interval 10,000 × (0.6186, 8.7673) ÷
    2,000."""
    low, high, how = figure_interval("rate_per_10k", 15.0, float("nan"), float("nan"), 2000.0)
    assert (low, high) == pytest.approx(
        (3.0934, 43.8364), abs=1e-3
    ) and "3 children of 2,000" in how
    low, high, how = figure_interval("percent", 25.0, 5.0, 20.0, float("nan"))
    assert (low, high) == pytest.approx((11.186, 46.870), abs=1e-3) and how.startswith("Wilson")
    assert (
        figure_interval("percent", 25.0, float("nan"), float("nan"), 1.0)[2]
        == "no numerator and denominator"
    )


def test_intervals_added_to_a_table():
    frame = pd.DataFrame(
        {
            "unit": ["percent", "count"],
            "value": [25.0, 4.0],
            "numerator": [5.0, None],
            "denominator": [20.0, None],
        }
    )
    out = with_intervals(frame)
    assert out["ci_low"].iloc[0] == pytest.approx(11.186, abs=1e-3) and math.isnan(
        out["ci_low"].iloc[1]
    )
    assert out["interval_method"].iloc[1] == "no interval for a count figure"


def test_funnel_limit_by_hand():
    """Binomial n = 100 at 20%: the 97.5% quantile r = 28, F(28) = 0.979980, F(27) = 0.965848, so α
    = (0.979980 − 0.975) / (0.979980 − 0.965848) = 0.3524 and the limit is (28 − 0.3524) / 100 =
    27.65%."""
    assert control_limit(20.0, 100, 0.975, "percent") == pytest.approx(27.648, abs=1e-3)
    assert (
        control_limit(20.0, 100, 0.025, "percent") < 20 < control_limit(20.0, 100, 0.975, "percent")
    )
    wide, narrow = (control_limit(50.0, n, 0.999, "rate_per_10k") for n in (2_000, 200_000))
    assert wide > narrow > 50.0  # limits narrow as councils grow


def test_funnel_flags_only_what_is_beyond_the_limits_for_its_size():
    councils = pd.DataFrame(
        {
            "authority": ["small", "big", "typical"],
            "value": [35.0, 24.0, 21.0],
            "size": [20.0, 5000.0, 500.0],
        }
    )
    points = funnel_frame(councils, 20.0, "percent").set_index("authority")
    # 7 of 20 is not out of line with 20%
    assert points.loc["small", "position"] == "within the limits"
    assert points.loc["big", "position"] == "above the 99.8% limit"
    assert points.loc["typical", "position"] == "within the limits"
    limits = funnel_limits(20.0, councils["size"], "percent")
    assert (
        limits["high_99.8"].is_monotonic_decreasing
        or limits["high_99.8"].iloc[0] > limits["high_99.8"].iloc[-1]
    )
    spec = funnel_chart(points.reset_index(), limits, "Funnel", "denominator").to_dict()
    assert spec["layer"][2]["encoding"]["shape"]["field"] == "position"


def series(values):
    return pd.DataFrame(
        {
            "period_start": pd.date_range("2016-01-01", periods=len(values), freq="MS"),
            "value": values,
        }
    )


def test_xmr_limits_by_hand():
    """Values 10, 12, 11, 13, 12: mean 11.6; moving ranges 2, 1, 2, 1 have mean 1.5, so sigma = 1.5
    / 1.128."""
    mean, sigma = xmr_limits(pd.Series([10, 12, 11, 13, 12]))
    assert (mean, sigma) == pytest.approx((11.6, 1.5 / 1.128))
    table = spc_table(series([10, 12, 11, 13, 12]))
    assert table["upper"].iloc[0] == pytest.approx(11.6 + 3 * 1.5 / 1.128) and set(
        table["signal"]
    ) == {""}


def test_run_rules():
    noise = [10, 12, 11, 13, 12, 10, 11, 12, 11, 13, 10, 12]
    outside = spc_table(series(noise + [30]))
    assert outside["signal"].iloc[-1] == "outside the limits" and set(
        outside["signal"].iloc[:-1]
    ) == {""}
    shifted = spc_table(series([10, 12, 11, 13, 12, 10] + [13, 14, 13, 14, 13, 14, 13]))
    assert (
        all("shift" in s for s in shifted["signal"].iloc[-7:])
        and "shift" not in shifted["signal"].iloc[5]
    )
    rising = spc_table(series([11, 12, 10, 11, 12, 13, 14, 15, 12, 11]))
    assert [("trend" in s) for s in rising["signal"]] == [
        False,
        False,
        True,
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    assert spc_chart(rising, "SPC").to_dict()["title"] == "SPC"
