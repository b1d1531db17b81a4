"""What a difference-in-differences estimate rests on, checked: parallel trends before the start,
how large a violation would overturn the result, and the estimate allowing for the trend
difference the months before show.

* Joint pre-trend test: the months before each start in up to four consecutive bins; the adopters'
  bin means
  (each authority's own pre-start mean taken off) less the comparisons', all bins at once, against
  the
  spread of the comparisons' own bin means (Hotelling's T², an F test); several start months:
  Bonferroni. An event study's month-by-month
  intervals are not such a test: with twelve months before, one of them excludes zero by chance in
  about half
  the runs even when trends are parallel.
* Sensitivity (in the spirit of Rambachan & Roth's HonestDiD, for linear violations): the difference
  in
  trend, a month, that would move the interval to include no change — a bias of δ × (mean months
  after −
  mean months before) — set beside the trend difference the months before show (with its interval).
* Trend-adjusted estimate: each authority's change less its own pre-start slope × that distance,
  aggregated
  as the estimate itself (comparisons' variation, noise ratio): valid if the trend difference is
  linear,
  wider than the plain estimate.

"""

from __future__ import annotations

import numpy as np
from scipy import special  # scipy.stats takes 0.65 s to import

from analyses.impact.did import Stack, aggregate
from analyses.impact.result import number_text

BINS = 4


def _offsets(stack: Stack) -> np.ndarray:
    """Months since the window's first month, for each month that counts."""
    first = stack.months[0]
    return np.array(
        [(m.year - first.year) * 12 + m.month - first.month for m in stack.months], dtype=float
    )


def pre_slopes(stack: Stack) -> np.ndarray:
    """Each authority's least-squares slope (a month) over the months before the start."""
    t = _offsets(stack)[~stack.is_post]
    y = stack.values[~stack.is_post]
    t = t - t.mean()
    return (t @ (y - y.mean(axis=0))) / (t @ t)


def distance(stack: Stack) -> float:
    """Mean month after the start less mean month before: how far a linear trend difference moves
    the estimate."""
    t = _offsets(stack)
    return float(t[stack.is_post].mean() - t[~stack.is_post].mean())


def _weights(stacks: list[Stack]) -> np.ndarray:
    n = np.array([len(s.treated) for s in stacks], dtype=float)
    return n / n.sum()


def trend_adjusted(stacks: list[Stack], level: float = 0.95) -> dict:
    """The estimate allowing a linear trend difference (see the module note)."""
    return aggregate(
        stacks, [s.changes() - distance(s) * pre_slopes(s) for s in stacks], level, robust=True
    )


def pre_trend_slope(stacks: list[Stack], level: float = 0.95) -> dict:
    """The adopters' pre-start slope less the comparisons', with its interval (per month)."""
    return aggregate(stacks, [pre_slopes(s) for s in stacks], level, robust=True)


