"""Interrupted time series for one authority: did the level (and the trend) change when the
intervention started?

Segmented regression on monthly figures: a level and a trend before the start; at the start a change
in level (the estimate) and a change in trend; month-of-year terms when at least 24 months before
the start show the seasonal pattern. Counts use a Poisson model (log link, quasi-likelihood so
over-dispersion is allowed) with the log of the authority's child population as an offset when it is
known; rates, percentages and other figures use least squares. Intervals are Newey–West with
calibrated critical values (`analyses.impact.inference`). What cannot be estimated honestly is
refused, in words:

* fewer than MIN_BEFORE months with figures before the start, or MIN_AFTER from the start on;
* a break in definition in the window (the unit or the printed label changes, or a note says the
  definition, method or system changed);
* missing months are never filled in: the window stops at a missing month, and that is said;
* fewer than SEASONAL_BEFORE months before the start and no month-of-year pattern to borrow from
  comparison
  authorities (`season`, `analyses.impact.season`): the pattern cannot be told from a change.

"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analyses.impact.align import fold_label
from analyses.impact.caution import DEFAULT_CAUTION, mark_caution
from analyses.impact.inference import hac_intervals
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
from analyses.intervention_frames import authority_key, month_number, month_start

# months: a trend is not seen in fewer (Penfold & Zhang 2013 suggest at least 8 a segment)
MIN_BEFORE = 8
MIN_AFTER = 8
# months before the start needed to estimate month-of-year terms (each month seen twice)
SEASONAL_BEFORE = 24
DEFINITION_NOTE = re.compile(
    r"defin|methodolog|counting rule|new (?:recording )?system|recording change|"
    r"not comparable|break in (?:the )?series|changed? "
    r"(?:the )?way",
    re.IGNORECASE,
)
METHOD = "interrupted time series"


@dataclass
class ITSResult:
    """One interrupted time series: its result row, and the months with fitted and counterfactual
    values."""

    row: dict
    fitted: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def estimated(self) -> bool:
        return self.row["status"] == ESTIMATED

    def frame(self) -> pd.DataFrame:
        return results_frame([self.row])


def monthly_population(
    population: pd.DataFrame, la_code: str, months: pd.Series
) -> np.ndarray | None:
    """Children aged 0-17 in each month, interpolated between mid-year (30 June) estimates and held
    at the nearest year up to 12 months beyond the first and last; None when the months go
    further than that."""
    own = population[population["la_code"].astype(str) == str(la_code)].dropna(
        subset=["population_0_17"]
    )
    if own.empty:
        return None
    years = own.groupby(own["year"].astype(int))["population_0_17"].mean().sort_index()
    # month number of June each year (see month_number)
    mid = (years.index.to_numpy() - 1970) * 12 + 5
    wanted = month_number(pd.Series(months)).to_numpy()
    if wanted.min() < mid.min() - 12 or wanted.max() > mid.max() + 12:
        return None
    return np.interp(wanted, mid, years.to_numpy().astype(float))


def interrupted_time_series(
    series: pd.DataFrame,
    start,
    *,
    end=None,
    intervention: str = "",
    before: int | None = 36,
    after: int | None = 24,
    model: str = "auto",
    population: pd.DataFrame | None = None,
    caution=DEFAULT_CAUTION,
    migrations: pd.DataFrame | None = None,
    level: float = 0.95,
    season=None,
) -> ITSResult:
    """Estimate the change in level at `start` in one authority's monthly series of one indicator.

    `series`: rows with month and value (and unit, indicator_label, note, authority, la_code,
    indicator when known), e.g. `monthly_series(...)` for one authority. `before`/`after`: the most
    months to use each side (None: all); the window also stops at a missing month and at `end` (the
    intervention's end). `model`: "auto" (Poisson for counts, least squares otherwise), "poisson" or
    "ols". `population`: la_code, year, population_0_17 (for the offset). `caution`: periods left
    out (default COVID-19 lockdowns); months whose notes mention a data migration are left out too
    (`migrations` adds authority-months from other indicators). `season`: a `Season` borrowed from
    comparison authorities, used when fewer than SEASONAL_BEFORE months precede the start (without
    one such a series is refused).

    """
    start = month_start(start)
    frame = series.copy()
    frame["month"] = pd.to_datetime(frame["month"])
    for column, default in (
        ("authority", ""),
        ("la_code", ""),
        ("indicator", ""),
        ("unit", ""),
        ("indicator_label", ""),
        ("note", ""),
    ):
        frame[column] = frame[column].fillna(default).astype(str) if column in frame else default
    codes = frame["la_code"].str.strip()
    if codes.nunique() > 1 or (
        codes.eq("").any() and frame["authority"].str.strip().str.lower().nunique() > 1
    ):
        raise ValueError(
            "interrupted_time_series takes one authority's series; use its_for_interventions "
            "for "
            "several"
        )
    ident = {
        "authority": _first(frame, "authority"),
        "la_code": _first(frame, "la_code"),
        "indicator": _first(frame, "indicator"),
        "intervention": intervention,
        "start": start,
    }
    label = _first(frame, "indicator_label") or ident["indicator"]
    frame = mark_caution(frame.sort_values("month").drop_duplicates("month"), caution, migrations)
    window, stops = _window(frame, start, end, before, after)
    if window.empty:
        return ITSResult(
            refusal(METHOD, f"There are no monthly figures around {month_text(start)}.", **ident)
        )
    broken = definition_break(window)
    if broken:
        return ITSResult(
            refusal(METHOD, broken + " Choose a window that avoids the change.", **ident)
        )
    used = window[~window["excluded"]]
    n_before, n_after = int((used["month"] < start).sum()), int((used["month"] >= start).sum())
    ident.update(n_before=n_before, n_after=n_after)
    if n_before < MIN_BEFORE or n_after < MIN_AFTER:
        return ITSResult(refusal(METHOD, _too_few(n_before, n_after, start, stops), **ident))
    if n_before < SEASONAL_BEFORE and season is None:
        return ITSResult(refusal(METHOD, _short_season(n_before, start), **ident))
    return _fit(used, window, start, ident, model, population, stops, level, label, season)


def _short_season(n_before: int, start) -> str:
    return (
        f"Only {plural(n_before, 'month')} before the start in {month_text(start)}: with fewer "
        "than "
        f"{SEASONAL_BEFORE} each month of the year is seen at most once before it, so a "
        "seasonal dip cannot be "
        "told from a change (dropping the pattern biased the estimate in simulation). Add "
        "comparison "
        f"authorities with at least {SEASONAL_BEFORE} months of this indicator so their "
        "month-of-year pattern "
        "can be used, or choose a later start."
    )


def definition_break(window: pd.DataFrame) -> str:
    """In words, the first change of unit, of printed label or of definition within the window; ''
    if none.

    Two labels one report printed for the same indicator (a summary and a detail table) are the same
    definition: only a label no report printed beside the first one is a break. Rows without a
    `report_date` each count as their own report."""
    months = list(window["month"])
    reports = (
        window["report_date"].astype(str).tolist()
        if "report_date" in window
        else [str(i) for i in range(len(window))]
    )
    for column, what in (("unit", "unit"), ("indicator_label", "printed label")):
        fold = fold_label if column == "indicator_label" else str
        shown = [
            (m, str(v), fold(v), r)
            for m, v, r in zip(months, window[column], reports)
            if str(v) != ""
        ]
        same = _printed_together([(key, report) for _, _, key, report in shown])
        for month, value, key, _ in shown:
            if key not in same.get(shown[0][2], {shown[0][2]}):
                return (
                    f"The {what} changes from '{shown[0][1]}' to '{value}' in {month_text(month)}, "
                    "so the figures either side may not measure the same thing."
                )
    for month, note in zip(months, window["note"].astype(str)):
        if note and DEFINITION_NOTE.search(note):
            return f'A note in {month_text(month)} says the figures changed: "{note}".'
    return ""


def _printed_together(pairs: list[tuple[str, str]]) -> dict[str, set[str]]:
    """For each label, every label linked to it by being printed in one report (directly or through
    others)."""
    by_report: dict[str, set[str]] = {}
    for key, report in pairs:
        if report not in ("", "NaT", "None", "nan"):
            by_report.setdefault(report, set()).add(key)
    groups: dict[str, set[str]] = {key: {key} for key, _ in pairs}
    for keys in by_report.values():
        merged = set().union(*(groups[k] for k in keys))
        for k in merged:
            groups[k] = merged
    return groups


def its_for_interventions(
    panel: pd.DataFrame, interventions: pd.DataFrame, **options
) -> pd.DataFrame:
    """`interrupted_time_series` for every intervention (and every indicator in the panel): one row
    each."""
    rows = []
    panel = panel.assign(key=authority_key(panel))
    for _, spell in interventions.assign(key=authority_key(interventions)).iterrows():
        own = panel[panel["key"] == spell["key"]]
        indicators = (
            list(dict.fromkeys(own["indicator"])) if "indicator" in own and len(own) else [""]
        )
        for indicator in indicators:
            series = own[own["indicator"] == indicator] if indicator else own
            if series.empty:
                rows.append(
                    refusal(
                        METHOD,
                        f"There are no monthly figures for {spell['authority']}.",
                        authority=spell["authority"],
                        la_code=spell["la_code"],
                        intervention=spell["name"],
                        start=month_start(spell["start_date"]),
                    )
                )
                continue
            result = interrupted_time_series(
                series.drop(columns="key"),
                spell["start_date"],
                end=spell["end_date"],
                intervention=spell["name"],
                **options,
            )
            rows.append(result.row)
    return results_frame(rows)


def _first(frame: pd.DataFrame, column: str) -> str:
    values = [v for v in frame[column] if v]
    return values[0] if values else ""


def _window(frame: pd.DataFrame, start, end, before, after) -> tuple[pd.DataFrame, dict]:
    """Months from the start outwards each way, stopping at a month without a figure (unless left
    out on purpose), at the `before`/`after` limits and at the end date; and why each side
    stopped."""
    info = {
        m: (v, x, n)
        for m, v, x, n in zip(frame["month"], frame["value"], frame["excluded"], frame["note"])
    }
    first, final = (frame["month"].min(), frame["month"].max()) if len(frame) else (None, None)
    last = month_start(end) if end is not None and not pd.isna(end) else None
    stops, chosen = {}, []
    for side, step, limit in (("before", -1, before), ("after", 1, after)):
        month = start if step > 0 else _shift(start, -1)
        count = 0
        while True:
            if limit is not None and count >= limit:
                stops[side] = "limit"
                break
            if step > 0 and last is not None and month > last:
                stops[side] = f"the intervention ended in {month_text(last)}"
                break
            if month not in info:
                stops[side] = _absent(first, final, month, step)
                break
            value, excluded, note = info[month]
            if pd.isna(value) and not excluded:
                note = f' ("{note}")' if note else ""
                stops[side] = f"{month_text(month)} has no figure{note}"
                break
            chosen.append(month)
            count += 1
            month = _shift(month, step)
    window = frame[frame["month"].isin(chosen)].sort_values("month").reset_index(drop=True)
    return window, stops


def _shift(month: pd.Timestamp, months: int) -> pd.Timestamp:
    total = month.year * 12 + month.month - 1 + months
    return pd.Timestamp(year=total // 12, month=total % 12 + 1, day=1)


def _absent(first, final, month, step) -> str:
    if first is None:
        return "there are no figures"
    if step < 0 and month < first:
        return f"the figures start in {month_text(first)}"
    if step > 0 and month > final:
        return f"the figures end in {month_text(final)}"
    return f"{month_text(month)} is missing"


def _too_few(n_before: int, n_after: int, start, stops: dict) -> str:
    parts = []
    if n_before < MIN_BEFORE:
        parts.append(
            f"only {plural(n_before, 'month')} with figures before the start in "
            f"{month_text(start)} "
            f"({stops.get('before', '')}); at least {MIN_BEFORE} are needed to see the "
            "trend before"
        )
    if n_after < MIN_AFTER:
        parts.append(
            f"only {plural(n_after, 'month')} with figures from the start on "
            f"({stops.get('after', '')}); "
            f"at least {MIN_AFTER} are needed to see a change"
        )
    text = "; and ".join(parts)
    return text[0].upper() + text[1:] + "."


def design_matrix(months: pd.Series, start, seasonal: bool) -> tuple[np.ndarray, list[str]]:
    """Columns: level, trend (months since start), step at the start, trend change, month-of-year
    terms."""
    t = (month_number(pd.Series(months)) - month_number(start)).to_numpy().astype(float)
    step = (t >= 0).astype(float)
    columns, names = (
        [np.ones_like(t), t, step, t * step],
        ["level", "trend", "level_change", "trend_change"],
    )
    if seasonal:
        calendar = pd.Series(months).dt.month.to_numpy()
        present = sorted(set(calendar))
        for m in present[1:]:
            columns.append((calendar == m).astype(float))
            names.append(f"month_{m:02d}")
    return np.column_stack(columns), names


def fit_poisson(
    X: np.ndarray, y: np.ndarray, offset: np.ndarray | None = None, iterations: int = 100
) -> np.ndarray:
    """Poisson (log link) regression coefficients by iteratively reweighted least squares."""
    offset = np.zeros_like(y) if offset is None else offset
    beta = np.linalg.lstsq(X, np.log(y + 0.5) - offset, rcond=None)[0]
    for _ in range(iterations):
        eta = X @ beta + offset
        mu = np.exp(eta)
        z = eta - offset + (y - mu) / mu
        w = np.sqrt(mu)
        new = np.linalg.lstsq(X * w[:, None], z * w, rcond=None)[0]
        if np.max(np.abs(new - beta)) < 1e-10:
            return new
        beta = new
    return beta


def _fit(
    used, window, start, ident, model, population, stops, level, label, season=None
) -> ITSResult:
    y = used["value"].to_numpy(dtype=float)
    unit = _first(used, "unit")
    n_before = ident["n_before"]
    seasonal = n_before >= SEASONAL_BEFORE
    X, names = design_matrix(used["month"], start, seasonal)
    if model == "auto":
        model = "poisson" if unit == "count" and (y >= 0).all() else "ols"
    borrowed = None if seasonal else season
    pattern = np.zeros(len(y)) if borrowed is None else borrowed.of(used["month"])
    if borrowed is not None and borrowed.log_scale != (model == "poisson"):
        raise ValueError(
            "a borrowed month-of-year pattern must be on the model's scale (log for Poisson counts)"
        )
    if model == "ols":
        y = y - pattern
    if model == "poisson" and (y < 0).any():
        raise ValueError("a Poisson model needs counts of zero or more")
    positions = month_number(used["month"]).to_numpy()
    contrasts, later = effect_contrasts(X[:, 1])
    offset, offset_words, people = None, "", None
    if model == "poisson":
        people = None
        if population is not None and ident["la_code"]:
            people = monthly_population(population, ident["la_code"], used["month"])
        offset = (np.zeros(len(y)) if people is None else np.log(people)) + pattern
        offset = None if people is None and borrowed is None else offset
        offset_words = (
            " with the child population (aged 0-17) as an offset"
            if people is not None
            else " without a population offset (no population figures cover these months)"
        )
        beta = fit_poisson(X, y, offset)
        mu = np.exp(X @ beta + (0 if offset is None else offset))
        weight = np.sqrt(mu)
        hac = hac_intervals(
            X * weight[:, None],
            (y - mu) / weight,
            beta,
            positions,
            contrasts,
            level=level,
            calibrate_with=X,
        )
        fitted = mu
        counterfactual = np.exp(
            X[:, [0, 1] + list(range(4, X.shape[1]))] @ beta[[0, 1] + list(range(4, X.shape[1]))]
            + (0 if offset is None else offset)
        )
    else:
        beta = np.linalg.lstsq(X, y, rcond=None)[0]
        hac = hac_intervals(X, y - X @ beta, beta, positions, contrasts, level=level)
        fitted = X @ beta + pattern
        keep = [0, 1] + list(range(4, X.shape[1]))
        counterfactual = X[:, keep] @ beta[keep] + pattern
    level_i, slope_i = hac.intervals[:2]
    model_words = (
        "Poisson regression (log link, quasi-likelihood)" + offset_words
        if model == "poisson"
        else "least squares"
    )
    model_words += (
        ", month-of-year terms"
        if seasonal
        else f", the {borrowed.words()} (fewer than {SEASONAL_BEFORE} months before)"
    )
    model_words += f"; Newey–West errors (lag {hac.lag}) with simulated critical values"
    if model == "poisson":
        estimate, low, high = (
            100 * (np.exp(v) - 1) for v in (level_i.estimate, level_i.low, level_i.high)
        )
        slope, slope_low, slope_high = (
            100 * (np.exp(v) - 1) for v in (slope_i.estimate, slope_i.low, slope_i.high)
        )
        effect = "% change in level at the start"
    else:
        estimate, low, high = level_i.estimate, level_i.low, level_i.high
        slope, slope_low, slope_high = slope_i.estimate, slope_i.low, slope_i.high
        words = UNIT_WORDS.get(unit, unit)
        effect = "change in level at the start" + (f" ({words})" if words else "")
    excluded = window[window["excluded"]]
    effects = later_effects(hac.intervals[2:], later, model == "poisson")
    row = dict(
        ident,
        method=METHOD,
        status=ESTIMATED,
        estimate=float(estimate),
        low=float(low),
        high=float(high),
        effect=effect,
        model=model_words,
        reason="",
        slope_change=float(slope),
        slope_low=float(slope_low),
        slope_high=float(slope_high),
        se=level_i.se,
        critical_value=level_i.critical,
        autocorrelation=hac.phi,
        nw_lag=hac.lag,
        seasonality=seasonal or borrowed is not None,
        season_source="own" if seasonal else "comparison authorities",
        population_offset=model == "poisson" and people is not None,
        window_first=used["month"].min(),
        window_last=used["month"].max(),
        excluded_months=months_text(excluded["month"]),
        **effects,
    )
    row["caveat"] = _caveat(row, model, unit, excluded, stops, label)
    kept = ~window["excluded"].to_numpy(dtype=bool)
    fitted_all, counterfactual_all = np.full(len(window), np.nan), np.full(len(window), np.nan)
    fitted_all[kept] = fitted
    counterfactual_all[kept] = np.where(positions >= month_number(start), counterfactual, np.nan)
    chart = pd.DataFrame(
        {
            "month": window["month"].to_numpy(),
            "value": window["value"].to_numpy(dtype=float),
            "excluded": ~kept,
            "event_month": month_number(window["month"]).to_numpy() - month_number(start),
            "fitted": fitted_all,
            "counterfactual": counterfactual_all,
        }
    )
    return ITSResult(row, chart)


LATER = (6, 12)  # months after the start at which the effect is also given


def effect_contrasts(t: np.ndarray) -> tuple[tuple, list[str]]:
    """The coefficients whose intervals are wanted: level change, trend change, then the mean effect
    over the months after the start (level change + mean months since start × trend change) and
    the effect 6 and 12 months after (when the figures reach that far); and the names of the
    later ones."""
    after = t[t >= 0]
    rows, names = [2, 3, (0, 0, 1, float(after.mean()))], ["avg"]
    for k in LATER:
        if after.max() >= k:
            rows.append((0, 0, 1, float(k)))
            names.append(f"{k}m")
    return tuple(rows), names


def later_effects(intervals, names: list[str], poisson: bool) -> dict:
    """Columns avg_effect, avg_low, avg_high, effect_6m, ... (percent changes for a Poisson model);
    NaN for a month beyond the figures."""
    out = {}
    for key in ["avg", *(f"{k}m" for k in LATER)]:
        stem = "avg_effect" if key == "avg" else f"effect_{key}"
        found = dict(zip(names, intervals)).get(key)
        values = (found.estimate, found.low, found.high) if found else (np.nan,) * 3
        if poisson:
            values = tuple(100 * (np.exp(v) - 1) for v in values)
        out.update(
            {
                stem: float(values[0]),
                f"{stem}_low": float(values[1]),
                f"{stem}_high": float(values[2]),
            }
        )
    return out


def _later_text(row: dict, model: str, unit: str) -> str:
    """The average change over the months after, and the change 6 and 12 months after, in words."""

    def span(stem):
        if model == "poisson":
            return (
                f"{row[stem]:+.0f}% (95% interval {row[stem + '_low']:+.0f}% to "
                f"{row[stem + '_high']:+.0f}%)"
            )
        return (
            f"{number_text(row[stem], unit)} (95% interval {number_text(row[stem + '_low'])} to "
            f"{number_text(row[stem + '_high'])})"
        )

    parts = [
        (
            f"averaged over the {plural(row['n_after'], 'month')} after the start, "
            f"{span('avg_effect')}"
        )
    ]
    parts += [
        f"{k} months after, {span(f'effect_{k}m')}"
        for k in LATER
        if not np.isnan(row[f"effect_{k}m"])
    ]
    return "Change against the trend before: " + "; ".join(parts) + ". "


def _caveat(
    row: dict, model: str, unit: str, excluded: pd.DataFrame, stops: dict, label: str
) -> str:
    who = row["authority"] or "this authority"
    what = f"'{label}'" if label else "figures"
    if model == "poisson":
        size = f"{abs(row['estimate']):.0f}% {'higher' if row['estimate'] >= 0 else 'lower'}"
        span = f"95% interval {row['low']:+.0f}% to {row['high']:+.0f}%"
    else:
        size = (
            f"{number_text(abs(row['estimate']), unit)} "
            f"{'higher' if row['estimate'] >= 0 else 'lower'}"
        )
        span = f"95% interval {number_text(row['low'])} to {number_text(row['high'])}"
    text = (
        f"From {month_text(row['start'])}, {who}'s {what} figures were {size} than the trend "
        "before would predict "
        f"({span}), from {plural(row['n_before'], 'month')} before and "
        f"{plural(row['n_after'], 'month')} after. "
    )
    if row["low"] <= 0 <= row["high"]:
        text += "The interval includes no change, so the figures cannot tell a change from chance. "
    text += _later_text(row, model, unit)
    text += (
        "This is one authority's own before and after: anything else that changed at the same time "
        "(another service, a new recording system, national events) would show here too."
    )
    if len(excluded):
        text += (
            f" Left out: {months_text(excluded['month'])} "
            f"({', '.join(sorted(set(excluded['exclusion'])))})."
        )
    stopped = [
        f"{side} the start, {why}"
        for side, why in stops.items()
        if why != "limit" and not why.startswith("the figures")
    ]
    if stopped:
        text += " Fewer months were used than asked for: " + "; ".join(stopped) + "."
    return text
