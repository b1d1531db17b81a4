"""Simulated monthly figures with a known change, to check that the impact estimators find it.

Like the reports: monthly rates or counts with a trend, a month-of-year pattern, and errors that
carry over from month to month (AR(1), phi drawn between 0.3 and 0.5); a level change of known size
at the start. `coverage_study` fits many such series and says how often the 95% interval held the
true change, the mean bias and the root mean squared error. Used by the tests and by `python -m
benchmarks.impact_simulation`.

"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analyses.impact.did import difference_in_differences
from analyses.impact.its import interrupted_time_series
from analyses.impact.season import comparison_season

START = pd.Timestamp("2016-01-01")
# a month-of-year pattern (Jan..Dec)
SEASON = np.array([3, 1, 4, 2, 0, -1, -3, -6, 0, 2, 1, -3], dtype=float)


@dataclass(frozen=True)
class Scenario:
    """What is simulated: months each side, the autocorrelation range, the noise and the true
    change."""

    before: int = 24
    after: int = 18
    phi: tuple[float, float] = (0.3, 0.5)
    # the AR(1) errors' standard deviation (rates), or of log counts' errors (0.05)
    noise: float = 2.0
    # level change: in the rate's unit; for counts a log rate ratio (e.g. -0.1)
    effect: float = -4.0
    level: float = 40.0  # rate per 10,000 at the start, or mean count a month
    trend: float = 0.1  # a month, in the rate's unit; for counts a log change a month
    ramp: int = 0  # months the change takes to reach its full size (0: all at once)
    # adopters' noise as a multiple of the comparisons' (small councils: more)
    adopter_noise: float = 1.0
    adopter_trend: float = 0.0  # adopters' extra trend a month (parallel trends violated)


RATE = Scenario()
COUNT = Scenario(noise=0.05, effect=-0.10, level=400.0, trend=0.002)
# −6 reached over 12 months: a mean of −4.17 over the 18 months after
RAMP = Scenario(effect=-6.0, ramp=12)
SHORT = Scenario(before=12)  # a seasonal series with a year before the start
NOISY = Scenario(adopter_noise=2.0)
TREND_SMALL, TREND = Scenario(adopter_trend=0.03), Scenario(adopter_trend=0.1)


def ramped(t: np.ndarray, effect: float, ramp: int) -> np.ndarray:
    """The change in each month since the start: all at once, or growing to `effect` over `ramp`
    months."""
    if not ramp:
        return effect * (t >= 0)
    return effect * np.clip((t + 1) / ramp, 0, 1) * (t >= 0)


def post_mean_effect(scenario: Scenario) -> float:
    """The true mean change over the months after the start."""
    return float(ramped(np.arange(scenario.after), scenario.effect, scenario.ramp).mean())


def ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    """AR(1) errors whose stationary standard deviation is sd."""
    z = rng.standard_normal(n) * sd * np.sqrt(1 - phi**2)
    e = np.empty(n)
    e[0] = rng.standard_normal() * sd
    for t in range(1, n):
        e[t] = phi * e[t - 1] + z[t]
    return e


def simulated_series(
    rng: np.random.Generator,
    scenario: Scenario = RATE,
    kind: str = "rate",
    start: pd.Timestamp = START,
    authority: str = "Simtown",
    la_code: str = "E06999999",
    effect: float | None = None,
    offset: float = 0.0,
) -> pd.DataFrame:
    """One authority's monthly series: kind "rate" (rate per 10,000, additive change) or "count"
    (Poisson counts around a log-linear mean with multiplicative change and AR(1) errors on the
    log scale)."""
    effect = scenario.effect if effect is None else effect
    months = pd.date_range(
        start - pd.DateOffset(months=scenario.before),
        periods=scenario.before + scenario.after,
        freq="MS",
    )
    t = np.arange(len(months)) - scenario.before
    after = (t >= 0).astype(float)
    phi = rng.uniform(*scenario.phi)
    season = SEASON[months.month - 1]
    if kind == "rate":
        value = (
            scenario.level
            + offset
            + scenario.trend * t
            + 0.5 * season
            + ramped(t, effect, scenario.ramp)
            + ar1(rng, len(t), phi, scenario.noise)
        )
        unit = "rate_per_10k"
    else:
        log_mean = (
            np.log(scenario.level) + offset + scenario.trend * t + 0.02 * season + effect * after
        )
        value = rng.poisson(np.exp(log_mean + ar1(rng, len(t), phi, scenario.noise))).astype(float)
        unit = "count"
    return pd.DataFrame(
        {
            "authority": authority,
            "la_code": la_code,
            "indicator": "referrals",
            "indicator_label": "Referrals",
            "unit": unit,
            "month": months,
            "value": value,
            "note": "",
        }
    )


def simulated_panel(
    rng: np.random.Generator,
    scenario: Scenario = RATE,
    adopting_starts=(0, 0, 3, 6, 9),
    comparisons: int = 12,
    effect: float | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rates for adopting authorities (starts staggered: months after START) and comparison
    authorities: each its own level and AR(1) errors, all sharing month effects; the adopters
    change by `effect`. Returns (panel, adopting) frames ready for `difference_in_differences`."""
    effect = scenario.effect if effect is None else effect
    first = START - pd.DateOffset(months=scenario.before)
    length = scenario.before + scenario.after + max(adopting_starts)
    months = pd.date_range(first, periods=length, freq="MS")
    shared = (
        0.5 * SEASON[months.month - 1]
        + ar1(rng, length, 0.5, 1.0)
        + scenario.trend * np.arange(length)
    )
    units = len(adopting_starts) + comparisons
    values, adopting, names = np.empty((units, length)), [], []
    for i in range(units):
        adopter = i < len(adopting_starts)
        noise = scenario.noise * (scenario.adopter_noise if adopter else 1.0)
        values[i] = (
            scenario.level
            + rng.normal(0, 8)
            + shared
            + ar1(rng, length, rng.uniform(*scenario.phi), noise)
        )
        if adopter:
            start = START + pd.DateOffset(months=adopting_starts[i])
            values[i] += effect * (months >= start) + scenario.adopter_trend * np.arange(length)
            adopting.append(
                {
                    "name": "front door",
                    "authority": f"Adopter {i + 1}",
                    "la_code": f"E0{i:07d}",
                    "start_date": start,
                    "end_date": pd.NaT,
                }
            )
        names.append(
            f"Adopter {i + 1}"
            if i < len(adopting_starts)
            else f"Comparison {i - len(adopting_starts) + 1}"
        )
    panel = pd.DataFrame(
        {
            "authority": np.repeat(names, length),
            "la_code": np.repeat([f"E0{i:07d}" for i in range(units)], length),
            "indicator": "referrals_rate_10k",
            "indicator_label": "Referrals per 10,000",
            "unit": "rate_per_10k",
            "month": np.tile(months, units),
            "value": values.ravel(),
            "note": "",
        }
    )
    return panel, pd.DataFrame(adopting)


