"""Simulated monthly figures with a known change, to check that the impact estimators find it.

Like the reports: monthly rates or counts with a trend, a month-of-year pattern, and errors that carry over
from month to month (AR(1), phi drawn between 0.3 and 0.5); a level change of known size at the start.
`coverage_study` fits many such series and says how often the 95% interval held the true change, the mean
bias and the root mean squared error. Used by the tests and by `python -m benchmarks.impact_simulation`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analyses.impact_did import difference_in_differences
from analyses.impact_its import interrupted_time_series

START = pd.Timestamp("2016-01-01")
SEASON = np.array([3, 1, 4, 2, 0, -1, -3, -6, 0, 2, 1, -3], dtype=float)  # a month-of-year pattern (Jan..Dec)


@dataclass(frozen=True)
class Scenario:
    """What is simulated: months each side, the autocorrelation range, the noise and the true change."""

    before: int = 24
    after: int = 18
    phi: tuple[float, float] = (0.3, 0.5)
    noise: float = 2.0  # the AR(1) errors' standard deviation (rates), or of log counts' errors (0.05)
    effect: float = -4.0  # level change: in the rate's unit; for counts a log rate ratio (e.g. -0.1)
    level: float = 40.0  # rate per 10,000 at the start, or mean count a month
    trend: float = 0.1  # a month, in the rate's unit; for counts a log change a month


RATE = Scenario()
COUNT = Scenario(noise=0.05, effect=-0.10, level=400.0, trend=0.002)


def ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    """AR(1) errors whose stationary standard deviation is sd."""
    z = rng.standard_normal(n) * sd * np.sqrt(1 - phi ** 2)
    e = np.empty(n)
    e[0] = rng.standard_normal() * sd
    for t in range(1, n):
        e[t] = phi * e[t - 1] + z[t]
    return e


def simulated_series(rng: np.random.Generator, scenario: Scenario = RATE, kind: str = "rate",
                     start: pd.Timestamp = START, authority: str = "Simtown", la_code: str = "E06999999",
                     effect: float | None = None, offset: float = 0.0) -> pd.DataFrame:
    """One authority's monthly series: kind "rate" (rate per 10,000, additive change) or "count" (Poisson
    counts around a log-linear mean with multiplicative change and AR(1) errors on the log scale)."""
    effect = scenario.effect if effect is None else effect
    months = pd.date_range(start - pd.DateOffset(months=scenario.before), periods=scenario.before + scenario.after,
                           freq="MS")
    t = np.arange(len(months)) - scenario.before
    after = (t >= 0).astype(float)
    phi = rng.uniform(*scenario.phi)
    season = SEASON[months.month - 1]
    if kind == "rate":
        value = scenario.level + offset + scenario.trend * t + 0.5 * season + effect * after + ar1(rng, len(t), phi, scenario.noise)
        unit = "rate_per_10k"
    else:
        log_mean = np.log(scenario.level) + offset + scenario.trend * t + 0.02 * season + effect * after
        value = rng.poisson(np.exp(log_mean + ar1(rng, len(t), phi, scenario.noise))).astype(float)
        unit = "count"
    return pd.DataFrame({"authority": authority, "la_code": la_code, "indicator": "referrals",
                         "indicator_label": "Referrals", "unit": unit, "month": months, "value": value, "note": ""})


def simulated_panel(rng: np.random.Generator, scenario: Scenario = RATE, adopting_starts=(0, 0, 3, 6, 9),
                    comparisons: int = 12, effect: float | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rates for adopting authorities (starts staggered: months after START) and comparison authorities:
    each its own level and AR(1) errors, all sharing month effects; the adopters change by `effect`.
    Returns (panel, adopting) frames ready for `difference_in_differences`."""
    effect = scenario.effect if effect is None else effect
    first = START - pd.DateOffset(months=scenario.before)
    length = scenario.before + scenario.after + max(adopting_starts)
    months = pd.date_range(first, periods=length, freq="MS")
    shared = 0.5 * SEASON[months.month - 1] + ar1(rng, length, 0.5, 1.0) + scenario.trend * np.arange(length)
    units = len(adopting_starts) + comparisons
    values, adopting, names = np.empty((units, length)), [], []
    for i in range(units):
        values[i] = scenario.level + rng.normal(0, 8) + shared + ar1(rng, length, rng.uniform(*scenario.phi), scenario.noise)
        if i < len(adopting_starts):
            start = START + pd.DateOffset(months=adopting_starts[i])
            values[i] += effect * (months >= start)
            adopting.append({"name": "front door", "authority": f"Adopter {i + 1}", "la_code": f"E0{i:07d}",
                             "start_date": start, "end_date": pd.NaT})
        names.append(f"Adopter {i + 1}" if i < len(adopting_starts) else f"Comparison {i - len(adopting_starts) + 1}")
    panel = pd.DataFrame({"authority": np.repeat(names, length), "la_code": np.repeat([f"E0{i:07d}" for i in range(units)], length),
                          "indicator": "referrals_rate_10k", "indicator_label": "Referrals per 10,000",
                          "unit": "rate_per_10k", "month": np.tile(months, units), "value": values.ravel(), "note": ""})
    return panel, pd.DataFrame(adopting)


