"""Period labels for column headers ('2017-01', '2016-17', '2016-17 Q1', 'FYTD to 2017-01', 'at
2016-03-31')."""

from __future__ import annotations

from datetime import date

from interpreter.periods import financial_year_of


def fy_label(start_year: int) -> str:
    """'2016-17' for the financial year starting April 2016."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def fy_quarter(day: date) -> int:
    """1 for April-June ... 4 for January-March."""
    return (day.month - 4) % 12 // 3 + 1


def period_label(period_type: str, start: date | None, end: date | None) -> str:
    """A short, sortable-looking label naming the period."""
    start, end = start or end, end or start
    if start is None:
        return "no period"
    labels = {
        "month": lambda: f"{start:%Y-%m}",
        "quarter": lambda: f"{fy_label(financial_year_of(start))} Q{fy_quarter(start)}",
        "financial_year": lambda: fy_label(financial_year_of(start)),
        "financial_ytd": lambda: f"FYTD to {end:%Y-%m}",
        "calendar_year": lambda: f"{start.year}",
        "as_at": lambda: f"at {end.isoformat()}",
    }
    make = labels.get(period_type)
    return make() if make else f"{start.isoformat()} to {end.isoformat()}"


def period_order(start: date | None, end: date | None) -> tuple[int, int]:
    """Chronological: by end date, and of periods ending together the shortest first; undated
    last."""
    start, end = start or end, end or start
    if start is None:
        return (date.max.toordinal() + 1, 0)
    return (end.toordinal(), -start.toordinal())