def _its(rng, kind: str, sc: Scenario) -> tuple[float, dict, dict]:
    series = simulated_series(rng, sc, kind)
    row = interrupted_time_series(series, START, before=sc.before, after=sc.after, caution=()).row
    return (sc.effect if kind == "rate" else 100 * (np.exp(sc.effect) - 1)), row, {}


def _its_ramp(rng, sc: Scenario) -> tuple[float, dict, dict]:
    """A change ramping up over 12 months: the mean effect over the months after is the target."""
    series = simulated_series(rng, sc, "rate")
    row = interrupted_time_series(series, START, before=sc.before, after=sc.after, caution=()).row
    picked = {
        k: row.get(f"avg_effect{s}")
        for k, s in (("estimate", ""), ("low", "_low"), ("high", "_high"))
    }
    return post_mean_effect(sc), dict(row, **picked), {"step_estimate": row.get("estimate")}


def _its_short(rng, sc: Scenario) -> tuple[float, dict, dict]:
    """A year before the start: the month-of-year pattern borrowed from four comparison authorities
    with three years of figures (their own levels, trends and errors); without them the series is
    refused."""
    series = simulated_series(rng, sc, "rate")
    long = Scenario(before=36, after=sc.after, effect=0.0)
    others = pd.concat(
        [
            simulated_series(
                rng,
                long,
                "rate",
                authority=f"Comparison {i}",
                la_code=f"E0699990{i}",
                offset=rng.normal(0, 8),
            )
            for i in range(4)
        ],
        ignore_index=True,
    )
    alone = interrupted_time_series(series, START, before=sc.before, after=sc.after, caution=()).row
    row = interrupted_time_series(
        series,
        START,
        before=sc.before,
        after=sc.after,
        caution=(),
        season=comparison_season(others),
    ).row
    return sc.effect, row, {"refused_alone": alone["status"] != "estimated"}