def coverage_study(method: str, reps: int = 500, seed: int = 1, scenario: Scenario | None = None) -> dict:
    """Fit `reps` simulated series ("its_rate", "its_count" or "did") and summarise: coverage of the 95%
    interval, mean bias, RMSE (in the estimate's own terms: rate units, % change, rate units), refusals."""
    rng = np.random.default_rng(seed)
    began = time.perf_counter()
    truth, estimates, covered, widths, refused = None, [], [], [], 0
    for _ in range(reps):
        if method == "did":
            sc = scenario or RATE
            panel, adopting = simulated_panel(rng, sc)
            comparison = sorted(set(panel["la_code"]) - set(adopting["la_code"]))
            result = difference_in_differences(panel, adopting, comparison, before=sc.before, after=sc.after,
                                               caution=(), with_event_study=False)
            truth = sc.effect
        else:
            kind = method.split("_")[1]
            sc = scenario or (RATE if kind == "rate" else COUNT)
            series = simulated_series(rng, sc, kind)
            result = interrupted_time_series(series, START, before=sc.before, after=sc.after, caution=())
            truth = sc.effect if kind == "rate" else 100 * (np.exp(sc.effect) - 1)
        row = result.row
        if not result.estimated:
            refused += 1
            continue
        estimates.append(row["estimate"])
        covered.append(row["low"] <= truth <= row["high"])
        widths.append(row["high"] - row["low"])
    return summarise(method, reps, truth, estimates, covered, widths, refused, time.perf_counter() - began)


def summarise(method, reps, truth, estimates, covered, widths, refused, seconds) -> dict:
    """The study's figures; the per-series lists are kept (under `raw`) so that parts can be merged."""
    values = np.array(estimates, dtype=float)
    return {"method": method, "series": reps, "estimated": len(values), "refused": refused, "truth": float(truth),
            "coverage": float(np.mean(covered)), "mean_estimate": float(values.mean()),
            "bias": float(values.mean() - truth), "rmse": float(np.sqrt(np.mean((values - truth) ** 2))),
            "mean_width": float(np.mean(widths)), "seconds": seconds,
            "raw": {"estimates": list(estimates), "covered": list(covered), "widths": list(widths)}}


def merge(parts: list[dict]) -> dict:
    """One study's figures from studies of its parts."""
    raw = {key: [v for p in parts for v in p["raw"][key]] for key in ("estimates", "covered", "widths")}
    return summarise(parts[0]["method"], sum(p["series"] for p in parts), parts[0]["truth"], raw["estimates"],
                     raw["covered"], raw["widths"], sum(p["refused"] for p in parts), sum(p["seconds"] for p in parts))


METHODS = ("its_rate", "its_count", "did")


def _study(args: tuple) -> dict:
    method, reps, seed = args
    return coverage_study(method, reps, seed)


def run_studies(reps: int = 500, seed: int = 20240605, methods=METHODS, workers: int = 2, parts: int = 2) -> list[dict]:
    """`coverage_study` for each method (ITS on rates, ITS on counts, stacked DiD), each split into `parts`
    seeded parts (seed + 10 * method position + part) run in `workers` processes and merged: the figures do
    not depend on the number of workers."""
    sizes = [reps // parts + (1 if i < reps % parts else 0) for i in range(parts)]
    jobs = [(method, size, seed + 10 * i + j) for i, method in enumerate(methods) for j, size in enumerate(sizes)]
    if workers <= 1:
        done = [_study(job) for job in jobs]
    else:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(_study, jobs))
    return [merge(done[i * parts:(i + 1) * parts]) for i in range(len(methods))]


def describe(method: str) -> dict:
    """What each study simulates and fits, in words (for the benchmark's table)."""
    rate, count = RATE, COUNT
    return {
        "its_rate": {"data": f"rate per 10,000: {rate.before} months before, {rate.after} after, trend, month-of-year "
                             f"pattern, AR(1) errors (sd {rate.noise}, phi {rate.phi[0]}-{rate.phi[1]}), level change "
                             f"{rate.effect}",
                     "fit": "interrupted_time_series: least squares, month-of-year terms, Newey-West lag 8, "
                            "calibrated critical values", "unit": "per 10,000"},
        "its_count": {"data": f"Poisson counts around {count.level:.0f} a month: {count.before} months before, "
                              f"{count.after} after, AR(1) errors on the log scale (sd {count.noise}, phi "
                              f"{count.phi[0]}-{count.phi[1]}), level change x{np.exp(count.effect):.3f} "
                              f"({100 * (np.exp(count.effect) - 1):.1f}%)",
                      "fit": "interrupted_time_series: Poisson quasi-likelihood, month-of-year terms, Newey-West "
                             "lag 8, calibrated critical values", "unit": "% change"},
        "did": {"data": f"5 adopting authorities (starts at months 0, 0, 3, 6, 9) and 12 comparisons, rates per "
                        f"10,000: own levels, shared month effects, AR(1) errors (sd {rate.noise}, phi "
                        f"{rate.phi[0]}-{rate.phi[1]}), {rate.before} months before and {rate.after} after each "
                        f"start, level change {rate.effect}",
                "fit": "difference_in_differences: stacked, adopters weighted equally, variance from the "
                       "comparisons, t with Satterthwaite df", "unit": "per 10,000"},
    }[method]
