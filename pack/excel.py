"""The pack's summary as an Excel workbook: a table with a header row (numbers as numbers), a
comment on every figure saying where it came from or why it is missing, and the same provenance
as a Sources sheet."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.table import Table, TableStyleInfo

from pack.assemble import Pack
from pack.columns import cell_text, summary_columns
from pack.figure import Figure
from pack.html import TINTS

FORMATS = {"percent": '0.0"%"', "count": "#,##0", "rate_per_10k": "#,##0.0"}
HEADER_ROW = 3


def pack_workbook(pack: Pack) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Summary"
    sheet["A1"] = pack.title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = (
        "Each figure has a comment with its source (report and cell, or publication); a dash (—) "
        "is a "
        "missing figure and its comment says why. The Sources sheet lists the same."
    )
    sources = _summary(sheet, pack)
    _sources(book.create_sheet("Sources"), sources)
    _commentary(book.create_sheet("Commentary"), pack)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _summary(sheet, pack: Pack) -> list[tuple]:
    columns = summary_columns(pack.rows, pack.year)
    for c, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, c, column.header)
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    sources = []
    for r, row in enumerate(pack.rows, start=HEADER_ROW + 1):
        for c, column in enumerate(columns, start=1):
            cell = sheet.cell(r, c)
            value = column.cell(row)
            _put(cell, value)
            if isinstance(value, Figure):
                sources.append(
                    (cell.coordinate, row.label, column.header, cell_text(value), value.provenance)
                )
            if column.kind == "rag" and row.rag in TINTS:
                cell.fill = PatternFill("solid", fgColor=TINTS[row.rag].lstrip("#"))
    _as_table(sheet, len(columns), HEADER_ROW + len(pack.rows))
    return sources


def _put(cell, value) -> None:
    if not isinstance(value, Figure):
        cell.value = str(value)
        return
    if value.value is not None and not value.text:
        cell.value = (
            round(value.value, value.decimals) if value.decimals is not None else value.value
        )
        cell.number_format = FORMATS.get(value.unit, "General")
    else:
        cell.value = value.shown
    if value.provenance:
        cell.comment = Comment(value.provenance, "perfbooks", width=320, height=90)


def _as_table(sheet, width: int, last_row: int) -> None:
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)
    sheet.column_dimensions["A"].width = 48
    if last_row > HEADER_ROW:
        table = Table(
            displayName="Summary", ref=f"A{HEADER_ROW}:{get_column_letter(width)}{last_row}"
        )
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
        sheet.add_table(table)


def _sources(sheet, sources: list[tuple]) -> None:
    sheet.append(["Cell", "Indicator", "Column", "Shown", "Source, or why it is missing"])
    for row in sources:
        sheet.append(list(row))
    sheet["A1"].font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _commentary(sheet, pack: Pack) -> None:
    sheet.append(["Indicator", "Commentary (facts from the store; edit before publishing)"])
    for section in pack.sections:
        sheet.append([section.title, section.commentary])
    sheet.column_dimensions["B"].width = 120
