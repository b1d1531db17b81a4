"""Impact estimators on simulated series with a known change: coverage of 95% intervals, bias and
RMSE.

`python -m benchmarks.impact_simulation [--reps 1000] [--seed 20240605] [--workers 2]` prints a
Markdown table and writes benchmarks/results/impact_simulation.md. The same studies, with 500 series
each, are a test (tests/test_analyses_impact_simulation.py): coverage must lie between 93% and 97%.

"""

from __future__ import annotations

import argparse
import platform
import time

from analyses.impact.inference import DRAWS, GRID
from analyses.impact.simulate import METHODS, describe, run_studies
from benchmarks.corpus_score import RESULTS, markdown

NAMES = {
    "its_rate": "ITS, rates (least squares)",
    "its_count": "ITS, counts (Poisson)",
    "did": "DiD, staggered starts (stacked)",
    "its_ramp": "ITS, change ramping over 12 months: mean effect after",
    "its_short": "ITS, 12 months before, seasonal: pattern borrowed from comparisons",
    "did_noisy": "DiD, adopters twice as noisy",
    "did_trend_small": "DiD, adopters trend +0.03 a month",
    "did_trend": "DiD, adopters trend +0.1 a month",
}
EXTRAS = {
    "step_estimate": "mean step estimate {:.2f} (the immediate step understates a ramp)",
    "refused_alone": "refused without comparisons {:.0%}",
    "pretrend_rejected": "joint pre-trend test rejects {:.1%}",
    "adjusted_covered": "trend-adjusted interval covers {:.1%}",
    "equal_noise_covered": "equal-noise interval (before issue 12) covers {:.1%}",
}


def report(results: list[dict], reps: int, seed: int, seconds: float) -> str:
    rows = [
        [
            NAMES[r["method"]],
            str(r["estimated"]),
            f"{r['truth']:.2f}",
            f"{100 * r['coverage']:.1f}%",
            f"{r['mean_estimate']:.3f}",
            f"{r['bias']:+.3f}",
            f"{r['rmse']:.3f}",
            f"{r['mean_width']:.2f}",
            describe(r["method"])["unit"],
            "; ".join(text.format(r[k]) for k, text in EXTRAS.items() if k in r),
        ]
        for r in results
    ]
    table = markdown(
        [
            "estimator",
            "series",
            "true change",
            "95% coverage",
            "mean estimate",
            "mean bias",
            "RMSE",
            "mean interval width",
            "unit",
            "also",
        ],
        rows,
    )
    details = "\n".join(
        f"- {NAMES[m]}: {describe(m)['data']}; fitted by {describe(m)['fit']}." for m in METHODS
    )
    return (
        f"# Impact estimators on simulated series\n\n{table}\n\n{details}\n\n"
        "Newey-West: Bartlett kernel, lag round(1.3 sqrt(n)) (8 for 42 months); critical "
        "values simulated "
        f"for the model's own design under AR(1) errors on a grid of {len(GRID)} "
        "autocorrelations "
        f"({GRID[0]:.2f} to {GRID[-1]:.2f}, {DRAWS} series each), at the residuals' "
        "bias-corrected "
        f"autocorrelation, then prepivoted ({DRAWS} series) for that autocorrelation being "
        "estimated. "
        "Plain Newey-West with normal or t(n-k) critical values covered 60-80% in the same "
        "designs.\n\n"
        f"{reps} series per estimator, seed {seed}; {seconds:.0f} s on {platform.machine()} "
        f"(Python {platform.python_version()}).\n"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20240605)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    results = run_studies(args.reps, args.seed, workers=args.workers)
    text = report(results, args.reps, args.seed, time.perf_counter() - began)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "impact_simulation.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
