"""Judging one authority among many by polarity: national quartile band A-D, rank, best value.

As the DfE's Local Authority Interactive Tool does: quartiles over every authority's value that year
(linear interpolation, R's and numpy's default), band A always the best quarter (lowest values when
low is good, highest when high is good), ties ranked alike (1 + how many are strictly better); none
of it for 'info'.

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from interpreter.observation import DIRECTIONAL

NOT_APPLICABLE = "not applicable"


def quartiles(values: pd.Series) -> tuple[float, float, float]:
    """The 25th, 50th and 75th percentiles of the values held (NaN when there are none)."""
    held = _floats(values)
    held = held[~np.isnan(held)]
    if not len(held):
        return (float("nan"),) * 3
    q25, q50, q75 = np.quantile(held, [0.25, 0.5, 0.75])
    return float(q25), float(q50), float(q75)


def quartile_band(value: float | None, values: pd.Series, polarity: str) -> str:
    """'A' (best quarter) to 'D' (worst) by polarity; 'not applicable' for 'info'; '' with no
    value."""
    return band_of(value, quartiles(values), polarity)


def band_of(value: float | None, quartiles: tuple[float, float, float], polarity: str) -> str:
    """`quartile_band` from the values' quartiles (q25, q50, q75), worked out once for many
    values."""
    if value is None or pd.isna(value):
        return ""
    if polarity not in DIRECTIONAL:
        return NOT_APPLICABLE
    q25, q50, q75 = quartiles
    if pd.isna(q25):
        return ""
    from_low = "ABCD" if polarity == "low" else "DCBA"
    if value <= q25:
        return from_low[0]
    if value <= q50:
        return from_low[1]
    return from_low[2] if value <= q75 else from_low[3]


def rank(value: float | None, values: pd.Series, polarity: str) -> int | None:
    """1 for the best by polarity, ties sharing the better rank; None for 'info' or no value."""
    if value is None or pd.isna(value) or polarity not in DIRECTIONAL:
        return None
    held = _floats(values)  # NaN is never better
    better = held > value + 1e-9 if polarity == "high" else held < value - 1e-9
    return int(better.sum()) + 1


def best(values: pd.Series, polarity: str) -> tuple[object, float] | tuple[None, float]:
    """(index label, value) of the best value by polarity; (None, NaN) for 'info' or no values."""
    values = pd.Series(values, dtype=float)
    floats = values.to_numpy()
    held = np.flatnonzero(~np.isnan(floats))
    if not len(held) or polarity not in DIRECTIONAL:
        return None, float("nan")
    pick = np.argmax if polarity == "high" else np.argmin  # the first of equal bests
    at = held[pick(floats[held])]
    return values.index[at], float(floats[at])


def standing(value: float | None, comparator: float | None, polarity: str) -> str:
    """'better', 'worse' or 'same' than a comparator by polarity; 'higher'/'lower' for 'info'."""
    if value is None or comparator is None or pd.isna(value) or pd.isna(comparator):
        return ""
    diff = round(float(value) - float(comparator), 9)
    if diff == 0:
        return "same"
    if polarity in DIRECTIONAL:
        return "better" if (diff > 0) == (polarity == "high") else "worse"
    return "higher" if diff > 0 else "lower"


def _floats(values) -> np.ndarray:
    """The values as a float array, missing ones NaN (plain arrays: ranking runs per indicator)."""
    return pd.Series(values, dtype=float).to_numpy()
