"""The consultancy's before-and-after figures as a small workbook: one sheet per authority, titled
"Impact in ..."."""

from __future__ import annotations

from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from samples import figures_impact as fig
from samples.sheet_cells import BOLD, put, put_row
from samples.stable import new_workbook, save_workbook

HEADING = "Impact of the approach in other authorities"


def write_book(path: Path) -> Path:
    """Write the workbook to `path` (byte-identical on every run)."""
    book = new_workbook()
    write_leeds(book.active)
    write_southampton(book.create_sheet("Southampton"))
    return save_workbook(book, path)


def write_leeds(ws: Worksheet) -> None:
    ws.title = "Leeds"
    _heading(ws)
    _title(ws, 3, "Impact in Leeds - Children Looked After Numbers by month")
    put_row(ws, 4, ("",) + fig.LEEDS_MONTHS, header=True)
    put_row(ws, 5, ("CLA No.",) + fig.LEEDS_CLA)
    _title(ws, 7, "Impact in Leeds - Trends (Aug 2011 - Jan 2013)")
    put_row(ws, 8, ("", "Aug. 2011", "Jan. 2013", "Vol. Change", "% Change"), header=True)
    for offset, (label, before, after) in enumerate(fig.LEEDS_TRENDS):
        change = after - before
        put_row(
            ws,
            9 + offset,
            (
                label,
                before,
                after,
                f"{change:+d}",
                f"{abs(round(100 * change / before))}% {'increase' if change > 0 else 'decrease'}",
            ),
        )
    ws.column_dimensions["A"].width = 22


def write_southampton(ws: Worksheet) -> None:
    _heading(ws)
    _title(ws, 3, "Impact in Southampton - Reducing LAC Numbers")
    put_row(ws, 4, ("",) + tuple(month for month, _ in fig.SOUTHAMPTON_LAC), header=True)
    put_row(ws, 5, ("LAC",) + tuple(count for _, count in fig.SOUTHAMPTON_LAC))


def _heading(ws: Worksheet) -> None:
    put(ws, 1, 1, HEADING)
    ws.cell(row=1, column=1).font = BOLD


def _title(ws: Worksheet, row: int, text: str) -> None:
    put(ws, row, 1, text)
    ws.cell(row=row, column=1).font = BOLD
