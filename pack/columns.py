"""The summary table's columns, shared by every renderer: header text (as councils print it, and as
perfbooks' own reader understands it) and the Figure each cell shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pack.figure import Figure
from pack.summary_rows import Row

COMPARATOR_HEADERS = {
    "stat_neighbour_avg": "Stat neighbour",
    "england_avg": "England",
    "region_avg": "Region",
}


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[Row], Figure | str]  # a Figure (a number and its source) or plain text
    kind: str = "number"  # number | text | rag | direction


def month_header(month: pd.Timestamp) -> str:
    """'Jan-17'."""
    return f"{month:%b-%y}"


def summary_columns(rows: list[Row], year: str) -> list[Column]:
    """Indicator, polarity, the three months, YTD, target, red tolerance, RAG, DoT, two outturns,
    comparators, band."""
    first = rows[0] if rows else None
    months = [m for m, _ in first.months] if first else []
    outturns = [y for y, _ in first.outturns] if first else []
    cols = [
        Column("Indicator", lambda r: r.label, "text"),
        Column("Good performance is", lambda r: r.polarity_word, "text"),
    ]
    cols += [Column(month_header(m), _month(i)) for i, m in enumerate(months)]
    cols += [
        Column("YTD", lambda r: r.ytd),
        Column("Target", lambda r: r.target),
        Column("Red tolerance", lambda r: r.red),
        Column("RAG", lambda r: r.rag_label, "rag"),
        Column("DoT", lambda r: r.direction_label, "direction"),
    ]
    cols += [Column(y, _outturn(i)) for i, y in enumerate(outturns)]
    cols += [Column(f"{h} {year}", _comparator(m)) for m, h in COMPARATOR_HEADERS.items()]
    return cols + [Column(f"Quartile band {year}", lambda r: r.band)]


def _month(i: int):
    return lambda r: r.months[i][1]


def _outturn(i: int):
    return lambda r: r.outturns[i][1]


def _comparator(measure: str):
    return lambda r: r.comparators[measure]


def cell_text(value: Figure | str) -> str:
    return value.shown if isinstance(value, Figure) else str(value)
