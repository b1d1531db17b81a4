"""A family of monthly workbooks the interpreter misreads on its own: months printed as `M1`..`M12`
of the financial year, the year only in the title. Each month has different figures; the layout
is the same.

`write_month(folder, month_index, seed)` writes month `month_index` (1 = April) of 2016/17 and
returns the file and its truth rows (the scorer's columns).

"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from periods import month_end

AUTHORITY = "Rotherham"
INDICATORS = [  # label, low, high, percent?
    ("Number of contacts received", 900, 1500, False),
    ("Number of referrals", 250, 420, False),
    ("Re-referrals within 12 months", 15, 30, True),
    ("Assessments completed within 45 working days", 70, 95, True),
    ("Number of children subject to a child protection plan", 300, 420, False),
    ("Number of looked after children", 380, 460, False),
]
OTHER_LAYOUT = [
    ["Indicator", "Apr-16", "May-16", "Target"],
    ["Number of referrals", "301", "322", "300"],
    ["Number of contacts received", "1203", "1188", "1100"],
]


def month_of(fy_month: int) -> date:
    """The calendar month ending month `fy_month` of 2016/17 (1 = April 2016)."""
    year, month = (2016, fy_month + 3) if fy_month <= 9 else (2017, fy_month - 9)
    return month_end(year, month)


def write_month(folder: Path, fy_month: int, seed: int = 0) -> tuple[Path, list[dict]]:
    rng = random.Random(seed * 100 + fy_month)
    book = Workbook()
    sheet = book.active
    sheet.title = "Scorecard"
    sheet.append(
        [f"{AUTHORITY} Metropolitan Borough Council: children's social care performance 2016/17"]
    )
    sheet.append([])
    sheet.append(
        ["Ref", "Indicator", *(f"M{n}" for n in range(1, 13)), "Target", "Stat Neighbours"]
    )
    truth = []
    for ref, (label, low, high, percent) in enumerate(INDICATORS, start=1):
        values = [
            round(rng.uniform(low, high), 1) if percent else rng.randint(low, high)
            for _ in range(fy_month)
        ]
        target, neighbours = round(rng.uniform(low, high)), round(rng.uniform(low, high), 1)
        sheet.append([f"CS{ref}", label, *values, *[None] * (12 - fy_month), target, neighbours])
        truth += [_row(label, "actual", month_of(n + 1), v) for n, v in enumerate(values)]
        truth += [
            _row(label, "target", date(2017, 3, 31), target),
            _row(label, "stat_neighbour_avg", None, neighbours),
        ]
    path = folder / f"rotherham_scorecard_2016-17_m{fy_month:02d}.xlsx"
    book.save(path)
    return path, truth


def _row(label: str, measure: str, end: date | None, value) -> dict:
    return {
        "authority": AUTHORITY,
        "indicator_label": label,
        "indicator_id": "",
        "measure": measure,
        "period_end": end.isoformat() if end else "",
        "value": str(value),
        "unit": "",
    }