def _did(rng, sc: Scenario) -> tuple[float, dict, dict]:
    panel, adopting = simulated_panel(rng, sc)
    comparison = sorted(set(panel["la_code"]) - set(adopting["la_code"]))
    row = difference_in_differences(
        panel,
        adopting,
        comparison,
        before=sc.before,
        after=sc.after,
        caution=(),
        with_event_study=False,
    ).row
    equal = (
        row["estimate"]
        + np.array([-1, 1]) * (row["high"] - row["estimate"]) * row["se_equal_noise"] / row["se"]
    )
    return (
        sc.effect,
        row,
        {
            "pretrend_rejected": row["pretrend_p"] < 0.05,
            "adjusted_covered": row["trend_adjusted_low"]
            <= sc.effect
            <= row["trend_adjusted_high"],
            "equal_noise_covered": equal[0] <= sc.effect <= equal[1],
        },
    )


STUDIES = {
    "its_rate": lambda rng: _its(rng, "rate", RATE),
    "its_count": lambda rng: _its(rng, "count", COUNT),
    "did": lambda rng: _did(rng, RATE),
    "its_ramp": lambda rng: _its_ramp(rng, RAMP),
    "its_short": lambda rng: _its_short(rng, SHORT),
    "did_noisy": lambda rng: _did(rng, NOISY),
    "did_trend_small": lambda rng: _did(rng, TREND_SMALL),
    "did_trend": lambda rng: _did(rng, TREND),
}


def coverage_study(method: str, reps: int = 500, seed: int = 1) -> dict:
    """Fit `reps` simulated series (a key of STUDIES) and summarise: coverage of the 95% interval,
    mean bias, RMSE (in the estimate's own terms: rate units, % change), refusals, and the
    study's own rates (`extras`)."""
    rng = np.random.default_rng(seed)
    began = time.perf_counter()
    truth, estimates, covered, widths, refused, extras = None, [], [], [], 0, {}
    for _ in range(reps):
        truth, row, extra = STUDIES[method](rng)
        if row["status"] != "estimated":
            refused += 1
            continue
        estimates.append(row["estimate"])
        covered.append(row["low"] <= truth <= row["high"])
        widths.append(row["high"] - row["low"])
        for key, value in extra.items():
            extras.setdefault(key, []).append(value)
    return summarise(
        method,
        reps,
        truth,
        estimates,
        covered,
        widths,
        refused,
        time.perf_counter() - began,
        extras,
    )


def summarise(
    method, reps, truth, estimates, covered, widths, refused, seconds, extras=None
) -> dict:
    """The study's figures; the per-series lists are kept (under `raw`) so that parts can be
    merged."""
    values = np.array(estimates, dtype=float)
    extras = extras or {}
    return {
        "method": method,
        "series": reps,
        "estimated": len(values),
        "refused": refused,
        "truth": float(truth),
        "coverage": float(np.mean(covered)),
        "mean_estimate": float(values.mean()),
        "bias": float(values.mean() - truth),
        "rmse": float(np.sqrt(np.mean((values - truth) ** 2))),
        "mean_width": float(np.mean(widths)),
        "seconds": seconds,
        **{k: float(np.mean(np.asarray(v, dtype=float))) for k, v in extras.items()},
        "raw": {
            "estimates": list(estimates),
            "covered": list(covered),
            "widths": list(widths),
            "extras": {k: list(v) for k, v in extras.items()},
        },
    }


def merge(parts: list[dict]) -> dict:
    """One study's figures from studies of its parts."""
    raw = {
        key: [v for p in parts for v in p["raw"][key]] for key in ("estimates", "covered", "widths")
    }
    extras = {
        k: [v for p in parts for v in p["raw"]["extras"].get(k, [])]
        for k in parts[0]["raw"]["extras"]
    }
    return summarise(
        parts[0]["method"],
        sum(p["series"] for p in parts),
        parts[0]["truth"],
        raw["estimates"],
        raw["covered"],
        raw["widths"],
        sum(p["refused"] for p in parts),
        sum(p["seconds"] for p in parts),
        extras,
    )


METHODS = tuple(STUDIES)


