"""Where one observation was printed: the page image with its cell outlined, or the cells around it.

Every preview is made in the bounded child (`extractors.bounded.run_bounded`), as the file was read:
an untrusted file is never opened again in the app's process. A failure to show the source (damaged
file, missing page or sheet, a memory or time limit) never raises: the preview then holds its
caption and one sentence saying why.

"""

from __future__ import annotations

import hashlib
import numbers
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import partial

import pandas as pd

from extractors.base import PAGE_IMAGE, SHEET_CELLS, Format
from extractors.bounded import run_bounded
from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.problems import problem
from extractors.registry import format_of
from interpreter.observation import Observation
from review.locations import Location, parse_location
from review.source_cells import printed_row_cells, workbook_cells

OUTLINE = "#D55E00"  # Okabe-Ito vermillion: seen by every kind of colour vision
OUTLINE_WIDTH = 4  # pixels
SCALE = 1.5  # pixels per PDF point
MAX_SIDE = 2400  # longest side of a page image, pixels
# pixels of page shown left and right of the cell in the detail (half that above and below)
DETAIL_MARGIN = 240.0
CACHED = 32  # previews kept, so selecting a row again does not open the file again
# (file digest, name, kind, location, box, label) -> SourcePreview, oldest first
_SHOWN: OrderedDict = OrderedDict()
_SHOWN_LOCK = threading.Lock()


@dataclass
class SourcePreview:
    """What to show beside a row: a caption always, then a page image or a small table of cells."""

    caption: str
    image: object = None  # PIL.Image.Image of the page, the cell outlined
    detail: object = None  # the part of the page around the cell, for reading it at a glance
    # the cells around a workbook cell, or the printed row of a table
    cells: pd.DataFrame | None = None
    marked: tuple | None = None  # (index label, column label) of the observation's cell in `cells`
    problem: str = ""  # one sentence when the source could not be shown

    def styled(self):
        """`cells` as a pandas Styler with the observation's cell bold and outlined (None without
        cells)."""
        if self.cells is None:
            return None
        style = pd.DataFrame("", index=self.cells.index, columns=self.cells.columns)
        if self.marked is not None:
            style.loc[self.marked] = f"font-weight: bold; border: 3px solid {OUTLINE}"
        return self.cells.style.apply(lambda _: style, axis=None)


def source_preview(doc, row, limits: Limits = LIMITS) -> SourcePreview:
    """The source of one observation (an Observation, or a row of `review_frame`) in the pending
    document.

    The file is opened again only in the bounded child (`extractors.bounded.run_bounded`, the
    reader's memory cap and time limit); the result is cached, so selecting the row again does not
    start another child.

    """
    obs = observation_of(doc, row)
    args = (
        doc.name,
        format_of(doc.result.format, doc.name),
        obs.source_location,
        tuple(obs.bbox) if obs.bbox else None,
        obs.indicator_label,
    )
    # the file's digest: the cache keeps no file's bytes
    key = (hashlib.sha256(doc.content).hexdigest(), *args)
    with _SHOWN_LOCK:
        found = _SHOWN.get(key)
    if found is None:
        found = bounded_preview(doc.content, *args, limits=limits)
    with _SHOWN_LOCK:  # Streamlit runs sessions in threads
        _SHOWN[key] = found
        _SHOWN.move_to_end(key)
        while len(_SHOWN) > CACHED:
            _SHOWN.popitem(last=False)
    return found


def bounded_preview(
    content: bytes,
    name: str,
    fmt: type[Format] | None,
    location: str,
    bbox: tuple | None,
    label: str,
    limits: Limits = LIMITS,
) -> SourcePreview:
    """The preview of one location in a file, worked out in the bounded child within the limits
    (MAX_SECONDS); a failure is the caption and why."""
    where = parse_location(location)
    if not showable(fmt, where):
        return SourcePreview(where.caption)
    try:
        return run_bounded(
            partial(_preview_in_child, content, name, fmt, where, bbox, label), name, limits=limits
        )
    except UnreadableFile as refused:
        why = f"The source could not be shown: {refused.problem.sentence}"
        return SourcePreview(where.caption, problem=why)


def showable(fmt: type[Format] | None, where: Location) -> bool:
    """Whether the location has the part the format's preview needs (a page, a sheet, a row)."""
    return fmt is not None and getattr(where, fmt.located_by) is not None


def _preview_in_child(
    content: bytes, name: str, fmt: type[Format], where: Location, bbox, label: str
) -> SourcePreview:
    """Run in the bounded child: the preview, or one sentence when a library fails on a damaged
    file."""
    try:
        if fmt.preview == PAGE_IMAGE:
            return pdf_preview(content, where, bbox)
        if fmt.preview == SHEET_CELLS:
            return workbook_preview(content, where, label)
        return row_preview(content, name, fmt, where)
    except (MemoryError, RecursionError):
        raise
    except Exception:  # an untrusted file may fail in any library
        raise UnreadableFile(problem("source_failed", name)) from None


def observation_of(doc, row) -> Observation:
    """The Observation a review row stands for: by its position when it matches, else by its
    location."""
    if isinstance(row, Observation):
        return row
    location = str(_get(row, "source_location") or "")
    position = getattr(row, "name", None)
    rows = doc.observations
    if (
        isinstance(position, numbers.Integral)
        and 0 <= position < len(rows)
        and rows[int(position)].source_location == location
    ):
        return rows[int(position)]
    return next(
        (o for o in rows if o.source_location == location), Observation(source_location=location)
    )


def pdf_preview(content: bytes, where: Location, bbox) -> SourcePreview:
    """The page, scaled to at most MAX_SIDE pixels, with the cell's box outlined."""
    from PIL import ImageDraw

    image, scale = rendered_page(content, where.page)
    if not bbox:
        return SourcePreview(where.caption, image=image)
    x0, top, x1, bottom = (v * scale for v in bbox)
    pad = OUTLINE_WIDTH // 2 + 1
    ImageDraw.Draw(image).rectangle(
        [x0 - pad, top - pad, x1 + pad, bottom + pad], outline=OUTLINE, width=OUTLINE_WIDTH
    )
    return SourcePreview(where.caption, image=image, detail=around(image, (x0, top, x1, bottom)))


def around(image, box, margin: float = DETAIL_MARGIN):
    """The image cropped to the box and `margin` pixels on every side (kept inside the image)."""
    x0, top, x1, bottom = box
    left, upper = max(0, int(x0 - margin)), max(0, int(top - margin / 2))
    right, lower = min(image.width, int(x1 + margin)), min(image.height, int(bottom + margin / 2))
    return image.crop((left, upper, max(right, left + 1), max(lower, upper + 1)))


def rendered_page(content: bytes, page: int):
    """(RGB image of a 1-based page, pixels per point)."""
    import pypdfium2 as pdfium

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


def workbook_preview(content: bytes, where: Location, label: str = "") -> SourcePreview:
    """The cells around a workbook cell with its row's label and its column's header rows."""
    cells, marked = workbook_cells(content, where, label)
    return SourcePreview(where.caption, cells=cells, marked=marked)


def row_preview(content: bytes, name: str, fmt: type[Format], where: Location) -> SourcePreview:
    """The printed row of a Word table or CSV file under the table's header rows."""
    found = printed_row_cells(content, name, fmt, where)
    if found is None:
        return SourcePreview(where.caption)
    cells, marked = found
    return SourcePreview(where.caption, cells=cells, marked=marked)


def _get(row, key: str):
    try:
        return row[key]
    except (KeyError, TypeError, IndexError):
        return getattr(row, key, None)
