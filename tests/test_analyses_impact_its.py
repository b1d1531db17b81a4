"""Interrupted time series: known answers, agreement with statsmodels, and refusals said in
words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from analyses.impact.estimate_charts import estimates_chart, its_chart
from analyses.impact.inference import hac_intervals, newey_west_lag
from analyses.impact.its import (
    MIN_AFTER,
    MIN_BEFORE,
    design_matrix,
    fit_poisson,
    interrupted_time_series,
    its_for_interventions,
    monthly_population,
)
from analyses.impact.season import Season
from analyses.intervention_frames import interventions_table
from samples import figures_impact

# A month-of-year pattern borrowed from comparison authorities (issue 12: with fewer than 24 months
# before the
# start an ITS needs one, or it is refused); flat, so the tests' known answers stay as they were.
FLAT, FLAT_LOG = Season((0.0,) * 12, False, ("Bradford",)), Season((0.0,) * 12, True, ("Bradford",))

LEEDS_CLA = list(figures_impact.LEEDS_CLA)


def series(
    values,
    first="2015-01-01",
    unit="rate_per_10k",
    label="Referrals per 10,000",
    authority="Leeds",
    la_code="E08000035",
) -> pd.DataFrame:
    months = pd.date_range(first, periods=len(values), freq="MS")
    return pd.DataFrame(
        {
            "authority": authority,
            "la_code": la_code,
            "indicator": "referrals",
            "unit": unit,
            "indicator_label": label,
            "month": months,
            "value": np.asarray(values, dtype=float),
            "note": "",
        }
    )


def noisy(n_before=24, n_after=18, level_change=-6.0, seed=0, sd=1.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n_before + n_after) - n_before
    return 50 + 0.2 * t + level_change * (t >= 0) + 0.1 * t * (t >= 0) + rng.normal(0, sd, len(t))


def test_leeds_looked_after_from_october_2011_is_refused_for_too_few_months_before():
    leeds = series(LEEDS_CLA, "2011-08-01", unit="count", label="CLA No.")
    result = interrupted_time_series(leeds, "2011-10", intervention="telephone triage front door")
    row = result.row
    assert row["status"] == "not estimated" and row["estimate"] is None
    assert (row["n_before"], row["n_after"]) == (2, 19)
    assert row["reason"] == (
        "Only 2 months with figures before the start in Oct 2011 (the figures start in "
        f"Aug 2011); at least {MIN_BEFORE} are needed to see the trend "
        "before."
    )
    assert row["caveat"].startswith("Not estimated: only 2 months")


def test_leeds_looked_after_from_april_2012_is_estimated_by_a_poisson_model():
    leeds = series(LEEDS_CLA, "2011-08-01", unit="count", label="CLA No.")
    # 8 months before: the season cannot be seen
    refused = interrupted_time_series(leeds, "2012-04").row
    assert refused["status"] == "not estimated" and "month-of-year pattern" in refused["reason"]
    row = interrupted_time_series(leeds, "2012-04", season=FLAT_LOG).row
    assert row["status"] == "estimated" and (row["n_before"], row["n_after"]) == (8, 13)
    assert (
        row["model"].startswith("Poisson regression")
        and "pattern borrowed from 1 comparison authority" in row["model"]
    )
    assert row["effect"] == "% change in level at the start"
    assert row["low"] < row["estimate"] < row["high"]
    assert "Leeds's 'CLA No.' figures were" in row["caveat"]


def test_a_noise_free_level_change_is_found_exactly():
    row = interrupted_time_series(series(noisy(sd=1e-6)), "2017-01").row
    assert row["estimate"] == pytest.approx(-6.0, abs=1e-4)
    assert row["slope_change"] == pytest.approx(0.1, abs=1e-5)
    assert (
        row["seasonality"]
        and "month-of-year terms" in row["model"]
        and row["effect"].endswith("(per 10,000 children)")
    )


def test_least_squares_and_newey_west_agree_with_statsmodels():
    values = noisy(seed=3)
    row = interrupted_time_series(series(values), "2017-01").row
    months = pd.date_range("2015-01-01", periods=len(values), freq="MS")
    X, names = design_matrix(pd.Series(months), pd.Timestamp("2017-01-01"), seasonal=True)
    assert names[:4] == ["level", "trend", "level_change", "trend_change"] and len(names) == 15
    fit = sm.OLS(values, X).fit(
        cov_type="HAC", cov_kwds={"maxlags": row["nw_lag"], "use_correction": False}
    )
    assert row["estimate"] == pytest.approx(fit.params[2], rel=1e-9)
    assert row["se"] == pytest.approx(fit.bse[2], rel=1e-9)
    assert row["nw_lag"] == newey_west_lag(42) == 8
    assert row["critical_value"] > 1.96  # calibrated: wider than the normal's


def test_poisson_coefficients_agree_with_statsmodels_glm_with_the_population_offset():
    rng = np.random.default_rng(5)
    months = pd.date_range("2014-07-01", periods=36, freq="MS")
    t = np.arange(36) - 24
    people = np.linspace(150_000, 153_500, 36)
    counts = rng.poisson(people / 10_000 * 60 * np.exp(0.003 * t - 0.15 * (t >= 0))).astype(float)
    X, _ = design_matrix(pd.Series(months), months[24], seasonal=True)
    ours = fit_poisson(X, counts, np.log(people))
    theirs = sm.GLM(counts, X, family=sm.families.Poisson(), offset=np.log(people)).fit()
    assert np.allclose(ours, theirs.params, rtol=1e-7, atol=1e-9)


def test_the_population_offset_is_used_when_population_is_known():
    rng = np.random.default_rng(8)
    t = np.arange(36) - 24
    counts = rng.poisson(900 * np.exp(-0.2 * (t >= 0)))
    population = pd.DataFrame(
        {
            "la_code": "E08000035",
            "year": [2013, 2014, 2015, 2016],
            "population_0_17": [150_000, 152_000, 154_000, 156_000],
        }
    )
    row = interrupted_time_series(
        series(counts, "2013-07-01", unit="count"), "2015-07", population=population
    ).row
    assert row["population_offset"] and "child population (aged 0-17) as an offset" in row["model"]
    assert row["low"] < 100 * (np.exp(-0.2) - 1) < row["high"]
    without = interrupted_time_series(series(counts, "2013-07-01", unit="count"), "2015-07").row
    assert not without["population_offset"] and "without a population offset" in without["model"]


def test_monthly_population_interpolates_between_mid_years():
    population = pd.DataFrame(
        {"la_code": "X", "year": [2014, 2015], "population_0_17": [1200.0, 2400.0]}
    )
    months = pd.Series(pd.to_datetime(["2014-06-01", "2014-12-01", "2015-06-01", "2016-06-01"]))
    assert list(monthly_population(population, "X", months)) == [1200, 1800, 2400, 2400]
    assert monthly_population(population, "X", pd.Series(pd.to_datetime(["2018-01-01"]))) is None
    assert monthly_population(population, "Y", months) is None


def test_a_change_of_printed_label_in_the_window_is_a_break_in_definition():
    frame = series(noisy())
    frame.loc[30:, "indicator_label"] = "Referrals (new definition)"
    row = interrupted_time_series(frame, "2017-01").row
    assert row["status"] == "not estimated"
    assert row["reason"].startswith(
        "The printed label changes from 'Referrals per 10,000' to 'Referrals (new "
        "definition)' in Jul 2017"
    )
    relabelled = series(noisy())
    # case and spacing do not count
    relabelled.loc[30:, "indicator_label"] = "referrals  per 10,000"
    assert interrupted_time_series(relabelled, "2017-01").estimated


def test_a_unit_change_or_a_note_about_definitions_is_a_break():
    frame = series(noisy())
    frame.loc[5:, "unit"] = "percent"
    assert (
        "The unit changes from 'rate_per_10k' to 'percent' in Jun 2015"
        in interrupted_time_series(frame, "2017-01").row["reason"]
    )
    noted = series(noisy())
    noted.loc[10, "note"] = "Definition of a referral changed from this month"
    assert (
        interrupted_time_series(noted, "2017-01")
        .row["reason"]
        .startswith("A note in Nov 2015 says the figures changed")
    )


def test_a_missing_month_stops_the_window_and_that_is_said():
    frame = series(noisy()).drop(index=[3])  # Apr 2015 missing: 20 months remain before the start
    row = interrupted_time_series(frame, "2017-01", season=FLAT).row
    assert (
        row["status"] == "estimated"
        and row["n_before"] == 20
        and row["season_source"] == "comparison authorities"
    )
    assert (
        "Fewer months were used than asked for: before the start, Apr 2015 is missing."
        in row["caveat"]
    )
    gap = series(noisy()).drop(index=[18])  # Jul 2016 missing: only 5 months before
    refused = interrupted_time_series(gap, "2017-01").row
    assert refused["status"] == "not estimated" and "(Jul 2016 is missing)" in refused["reason"]
    blank = series(noisy())
    blank.loc[30, ["value", "note"]] = [np.nan, "not available"]
    after = interrupted_time_series(blank, "2017-01").row
    assert after["status"] == "not estimated" and after["n_after"] == 6
    assert f"at least {MIN_AFTER} are needed to see a change" in after["reason"]
    assert 'Jul 2017 has no figure ("not available")' in after["reason"]


def test_covid_lockdown_months_are_left_out_and_listed():
    values = noisy(n_before=30, n_after=24, seed=2)
    frame = series(values, "2019-01-01")  # start Jul 2021: Mar 2020 to Mar 2021 fall before it
    row = interrupted_time_series(frame, "2021-07", before=None, season=FLAT).row
    assert row["status"] == "estimated" and row["n_before"] == 30 - 13 and row["n_after"] == 24
    assert row["excluded_months"] == "Mar 2020 to Mar 2021"
    assert "Left out: Mar 2020 to Mar 2021 (COVID-19 lockdowns)." in row["caveat"]
    kept = interrupted_time_series(frame, "2021-07", before=None, caution=()).row
    assert kept["n_before"] == 30 and kept["excluded_months"] == ""


def test_the_window_stops_at_the_interventions_end_and_at_the_limits():
    frame = series(noisy())
    row = interrupted_time_series(frame, "2017-01", end="2017-10-31", before=12, season=FLAT).row
    assert (row["n_before"], row["n_after"]) == (12, 10)
    assert "after the start, the intervention ended in Oct 2017" in row["caveat"]


def test_every_intervention_gets_a_row_and_refusals_are_rows():
    panel = pd.concat(
        [series(noisy(seed=1)), series(noisy(seed=2), authority="Wakefield", la_code="E08000036")]
    )
    spells = interventions_table(
        [
            {
                "name": "front door",
                "authority": "Leeds",
                "la_code": "E08000035",
                "start_date": "2017-01",
            },
            {
                "name": "front door",
                "authority": "Wakefield",
                "la_code": "E08000036",
                "start_date": "2015-03",
            },
            {
                "name": "front door",
                "authority": "Bradford",
                "la_code": "E08000032",
                "start_date": "2017-01",
            },
        ]
    )
    results = its_for_interventions(panel, spells)
    assert list(results["authority"]) == ["Leeds", "Wakefield", "Bradford"]
    assert list(results["status"]) == ["estimated", "not estimated", "not estimated"]
    assert "no monthly figures for Bradford" in results["reason"].iloc[2]
    spec = estimates_chart(results).to_dict()
    assert len(spec["datasets"][spec["layer"][1]["data"]["name"]]) == 1


def test_the_chart_shows_figures_fit_and_counterfactual():
    result = interrupted_time_series(series(noisy()), "2017-01")
    fitted = result.fitted
    assert fitted["counterfactual"].notna().sum() == 18 and fitted["fitted"].notna().all()
    spec = its_chart(fitted).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["point", "line", "line", "rule"]


def test_calibrated_intervals_work_with_gaps_between_months():
    rng = np.random.default_rng(4)
    positions = np.r_[np.arange(20), np.arange(26, 46)]  # six months left out
    X = np.column_stack([np.ones(40), positions, positions >= 30])
    y = X @ [1.0, 0.1, 2.0] + rng.normal(0, 1, 40)
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    result = hac_intervals(X, y - X @ beta, beta, positions, coefs=(2,))
    interval = result.intervals[0]
    assert interval.low < interval.estimate < interval.high and interval.critical > 1.96
    again = hac_intervals(X, y - X @ beta, beta, positions, coefs=(2,))
    assert again.intervals[0] == interval  # seeded: the same data give the same interval


def test_two_labels_one_report_printed_for_the_indicator_are_not_a_break():
    frame = series(noisy()).assign(report_date="2018-06-30")
    frame.loc[30:, "indicator_label"] = "Referrals per 10,000 (summary)"
    assert interrupted_time_series(frame, "2017-01").estimated
    # a later report's new label: the definition may have changed
    frame.loc[30:, "report_date"] = "2018-07-31"
    assert (
        interrupted_time_series(frame, "2017-01")
        .row["reason"]
        .startswith("The printed label changes")
    )
