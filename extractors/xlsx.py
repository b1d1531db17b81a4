"""Excel workbooks (.xlsx, .xlsm): each visible worksheet becomes one grid of its non-empty
cells."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from typing import BinaryIO

from extractors.base import SHEET_CELLS, Progress, no_progress
from extractors.errors import UnreadableFile
from extractors.grid import Cell, Document, Grid, fold
from extractors.limits import LIMITS, Limits
from extractors.ooxml import OfficeFormat, open_zip
from extractors.problems import problem

HEADER_ROWS = 8  # rows per sheet whose strings enter Document.text
_NS = rb"(?:[\w.-]+:)?"
MERGE_REF = re.compile(
    rb"<" + _NS + rb'mergeCell\b[^>]*?\bref="\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"'
)
# a formula followed by no value, or an empty one, then the cell's end
UNCACHED_FORMULA = re.compile(
    rb"(?:</"
    + _NS
    + rb"f>|<"
    + _NS
    + rb"f\b[^>]*/>)\s*(?:<"
    + _NS
    + rb"v\s*/>|<"
    + _NS
    + rb"v>\s*</"
    + _NS
    + rb"v>)?\s*</"
    + _NS
    + rb"c>"
)
FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')  # literals, escapes, colours, padding
PERCENT = re.compile(r"[0#?,]*(?:\.([0#?]*))?\s*%")


class XlsxFormat(OfficeFormat):
    key = "xlsx"
    title = "Excel workbook"
    extensions = ("xlsx", "xlsm")
    unit = "sheet"
    located_by, preview = "sheet", SHEET_CELLS

    kind, old_extension, old_stream, marker = "Excel", "xls", "Workbook", b"xl/workbook.xml"

    @classmethod
    def extract(
        cls, fp: BinaryIO, name: str, progress: Progress = no_progress, limits: Limits = LIMITS
    ) -> Document:
        data = fp.read()
        cls.refuse_ole2(data, name)
        doc = Document(name=name, format=cls.key, grids=[])
        workbook = _load(data, name, doc, limits)
        sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        cells_read = 0
        for done, ws in enumerate(sheets, start=1):
            grid = sheet_grid(ws)
            cells_read += len(grid.cells)
            if cells_read > limits.MAX_CELLS:
                raise _too_many_cells(name, limits)
            doc.grids.append(grid)
            doc.text.append(ws.title)
            doc.text.extend(
                c.text for c in grid.cells if c.row < HEADER_ROWS and isinstance(c.value, str)
            )
            doc.units = done
            progress(done, len(sheets))
        return doc


def _too_many_cells(name: str, limits: Limits) -> UnreadableFile:
    return UnreadableFile(problem("too_many_cells", name, most=limits.MAX_CELLS))


def _load(data: bytes, name: str, doc: Document, limits: Limits):
    """The workbook with cached formula results, after checking its zip for size and damage."""
    import openpyxl

    archive = open_zip(data, name, limits)
    if not any(n.startswith("xl/") for n in archive.namelist()):
        raise UnreadableFile(problem("not_a_workbook", name))
    _precheck(archive, name, doc, limits)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many types for broken parts
        raise UnreadableFile(problem("damaged_workbook", name)) from None


def _precheck(archive: zipfile.ZipFile, name: str, doc: Document, limits: Limits) -> None:
    """Refuse workbooks too big to load; warn about formulas saved without results."""
    parts = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    if len(parts) > limits.MAX_SHEETS:
        raise UnreadableFile(problem("too_many_sheets", name, most=limits.MAX_SHEETS))
    merged = uncached = 0
    for part in parts:
        xml = archive.read(part)
        merged += sum(_area(*m) for m in MERGE_REF.findall(xml))
        uncached += len(UNCACHED_FORMULA.findall(xml))
    if merged > limits.MAX_CELLS:
        raise _too_many_cells(name, limits)
    if uncached:
        doc.warnings.append(problem("formulas_uncached", name, count=uncached))


def _area(col0: bytes, row0: bytes, col1: bytes, row1: bytes) -> int:
    from openpyxl.utils import column_index_from_string as index

    return (abs(int(row1) - int(row0)) + 1) * (abs(index(col1.decode()) - index(col0.decode())) + 1)


def sheet_grid(ws) -> Grid:
    """One worksheet as a grid: non-empty cells at their absolute positions, merges as spans."""
    from openpyxl.cell.cell import MergedCell

    spans = {
        (r.min_row, r.min_col): (r.max_row - r.min_row + 1, r.max_col - r.min_col + 1)
        for r in ws.merged_cells.ranges
    }
    cells = []
    # stored cells only; iter_rows would fill the whole used range
    for (row, col), cell in sorted(ws._cells.items()):
        if isinstance(cell, MergedCell) or cell.value is None:
            continue
        text = display_text(cell.value, cell.number_format)
        if text:
            rowspan, colspan = spans.get((row, col), (1, 1))
            cells.append(
                Cell(
                    row=row - 1,
                    col=col - 1,
                    text=text,
                    value=cell.value,
                    number_format=cell.number_format,
                    rowspan=rowspan,
                    colspan=colspan,
                    fill=fill_colour(cell),
                    ref=cell.coordinate,
                )
            )
    return Grid(cells=cells, sheet=ws.title, index=1)


def fill_colour(cell) -> str:
    """The cell's solid background as #rrggbb, blank when none or given only as a theme colour."""
    from openpyxl.styles.colors import COLOR_INDEX

    fill = cell.fill
    if getattr(fill, "fill_type", None) != "solid":
        return ""
    colour = fill.fgColor
    if (
        colour.type == "rgb"
        and isinstance(colour.rgb, str)
        and re.fullmatch(r"[0-9A-Fa-f]{6,8}", colour.rgb)
    ):
        return "#" + colour.rgb[-6:].lower()
    palette = getattr(cell.parent.parent, "_colors", None) or COLOR_INDEX
    if colour.type == "indexed" and 0 <= colour.indexed < min(64, len(palette)):
        return "#" + palette[colour.indexed][-6:].lower()
    return ""


def display_text(value: object, number_format: str = "General") -> str:
    """Roughly what Excel shows for a value: percents per the format, dates as ISO, text folded."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value, number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return fold(value)


def number_text(value: int | float, number_format: str) -> str:
    """A number as text: scaled with the format's decimals under a percent format, else its shortest
    form."""
    decimals = percent_decimals(number_format)
    if decimals is not None:
        return _round_half_up(value * 100, decimals) + "%"
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    # Excel keeps 15 significant digits, hiding float noise such as 0.30000000000000004
    text = f"{value:.15g}"
    return repr(value) if "e" in text else text


def percent_decimals(number_format: str) -> int | None:
    """Decimal places a percent format shows, or None when the format is not a percent."""
    section = FORMAT_NOISE.sub("", (number_format or "").split(";")[0])
    match = PERCENT.search(section)
    return len(match.group(1) or "") if match else None


def _round_half_up(number: float, decimals: int) -> str:
    exact = Decimal(repr(round(number, 10)))
    return str(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
