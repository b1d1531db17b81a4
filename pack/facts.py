"""The commentary's facts in plain words, each sentence built from the figures it quotes (kept in
`numbers` so that a test can check every number against the store)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pack.figure import number_text
from pack.summary_rows import Row


@dataclass(frozen=True)
class Fact:
    kind: str  # month_change, year_change, comparators, rag, gap
    text: str
    numbers: dict = field(default_factory=dict)


def facts(row: Row, table: pd.DataFrame, year: str) -> list[Fact]:
    """Sentences on the latest month: change on last month and on the same month last year, standing
    against the statistical neighbours and England, RAG against the target, and any gap."""
    (_, before), (month, now) = row.months[-2], row.months[-1]
    if now.missing:
        return [Fact("gap", f"There is no figure for {month:%B %Y}: {now.gap}.")]
    found = [
        month_change(row, before, now, month),
        year_change(row, table, now, month),
        against(row, now, month, year),
        rag_fact(row),
    ]
    return [f for f in found if f is not None]


def month_change(row: Row, before, now, month) -> Fact | None:
    if before.missing:
        return Fact(
            "gap",
            (
                f"There is no figure for {month - pd.DateOffset(months=1):%B %Y} to compare with: "
                f"{before.gap}."
            ),
        )
    change, words = _change(row.unit, before.value, now.value)
    text = (
        f"{row.label} {words} on last month, from {_n(before.value, row.unit)} in "
        f"{month - pd.DateOffset(months=1):%B %Y} to {_n(now.value, row.unit)} in "
        f"{month:%B %Y}."
    )
    return Fact("month_change", text, {"before": before.value, "now": now.value, "change": change})


def year_change(row: Row, table: pd.DataFrame, now, month) -> Fact | None:
    earlier = table[pd.to_datetime(table["period_start"]) == month - pd.DateOffset(years=1)]
    if earlier.empty or pd.isna(earlier.iloc[0]["value"]):
        return None
    then = float(earlier.iloc[0]["value"])
    diff = now.value - then
    if row.unit == "count":
        more = "more" if diff > 0 else "fewer"
        text = (
            (
                f"That is {_n(abs(diff), 'count')} {more} than at the same point last year "
                f"({_n(then, 'count')} in {month - pd.DateOffset(years=1):%B %Y})."
            )
            if diff
            else (
                "That is the same as at the same point last year "
                f"({month - pd.DateOffset(years=1):%B %Y})."
            )
        )
    else:
        text = (
            f"A year earlier, in {month - pd.DateOffset(years=1):%B %Y}, it was "
            f"{_n(then, row.unit)}."
        )
    return Fact("year_change", text, {"then": then, "now": now.value, "diff": diff})


def against(row: Row, now, month, year: str) -> Fact | None:
    """Standing against the neighbour mean and England (not for counts: councils differ in size)."""
    if row.unit == "count":
        return None
    parts, numbers = [], {"now": now.value}
    for measure, name in (
        ("stat_neighbour_avg", "the statistical neighbour average"),
        ("england_avg", "England"),
    ):
        bench = row.comparators.get(measure)
        if bench is None or bench.missing or not bench.value:
            continue
        pct = 100 * (now.value - bench.value) / bench.value
        side = "above" if pct > 0 else "below"
        places = 0 if abs(pct) >= 1 else 1
        parts.append(f"{abs(pct):.{places}f}% {side} {name} ({bench.shown})")
        numbers[measure] = bench.value
        numbers[f"{measure}_pct"] = round(abs(pct), places)
    if not parts:
        return None
    return Fact("comparators", f"In {month:%B %Y} it is {' and '.join(parts)} for {year}.", numbers)


def rag_fact(row: Row) -> Fact | None:
    if not row.rag:
        return None
    target = f" against its target of {row.target.shown}" if not row.target.missing else ""
    return Fact(
        "rag", f"It is {row.rag_label}{target}; direction of travel {row.direction_label}.", {}
    )


def _change(unit: str, before: float, now: float) -> tuple[float, str]:
    if now == before:
        return 0.0, "did not change"
    verb = "rose" if now > before else "fell"
    if unit == "percent":
        return round(abs(now - before), 1), f"{verb} {abs(now - before):.1f} percentage points"
    if not before:
        return float("nan"), verb
    pct = abs(100 * (now - before) / abs(before))
    places = 0 if pct >= 1 else 1
    return round(pct, places), f"{verb} {pct:.{places}f}%"


def _n(value: float, unit: str) -> str:
    return number_text(value, unit, 0 if unit == "count" and float(value).is_integer() else None)
