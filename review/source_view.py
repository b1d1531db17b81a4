"""Where one observation was printed: the page image with its cell outlined, or the cells around it.

A failure to show the source (damaged file, missing page or sheet) never raises: the preview then holds
only its caption, which says so.
"""
from __future__ import annotations

import io
import numbers
import threading
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from extractors.csvfile import column_letter
from interpreter.observation import Observation
from review.locations import Location, parse_location

OUTLINE = "#D55E00"  # Okabe-Ito vermillion: seen by every kind of colour vision
OUTLINE_WIDTH = 4  # pixels
SCALE = 1.5  # pixels per PDF point
MAX_SIDE = 2400  # longest side of a page image, pixels
DETAIL_MARGIN = 240.0  # pixels of page shown left and right of the cell in the detail (half that above and below)
AROUND = (2, 2, 2, 3)  # rows above, below, columns left, right of a workbook cell
MAX_ROW_CELLS = 40  # cells of a printed row shown for Word and CSV files
_PDFIUM = threading.Lock()  # pdfium is not thread-safe and Streamlit runs sessions in threads


@dataclass
class SourcePreview:
    """What to show beside a row: a caption always, then a page image or a small table of cells."""

    caption: str
    image: object = None  # PIL.Image.Image of the page, the cell outlined
    detail: object = None  # the part of the page around the cell, for reading it at a glance
    cells: pd.DataFrame | None = None  # the cells around a workbook cell, or the printed row of a table
    marked: tuple | None = None  # (index label, column label) of the observation's cell in `cells`

    def styled(self):
        """`cells` as a pandas Styler with the observation's cell bold and outlined (None without cells)."""
        if self.cells is None:
            return None
        style = pd.DataFrame("", index=self.cells.index, columns=self.cells.columns)
        if self.marked is not None:
            style.loc[self.marked] = f"font-weight: bold; border: 3px solid {OUTLINE}"
        return self.cells.style.apply(lambda _: style, axis=None)


def source_preview(doc, row) -> SourcePreview:
    """The source of one observation (an Observation, or a row of `review_frame`) in the pending document."""
    obs = observation_of(doc, row)
    where = parse_location(obs.source_location)
    try:
        kind = document_kind(doc)
        if kind == "pdf" and where.page is not None:
            return pdf_preview(doc.content, where, obs.bbox)
        if kind == "xlsx" and where.sheet is not None:
            return workbook_preview(doc.content, where)
        if kind in ("docx", "csv") and where.row is not None:
            return row_preview(doc.content, doc.name, kind, where)
    except Exception:  # an untrusted file may fail in any library; the caption still tells where to look
        return SourcePreview(f"{where.caption} (the source could not be shown from this file)")
    return SourcePreview(where.caption)


def observation_of(doc, row) -> Observation:
    """The Observation a review row stands for: by its position when it matches, else by its location."""
    if isinstance(row, Observation):
        return row
    location = str(_get(row, "source_location") or "")
    position = getattr(row, "name", None)
    rows = doc.observations
    if isinstance(position, numbers.Integral) and 0 <= position < len(rows) and rows[int(position)].source_location == location:
        return rows[int(position)]
    return next((o for o in rows if o.source_location == location), Observation(source_location=location))


def document_kind(doc) -> str:
    """pdf, xlsx, docx or csv: what the reader said, else the file name's extension."""
    kind = doc.result.format or doc.name.rsplit(".", 1)[-1].lower()
    return {"xlsm": "xlsx", "tsv": "csv", "txt": "csv"}.get(kind, kind)


def pdf_preview(content: bytes, where: Location, bbox) -> SourcePreview:
    """The page, scaled to at most MAX_SIDE pixels, with the cell's box outlined."""
    from PIL import ImageDraw

    page, scale = rendered_page(content, where.page)
    image = page.copy()
    if not bbox:
        return SourcePreview(where.caption, image=image)
    x0, top, x1, bottom = (v * scale for v in bbox)
    pad = OUTLINE_WIDTH // 2 + 1
    ImageDraw.Draw(image).rectangle([x0 - pad, top - pad, x1 + pad, bottom + pad], outline=OUTLINE, width=OUTLINE_WIDTH)
    return SourcePreview(where.caption, image=image, detail=around(image, (x0, top, x1, bottom)))


