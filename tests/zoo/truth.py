"""The truth file of a generated report, in the columns of the practice set's truth files."""

from __future__ import annotations

import csv
from pathlib import Path

from contract import FIGURE_COLUMNS

from zoo.model import Obs, Report

COLUMNS = [*FIGURE_COLUMNS, "source_file", "scored"]


def number(v) -> str:
    if v is None:
        return ""
    return f"{v:.10g}"


def row(o: Obs, report: Report, source_file: str) -> dict:
    a = o.authority
    return {
        "authority": a.name,
        "la_code": a.new_la_code,
        "old_la_code": a.old_la_code,
        "indicator_id": o.indicator_id,
        "indicator_label": o.label,
        "measure": o.measure,
        "period_type": o.period.type,
        "period_start": o.period.start.isoformat(),
        "period_end": o.period.end.isoformat(),
        "value": number(o.value),
        "numerator": number(o.numerator),
        "denominator": number(o.denominator),
        "unit": o.unit,
        "polarity": o.polarity,
        "note": o.note,
        "report_date": report.report_date.isoformat(),
        "source_file": source_file,
        "scored": str(o.scored),
    }


def rows(report: Report, source_file: str) -> list[dict]:
    return [row(o, report, source_file) for o in report.obs()]


def write(report: Report, source_file: str, path: Path) -> list[dict]:
    found = rows(report, source_file)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(found)
    return found
