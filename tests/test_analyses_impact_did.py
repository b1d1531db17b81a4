"""Stacked difference-in-differences: known answers, the regression it equals, its variance, and
refusals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from analyses.impact.did import MIN_COMPARISON, as_rate_per_10k, difference_in_differences
from analyses.impact.estimate_charts import event_study_chart

START = pd.Timestamp("2018-01-01")


def panel(
    starts: dict[str, pd.Timestamp],
    comparisons: int = 8,
    effect: float = -3.0,
    seed: int = 0,
    first: str = "2016-01-01",
    months: int = 60,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rates for adopters (code -> start) and comparisons: own levels, shared month effects,
    noise."""
    rng = np.random.default_rng(seed)
    when = pd.date_range(first, periods=months, freq="MS")
    shared = rng.normal(0, 2, months)
    rows, adopting = [], []
    codes = list(starts) + [f"C{i:02d}" for i in range(comparisons)]
    for code in codes:
        value = 40 + rng.normal(0, 5) + shared + rng.normal(0, 1, months)
        if code in starts:
            value = value + effect * (when >= starts[code])
            adopting.append(
                {
                    "name": "front door",
                    "authority": f"Adopter {code}",
                    "la_code": code,
                    "start_date": starts[code],
                    "end_date": pd.NaT,
                }
            )
        rows.append(
            pd.DataFrame(
                {
                    "authority": f"Adopter {code}" if code in starts else f"Comparison {code}",
                    "la_code": code,
                    "indicator": "referrals_rate_10k",
                    "indicator_label": "Referrals",
                    "unit": "rate_per_10k",
                    "month": when,
                    "value": value,
                    "note": "",
                }
            )
        )
    return pd.concat(rows, ignore_index=True), pd.DataFrame(adopting)


def comparisons_of(frame: pd.DataFrame, adopting: pd.DataFrame) -> list[str]:
    return sorted(set(frame["la_code"]) - set(adopting["la_code"]))


def change(frame: pd.DataFrame, code: str, start: pd.Timestamp, before: int, after: int) -> float:
    own = frame[frame["la_code"] == code].set_index("month")["value"]
    pre = own[(own.index >= start - pd.DateOffset(months=before)) & (own.index < start)]
    post = own[(own.index >= start) & (own.index < start + pd.DateOffset(months=after))]
    return post.mean() - pre.mean()


def test_one_start_is_the_difference_of_mean_changes_with_a_two_sample_t_interval():
    frame, adopting = panel({"A1": START, "A2": START})
    controls = comparisons_of(frame, adopting)
    result = difference_in_differences(frame, adopting, controls, before=12, after=12, caution=())
    row = result.row
    treated = [change(frame, c, START, 12, 12) for c in ("A1", "A2")]
    control = np.array([change(frame, c, START, 12, 12) for c in controls])
    assert row["estimate"] == pytest.approx(np.mean(treated) - control.mean(), abs=1e-10)
    se = np.sqrt(control.var(ddof=1) * (1 / 2 + 1 / len(control)))
    assert row["se_equal_noise"] == pytest.approx(se, rel=1e-10) and row["df"] == pytest.approx(
        len(control) - 1
    )
    # issue 12: the adopters' part scaled by their own noise ratio (at least 1), robust to noisier
    # adopters
    assert row["noise_ratio"] >= 1
    se = np.sqrt(control.var(ddof=1) * (row["noise_ratio"] / 2 + 1 / len(control)))
    assert row["se"] == pytest.approx(se, rel=1e-10)
    half = stats.t.ppf(0.975, len(control) - 1) * se
    assert (row["low"], row["high"]) == pytest.approx(
        (row["estimate"] - half, row["estimate"] + half)
    )
    assert (row["n_adopting"], row["n_comparison"], row["n_before"], row["n_after"]) == (
        2,
        8,
        12,
        12,
    )
    assert row["method"] == "difference in differences" and row["status"] == "estimated"
    assert "stacked difference-in-differences (1 start month" in row["model"]
    assert "ordinary clustered standard errors are too narrow" in row["caveat"]


def test_staggered_starts_equal_the_weighted_stacked_two_way_fixed_effects_regression():
    starts = {
        "A1": START,
        "A2": START,
        "A3": START + pd.DateOffset(months=4),
        "A4": START + pd.DateOffset(months=9),
    }
    frame, adopting = panel(starts, comparisons=7, seed=3)
    controls = comparisons_of(frame, adopting)
    ours = difference_in_differences(frame, adopting, controls, before=12, after=12, caution=()).row
    # the stacked regression: authority x stack and month x stack fixed effects, one adopter-after
    # indicator,
    # weights of Wing, Freedman & Hollingsworth (2024): adopters 1, comparisons (N_Ts / N_T) / (N_Cs
    # / N_C)
    rows = []
    n_treated, n_control = len(starts), len(controls)
    for s, start in enumerate(sorted(set(starts.values()))):
        members = [c for c, when in starts.items() if when == start]
        window = frame[
            (frame["month"] >= start - pd.DateOffset(months=12))
            & (frame["month"] < start + pd.DateOffset(months=12))
        ]
        for code in members + controls:
            own = window[window["la_code"] == code]
            weight = (
                1.0 if code in members else (len(members) / n_treated) / (len(controls) / n_control)
            )
            for month, value in zip(own["month"], own["value"]):
                rows.append(
                    {
                        "unit": f"{s}:{code}",
                        "time": f"{s}:{month:%Y-%m}",
                        "y": value,
                        "w": weight,
                        "d": float(code in members and month >= start),
                    }
                )
    stacked = pd.DataFrame(rows)
    times = pd.get_dummies(stacked["time"], dtype=float)
    first_months = stacked.groupby(stacked["time"].str.split(":").str[0])["time"].min()
    X = pd.concat(
        [
            stacked[["d"]],
            pd.get_dummies(stacked["unit"], dtype=float),
            # one month per stack is the reference
            times.drop(columns=list(first_months)),
        ],
        axis=1,
    )
    fit = sm.WLS(stacked["y"], X, weights=stacked["w"]).fit()
    assert ours["estimate"] == pytest.approx(fit.params["d"], abs=1e-8)
    assert ours["starts"] == "Jan 2018, May 2018, Oct 2018" and ours["n_adopting"] == 4


