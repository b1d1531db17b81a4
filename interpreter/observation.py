"""The cleaned observation: one number a report printed, and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING

from interpreter.flags import Flags

if TYPE_CHECKING:
    from authorities.authority import Authority

COLUMNS = [
    "authority",
    "la_code",
    "old_la_code",
    "indicator_id",
    "indicator_label",
    "measure",
    "period_type",
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "unit",
    "polarity",
    "note",
    "report_date",
    "source_file",
    "source_location",
    "confidence",
]
EXTRA_COLUMNS = ["code", "flags"]
# The contract's vocabularies, defined here once
# what a figure is: the authority's own, its target, or a benchmark it is compared with
MEASURES = (
    "actual",
    "target",
    "stat_neighbour_avg",
    "stat_neighbour_best",
    "england_avg",
    "england_top_quartile",
    "region_avg",
)
BENCHMARK_MEASURES = tuple(m for m in MEASURES if m not in ("actual", "target"))  # compared with
PERIOD_TYPES = ("month", "quarter", "financial_year", "financial_ytd", "calendar_year", "as_at")
UNITS = ("count", "percent", "rate_per_10k", "days", "average", "ratio")
POLARITIES = ("high", "low", "info", "within_range")  # which direction is good
DIRECTIONAL = ("high", "low")  # the polarities that say which way is better
UNWRITTEN = ("pending", "bbox")  # fields kept for the app, never written to the CSV or the store


@dataclass(frozen=True)
class Pending:
    """What the document pass still has to settle about one figure (interpreter/document.py)."""

    table: int | None = None  # which table of the document printed it, counted from 0
    row: int | None = None  # its printed row, whichever way the periods run
    authority: Authority | None = None  # the authority its row or column names
    bare_month: int | None = None  # a month printed without its year (the latest such, by vintage)
    ytd: bool = False  # a year-to-date figure, to the report's date
    ytd_year: int | None = None  # the year its financial year starts (None: the report's own)
    default_period: bool = False  # no period printed: the one above its table, else the report's


@dataclass
class Observation:
    """A row of the observations table (see the spec); dates stay dates until written."""

    authority: str = ""
    la_code: str = ""
    old_la_code: str = ""
    indicator_id: str = ""
    indicator_label: str = ""
    measure: str = "actual"
    period_type: str = ""
    period_start: date | None = None
    period_end: date | None = None
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    unit: str = ""
    polarity: str = ""
    note: str = ""
    report_date: date | None = None
    source_file: str = ""
    source_location: str = ""
    confidence: float = 1.0
    code: str = ""
    flags: Flags = Flags()
    # what the document pass still has to settle
    pending: Pending = field(default_factory=Pending, repr=False)
    # the cell on its page: x0, top, x1, bottom in points; not written
    bbox: tuple[float, float, float, float] | None = field(default=None, repr=False)

    def as_row(self) -> dict:
        """The contract's columns and the extra ones, as text (pending and bbox left out)."""
        row = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in UNWRITTEN}
        row["flags"] = self.flags.text()
        for key in ("period_start", "period_end", "report_date"):
            row[key] = row[key].isoformat() if row[key] else ""
        for key in ("value", "numerator", "denominator"):
            row[key] = format_number(row[key])
        row["confidence"] = f"{row['confidence']:.2f}"
        return row


def add_flag(obs: Observation, flag: str) -> None:
    """Flag the observation (once), its flags then in order of name."""
    obs.flags |= {flag}


def format_number(v: float | None) -> str:
    """A number without thousands separators or a needless trailing .0."""
    if v is None:
        return ""
    text = f"{v:.10g}" if abs(v) < 1e15 else repr(v)
    return text
