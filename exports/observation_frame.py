"""One normalised observations frame for every writer: contract columns in order, then extras, typed
once."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pandas as pd

from interpreter.observation import COLUMNS, format_number

DATE_COLUMNS = ("period_start", "period_end", "report_date")
NUMBER_COLUMNS = ("value", "numerator", "denominator", "confidence")
TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in DATE_COLUMNS + NUMBER_COLUMNS)


def is_missing(v: object) -> bool:
    """None, NaN, NaT, pd.NA or an empty/blank string."""
    if isinstance(v, str):
        return not v.strip()
    if isinstance(v, float):
        return math.isnan(v)
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def to_date(v: object) -> date | None:
    """A date from a date, datetime, pandas Timestamp or ISO string; None when missing or
    unreadable."""
    if is_missing(v):
        return None
    if isinstance(v, datetime):  # pandas Timestamp is a datetime
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return datetime.fromisoformat(str(v).strip()).date()
    except ValueError:
        return None


def to_number(v: object) -> float:
    """A float from a number or numeric text ('1,234' allowed); NaN when missing or not a number."""
    if is_missing(v) or isinstance(v, bool):
        return math.nan
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).replace(",", "").strip())
    except ValueError:
        return math.nan


def cell_text(v: object) -> str:
    """Any cell as text: blank when missing, numbers without a needless '.0', dates ISO."""
    if type(v) is str:
        return v if v.strip() else ""
    if is_missing(v):
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        return format_number(float(v)) if isinstance(v, float) else str(v)
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def numbers(cells: pd.Series) -> np.ndarray:
    """Floats (NaN when missing): numeric columns at once, anything else cell by cell."""
    if pd.api.types.is_numeric_dtype(cells) and not pd.api.types.is_bool_dtype(cells):
        return cells.to_numpy(dtype="float64", na_value=math.nan)
    return np.array([to_number(v) for v in cells.tolist()], dtype="float64")


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Contract columns in order (blank when absent), then extras; dates date|None, numbers float,
    text str."""
    out = pd.DataFrame(index=range(len(frame)))
    rows = frame.reset_index(drop=True)
    for col in COLUMNS:
        given = rows[col] if col in rows.columns else pd.Series([None] * len(rows), dtype=object)
        if col in DATE_COLUMNS:
            out[col] = pd.Series([to_date(v) for v in given.tolist()], dtype=object)
        elif col in NUMBER_COLUMNS:
            out[col] = numbers(given)
        else:
            out[col] = pd.Series([cell_text(v) for v in given.tolist()], dtype=object)
    for col in extra_columns(rows):
        out[col] = rows[col].to_numpy()
    return out


def text_rows(table: pd.DataFrame) -> list[tuple[str, ...]]:
    """The rows of a normalised table as text cells (see cell_text), built column by column."""
    columns = []
    for col in table.columns:
        cells = table[col].tolist()
        if col in TEXT_COLUMNS:
            columns.append(cells)
        elif col in DATE_COLUMNS:
            columns.append([d.isoformat() if d else "" for d in cells])
        elif col == "confidence":  # two decimals, as the extract CSV writes it (Observation.as_row)
            columns.append(["" if math.isnan(v) else f"{v:.2f}" for v in cells])
        elif col in NUMBER_COLUMNS:
            columns.append(["" if math.isnan(v) else format_number(v) for v in cells])
        else:
            columns.append([cell_text(v) for v in cells])
    return list(zip(*columns))


def extra_columns(frame: pd.DataFrame) -> list[str]:
    """The columns after the contract's, in the frame's order."""
    return [c for c in frame.columns if c not in COLUMNS]


def oldest_vintage_first(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows by report_date, earliest first; within one report, notes before values, then by
    confidence."""
    order = pd.DataFrame(
        {
            "vintage": [d.toordinal() if d else 0 for d in frame["report_date"]],
            "has_value": frame["value"].notna().astype(int).to_numpy(),
            "confidence": frame["confidence"].fillna(0).to_numpy(),
        },
        index=frame.index,
    )
    return frame.loc[order.sort_values(["vintage", "has_value", "confidence"], kind="stable").index]


def latest_vintage(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """One row per key: the latest report_date wins; within one report, a value beats a note, then
    confidence."""
    if frame.empty:
        return frame
    return oldest_vintage_first(frame).drop_duplicates(subset=key, keep="last").sort_index()
