"""The impact estimators, validated by simulation: series with a known level change, noise and AR(1) errors
(phi 0.3-0.5), 24 months before and 18 after. The 95% intervals must cover the true change 93-97% of the time,
and the mean estimate must be within 10% of the true change (about four Monte Carlo standard errors for the
noisiest, the Poisson counts). Rates and DiD: 500 series each; Poisson counts: 1,000, since their coverage sits
near 94% (Poisson noise on top of AR(1) errors is not quite AR(1)) and 500 series leave a Monte Carlo standard
error of 1 point. Seeded: the same every run. Two processes, about a minute."""
from __future__ import annotations

import pytest

from analyses.impact_simulate import run_studies

SERIES = {"its_rate": 500, "its_count": 1000, "did": 500}


@pytest.fixture(scope="module")
def studies() -> dict[str, dict]:
    found = {}
    for reps in sorted(set(SERIES.values())):
        methods = tuple(m for m, n in SERIES.items() if n == reps)
        found.update({r["method"]: r for r in run_studies(reps, seed=20240605, methods=methods, workers=2)})
    return found


@pytest.mark.parametrize("method", list(SERIES))
def test_intervals_cover_the_true_change_about_95_percent_of_the_time(studies, method):
    study = studies[method]
    assert study["estimated"] == SERIES[method] and study["refused"] == 0
    assert 0.93 <= study["coverage"] <= 0.97, {k: v for k, v in study.items() if k != "raw"}


@pytest.mark.parametrize("method", list(SERIES))
def test_estimates_are_unbiased_within_tolerance(studies, method):
    study = studies[method]
    assert abs(study["bias"]) <= 0.10 * abs(study["truth"]), study
