"""Issue 12's ITS additions: the average effect over the months after (and at 6 and 12 months), a
short pre-period's month-of-year pattern borrowed from comparison authorities (or a refusal),
placebo starts and the controlled ITS."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analyses.impact.its import interrupted_time_series
from analyses.impact.its_checks import controlled_its, false_starts, placebo_checks, placebo_summary
from analyses.impact.season import comparison_season
from analyses.impact.simulate import SEASON

START = pd.Timestamp("2017-01-01")


def frame(values, first="2015-01-01", authority="Leeds", la_code="E08000035", unit="rate_per_10k"):
    months = pd.date_range(first, periods=len(values), freq="MS")
    return pd.DataFrame(
        {
            "authority": authority,
            "la_code": la_code,
            "indicator": "referrals",
            "unit": unit,
            "indicator_label": "Referrals",
            "month": months,
            "value": np.asarray(values, float),
            "note": "",
        }
    )


def line(n_before=24, n_after=18, step=-6.0, slope=0.1, sd=1e-6, seed=0, season=0.0):
    t = np.arange(n_before + n_after) - n_before
    months = pd.date_range(START - pd.DateOffset(months=n_before), periods=len(t), freq="MS")
    noise = np.random.default_rng(seed).normal(0, sd, len(t))
    return 50 + 0.2 * t + (step + slope * t) * (t >= 0) + season * SEASON[
        months.month - 1
    ] + noise, months[0]


def test_average_effect_over_the_months_after_and_at_6_and_12_months():
    """Level change −6 and trend change +0.1 a month: 6 months after −5.4, 12 after −4.8, and over
    months 0..17 the mean −6 + 0.1 × 8.5 = −5.15."""
    values, first = line()
    row = interrupted_time_series(frame(values, first), START).row
    assert row["avg_effect"] == pytest.approx(-5.15, abs=1e-4)
    assert (row["effect_6m"], row["effect_12m"]) == pytest.approx((-5.4, -4.8), abs=1e-4)
    assert row["avg_effect_low"] < row["avg_effect"] < row["avg_effect_high"]
    assert "averaged over the 18 months after the start, -5.15" in row["caveat"]


def test_effects_beyond_the_figures_are_not_given():
    values, first = line(n_after=9)
    row = interrupted_time_series(frame(values, first), START).row
    assert (
        not np.isnan(row["effect_6m"])
        and np.isnan(row["effect_12m"])
        and "12 months after" not in row["caveat"]
    )


def comparisons(months=36, first="2015-07-01", n=4, season=2.0):
    """Comparison authorities sharing the month-of-year pattern, with 36 months each."""
    rows = []
    for i in range(n):
        t = np.arange(months)
        stamps = pd.date_range(first, periods=months, freq="MS")
        values = 40 + 5 * i + 0.05 * t + season * SEASON[stamps.month - 1]
        rows.append(frame(values, first, f"Comparison {i}", f"E0800009{i}"))
    return pd.concat(rows, ignore_index=True)


def test_a_short_seasonal_series_is_refused_without_and_right_with_the_comparisons_pattern():
    values, first = line(n_before=12, season=2.0, slope=0.0, step=-4.0)
    series = frame(values, first)
    refused = interrupted_time_series(series, START).row
    assert refused["status"] == "not estimated" and "cannot be" in refused["reason"]
    season = comparison_season(comparisons())
    assert season.effects == pytest.approx(tuple(2.0 * (SEASON - SEASON.mean())), abs=1e-6)
    row = interrupted_time_series(series, START, season=season).row
    assert (
        row["estimate"] == pytest.approx(-4.0, abs=1e-4)
        and "borrowed from 4 comparison" in row["model"]
    )
    assert row["season_source"] == "comparison authorities"


def test_placebo_starts_inside_the_months_before():
    values, first = line(sd=1.0, seed=3)
    months = frame(values, first)["month"]
    # 24 months before: each false start keeps 8 months before it and 8 before the real start, 3
    # months apart
    assert false_starts(months, START) == [
        pd.Timestamp(d) for d in ("2016-05-01", "2016-02-01", "2015-11-01")
    ]
    quiet = placebo_checks(frame(values, first), START, caution=())
    assert len(quiet) == 3 and set(quiet["status"]) == {"estimated"}
    assert quiet["false_start"].max() < START
    assert placebo_summary(quiet).startswith("Placebo check: at 3 false start dates")


def test_a_break_before_the_real_start_shows_in_the_placebo_checks():
    values, first = line(sd=0.5, seed=4)
    values[:13] -= 8  # a jump in Feb 2016, 11 months before the real start
    flat = comparison_season(comparisons(season=0.0))
    placebos = placebo_checks(frame(values, first), START, season=flat, caution=())
    assert placebos[
        "excludes_zero"
    ].any() and "treat the estimate at the real start" in placebo_summary(placebos)


def test_controlled_its_removes_what_happened_to_every_authority():
    """A national jump of +10 at the start month hits every authority; the adopter's own change is
    −4."""
    values, first = line(slope=0.0, step=-4.0, sd=0.3, seed=5)
    shock = 10.0 * (pd.date_range(first, periods=len(values), freq="MS") >= START)
    adopter = frame(values + shock, first)
    others = [
        frame(
            40
            + 3 * i
            + 0.2 * np.arange(len(values))
            + shock
            + np.random.default_rng(i).normal(0, 0.3, len(values)),
            first,
            f"Comparison {i}",
            f"E0800009{i}",
        )
        for i in range(5)
    ]
    panel = pd.concat([adopter, *others], ignore_index=True)
    plain = interrupted_time_series(adopter, START).row
    # the national jump is taken for the adopter's
    assert plain["estimate"] == pytest.approx(6.0, abs=1.5)
    codes = [f"E0800009{i}" for i in range(5)]
    row = controlled_its(panel, "E08000035", codes, START)
    assert (
        row["status"] == "estimated"
        and row["low"] < -4.0 < row["high"]
        and row["estimate"] == pytest.approx(-4.0, abs=1.0)
    )
    assert (
        row["method"] == "controlled interrupted time series"
        and "every authority at once drops out" in row["caveat"]
    )
    assert controlled_its(panel, "E08000035", codes[:2], START)["status"] == "not estimated"