def _study(args: tuple) -> dict:
    method, reps, seed = args
    return coverage_study(method, reps, seed)


def run_studies(
    reps: int = 500, seed: int = 20240605, methods=METHODS, workers: int = 2, parts: int = 2
) -> list[dict]:
    """`coverage_study` for each method (ITS on rates, ITS on counts, stacked DiD), each split into
    `parts` seeded parts (seed + 10 * method position + part) run in `workers` processes and
    merged: the figures do not depend on the number of workers."""
    sizes = [reps // parts + (1 if i < reps % parts else 0) for i in range(parts)]
    jobs = [
        (method, size, seed + 10 * i + j)
        for i, method in enumerate(methods)
        for j, size in enumerate(sizes)
    ]
    if workers <= 1:
        done = [_study(job) for job in jobs]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(_study, jobs))
    return [merge(done[i * parts : (i + 1) * parts]) for i in range(len(methods))]


def describe(method: str) -> dict:
    """What each study simulates and fits, in words (for the benchmark's table)."""
    rate, count = RATE, COUNT
    return {
        "its_rate": {
            "data": (
                f"rate per 10,000: {rate.before} months before, {rate.after} after, trend, "
                "month-of-year "
                f"pattern, AR(1) errors (sd {rate.noise}, phi "
                f"{rate.phi[0]}-{rate.phi[1]}), level change "
                f"{rate.effect}"
            ),
            "fit": "interrupted_time_series: least squares, month-of-year terms, Newey-West lag 8, "
            "calibrated critical values",
            "unit": "per 10,000",
        },
        "its_count": {
            "data": (
                f"Poisson counts around {count.level:.0f} a month: {count.before} months before, "
                f"{count.after} after, AR(1) errors on the log scale (sd "
                f"{count.noise}, phi "
                f"{count.phi[0]}-{count.phi[1]}), level change "
                f"x{np.exp(count.effect):.3f} "
                f"({100 * (np.exp(count.effect) - 1):.1f}%)"
            ),
            "fit": (
                "interrupted_time_series: Poisson quasi-likelihood, month-of-year terms, "
                "Newey-West "
                "lag 8, calibrated critical values"
            ),
            "unit": "% change",
        },
        "did": {
            "data": (
                "5 adopting authorities (starts at months 0, 0, 3, 6, 9) and 12 comparisons, "
                "rates per "
                "10,000: own levels, shared month effects, AR(1) errors (sd "
                f"{rate.noise}, phi "
                f"{rate.phi[0]}-{rate.phi[1]}), {rate.before} months before and "
                f"{rate.after} after each "
                f"start, level change {rate.effect}"
            ),
            "fit": (
                "difference_in_differences: stacked, adopters weighted equally, variance from the "
                "comparisons scaled by the adopters' noise ratio, "
                "t with Satterthwaite df"
            ),
            "unit": "per 10,000",
        },
        "its_ramp": {
            "data": (
                f"as ITS on rates, but the change grows to {RAMP.effect} over {RAMP.ramp} months "
                "(mean "
                f"{post_mean_effect(RAMP):.2f} over the {RAMP.after} months after)"
            ),
            "fit": (
                "interrupted_time_series: the mean effect over the months after (level change + "
                "mean "
                "months since start x trend change), "
                "calibrated interval"
            ),
            "unit": "per 10,000",
        },
        "its_short": {
            "data": (
                f"as ITS on rates with {SHORT.before} months before; four comparison authorities "
                "with "
                "36 months sharing the month-of-year pattern (own levels, trends, "
                "AR(1) errors)"
            ),
            "fit": ("comparison_season, then interrupted_time_series with the borrowed pattern"),
            "unit": "per 10,000",
        },
        "did_noisy": {
            "data": f"as DiD, the adopters' errors {NOISY.adopter_noise:g} times as large",
            "fit": "as DiD",
            "unit": "per 10,000",
        },
        "did_trend_small": {
            "data": f"as DiD, adopters trending {TREND_SMALL.adopter_trend:+g} a month more",
            "fit": ("as DiD; also the joint pre-trend test and the trend-adjusted interval"),
            "unit": "per 10,000",
        },
        "did_trend": {
            "data": f"as DiD, adopters trending {TREND.adopter_trend:+g} a month more",
            "fit": "as DiD; also the joint pre-trend test and the trend-adjusted interval",
            "unit": "per 10,000",
        },
    }[method]
