"""One number of the pack with where it came from, or a gap that says why there is no number."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

# printed in a gap's cell; the reason goes in the footnote, comment or the text beside it
GAP_MARK = "—"


@dataclass(frozen=True)
class Figure:
    """A value (in its unit) and its source, or no value and `gap`, the reason; `text` is a printed
    rule (a target such as '95%+') shown instead of the number."""

    value: float | None
    unit: str = ""
    source: str = ""
    gap: str = ""
    text: str = ""
    decimals: int | None = None  # None: as few as the stored value needs (at most 2)

    @property
    def missing(self) -> bool:
        return self.value is None and not self.text

    @property
    def shown(self) -> str:
        """What the pack prints: '1,651', '79.8%', '58.5', '95%+', or '—' for a gap."""
        if self.text:
            return self.text
        if self.value is None:
            return GAP_MARK
        return number_text(self.value, self.unit, self.decimals)

    @property
    def provenance(self) -> str:
        """The source, or why there is no figure."""
        return self.source if not self.missing else f"No figure: {self.gap}"


def number_text(value: float, unit: str, decimals: int | None = None) -> str:
    """A value as a council's book prints it: thousands separated, percentages with '%'."""
    places = needed_decimals(value, 0 if unit == "count" else 1) if decimals is None else decimals
    text = f"{value:,.{places}f}"
    return f"{text}%" if unit == "percent" else text


def needed_decimals(value: float, least: int = 0) -> int:
    """The fewest decimal places (at least `least`, at most 2) that show the value as stored."""
    for places in range(least, 2):
        if math.isclose(value, round(value, places), abs_tol=1e-9):
            return places
    return 2


def figure(value, unit: str, source: str, gap: str, decimals: int | None = None) -> Figure:
    """A Figure from a possibly missing value (NaN and None are gaps)."""
    if value is None or pd.isna(value):
        return Figure(None, unit, source, gap or "not available")
    return Figure(float(value), unit, source, decimals=decimals)


def gap(reason: str, unit: str = "") -> Figure:
    return Figure(None, unit, gap=reason)
