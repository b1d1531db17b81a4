"""xlsx (openpyxl): numbers stored as numbers, merged spans and titles, fills, borders, hidden
helper columns."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles import Side as Edge
from openpyxl.utils import get_column_letter

from zoo.layout import grid
from zoo.model import Break, Cell, Heading, Para, Period, Report, Side, Table

PLAIN = re.compile(r"^-?[\d,]+(\.\d+)?$")
THIN = Edge(style="thin", color="808080")


def write(report: Report, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    r = 1
    for b in report.blocks:
        if isinstance(b, Break):
            ws = wb.create_sheet(b.sheet or f"Sheet{len(wb.sheetnames) + 1}")
            r = 1
        elif isinstance(b, (Heading, Para)):
            ws.cell(r, 1, b.text).font = Font(
                bold=isinstance(b, Heading), size=12 if isinstance(b, Heading) else 10
            )
            r += 1
        elif isinstance(b, Table):
            r = put_table(ws, b, r, 1) + 1
        elif isinstance(b, Side):
            end = put_table(ws, b.left, r, 1)
            r = max(end, put_table(ws, b.right, r, b.left.width + 2)) + 1
    ws.column_dimensions["A"].width = 48
    wb.save(path)


def put_table(ws, t: Table, r: int, c0: int) -> int:
    """Write the table with its top-left at (r, c0); the next free row."""
    if t.title:
        ws.cell(r, c0, t.title).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=c0 + t.width - 1)
        r += 1
    for i, row in enumerate(grid(t)):
        band = i >= t.header_rows and t.ruling == "zebra" and (i - t.header_rows) % 2 == 1
        for j, cell in enumerate(row):
            if cell is None:
                continue
            x = ws.cell(r, c0 + j)
            put_value(x, cell, t.native)
            style(x, cell, t, band)
            if cell.span > 1 or cell.rowspan > 1:
                ws.merge_cells(
                    start_row=r,
                    start_column=c0 + j,
                    end_row=r + cell.rowspan - 1,
                    end_column=c0 + j + cell.span - 1,
                )
        r += 1
    for j in t.hidden:
        ws.column_dimensions[get_column_letter(c0 + j)].hidden = True
    if t.note:
        ws.cell(r, c0, t.note).font = Font(italic=True)
        r += 1
    return r


def put_value(x, cell: Cell, native: bool) -> None:
    text = cell.text
    if native and isinstance(cell.value, Period) and cell.value.type == "month":
        x.value, x.number_format = (
            datetime(cell.value.start.year, cell.value.start.month, 1),
            "mmm-yy",
        )
        return
    if (
        native
        and len(cell.obs) == 1
        and cell.obs[0].value is not None
        and text.endswith("%")
        and PLAIN.match(text[:-1])
    ):
        v = cell.obs[0].value
        # unrounded, as Excel holds it
        x.value, x.number_format = v / 100 + (0.00004 if v < 99 else 0.0), "0.0%"
        return
    if PLAIN.match(text) and cell.align != "L":
        number = float(text.replace(",", ""))
        x.value = int(number) if number.is_integer() and "." not in text else number
        x.number_format = "#,##0" if "," in text else ("0.0" if "." in text else "General")
        return
    x.value = text or None


def style(x, cell: Cell, t: Table, band: bool) -> None:
    if cell.bold:
        x.font = Font(bold=True)
    fill = cell.fill or (
        "EEEEEE" if band else "DCE6F1" if cell.header and t.ruling != "none" else ""
    )
    if fill:
        x.fill = PatternFill("solid", start_color=fill, end_color=fill)
    if t.ruling == "all":
        x.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    elif t.ruling == "horizontal":
        x.border = Border(top=THIN, bottom=THIN)
    x.alignment = Alignment(
        wrap_text="\n" in cell.text,
        horizontal={"L": "left", "R": "right", "C": "center"}[cell.align],
        vertical="center",
        text_rotation=90 if cell.rowspan > 2 else 0,
    )
