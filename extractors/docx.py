"""Word documents (.docx): each top-level table becomes a grid; paragraphs become text and table
context."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from lxml.etree import XPath

from extractors.base import TABLE_ROW, Progress, no_progress
from extractors.errors import UnreadableFile
from extractors.grid import Cell, Document, Grid, fold
from extractors.limits import LIMITS, Limits
from extractors.ooxml import OfficeFormat, open_zip
from extractors.problems import problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
P, TBL, TR, TC = W + "p", W + "tbl", W + "tr", W + "tc"
# containers Word may put around blocks, rows or cells
WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}
CONTEXT_LINES = 6  # paragraphs before a table kept as its context
RUN_PIECES = XPath(
    (
        ".//w:r[not(ancestor::w:txbxContent)]/*[self::w:t or self::w:tab or self::w:br or "
        "self::w:cr "
        "or self::w:noBreakHyphen]"
    ),
    namespaces=NS,
)
# nested tables' paragraphs included
PARAGRAPHS = XPath(".//w:p[not(ancestor::w:txbxContent)]", namespaces=NS)
GRID_BEFORE = XPath("w:trPr/w:gridBefore/@w:val", namespaces=NS)
GRID_SPAN = XPath("w:tcPr/w:gridSpan/@w:val", namespaces=NS)


class DocxFormat(OfficeFormat):
    key = "docx"
    title = "Word document"
    extensions = ("docx",)
    unit = "table"  # progress counts tables: a .docx has no fixed pages
    located_by, preview = "row", TABLE_ROW

    kind, old_extension, old_stream, marker = "Word", "doc", "WordDocument", b"word/document.xml"

    @classmethod
    def extract(
        cls, fp: BinaryIO, name: str, progress: Progress = no_progress, limits: Limits = LIMITS
    ) -> Document:
        data = fp.read()
        cls.refuse_ole2(data, name)
        word = _load(data, name, limits)
        body = word.element.body
        if sum(1 for _ in body.iter(TC)) > limits.MAX_CELLS:
            raise UnreadableFile(problem("too_many_cells", name, most=limits.MAX_CELLS))
        doc = Document(name=name, format=cls.key, grids=[], text=_header_footer_text(word))
        tables = _walk(body, doc.text)
        for number, (table, context) in enumerate(tables, start=1):
            doc.grids.append(table_grid(table, number, context))
            doc.units = number
            progress(number, len(tables))
        return doc


def _load(data: bytes, name: str, limits: Limits):
    import docx

    archive = open_zip(data, name, limits)
    if "word/document.xml" not in archive.namelist():
        raise UnreadableFile(problem("not_a_word_document", name))
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many types for broken parts
        raise UnreadableFile(problem("damaged_word_document", name)) from None


def _walk(body, text: list[str]) -> list[tuple[object, list[str]]]:
    """Top-level tables, each with the body paragraphs printed before it; every paragraph appended
    to text."""
    tables, lines = [], []
    for block in _children(body, (P, TBL)):
        if block.tag == TBL:
            tables.append((block, lines[-CONTEXT_LINES:]))
        elif line := paragraph_text(block):
            lines.append(line)
    text.extend(lines)
    return tables


def _children(parent, tags: tuple[str, ...]) -> Iterator:
    """Child elements with one of the tags, looking through content controls and similar
    wrappers."""
    for child in parent.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in WRAPPERS:
            yield from _children(child, tags)


def paragraph_text(p) -> str:
    """A paragraph's visible text, tabs and line breaks as spaces, whitespace folded."""
    pieces = []
    for node in RUN_PIECES(p):
        tag = node.tag[len(W) :]
        pieces.append((node.text or "") if tag == "t" else "-" if tag == "noBreakHyphen" else " ")
    return fold("".join(pieces))


def _header_footer_text(word) -> list[str]:
    """Paragraph text of the first section's own headers and footers."""
    if not word.sections:
        return []
    section = word.sections[0]
    parts = (section.first_page_header, section.header, section.first_page_footer, section.footer)
    texts = []
    for part in parts:
        if not part.is_linked_to_previous:
            texts.extend(t for p in PARAGRAPHS(part.part.element) if (t := paragraph_text(p)))
    return texts


def table_grid(tbl, index: int, context: list[str]) -> Grid:
    """One table as a grid: a cell per merged area at its top-left grid position, empty cells left
    out."""
    placed = _place(tbl)
    cells = []
    for spot in placed:
        text = cell_text(spot["tc"])
        if text:
            cells.append(
                Cell(
                    row=spot["row"],
                    col=spot["col"],
                    text=text,
                    rowspan=spot["rowspan"],
                    colspan=spot["colspan"],
                    fill=cell_fill(spot["tc"]),
                )
            )
    return Grid(cells=cells, index=index, context=context)


def _place(tbl) -> list[dict]:
    """Grid positions of a table's cells, with w:gridSpan as colspan and w:vMerge runs as
    rowspan."""
    placed: list[dict] = []
    above: dict[int, dict] = {}  # grid column -> cell starting there in the previous row
    for row, tr in enumerate(_children(tbl, (TR,))):
        col, here = _int(GRID_BEFORE(tr), 0), {}
        for tc in _children(tr, (TC,)):
            span = max(1, _int(GRID_SPAN(tc), 1))
            spot = above.get(col)
            if _continues_merge(tc) and spot is not None:
                spot["rowspan"] = row - spot["row"] + 1
            else:
                spot = {"row": row, "col": col, "rowspan": 1, "colspan": span, "tc": tc}
                placed.append(spot)
            here[col] = spot
            col += span
        above = here
    return placed


def _int(found: list, default: int) -> int:
    try:
        return int(found[0]) if found else default
    except ValueError:
        return default


def _continues_merge(tc) -> bool:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(W + "val", "continue") == "continue"


def cell_text(tc) -> str:
    """A cell's paragraphs (nested tables' included) joined with spaces."""
    return fold(" ".join(paragraph_text(p) for p in PARAGRAPHS(tc)))


def cell_fill(tc) -> str:
    """The cell's shading as #rrggbb, blank for none or auto."""
    shade = tc.find(f"{W}tcPr/{W}shd")
    colour = (shade.get(W + "fill") or "") if shade is not None else ""
    is_hex = len(colour) == 6 and all(ch in "0123456789abcdefABCDEF" for ch in colour)
    return "#" + colour.lower() if is_hex else ""