def around(image, box, margin: float = DETAIL_MARGIN):
    """The image cropped to the box and `margin` pixels on every side (kept inside the image)."""
    x0, top, x1, bottom = box
    left, upper = max(0, int(x0 - margin)), max(0, int(top - margin / 2))
    right, lower = min(image.width, int(x1 + margin)), min(image.height, int(bottom + margin / 2))
    return image.crop((left, upper, max(right, left + 1), max(lower, upper + 1)))


@lru_cache(maxsize=4)
def rendered_page(content: bytes, page: int):
    """(RGB image of a 1-based page, pixels per point); cached, so copy before drawing on it."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(content)
        try:
            if not 1 <= page <= len(pdf):
                raise ValueError(f"the file has no page {page}")
            sheet = pdf[page - 1]
            width, height = sheet.get_size()
            scale = min(SCALE, MAX_SIDE / max(width, height, 1))
            image = sheet.render(scale=scale).to_pil().convert("RGB")
        finally:
            pdf.close()
    return image, scale


def workbook_preview(content: bytes, where: Location) -> SourcePreview:
    """The cells around a workbook cell (rows by number, columns by letter), read in read-only mode."""
    import openpyxl

    above, below, left, right = AROUND
    first_row, first_col = max(1, where.row - above), max(1, where.col - left)
    last_row, last_col = first_row + above + below, first_col + left + right
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = book[where.sheet]
        values = [[_shown(c) for c in line] for line in sheet.iter_rows(
            min_row=first_row, max_row=last_row, min_col=first_col, max_col=last_col)]
    finally:
        book.close()
    columns = [column_letter(c - 1) for c in range(first_col, last_col + 1)]
    values += [[""] * len(columns)] * (last_row - first_row + 1 - len(values))
    cells = pd.DataFrame([(line + [""] * len(columns))[:len(columns)] for line in values],
                         index=list(range(first_row, last_row + 1)), columns=columns)
    return SourcePreview(where.caption, cells=cells, marked=(where.row, column_letter(where.col - 1)))


def row_preview(content: bytes, name: str, kind: str, where: Location) -> SourcePreview:
    """The printed row of a Word table or CSV file, read again with the same reader."""
    from extractors.csvfile import CsvFormat
    from extractors.docx import DocxFormat

    reader = CsvFormat if kind == "csv" else DocxFormat
    grids = reader.extract(io.BytesIO(content), name).grids
    grid = grids[0] if kind == "csv" else next((g for g in grids if g.index == where.table), None)
    if grid is None:
        return SourcePreview(where.caption)
    line = {c.col + 1: c.text for c in grid.cells if c.row < where.row <= c.row + c.rowspan}
    if not line:
        return SourcePreview(where.caption)
    start = max(1, min(where.col - MAX_ROW_CELLS // 2, max(line) - MAX_ROW_CELLS + 1))
    numbers = range(start, min(max(line), start + MAX_ROW_CELLS - 1) + 1)
    label = column_letter if kind == "csv" else (lambda c: f"column {c + 1}")
    columns = [label(c - 1) for c in numbers]
    cells = pd.DataFrame([[line.get(c, "") for c in numbers]], index=[where.row], columns=columns)
    return SourcePreview(where.caption, cells=cells, marked=(where.row, label(where.col - 1)))


def _shown(cell) -> str:
    """A workbook cell's value as Excel shows it (percent formats, ISO dates), '' when empty."""
    from extractors.xlsx import display_text

    value = getattr(cell, "value", None)
    return "" if value is None else display_text(value, getattr(cell, "number_format", None) or "General")


def _get(row, key: str):
    try:
        return row[key]
    except (KeyError, TypeError, IndexError):
        return getattr(row, key, None)
