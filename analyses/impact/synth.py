"""Synthetic control for a single adopting authority (Abadie, Diamond & Hainmueller 2010).

The comparison authorities are weighted (weights at least 0, summing to 1) so that together they
track the adopter's months before the start as closely as possible; the estimate is the adopter's
mean gap from that synthetic authority over the months after. Inference is by placebo in space:
every comparison authority in turn is treated as if it had adopted, with its own synthetic control
from the others; the p-value is the adopter's rank among all of them by post-start against pre-start
fit (RMSPE ratio), and the interval is the estimate less the middle 95% of the placebos' mean gaps
(with m comparisons it cannot be surer than m/(m+1)). Refused, in words, when the adopter or too few
comparisons have every month, or when the months before cannot be reproduced (the adopter lies
outside what any mix of comparisons looks like).

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analyses.impact.result import ESTIMATED, UNIT_WORDS, month_text, number_text, refusal
from analyses.intervention_frames import authority_key, month_start

METHOD = "synthetic control"
MIN_DONORS = 5
# pre-start RMSPE more than this times the placebos' median: the adopter cannot be reproduced
POOR_FIT = 2.0


def synth_weights(target: np.ndarray, donors: np.ndarray) -> np.ndarray:
    """Weights ≥ 0 summing to 1 minimising the squared distance of donors @ w from target (months x
    donors)."""
    from scipy.optimize import nnls  # 0.4 s to import: loaded when a synthetic control is fitted

    scale = max(float(np.abs(donors).max()), 1.0) * 100
    A = np.vstack([donors, np.full((1, donors.shape[1]), scale)])
    w, _ = nnls(A, np.r_[target, scale])
    return w / w.sum() if w.sum() > 0 else np.full(donors.shape[1], 1 / donors.shape[1])


def _fit(y: np.ndarray, donors: np.ndarray, post: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    w = synth_weights(y[~post], donors[~post])
    return w, y - donors @ w


def _rmspe(gap: np.ndarray) -> float:
    return float(np.sqrt(np.mean(gap**2)))


def synthetic_control(
    panel: pd.DataFrame,
    adopter: str,
    comparison: list[str],
    start,
    before: int = 24,
    after: int = 18,
    level: float = 0.95,
) -> dict:
    """A result row for one adopter (an authority key or la_code) against weighted comparisons."""
    start = month_start(start)
    frame = panel.assign(key=authority_key(panel), month=pd.to_datetime(panel["month"]))
    window = pd.date_range(
        start - pd.DateOffset(months=before), start + pd.DateOffset(months=after - 1), freq="MS"
    )
    wide = (
        frame.drop_duplicates(["month", "key"])
        .pivot(index="month", columns="key", values="value")
        .reindex(window)
    )
    names = dict(zip(frame["key"], frame["authority"]))
    ident = {"authority": names.get(adopter, adopter), "la_code": adopter, "start": start}
    if adopter not in wide or wide[adopter].isna().any():
        return refusal(
            METHOD,
            f"The adopter lacks figures for some months from {month_text(window[0])} to "
            f"{month_text(window[-1])}.",
            **ident,
        )
    donors = [
        c for c in dict.fromkeys(comparison) if c in wide and c != adopter and wide[c].notna().all()
    ]
    if len(donors) < MIN_DONORS:
        return refusal(
            METHOD,
            f"Only {len(donors)} comparison authorities have every month of the window; at least "
            f"{MIN_DONORS} are needed.",
            **ident,
        )
    post = np.asarray(window >= start)
    Y, y = wide[donors].to_numpy(float), wide[adopter].to_numpy(float)
    weights, gap = _fit(y, Y, post)
    placebo = [_fit(Y[:, j], np.delete(Y, j, axis=1), post)[1] for j in range(len(donors))]
    return _row(
        ident,
        gap,
        placebo,
        post,
        weights,
        [names.get(d, d) for d in donors],
        level,
        _first_unit(frame, adopter),
    )


def _first_unit(frame: pd.DataFrame, key: str) -> str:
    units = (
        frame.loc[frame["key"] == key, "unit"].dropna() if "unit" in frame else pd.Series(dtype=str)
    )
    return str(units.iloc[0]) if len(units) else ""


def _row(ident, gap, placebo, post, weights, donors, level, unit) -> dict:
    estimate = float(gap[post].mean())
    ratio = _rmspe(gap[post]) / max(_rmspe(gap[~post]), 1e-12)
    ratios = [_rmspe(g[post]) / max(_rmspe(g[~post]), 1e-12) for g in placebo]
    means = np.array([g[post].mean() for g in placebo])
    alpha = 1 - level
    low, high = (
        estimate - np.quantile(means, 1 - alpha / 2),
        estimate - np.quantile(means, alpha / 2),
    )
    p_value = (1 + sum(r >= ratio for r in ratios)) / (1 + len(ratios))
    fit, typical = _rmspe(gap[~post]), float(np.median([_rmspe(g[~post]) for g in placebo]))
    mix = ", ".join(
        f"{d} {w:.2f}" for d, w in sorted(zip(donors, weights), key=lambda x: -x[1]) if w >= 0.01
    )
    words = UNIT_WORDS.get(unit, unit)
    row = dict(
        ident,
        method=METHOD,
        status=ESTIMATED,
        estimate=estimate,
        low=float(low),
        high=float(high),
        effect="mean gap from the synthetic authority over the months after"
        + (f" ({words})" if words else ""),
        model=f"synthetic control: weights {mix}",
        n_before=int((~post).sum()),
        n_after=int(post.sum()),
        reason="",
        p_value=float(p_value),
        pre_rmspe=fit,
        placebo_pre_rmspe=typical,
        weights=mix,
    )
    row["caveat"] = _caveat(row, fit > POOR_FIT * typical, len(placebo), unit)
    return row


def _caveat(row: dict, poor: bool, placebos: int, unit: str) -> str:
    text = (
        f"Against a synthetic {row['authority']} ({row['weights']}), the months from the start "
        "were "
        f"{number_text(abs(row['estimate']), unit)} "
        f"{'higher' if row['estimate'] >= 0 else 'lower'} on average "
        f"(placebo interval {number_text(row['low'])} to {number_text(row['high'])}; p = "
        f"{row['p_value']:.2f} from "
        f"{placebos} placebo authorities, so no p-value below {1 / (placebos + 1):.2f} is "
        "possible). "
    )
    if poor:
        text += (
            "The synthetic authority tracks the months before poorly (their gap is more than "
            "twice the "
            "placebos' typical gap): the adopter looks unlike any mix of the comparisons, "
            "so do not rely on this. "
        )
    return text + (
        "It holds if, without the intervention, the adopter would have kept tracking its "
        "synthetic match."
    )