def test_the_true_change_is_found_when_there_is_no_noise_in_the_adopters():
    frame, adopting = panel({"A1": START}, comparisons=6, effect=-5.0)
    shared = frame[frame["la_code"] == "C00"].set_index("month")["value"]
    for code in comparisons_of(frame, adopting) + ["A1"]:
        step = -5.0 * (shared.index >= START) if code == "A1" else 0.0
        frame.loc[frame["la_code"] == code, "value"] = (
            shared + step + (1.0 if code == "A1" else 0.0)
        ).to_numpy()
    row = difference_in_differences(
        frame, adopting, comparisons_of(frame, adopting), caution=()
    ).row
    assert row["estimate"] == pytest.approx(-5.0, abs=1e-9)


def test_event_study_is_zero_on_average_before_and_the_estimate_after():
    frame, adopting = panel({"A1": START, "A2": START}, seed=4)
    result = difference_in_differences(
        frame, adopting, comparisons_of(frame, adopting), before=12, after=12, caution=()
    )
    study = result.event_study
    assert list(study["event_month"]) == list(range(-12, 12))
    assert study.loc[study["event_month"] < 0, "estimate"].mean() == pytest.approx(0, abs=1e-10)
    assert study.loc[study["event_month"] >= 0, "estimate"].mean() == pytest.approx(
        result.row["estimate"]
    )
    spec = event_study_chart(study).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "rule", "point", "rule"]


def test_too_few_comparisons_is_a_refusal_in_words():
    frame, adopting = panel({"A1": START}, comparisons=MIN_COMPARISON - 1)
    row = difference_in_differences(
        frame, adopting, comparisons_of(frame, adopting), caution=()
    ).row
    assert row["status"] == "not estimated" and row["estimate"] is None
    assert (
        f"only 4 comparison authorities with every month (at least {MIN_COMPARISON} are needed)"
        in row["reason"]
    )


def test_authorities_with_a_missing_month_or_a_definition_change_are_left_out_and_named():
    frame, adopting = panel({"A1": START, "A2": START}, comparisons=7)
    frame = frame[
        ~((frame["la_code"] == "C03") & (frame["month"] == pd.Timestamp("2017-06-01")))
    ].copy()
    frame.loc[
        (frame["la_code"] == "A2") & (frame["month"] >= pd.Timestamp("2018-03-01")),
        "indicator_label",
    ] = "New"
    row = difference_in_differences(
        frame, adopting, comparisons_of(frame, adopting), caution=()
    ).row
    assert (row["n_adopting"], row["n_comparison"]) == (1, 6)
    assert "Comparison C03 (window of Jan 2018): no usable figure for Jun 2017" in row["dropped"]
    assert "Adopter A2 (window of Jan 2018): The printed label changes" in row["dropped"]
    assert "Not used:" in row["caveat"]


def test_comparisons_default_to_statistical_neighbours_that_never_adopted():
    frame, adopting = panel({"A1": START, "A2": START}, comparisons=8)
    neighbours = pd.DataFrame(
        {
            "version": "2021",
            "la_code": "A1",
            "neighbour_rank": range(1, 9),
            "neighbour_la_code": ["A2"] + [f"C{i:02d}" for i in range(7)],
        }
    )
    row = difference_in_differences(frame, adopting, neighbours=neighbours, caution=()).row
    assert row["n_comparison"] == 7 and "Comparison C07" not in row["comparison"]
    with pytest.raises(ValueError, match="statistical neighbours"):
        difference_in_differences(frame, adopting)


def test_covid_months_are_left_out_for_everyone():
    start = pd.Timestamp("2021-06-01")
    frame, adopting = panel({"A1": start}, first="2019-01-01", months=48, seed=6)
    row = difference_in_differences(
        frame, adopting, comparisons_of(frame, adopting), before=24, after=12
    ).row
    assert row["status"] == "estimated" and row["n_before"] == 24 - 13 and row["n_after"] == 12
    assert "Left out: Mar 2020 to Mar 2021 (COVID-19 lockdowns)." in row["caveat"]


def test_counts_become_rates_per_10000_children():
    frame = pd.DataFrame(
        {
            "authority": "Leeds",
            "la_code": "E08000035",
            "unit": "count",
            "month": pd.to_datetime(["2015-06-01", "2015-12-01"]),
            "value": [300.0, 300.0],
        }
    )
    population = pd.DataFrame(
        {"la_code": "E08000035", "year": [2015, 2016], "population_0_17": [150_000, 160_000]}
    )
    rates = as_rate_per_10k(frame, population)
    assert list(rates["value"]) == pytest.approx([20.0, 300 / 155_000 * 10_000])
    assert set(rates["unit"]) == {"rate_per_10k"}
