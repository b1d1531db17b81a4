"""The pack as an editable Word document: headings, a summary table with a repeated header row, a
chart with alt text per indicator and a commentary to edit; every number and gap carries a
comment saying where it came from or why it is missing."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from pack.assemble import Pack, Section
from pack.columns import cell_text, month_header, summary_columns
from pack.figure import Figure, figure
from pack.html import TINTS, named_figures
from pack.sources import report_source

AUTHOR, INITIALS = "perfbooks", "pb"


def pack_document(pack: Pack, pngs: dict[str, bytes]) -> bytes:
    doc = Document()
    _landscape(doc)
    doc.core_properties.title = pack.title
    doc.add_heading(pack.title, level=1)
    doc.add_paragraph(
        f"Report month: {pack.month:%B %Y}. Prepared by perfbooks on {pack.made_at} from "
        f"{', '.join(pack.sources) or 'no reports'} and the published figures. Each "
        "number has a comment "
        "saying where it came from; a dash (—) is a missing figure, and its "
        "comment says why."
    )
    if "summary" in pack.template.sections:
        _summary(doc, pack)
    if "indicators" in pack.template.sections:
        for section in pack.sections:
            _section(doc, section, pngs.get(section.row.indicator_id), pack.year)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _landscape(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.2))


def _summary(doc, pack: Pack) -> None:
    doc.add_heading(f"Summary, {pack.month:%B %Y}", level=2)
    columns = summary_columns(pack.rows, pack.year)
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, columns):
        _write(doc, cell, column.header, bold=True)
    repeat_header(table.rows[0])
    for row in pack.rows:
        cells = table.add_row().cells
        for cell, column in zip(cells, columns):
            _write(doc, cell, column.cell(row))
            if column.kind == "rag" and row.rag in TINTS:
                shade(cell, TINTS[row.rag])


def _section(doc, section: Section, png: bytes | None, year: str) -> None:
    doc.add_page_break()
    doc.add_heading(section.title, level=2)
    if png:
        shape = doc.add_picture(BytesIO(png), width=Cm(25))
        shape._inline.docPr.set("descr", section.alt)
        shape._inline.docPr.set("title", f"Chart: {section.title}")
    else:
        doc.add_paragraph(section.alt)
    doc.add_heading("Figures by month", level=3)
    _months(doc, section)
    doc.add_heading("Latest figure against each comparator", level=3)
    for name, value in named_figures(section.row):
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{name}: ")
        _figure_run(doc, paragraph, value)
    doc.add_heading("Commentary (edit before publishing)", level=3)
    doc.add_paragraph(section.commentary)


def _months(doc, section: Section) -> None:
    table = doc.add_table(rows=2, cols=len(section.months) + 1)
    table.style = "Table Grid"
    _write(doc, table.rows[0].cells[0], "Indicator", bold=True)
    _write(doc, table.rows[1].cells[0], section.row.label)
    for i, (month, (_, row)) in enumerate(zip(section.months, section.table.iterrows()), start=1):
        _write(doc, table.rows[0].cells[i], month_header(month), bold=True)
        _write(doc, table.rows[1].cells[i], _month_figure(section, row))
    repeat_header(table.rows[0])


def _month_figure(section: Section, row) -> Figure:
    return figure(
        row["value"],
        section.row.unit,
        report_source(row),
        row["note"] or "the report left it blank",
    )


def _write(doc, cell, value, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if isinstance(value, Figure):
        _figure_run(doc, paragraph, value)
    else:
        run = paragraph.add_run(cell_text(value))
        run.bold = bold
        run.font.size = Pt(7)


def _figure_run(doc, paragraph, value: Figure) -> None:
    run = paragraph.add_run(value.shown)
    run.font.size = Pt(7)
    if value.missing:
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    if value.provenance:
        doc.add_comment(run, text=value.provenance, author=AUTHOR, initials=INITIALS)


def repeat_header(row) -> None:
    """Mark a table row as its header, repeated on every page (screen readers announce it)."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def shade(cell, colour: str) -> None:
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(fill)