def _bin_vectors(stack: Stack) -> np.ndarray:
    """authorities x (bins - 1): bin means of the months before (own pre mean removed), less the
    last bin's."""
    pre = stack.values[~stack.is_post]
    bins = np.array_split(np.arange(len(pre)), min(BINS, len(pre) // 3))
    means = np.array([pre[b].mean(axis=0) for b in bins])
    return (means[:-1] - means[-1]).T


def stack_pre_trend_test(s: Stack) -> dict:
    """One start month's test: Hotelling's T² of the adopters' mean bin profile against the
    comparisons'."""
    v = _bin_vectors(s)
    treated, control = v[: len(s.treated)], v[len(s.treated) :]
    spread = np.atleast_2d(np.cov(control, rowvar=False, ddof=1))
    # the estimated ratio itself: a floor would make the test timid
    ratio = s.noise_ratios(floor=0.0).mean()
    profile = treated.mean(axis=0) - control.mean(axis=0)
    t2 = float(
        profile @ np.linalg.pinv(spread * (ratio / len(s.treated) + 1 / len(s.control))) @ profile
    )
    p, nu = len(profile), len(s.control) - 1
    f = t2 * (nu - p + 1) / (p * nu)
    return {
        "t2": t2,
        "f": f,
        "df1": p,
        "df2": nu - p + 1,
        "p_value": float(special.fdtrc(p, nu - p + 1, f)),  # f.sf, without scipy.stats
        "bins": p + 1,
    }


def joint_pre_trend_test(stacks: list[Stack]) -> dict:
    """All months before every start at once: each start month's Hotelling test, and over several
    start months the smallest p-value times their number (Bonferroni; pooling the profiles was
    far too timid in simulation, the stacks sharing their comparisons). Keys: f, df1, df2 and
    bins of the deciding test, p_value, starts."""
    tests = [stack_pre_trend_test(s) for s in stacks]
    worst = min(tests, key=lambda t: t["p_value"])
    return {**worst, "p_value": min(1.0, worst["p_value"] * len(tests)), "starts": len(tests)}


def breakdown_trend(estimate: dict, stacks: list[Stack], level: float = 0.95) -> float:
    """The trend difference (unit a month) that would bring the interval's nearer end to no change;
    0 when it already includes no change."""
    gap = float(np.dot(_weights(stacks), [distance(s) for s in stacks]))
    nearer = estimate["low"] if estimate["estimate"] > 0 else -estimate["high"]
    return max(nearer, 0.0) / gap


def checks(stacks: list[Stack], estimate: dict, unit: str = "", level: float = 0.95) -> dict:
    """Every check as columns of the DiD row, with `checks_text` saying them in words."""
    joint, slope, adjusted = (
        joint_pre_trend_test(stacks),
        pre_trend_slope(stacks, level),
        trend_adjusted(stacks, level),
    )
    bound = breakdown_trend(estimate, stacks, level)
    out = {
        "pretrend_p": joint["p_value"],
        "pretrend_f": joint["f"],
        "pretrend_df": f"{joint['df1']}, {joint['df2']}",
        "pretrend_slope": slope["estimate"],
        "pretrend_slope_low": slope["low"],
        "pretrend_slope_high": slope["high"],
        "breakdown_trend": bound,
        "trend_adjusted": adjusted["estimate"],
        "trend_adjusted_low": adjusted["low"],
        "trend_adjusted_high": adjusted["high"],
    }
    out["checks_text"] = _words(out, joint, unit)
    return out


def _words(c: dict, joint: dict, unit: str) -> str:
    verdict = (
        "the adopters' months before do not differ from the comparisons' beyond chance"
        if c["pretrend_p"] >= 0.05
        else "the adopters' months before already moved differently from the comparisons'"
    )
    over = (
        f" before each of {joint['starts']} start months (Bonferroni)"
        if joint["starts"] > 1
        else ""
    )
    text = (
        f"Parallel trends before the start, tested jointly over {joint['bins']} periods{over}: p "
        f"= {c['pretrend_p']:.2f}, "
        f"so {verdict} (a test cannot prove trends parallel). "
    )
    slope = (
        f"The months before show a trend difference of {number_text(c['pretrend_slope'], unit)} a "
        "month (95% "
        f"interval {number_text(c['pretrend_slope_low'])} to "
        f"{number_text(c['pretrend_slope_high'])}). "
    )
    if c["breakdown_trend"] > 0:
        ruled = (
            c["pretrend_slope_low"] > -c["breakdown_trend"]
            and c["pretrend_slope_high"] < c["breakdown_trend"]
        )
        text += (
            f"A trend difference of {number_text(c['breakdown_trend'], unit)} a month would be "
            "enough to explain "
            "the change away. "
            f"{slope}"
            + (
                "Such a trend is outside that interval. "
                if ruled
                else "Such a trend cannot be ruled out. "
            )
        )
    else:
        text += slope
    return text + (
        "Allowing for a linear trend difference, the change is "
        f"{number_text(c['trend_adjusted'], unit)} "
        f"(95% interval {number_text(c['trend_adjusted_low'])} to "
        f"{number_text(c['trend_adjusted_high'])})."
    )
