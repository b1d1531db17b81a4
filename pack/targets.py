"""The target and red tolerance in force for a month, as printed (or as the pack template sets
them)."""

from __future__ import annotations

import pandas as pd

from analyses.target_bands import rule_kind
from analyses.trends import current_targets
from pack.figure import Figure, gap
from pack.sources import report_source
from pack.template import Item
from periods import financial_year_of, financial_year_timestamps

TEMPLATE_SOURCE = "pack template"


def with_template_targets(
    every: pd.DataFrame, item: Item, month: pd.Timestamp, unit: str
) -> pd.DataFrame:
    """The indicator's rows plus target rows for the template's rules (dated after every report, so
    they win)."""
    if not (item.target or item.red):
        return every
    first = financial_year_timestamps(financial_year_of(month))[0]
    rows = [
        (f"Target Green: {item.target}" if item.target else ""),
        (f"Red tolerance: {item.red}" if item.red else ""),
    ]
    base = {
        "indicator_id": item.indicator_id,
        "measure": "target",
        "period_type": "financial_year",
        "period_start": first,
        "period_end": first + pd.DateOffset(years=1) - pd.Timedelta(days=1),
        "value": float("nan"),
        "unit": unit,
        "report_date": pd.Timestamp.max.normalize(),
        "source_file": TEMPLATE_SOURCE,
        "source_location": "",
        "document_id": -1,
    }
    added = pd.DataFrame([{**base, "note": note} for note in rows if note])
    return pd.concat([every, added], ignore_index=True) if len(every) else added


def month_targets(
    every: pd.DataFrame, indicator: str, month: pd.Timestamp, unit: str
) -> tuple[Figure, Figure]:
    """(green target, red tolerance) of the shortest target period holding the month."""
    rows = current_targets(every, indicator)
    end = month + pd.offsets.MonthEnd(0)
    rows = rows[
        (pd.to_datetime(rows["period_start"]) <= end) & (pd.to_datetime(rows["period_end"]) >= end)
    ]
    if rows.empty:
        return gap("no target was set for this month", unit), gap(
            "no red tolerance was set for this month", unit
        )
    rows = rows.assign(
        _days=pd.to_datetime(rows["period_end"]) - pd.to_datetime(rows["period_start"])
    )
    rows = rows[rows["_days"] == rows["_days"].min()]
    return _rule(rows, "green", unit), _rule(rows, "red", unit)


def _rule(rows: pd.DataFrame, kind: str, unit: str) -> Figure:
    for _, row in rows.iterrows():
        found_kind, rule = split_rule(row.get("note"), row.get("value"), unit)
        if found_kind == kind and rule:
            source = (
                TEMPLATE_SOURCE if row.get("source_file") == TEMPLATE_SOURCE else report_source(row)
            )
            value = None if pd.isna(row.get("value")) else float(row["value"])
            return Figure(value, unit, source, text=rule)
    return gap(
        "the report printed no target"
        if kind == "green"
        else "the report printed no red tolerance",
        unit,
    )


def split_rule(note, value, unit: str) -> tuple[str, str]:
    """('green'|'red'|'amber', the rule as printed) from a target row's note ('Red tolerance:
    <92%')."""
    note = "" if note is None or (isinstance(note, float) and pd.isna(note)) else str(note)
    kind, rule = rule_kind(note)
    if not rule and value is not None and not pd.isna(value):
        from pack.figure import number_text

        rule = number_text(float(value), unit)
    return kind, rule
