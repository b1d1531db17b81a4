"""A Rotherham-style monthly performance book: a summary sheet and one detail sheet per service
area."""

from __future__ import annotations

from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from samples import figures_rotherham as fig
from samples.sheet_cells import BOLD, put, put_row
from samples.stable import new_workbook, save_workbook

TITLE = "Rotherham Safeguarding Children & Families - Monthly Performance Report"
AS_AT = "As at Month End: January 2017"


def write_book(path: Path) -> Path:
    """Write the workbook to `path` (byte-identical on every run)."""
    book = new_workbook()
    write_summary(book.active)
    for page in fig.PAGES:
        write_page(book.create_sheet(page.sheet), page)
    return save_workbook(book, path)


def write_summary(ws: Worksheet) -> None:
    ws.title = "Summary"
    _titles(ws, "Performance Summary")
    for start, end, text in fig.SUMMARY_GROUPS:
        put(ws, 4, start + 1, text, header=True)
        ws.merge_cells(start_row=4, start_column=start + 1, end_row=4, end_column=end)
    put_row(ws, 5, fig.SUMMARY_HEADER, header=True)
    for offset, row in enumerate(fig.SUMMARY):
        put_row(ws, 6 + offset, row)
    ws.column_dimensions["B"].width = 60


def write_page(ws: Worksheet, page: fig.Page) -> None:
    """A detail page: months down the rows, one column (or a count and a percentage) per
    indicator."""
    _titles(ws, page.title)
    put(ws, 4, 1, f"PERFORMANCE ANALYSIS: {page.analysis}")
    col = 3
    for column in page.columns:
        width = 2 if column.of else 1
        put(ws, 6, col, column.code, header=True)
        put(ws, 7, col, column.label, header=True)
        if width == 2:
            ws.merge_cells(start_row=6, start_column=col, end_row=6, end_column=col + 1)
            ws.merge_cells(start_row=7, start_column=col, end_row=7, end_column=col + 1)
        _values(ws, col, column)
        col += width
    _sections(ws)
    ws.column_dimensions["A"].width = 24


def _values(ws: Worksheet, col: int, column: fig.Column) -> None:
    rows = list(zip(column.of, column.months)) if column.of else [(v,) for v in column.months]
    for offset, printed in enumerate(rows):
        put_row(ws, 8 + offset, printed, first_col=col)
    annual_row = 8 + len(fig.MONTHS)
    for offset, value in enumerate(column.annual):
        put(ws, annual_row + offset, col + (1 if column.of else 0), value)
    for offset, value in enumerate(column.benchmarks):
        put(ws, annual_row + len(fig.ANNUAL) + offset, col + (1 if column.of else 0), value)


def _sections(ws: Worksheet) -> None:
    """The row labels: months, then the annual trend and the latest benchmarking."""
    first_annual = 8 + len(fig.MONTHS)
    first_bench = first_annual + len(fig.ANNUAL)
    for start, text in (
        (8, "IN MONTH PERFORMANCE"),
        (first_annual, "ANNUAL TREND"),
        (first_bench, "LATEST BENCHMARKING"),
    ):
        put(ws, start, 1, text)
        ws.cell(row=start, column=1).font = BOLD
    for offset, label in enumerate(fig.MONTHS + fig.ANNUAL + fig.BENCHMARKS):
        put(ws, 8 + offset, 2, label)


def _titles(ws: Worksheet, heading: str) -> None:
    put(ws, 1, 1, TITLE)
    ws.cell(row=1, column=1).font = BOLD
    put(ws, 2, 1, f"{heading} - {AS_AT}")
