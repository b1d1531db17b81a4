"""Difference-in-differences: adopting authorities against similar authorities that did not adopt.

Estimator: stacked difference-in-differences (Cengiz, Dube, Lindner & Zipperer 2019), made for
starts at different dates. Each start month is a stack: the authorities that started then, and the
comparison authorities (which never adopted), over the same calendar window of `before` months
before and `after` months from the start. Within a stack, a two-way fixed-effects regression
(authority and month fixed effects, one indicator for adopters after the start) on a balanced panel
is exactly the difference between the adopters' and the comparisons' change in mean level (after
minus before); the stacks are combined with each adopting authority counting once (the "corrective"
sample-share weights of Wing, Freedman & Hollingsworth 2024), so no adopter is compared with another
that started earlier (the bias of ordinary two-way fixed effects with staggered starts).

Intervals. Standard errors are clustered by authority: each authority's months enter only through
its own before/after change, so any autocorrelation within an authority is allowed. But with a few
adopting authorities (often one per start month) the usual cluster-robust (CR1) variance is far too
small: an adopter alone in its stack has a residual of exactly zero. So the variance of an adopter's
change is taken from the comparison authorities' changes in the same window (their covariance across
stacks too), assuming adopters and comparisons wander alike month to month (Conley & Taber 2011 make
the same assumption), and the interval uses t with Satterthwaite degrees of freedom (at least the
number of comparisons less one). The conventional CR1 clustered standard error is reported beside
it, for reference only. A wild cluster bootstrap was not used: with one adopting cluster per stack
it is unreliable too (MacKinnon & Webb 2017).

"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analyses.impact.caution import DEFAULT_CAUTION, mark_caution
from analyses.impact.its import MIN_AFTER, MIN_BEFORE, definition_break, monthly_population
from analyses.impact.result import (
    ESTIMATED,
    UNIT_WORDS,
    month_text,
    months_text,
    number_text,
    plural,
    refusal,
    results_frame,
)
from analyses.intervention_frames import authority_key, comparison_authorities, month_start

METHOD = "difference in differences"
# comparison authorities per stack: fewer cannot show how much figures wander by chance
MIN_COMPARISON = 5


@dataclass
class Stack:
    """One start month: its adopters and comparisons, and each one's monthly values over the
    window."""

    start: pd.Timestamp
    months: pd.DatetimeIndex  # the window's months that count (not in a caution period)
    left_out: pd.DatetimeIndex  # the window's months in a caution period
    values: np.ndarray  # months x authorities: the adopters first, then the comparisons
    treated: list[str]
    control: list[str]

    @property
    def is_post(self) -> np.ndarray:
        return np.asarray(self.months >= self.start)

    @property
    def pre(self) -> pd.DatetimeIndex:
        return self.months[~self.is_post]

    @property
    def post(self) -> pd.DatetimeIndex:
        return self.months[self.is_post]

    def noise_ratios(self, floor: float = 1.0) -> np.ndarray:
        """Each adopter's month-to-month noise against the comparisons': the variance of its first
        differences from the comparisons' monthly mean (leave-one-out for a comparison), the
        difference across the start left out, over the comparisons' average; at least `floor` (1:
        an adopter is never assumed quieter)."""
        n_t, values = len(self.treated), self.values
        controls = values[:, n_t:]
        total, m = controls.sum(axis=1, keepdims=True), controls.shape[1]
        dev = np.hstack([values[:, :n_t] - total / m, controls - (total - controls) / (m - 1)])
        steps = np.diff(dev, axis=0)[np.diff(self.is_post.astype(int)) == 0]
        var = steps.var(axis=0, ddof=1)
        return np.maximum(var[:n_t] / var[n_t:].mean(), floor)

    def changes(self) -> np.ndarray:
        """Each authority's mean after the start less its mean before."""
        post = self.is_post
        return self.values[post].mean(axis=0) - self.values[~post].mean(axis=0)


