"""Writing a figure into a worksheet cell as a performance book holds it: numbers as numbers,
'55.8%' as a percentage."""

from __future__ import annotations

import re

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

PERCENT = re.compile(r"^(-?\d+(?:\.(\d+))?)%$")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")


def put(ws: Worksheet, row: int, col: int, figure, header: bool = False) -> None:
    """Write one figure (None leaves the cell blank)."""
    if figure is None:
        return
    cell = ws.cell(row=row, column=col)
    match = PERCENT.match(figure) if isinstance(figure, str) else None
    if match:
        cell.value = round(float(match.group(1)) / 100, 6)
        cell.number_format = "0." + "0" * len(match.group(2)) + "%" if match.group(2) else "0%"
    else:
        cell.value = figure
        if isinstance(figure, float):
            cell.number_format = "0.0"
    if header:
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP


def put_row(ws: Worksheet, row: int, figures, first_col: int = 1, header: bool = False) -> None:
    for offset, figure in enumerate(figures):
        put(ws, row, first_col + offset, figure, header)
