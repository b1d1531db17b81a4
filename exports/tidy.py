"""The tidy observations table: contract columns in order, then extras, as CSV."""

from __future__ import annotations

import pandas as pd

from exports.observation_frame import normalise, text_rows
from exports.safe_csv import csv_bytes


def tidy_rows(frame: pd.DataFrame) -> tuple[list[str], list[tuple[str, ...]]]:
    """Header and text rows of the observations (numbers without a needless '.0', dates ISO)."""
    table = normalise(frame)
    return list(table.columns), text_rows(table)


def tidy_csv(frame: pd.DataFrame) -> bytes:
    """The observations table as CSV bytes."""
    return csv_bytes(*tidy_rows(frame))