@dataclass
class DiDResult:
    """The pooled estimate (a result row) and the event study (one row per month since the
    start)."""

    row: dict
    event_study: pd.DataFrame = field(default_factory=pd.DataFrame)
    # the Stacks behind the estimate (for analyses.impact.did_checks)
    stacks: list = field(default_factory=list)

    @property
    def estimated(self) -> bool:
        return self.row["status"] == ESTIMATED

    def frame(self) -> pd.DataFrame:
        return results_frame([self.row])


def as_rate_per_10k(panel: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Counts turned into rates per 10,000 children aged 0-17 (authorities without population left
    out), so authorities of different sizes can be compared."""
    parts = []
    for code, own in panel.groupby("la_code"):
        people = monthly_population(population, code, own["month"])
        if people is not None:
            parts.append(
                own.assign(value=own["value"].to_numpy() / people * 10_000, unit="rate_per_10k")
            )
    return pd.concat(parts, ignore_index=True) if parts else panel.iloc[0:0]


def difference_in_differences(
    panel: pd.DataFrame,
    adopting: pd.DataFrame,
    comparison: list[str] | None = None,
    *,
    neighbours: pd.DataFrame | None = None,
    interventions: pd.DataFrame | None = None,
    before: int = 12,
    after: int = 12,
    population: pd.DataFrame | None = None,
    caution=DEFAULT_CAUTION,
    migrations: pd.DataFrame | None = None,
    intervention: str = "",
    level: float = 0.95,
    with_event_study: bool = True,
) -> DiDResult:
    """Pooled effect of starting an intervention, against comparison authorities that never did.

    `panel`: one indicator's monthly rows for adopters and comparisons (authority, la_code, month,
    value, unit, indicator_label, note; e.g. `monthly_series`). `adopting`: one row per adopting
    authority with authority, la_code, start_date (and end_date, name), e.g.
    `adopters(store.interventions())`. `comparison`: la_codes; default the adopters' 2021
    statistical neighbours (`neighbours`) that have no intervention (in `interventions`, default
    `adopting`). `population`: turn counts into rates per 10,000 children first (recommended for
    counts). `caution`/`migrations`: months left out, as for the ITS. `with_event_study`: also
    estimate the effect month by month (`DiDResult.event_study`).

    """
    ident = {
        "indicator": _first(panel, "indicator"),
        "intervention": intervention or _first(adopting, "name"),
        "authority": ", ".join(adopting["authority"]),
        "la_code": ", ".join(adopting["la_code"].fillna("")),
    }
    if panel["indicator"].nunique() > 1 if "indicator" in panel else False:
        raise ValueError("difference_in_differences takes one indicator's panel")
    if comparison is None:
        if neighbours is None:
            raise ValueError(
                "give the comparison authorities, or the statistical neighbours to choose them from"
            )
        comparison = comparison_authorities(
            adopting["la_code"], neighbours, adopting if interventions is None else interventions
        )
    frame = panel.copy()
    frame["month"] = pd.to_datetime(frame["month"])
    for column in ("unit", "indicator_label", "note", "authority", "la_code"):
        frame[column] = frame[column].fillna("").astype(str) if column in frame else ""
    if population is not None and len(population) and (frame["unit"] == "count").all():
        frame = as_rate_per_10k(frame, population)
    frame = mark_caution(frame, caution, migrations).assign(key=authority_key(frame))
    unit = _first(frame, "unit")
    named = frame.drop_duplicates("key")
    names = dict(zip(named["key"], named["authority"]))
    adopting = adopting.assign(
        key=authority_key(adopting), start=adopting["start_date"].map(month_start)
    )
    adopting_keys = set(adopting["key"])
    comparison = [c for c in dict.fromkeys(str(c) for c in comparison) if c not in adopting_keys]
    stacks, dropped = _stacks(frame, adopting, comparison, before, after, caution)
    ident["start"] = adopting["start"].min() if len(adopting) else None
    if not stacks:
        reason = "No adopting authority has a usable window" + (
            f": {'; '.join(dropped)}." if dropped else "."
        )
        return DiDResult(refusal(METHOD, reason, **ident))
    est = aggregate(stacks, [s.changes() for s in stacks], level, robust=True)
    equal = aggregate(stacks, [s.changes() for s in stacks], level)
    treated = [k for s in stacks for k in s.treated]
    controls = list(dict.fromkeys(k for s in stacks for k in s.control))
    n_before, n_after = min(len(s.pre) for s in stacks), min(len(s.post) for s in stacks)
    words = UNIT_WORDS.get(unit, unit)
    row = dict(
        ident,
        method=METHOD,
        status=ESTIMATED,
        estimate=est["estimate"],
        low=est["low"],
        high=est["high"],
        effect="change in mean level, after minus before, relative to comparison authorities"
        + (f" ({words})" if words else ""),
        model=(
            f"stacked difference-in-differences ({plural(len(stacks), 'start month')}; authority "
            "and "
            "month fixed effects within each; adopting authorities weighted equally); "
            "interval from "
            "authority-clustered variation of the comparison authorities, t with "
            f"{est['df']:.0f} "
            "degrees of freedom"
        ),
        n_before=n_before,
        n_after=n_after,
        reason="",
        n_adopting=len(treated),
        n_comparison=len(controls),
        adopting=", ".join(names.get(k, k) for k in treated),
        comparison=", ".join(names.get(k, k) for k in controls),
        dropped="; ".join(dropped),
        se=est["se"],
        df=est["df"],
        se_clustered=est["se_cr1"],
        se_equal_noise=equal["se"],
        noise_ratio=est["noise_ratio"],
        starts=months_text(sorted({s.start for s in stacks})),
    )
    from analyses.impact.did_checks import checks  # the checks build on this module's stacks

    row.update(checks(stacks, est, unit, level))
    left_out = sorted({m for s in stacks for m in s.left_out})
    row["excluded_months"] = months_text(left_out)
    row["caveat"] = _caveat(row, unit, caution if left_out else ())
    return DiDResult(
        row,
        event_study(stacks, before, after, level) if with_event_study else pd.DataFrame(),
        stacks,
    )


def event_study(stacks: list[Stack], before: int, after: int, level: float = 0.95) -> pd.DataFrame:
    """Per month since the start (-before .. after-1): adopters' value less their mean before the
    start, against the comparisons' (months before the start show whether the two moved alike
    beforehand)."""
    rows = []
    positions = [{m: i for i, m in enumerate(s.months)} for s in stacks]
    baselines = [s.values[~s.is_post].mean(axis=0) for s in stacks]
    for k in range(-before, after):
        chosen, changes = [], []
        for s, where, base in zip(stacks, positions, baselines):
            row = where.get(s.start + pd.DateOffset(months=k))
            if row is not None:
                chosen.append(s)
                changes.append(s.values[row] - base)
        if not chosen:
            continue
        est = aggregate(chosen, changes, level, robust=True)
        rows.append(
            {
                "event_month": k,
                "estimate": est["estimate"],
                "low": est["low"],
                "high": est["high"],
                "se": est["se"],
                "df": est["df"],
                "stacks": len(chosen),
            }
        )
    return pd.DataFrame(
        rows, columns=["event_month", "estimate", "low", "high", "se", "df", "stacks"]
    )


def _first(frame: pd.DataFrame, column: str) -> str:
    if column not in frame:
        return ""
    values = frame[column].fillna("").astype(str)
    values = values[values != ""]
    return values.iloc[0] if len(values) else ""


def _stacks(frame, adopting, comparison, before, after, caution) -> tuple[list[Stack], list[str]]:
    """One stack per start month (and end), with the authorities whose every month counts; and who
    was dropped."""
    dropped: list[str] = []
    usable_value = frame["value"].where(~frame["excluded"].astype(bool))
    wide = (
        frame.assign(value=usable_value)
        .drop_duplicates(["month", "key"])
        .pivot(index="month", columns="key", values="value")
    )
    grouped = frame.assign(noted=frame["note"] != "").groupby("key")
    varied = (
        (grouped["unit"].nunique() > 1)
        | (grouped["indicator_label"].nunique() > 1)
        | grouped["noted"].any()
    )
    varied = set(varied.index[varied])
    by_key = {k: g.sort_values("month") for k, g in frame[frame["key"].isin(varied)].groupby("key")}
    named = frame.drop_duplicates("key")
    names = dict(zip(named["key"], named["authority"]))
    columns = {k: i for i, k in enumerate(wide.columns)}
    groups: dict[tuple, list] = {}
    for _, a in adopting.iterrows():
        end = a.get("end_date")
        last = a["start"] + pd.DateOffset(months=after - 1)
        if end is not None and not pd.isna(end):
            last = min(last, month_start(end))
        groups.setdefault((a["start"], last), []).append(a["key"])
    stacks = []
    for (start, last), members in sorted(groups.items(), key=lambda item: item[0]):
        window = pd.date_range(start - pd.DateOffset(months=before), last, freq="MS")
        common = np.zeros(len(window), dtype=bool)
        for period in caution or ():
            common |= period.covers(pd.Series(window)).to_numpy()
        months = window[~common]
        block = wide.reindex(index=months)
        gaps = block.isna().to_numpy()
        usable = []
        for key in members + comparison:
            problem = (
                _problem(gaps[:, columns[key]], by_key.get(key), months)
                if key in columns
                else "no figures"
            )
            if problem:
                dropped.append(f"{names.get(key, key)} (window of {month_text(start)}): {problem}")
            else:
                usable.append(key)
        treated = [k for k in members if k in usable]
        control = [c for c in comparison if c in usable]
        label = f"the start in {month_text(start)}"
        n_pre, n_post = int((months < start).sum()), int((months >= start).sum())
        if not treated:
            continue
        if n_pre < MIN_BEFORE or n_post < MIN_AFTER:
            dropped.append(
                f"{label}: only {n_pre} months before and {n_post} after count "
                f"(at least {MIN_BEFORE} and {MIN_AFTER} are needed)"
            )
            continue
        if len(control) < MIN_COMPARISON:
            dropped.append(
                f"{label}: only {plural(len(control), 'comparison authority')} with every month "
                f"(at least {MIN_COMPARISON} are needed)"
            )
            continue
        values = block.to_numpy(dtype=float)[:, [columns[k] for k in treated + control]]
        stacks.append(Stack(start, months, window[common], values, treated, control))
    return stacks, dropped


def _problem(gaps: np.ndarray, own: pd.DataFrame | None, months: pd.DatetimeIndex) -> str:
    """Why an authority cannot be used over these months ('' when it can)."""
    if gaps.any():
        return f"no usable figure for {months_text(months[gaps])}"
    if own is None:  # one unit, one label and no notes throughout
        return ""
    inside = own[(own["month"] >= months[0]) & (own["month"] <= months[-1])]
    return definition_break(inside)


def aggregate(
    stacks: list[Stack], changes: list[np.ndarray], level: float, robust: bool = False
) -> dict:
    """Adopter-weighted mean of the stacks' adopter-minus-comparison differences, with its variance
    taken from the comparisons' covariance across stacks, each adopter's part scaled by its own
    noise ratio when `robust` (Ferman & Pinto 2019: the variance may differ by authority, here as
    its own month-to-month noise shows); also the conventional CR1 clustered standard error."""
    ratios = np.array([s.noise_ratios().mean() if robust else 1.0 for s in stacks])
    n_treated = np.array([len(s.treated) for s in stacks], dtype=float)
    n_control = np.array([len(s.control) for s in stacks], dtype=float)
    weights = n_treated / n_treated.sum()
    diffs, residual, treated_residual = [], [], []
    for s, d in zip(stacks, changes):
        t, c = d[: len(s.treated)], d[len(s.treated) :]
        diffs.append(t.mean() - c.mean())
        residual.append(dict(zip(s.control, c - c.mean())))
        treated_residual.append(dict(zip(s.treated, t - t.mean())))
    estimate = float(np.dot(weights, diffs))
    size = len(stacks)
    sigma, shared = np.zeros((size, size)), np.zeros((size, size))
    for a in range(size):
        for b in range(a, size):
            common = residual[a].keys() & residual[b].keys()
            shared[a, b] = shared[b, a] = len(common)
            if len(common) > 1:
                sigma[a, b] = sigma[b, a] = sum(residual[a][k] * residual[b][k] for k in common) / (
                    len(common) - 1
                )
    mix = np.diag(weights**2 * ratios / n_treated) + np.outer(weights, weights) * shared / np.outer(
        n_control, n_control
    )
    variance = float(np.sum(mix * sigma))
    product = mix @ sigma
    floor = n_control.min() - 1
    df = float(
        max(floor * np.trace(product) ** 2 / max(np.trace(product @ product), 1e-300), floor)
    )
    se = variance**0.5
    from scipy import special  # 0.4 s to import: loaded when an interval is first worked out

    critical = float(special.stdtrit(df, 0.5 + level / 2))  # t.ppf, without scipy.stats
    scores: dict[str, float] = {}
    for w, s, r, rt in zip(weights, stacks, residual, treated_residual):
        for k, v in rt.items():
            scores[k] = scores.get(k, 0.0) + w / len(s.treated) * v
        for k, v in r.items():
            scores[k] = scores.get(k, 0.0) - w / len(s.control) * v
    clusters = len(scores)
    se_cr1 = (
        (clusters / (clusters - 1) * sum(v * v for v in scores.values())) ** 0.5
        if clusters > 1
        else float("nan")
    )
    return {
        "estimate": estimate,
        "se": se,
        "df": df,
        "low": estimate - critical * se,
        "high": estimate + critical * se,
        "se_cr1": se_cr1,
        "noise_ratio": float(np.dot(weights, ratios)),
    }


def _caveat(row: dict, unit: str, caution) -> str:
    size = number_text(abs(row["estimate"]), unit)
    direction = "higher" if row["estimate"] >= 0 else "lower"
    text = (
        f"Across {plural(row['n_adopting'], 'adopting authority')} "
        f"({row['adopting']}) against {row['n_comparison']} comparison authorities that did "
        "not adopt, the "
        f"months from the start were {size} {direction}, relative to the months before, than "
        "the change in "
        f"the comparison authorities (95% interval {number_text(row['low'])} to "
        f"{number_text(row['high'])}). "
    )
    if row["low"] <= 0 <= row["high"]:
        text += "The interval includes no change, so the figures cannot tell a change from chance. "
    text += (
        "This holds only if the adopters' figures would otherwise have moved like the comparison "
        "authorities'. "
    )
    text += (
        f"With only {row['n_adopting'] + row['n_comparison']} authorities (clusters), "
        f"{row['n_adopting']} of them adopting, ordinary clustered standard errors are too "
        "narrow "
        f"(here {number_text(row['se_clustered'])} against {number_text(row['se'])}); the "
        "interval instead "
        "borrows the month-to-month variation of the comparison authorities, scaled by how "
        "much noisier the "
        f"adopters' own months are (here {row['noise_ratio']:.2f} times the variance; never "
        "less than 1)."
    )
    text += " " + row["checks_text"]
    if caution:
        text += f" Left out: {row['excluded_months']} ({', '.join(p.name for p in caution)})."
    if row["dropped"]:
        text += f" Not used: {row['dropped']}."
    return text
