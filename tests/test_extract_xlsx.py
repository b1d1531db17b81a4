"""Excel workbook quirks, each on a small workbook the test writes itself."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import PatternFill

from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.xlsx import XlsxFormat, display_text

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(data: bytes, name: str = "book.xlsx", limits: Limits = LIMITS):
    return XlsxFormat.extract(io.BytesIO(data), name, limits=limits)


def save(wb: openpyxl.Workbook, tmp_path, name: str = "book.xlsx") -> bytes:
    path = tmp_path / name
    wb.save(path)
    return path.read_bytes()


def cells_by_ref(grid) -> dict:
    return {c.ref: c for c in grid.cells}


def test_merged_multi_row_header_spans(tmp_path):
    """Merged multi-row header: one cell at the top-left carries the spans; covered cells are not
    emitted."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws["B5"], ws["F5"], ws["F6"], ws["G6"] = "NO.", "2016 / 17", "Nov", "Dec"
    ws.merge_cells("B5:B6")
    ws.merge_cells("F5:J5")
    grid = read(save(wb, tmp_path)).grids[0]
    cells = cells_by_ref(grid)
    assert sorted(cells) == ["B5", "F5", "F6", "G6"]
    assert (cells["B5"].row, cells["B5"].col, cells["B5"].rowspan, cells["B5"].colspan) == (
        4,
        1,
        2,
        1,
    )
    assert (cells["F5"].row, cells["F5"].col, cells["F5"].rowspan, cells["F5"].colspan) == (
        4,
        5,
        1,
        5,
    )
    assert grid.sheet == "Summary" and grid.page is None and grid.index == 1
    assert grid.location(cells["F6"]) == "Summary!F6"


def test_percent_stored_as_fraction_shows_format_decimals(tmp_path):
    """Percent stored as a fraction with a 0.0% format: text as Excel shows it, value kept raw."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for ref, value, fmt in [
        ("A1", 0.558, "0.0%"),
        ("A2", 0.5, "0%"),
        ("A3", 0.12345, "0.00%"),
        ("A4", 0.0125, "0.0%"),
    ]:
        ws[ref] = value
        ws[ref].number_format = fmt
    cells = cells_by_ref(read(save(wb, tmp_path)).grids[0])
    assert [cells[r].text for r in ("A1", "A2", "A3", "A4")] == ["55.8%", "50%", "12.35%", "1.3%"]
    assert cells["A1"].value == 0.558 and cells["A1"].number_format == "0.0%"


def test_month_header_stored_as_date(tmp_path):
    """Month header stored as a real date with an mmm-yy format: value is the datetime, text the ISO
    date."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["F6"] = dt.datetime(2016, 11, 1)
    ws["F6"].number_format = "mmm-yy"
    cell = cells_by_ref(read(save(wb, tmp_path)).grids[0])["F6"]
    assert cell.value == dt.datetime(2016, 11, 1)
    assert cell.text == "2016-11-01"
    assert cell.number_format == "mmm-yy"


def _with_cached_value(data: bytes, cached: str) -> bytes:
    """The workbook with a cached result written into its formula cell, as Excel would save it."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(
                    rb"(<f>[^<]*</f>)<v\s*>\s*</v>|(<f>[^<]*</f>)<v\s*/>",
                    lambda m: (m.group(1) or m.group(2)) + f"<v>{cached}</v>".encode(),
                    body,
                )
            dst.writestr(item, body)
    return out.getvalue()


def test_formula_cell_reads_cached_result(tmp_path):
    """Formula cell (YTD = SUM of months): the cached result saved with the file is read, not the
    formula."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["A3"] = 1469, 1287, "=SUM(A1:A2)"
    doc = read(_with_cached_value(save(wb, tmp_path), "2756"))
    cell = cells_by_ref(doc.grids[0])["A3"]
    assert cell.value == 2756 and cell.text == "2756"
    assert doc.warnings == []


def test_formula_without_cached_result_warns(tmp_path):
    """Formula saved by a script with no cached result: the cell is skipped and the analyst is told
    why."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["A3"] = 1, 2, "=SUM(A1:A2)"
    doc = read(save(wb, tmp_path))
    assert sorted(cells_by_ref(doc.grids[0])) == ["A1", "A2"]
    assert len(doc.warnings) == 1 and "1 formula cells with no saved result" in doc.warnings[0]


def test_hidden_sheets_and_chartsheets_skipped(tmp_path):
    """Hidden and very hidden sheets (lookup tables) and chartsheets produce no grid."""
    wb = openpyxl.Workbook()
    wb.active.title = "Summary"
    wb.active["A1"] = "shown"
    for title, state in [("Lookup", "hidden"), ("Calc", "veryHidden")]:
        ws = wb.create_sheet(title)
        ws["A1"] = "secret"
        ws.sheet_state = state
    chart = BarChart()
    chart.add_data(Reference(wb.active, min_col=1, min_row=1, max_row=1))
    wb.create_chartsheet("Chart").add_chart(chart)  # openpyxl cannot reopen an empty chartsheet
    progress = []
    doc = XlsxFormat.extract(
        io.BytesIO(save(wb, tmp_path)), "book.xlsx", lambda d, t: progress.append((d, t))
    )
    assert [g.sheet for g in doc.grids] == ["Summary"]
    assert doc.units == 1 and progress == [(1, 1)]
    assert "secret" not in doc.text


def test_fill_colour_read(tmp_path):
    """RAG status given only as a solid fill: the colour comes out as #rrggbb; no fill gives
    blank."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["L7"], ws["L8"], ws["L9"] = "R", "A", "plain"
    ws["L7"].fill = PatternFill("solid", fgColor="FFFF0000")
    ws["L8"].fill = PatternFill("solid", fgColor=openpyxl.styles.colors.Color(indexed=13))
    cells = cells_by_ref(read(save(wb, tmp_path)).grids[0])
    assert cells["L7"].fill == "#ff0000"
    assert cells["L8"].fill == "#ffff00"
    assert cells["L9"].fill == ""


