"""The month-of-year pattern borrowed from comparison authorities, for a series too short to show
its own.

With fewer than 24 months before a start, each calendar month is seen at most once before it, so a
seasonal dip cannot be told apart from a change: an interrupted time series would either drop the
pattern (and put a seasonal series' dip into the estimate: −2.1 for a true −4 in simulation) or
refuse. Comparison authorities with at least 24 months of the same indicator show the pattern
instead: a pooled regression of their figures (each its own level and trend) on month-of-year terms
gives twelve effects, centred on zero — additive in the unit for rates and percentages, on the log
scale for counts (so authorities of any size share them).

"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analyses.intervention_frames import authority_key, month_number

MIN_MONTHS = 24


@dataclass(frozen=True)
class Season:
    """Twelve month-of-year effects (January first), the scale they are on and who they came
    from."""

    effects: tuple[float, ...]
    log_scale: bool
    authorities: tuple[str, ...]

    def of(self, months: pd.Series) -> np.ndarray:
        return np.array(self.effects)[pd.to_datetime(pd.Series(months)).dt.month.to_numpy() - 1]

    def words(self) -> str:
        return (
            f"month-of-year pattern borrowed from {len(self.authorities)} comparison "
            f"{'authority' if len(self.authorities) == 1 else 'authorities'} "
            f"({', '.join(self.authorities)})"
        )


def comparison_season(panel: pd.DataFrame, log_scale: bool = False) -> Season | None:
    """The pooled month-of-year pattern of the authorities in `panel` (authority, month, value) that
    have at least MIN_MONTHS months with figures; None when none has."""
    frame = panel.dropna(subset=["value"]).assign(
        key=authority_key(panel), month=pd.to_datetime(panel["month"])
    )
    if log_scale:
        frame = frame[frame["value"] > 0].assign(value=lambda f: np.log(f["value"]))
    counts = frame.groupby("key")["month"].nunique()
    frame = frame[frame["key"].isin(counts.index[counts >= MIN_MONTHS])]
    if frame.empty:
        return None
    keys = sorted(set(frame["key"]))
    t = month_number(frame["month"]).to_numpy(dtype=float)
    t = (t - t.mean()) / 12
    own = [(frame["key"] == k).to_numpy(dtype=float) for k in keys]
    calendar = frame["month"].dt.month.to_numpy()
    columns = own + [o * t for o in own] + [(calendar == m).astype(float) for m in range(2, 13)]
    beta = np.linalg.lstsq(
        np.column_stack(columns), frame["value"].to_numpy(dtype=float), rcond=None
    )[0]
    effects = np.r_[0.0, beta[-11:]]
    names = dict(zip(frame["key"], frame["authority"])) if "authority" in frame else {}
    return Season(
        tuple(float(e) for e in effects - effects.mean()),
        log_scale,
        tuple(names.get(k, k) for k in keys),
    )
