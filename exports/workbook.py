"""A formatted Excel workbook: Observations (typed, filterable), Wide (periods across) and About."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from exports.column_notes import MEANINGS
from exports.observation_frame import cell_text, is_missing, normalise
from exports.safety import neutralise
from exports.wide import wide_table

UNIT_FORMATS = {
    "count": "0",
    "percent": "0.0",
    "rate_per_10k": "0.0",
    "days": "0.0",
    "average": "0.0",
    "ratio": "0.00",
}
WHOLE, FRACTION = "0", "0.0##"
DATE_FORMAT = "yyyy-mm-dd"
BOLD = Font(bold=True)
MIN_WIDTH, MAX_WIDTH = 8, 60


def number_format(column: str, value: float, unit: str) -> str:
    """Percent points to 1 dp, counts whole, confidence to 2 dp; other numbers whole or up to 3
    dp."""
    if column == "confidence":
        return "0.00"
    if (
        column == "value"
        and unit in UNIT_FORMATS
        and not (unit == "count" and not value.is_integer())
    ):
        return UNIT_FORMATS[unit]
    return WHOLE if value.is_integer() else FRACTION


def cell(sheet: WriteOnlyWorksheet, value: object, column: str = "", unit: str = "") -> object:
    """One cell: numbers and dates typed and formatted; text neutralised (never a formula)."""
    if is_missing(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        typed = WriteOnlyCell(sheet, value)
        typed.number_format = number_format(column, float(value), unit)
        return typed
    if isinstance(value, date) and not isinstance(value, datetime):
        typed = WriteOnlyCell(sheet, value)
        typed.number_format = DATE_FORMAT
        return typed
    return neutralise(cell_text(value))  # never starts with '=', so openpyxl keeps it as text


def start_table(sheet: WriteOnlyWorksheet, table: pd.DataFrame) -> None:
    """Column widths from the longest cell, a frozen bold header, and an autofilter over the
    rows."""
    names = [str(c) for c in table.columns]
    for i, name in enumerate(names, start=1):
        longest = max([len(name)] + [len(cell_text(v)) for v in table[name].head(2000)])
        sheet.column_dimensions[get_column_letter(i)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, longest + 2)
        )
    sheet.freeze_panes = "A2"
    if names:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(table) + 1}"
    header = []
    for name in names:
        head = WriteOnlyCell(sheet, neutralise(name))
        head.font = BOLD
        header.append(head)
    sheet.append(header)


def observations_sheet(sheet: WriteOnlyWorksheet, table: pd.DataFrame) -> None:
    """The tidy table, one typed cell per value."""
    start_table(sheet, table)
    names = list(table.columns)
    for row in table.itertuples(index=False, name=None):
        unit = row[names.index("unit")] if "unit" in names else ""
        sheet.append([cell(sheet, v, name, unit) for name, v in zip(names, row)])


def wide_sheet(sheet: WriteOnlyWorksheet, wide: pd.DataFrame) -> None:
    """The wide table: numbers whole or to at most three decimals."""
    start_table(sheet, wide)
    for row in wide.itertuples(index=False, name=None):
        sheet.append([cell(sheet, v) for v in row])


def about_lines(
    columns: list[str], rows: int, filters: dict | None, now: datetime
) -> list[list[object]]:
    """What the workbook holds: when exported, the filters used, what each column means."""

    def text(v: object) -> str:
        return ", ".join(map(cell_text, v)) if isinstance(v, (list, tuple, set)) else cell_text(v)

    lines = [
        ["perfbooks export", None],
        ["Exported", now.strftime("%Y-%m-%d %H:%M %Z").strip()],
        ["Observations", rows],
        [None, None],
        ["Filters used", None],
    ]
    lines += [[str(k), text(v)] for k, v in (filters or {}).items()] or [
        ["(none)", "every observation in the store"]
    ]
    lines += [[None, None], ["Column", "Meaning"]]
    return lines + [[c, MEANINGS.get(c, "Extra column kept from the store")] for c in columns]


def about_sheet(sheet: WriteOnlyWorksheet, lines: list[list[object]]) -> None:
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    for first, second in lines:
        head = WriteOnlyCell(sheet, neutralise(first) if isinstance(first, str) else first)
        if first in ("perfbooks export", "Filters used", "Column"):
            head.font = BOLD
        sheet.append([head, cell(sheet, second)])


def workbook_bytes(
    frame: pd.DataFrame, filters: dict | None = None, now: datetime | None = None
) -> bytes:
    """The observations as an .xlsx workbook (Observations, Wide and About sheets)."""
    table = normalise(frame)
    book = Workbook(write_only=True)
    observations_sheet(book.create_sheet("Observations"), table)
    wide_sheet(book.create_sheet("Wide"), wide_table(table))
    lines = about_lines(list(table.columns), len(table), filters, now or datetime.now(UTC))
    about_sheet(book.create_sheet("About"), lines)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
