"""docx (python-docx): headings, paragraphs and tables; ruling by borders, zebra by shading, a
landscape section."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from zoo.layout import grid, side
from zoo.model import Break, Cell, Heading, Para, Report, Side, Table


def write(report: Report, path: Path) -> None:
    d = Document()
    orient(d.sections[0], report.landscape)
    for b in report.blocks:
        if isinstance(b, Heading):
            d.add_heading(b.text, level=1 if b is report.blocks[0] else 2)
        elif isinstance(b, Para):
            d.add_paragraph(b.text)
        elif isinstance(b, Table):
            if b.title:
                d.add_paragraph(b.title).runs[0].bold = True
            put_table(d, grid(b, False), b)
            if b.note:
                d.add_paragraph(b.note)
        elif isinstance(b, Side):
            rows = side(grid(b.left, False), grid(b.right, False))
            put_table(d, rows, b.left, header_rows=max(b.left.header_rows, b.right.header_rows))
        elif isinstance(b, Break):
            from docx.enum.section import WD_SECTION

            orient(d.add_section(WD_SECTION.NEW_PAGE), b.rotated or report.landscape)
    d.save(path)


def orient(section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    w, h = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.page_width, section.page_height = w, h
    section.left_margin = section.right_margin = Mm(12)


def put_table(d, rows: list[list[Cell | None]], t: Table, header_rows: int | None = None) -> None:
    header_rows = t.header_rows if header_rows is None else header_rows
    width = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=width)
    borders(table, t.ruling)
    for i, row in enumerate(rows):
        cells = table.rows[i].cells  # fetched once: table.cell() walks the whole table each time
        for j, cell in enumerate(row):
            if cell is None:
                continue
            target = cells[j]
            if cell.span > 1 or cell.rowspan > 1:
                corner = (
                    table.cell(i + cell.rowspan - 1, j + cell.span - 1)
                    if cell.rowspan > 1
                    else cells[j + cell.span - 1]
                )
                target = target.merge(corner)
            para = target.paragraphs[0]
            run = para.add_run(cell.text)
            run.bold = cell.bold
            run.font.size = Pt(8)
            band = t.ruling == "zebra" and i >= header_rows and (i - header_rows) % 2 == 1
            if cell.fill or band:
                shade(target, cell.fill or "EEEEEE")
        if i < header_rows and t.repeat_header:
            flag = OxmlElement("w:tblHeader")
            table.rows[i]._tr.get_or_add_trPr().append(flag)


def borders(table, ruling: str) -> None:
    tbl_pr = table._tbl.tblPr
    el = OxmlElement("w:tblBorders")
    edges = {
        "all": ("top", "left", "bottom", "right", "insideH", "insideV"),
        "horizontal": ("top", "bottom", "insideH"),
    }
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        on = edge in edges.get(ruling, ())
        e.set(qn("w:val"), "single" if on else "nil")
        if on:
            e.set(qn("w:sz"), "4")
            e.set(qn("w:color"), "808080")
        el.append(e)
    tbl_pr.append(el)


def shade(cell, color: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shd)