def test_text_folded_and_numbers_plain(tmp_path):
    """Wrapped label text is folded to one line; whole floats lose .0; thousands formats add no
    commas."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["C1"], ws["D1"], ws["E1"] = (
        "  Number of\ncontacts  ",
        12.0,
        11934,
        0.1 + 0.2,
        "   ",
    )
    ws["C1"].number_format = "#,##0"
    doc = read(save(wb, tmp_path))
    cells = cells_by_ref(doc.grids[0])
    assert [cells[r].text for r in ("A1", "B1", "C1", "D1")] == [
        "Number of contacts",
        "12",
        "11934",
        "0.3",
    ]
    assert "E1" not in cells
    assert doc.text == ["Sheet", "Number of contacts"]


def test_document_text_is_titles_and_top_rows(tmp_path):
    """Document text: each sheet's title, then strings from its first 8 rows only."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws["A1"], ws["A2"], ws["A8"], ws["A9"] = (
        "Monthly Performance Report",
        5,
        "Row eight",
        "Row nine",
    )
    wb.create_sheet("Contacts")["A1"] = "CONTACTS"
    assert read(save(wb, tmp_path)).text == [
        "Summary",
        "Monthly Performance Report",
        "Row eight",
        "Contacts",
        "CONTACTS",
    ]


def test_truncated_file_unreadable(tmp_path):
    """A truncated upload (half the bytes) is refused as damaged or incomplete."""
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    data = save(wb, tmp_path)
    assert XlsxFormat.detect(data[:4096], "book.xlsx")
    with pytest.raises(UnreadableFile, match="damaged or incomplete"):
        read(data[: len(data) // 2])


def test_random_bytes_named_xlsx_unreadable():
    """Random bytes named .xlsx are not detected as a workbook and cannot be extracted."""
    data = os.urandom(5000).replace(b"PK", b"pk")
    assert not XlsxFormat.detect(data[:4096], "book.xlsx")
    with pytest.raises(UnreadableFile, match="damaged or incomplete"):
        read(data)


def test_password_protected_workbook_unreadable():
    """An encrypted workbook is an OLE2 compound file named .xlsx: refused with a password
    sentence."""
    data = OLE2 + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 1000
    assert XlsxFormat.detect(data[:4096], "book.xlsx")
    with pytest.raises(UnreadableFile, match="password-protected; remove the password in Excel"):
        read(data)
    with pytest.raises(UnreadableFile, match="password-protected"):
        read(OLE2 + b"\x00" * 2000)  # no stream names readable: a .xlsx name means encrypted


def test_old_xls_named_xls_unreadable():
    """An old binary .xls workbook is detected and refused with a save-as-.xlsx sentence."""
    data = OLE2 + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 1000
    assert XlsxFormat.detect(data[:4096], "old.xls")
    with pytest.raises(UnreadableFile, match=r"old Excel \.xls file; save it as \.xlsx"):
        read(data, "old.xls")


def test_zip_bomb_refused():
    """Zip bomb: one member declaring 50 MB of zeros stored in a few KB is refused before
    unpacking."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"\x00" * (50 * 1024 * 1024))
    assert len(out.getvalue()) < 200_000
    with pytest.raises(UnreadableFile, match="zip bomb"):
        read(out.getvalue())


def test_unzipped_size_limit(tmp_path):
    """A workbook whose parts unpack beyond MAX_UNZIPPED_BYTES is refused."""
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    with pytest.raises(UnreadableFile, match="unpacks to more than"):
        read(save(wb, tmp_path), limits=Limits(MAX_UNZIPPED_BYTES=1000))


def test_too_many_cells_refused(tmp_path):
    """A workbook with more cells than MAX_CELLS (counted over all sheets) is refused as too
    large."""
    wb = openpyxl.Workbook()
    for row in range(1, 6):
        wb.active.append([row, row * 2])
    with pytest.raises(UnreadableFile, match="too large"):
        read(save(wb, tmp_path), limits=Limits(MAX_CELLS=9))


def test_huge_merge_refused_before_loading(tmp_path):
    """A merge covering more cells than MAX_CELLS is refused before openpyxl expands it."""
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.active.merge_cells("A1:Z100")
    with pytest.raises(UnreadableFile, match="too large"):
        read(save(wb, tmp_path), limits=Limits(MAX_CELLS=2000))


@pytest.mark.parametrize(
    "value, fmt, text",
    [
        (0.558, "0.0%", "55.8%"),
        (-0.05, "0.0%;[Red]-0.0%", "-5.0%"),
        (0.5, '0.0"%"', "0.5"),
        (1469, "#,##0", "1469"),
        (2.5, "General", "2.5"),
        (True, "General", "TRUE"),
        (dt.datetime(2017, 1, 31, 9, 30), "dd/mm/yyyy hh:mm", "2017-01-31 09:30:00"),
        (dt.date(2017, 1, 1), "mmm-yy", "2017-01-01"),
    ],
)
def test_display_text_table(value, fmt, text):
    """Display text per value type and number format, quoted % being a literal rather than a
    percent."""
    assert display_text(value, fmt) == text


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_numbers_have_no_decimal_point(n):
    """Whole numbers, stored as int or float, print as plain digits."""
    assert display_text(n) == display_text(float(n)) == str(n)
