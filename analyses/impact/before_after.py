"""The consultancy's before/after table, computed: baseline, follow-up, volume change and % change.

As on the slides ("Impact in Leeds - Trends (Aug 2011 - Jan 2013)"): one month against another, or
the mean of a window of months against another window. Percentages are rounded to whole numbers as
the slides round them (halves away from zero). A window with a missing month gives no value: it is
said, not estimated.

"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from analyses.intervention_frames import month_start

TABLE_COLUMNS = [
    "authority",
    "indicator",
    "label",
    "baseline_period",
    "baseline_value",
    "follow_up_period",
    "follow_up_value",
    "change",
    "change_pct",
    "change_text",
    "change_pct_text",
    "note",
]


def window(spec) -> tuple[pd.Timestamp, pd.Timestamp]:
    """(first month, last month) from "2011-08", a date, or a (first, last) pair."""
    if isinstance(spec, (tuple, list)):
        first, last = month_start(spec[0]), month_start(spec[1])
    else:
        first = last = month_start(spec)
    if last < first:
        raise ValueError(f"a window ends before it starts: {spec!r}")
    return first, last


def window_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """'Aug 2011', or 'Jun 2011 to Aug 2011 (mean of 3 months)'."""
    if first == last:
        return first.strftime("%b %Y")
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    return f"{first.strftime('%b %Y')} to {last.strftime('%b %Y')} (mean of {months} months)"


def round_half_away(value: float, digits: int = 0) -> float:
    """Round as people do on slides: 32.5 -> 33, -4.5 -> -5 (Python's round would give 32 and
    -4)."""
    scale = 10**digits
    return math.copysign(math.floor(abs(value) * scale + 0.5) / scale, value)


def change_text(change: float, whole: bool) -> str:
    """'+470', '-250', '0'; one decimal place unless both values are whole numbers."""
    if pd.isna(change):
        return ""
    rounded = round_half_away(change, 0 if whole else 1)
    text = f"{abs(rounded):.0f}" if whole else f"{abs(rounded):.1f}"
    return "0" if rounded == 0 else ("+" if rounded > 0 else "-") + text


def pct_text(pct: float) -> str:
    """'33% increase', '36% decrease', 'no change'."""
    if pd.isna(pct):
        return ""
    rounded = round_half_away(abs(pct))
    if rounded == 0:
        return "no change"
    return f"{rounded:.0f}% {'increase' if pct > 0 else 'decrease'}"


def before_after_table(
    series: pd.DataFrame,
    baseline,
    follow_up,
    indicators: Sequence[str] | None = None,
    totals: Mapping[str, Sequence[str]] | None = None,
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Baseline and follow-up values per authority and indicator, with the volume and % change.

    `series`: monthly rows (authority, indicator, month, value; e.g. from `monthly_series`).
    `baseline` and `follow_up`: a month ("2011-08") or a (first, last) window whose mean is used.
    `indicators`: which, in which order (default all, as they first appear). `totals`: rows that add
    indicators month by month, e.g. {"Total accumulation": ["contacts", "referrals"]}, listed first
    as on the slide. `labels`: the names to print (default the series' printed label, else the
    indicator).

    """
    base, follow = window(baseline), window(follow_up)
    frame = series.copy()
    frame["month"] = pd.to_datetime(frame["month"])
    if "authority" not in frame:
        frame["authority"] = ""
    order = list(indicators) if indicators is not None else list(dict.fromkeys(frame["indicator"]))
    shown = dict(labels or {})
    if "indicator_label" in frame:
        for key, label in (
            frame.drop_duplicates("indicator").set_index("indicator")["indicator_label"].items()
        ):
            shown.setdefault(key, label or key)
    rows = []
    for authority, own in frame.groupby("authority", sort=False):
        values = own.pivot_table(
            index="month", columns="indicator", values="value", aggfunc="first"
        )
        for name, parts in (totals or {}).items():
            present = [p for p in parts if p in values]
            values[name] = (
                values[present].sum(axis=1, min_count=len(parts))
                if len(present) == len(parts)
                else float("nan")
            )
            shown.setdefault(name, name)
        for key in [*(totals or {}), *order]:
            column = values[key] if key in values else pd.Series(dtype=float)
            rows.append(_row(authority, key, shown.get(key, key), column, base, follow))
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def _row(authority: str, key: str, label: str, values: pd.Series, base, follow) -> dict:
    before, note_before = _window_mean(values, *base)
    after, note_after = _window_mean(values, *follow)
    change = after - before
    pct = 100 * change / before if not pd.isna(before) and before != 0 else float("nan")
    whole = all(float(v).is_integer() for v in (before, after) if not pd.isna(v))
    return {
        "authority": authority,
        "indicator": key,
        "label": label,
        "baseline_period": window_text(*base),
        "baseline_value": before,
        "follow_up_period": window_text(*follow),
        "follow_up_value": after,
        "change": change,
        "change_pct": pct,
        "change_text": change_text(change, whole),
        "change_pct_text": pct_text(pct),
        "note": " ".join(n for n in (note_before, note_after) if n),
    }


def _window_mean(values: pd.Series, first: pd.Timestamp, last: pd.Timestamp) -> tuple[float, str]:
    months = pd.date_range(first, last, freq="MS")
    found = values.reindex(months)
    missing = [m.strftime("%b %Y") for m, v in found.items() if pd.isna(v)]
    if missing:
        return float(
            "nan"
        ), f"No figure for {', '.join(missing)}, so no value for {window_text(first, last)}."
    return float(found.mean()), ""
