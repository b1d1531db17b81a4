"""Word document quirks, each on a small document the test writes itself."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from extractors.docx import DocxFormat
from extractors.errors import UnreadableFile

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(document, tmp_path, name: str = "report.docx", progress=None):
    path = tmp_path / name
    document.save(path)
    data = path.read_bytes()
    assert DocxFormat.detect(data[:4096], name)
    if progress is None:
        return DocxFormat.extract(io.BytesIO(data), name)
    return DocxFormat.extract(io.BytesIO(data), name, progress)


def spans(grid) -> dict:
    return {(c.row, c.col): (c.rowspan, c.colspan, c.text) for c in grid.cells}


def fill_table(table, rows) -> None:
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def test_horizontal_and_vertical_merges(tmp_path):
    """w:gridSpan and w:vMerge runs: one cell at the top-left with spans, covered grid positions not
    emitted."""
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    fill_table(
        table,
        [
            ["Indicator", "2021", "", "Target"],
            ["", "Apr", "May", ""],
            ["Re-referrals", "27%", "28%", "23"],
            ["Visits", "82%", "84%", "100"],
        ],
    )
    table.cell(0, 1).merge(table.cell(0, 2))  # horizontal: "2021" over Apr and May
    table.cell(0, 0).merge(table.cell(1, 0))  # vertical: "Indicator" over two header rows
    table.cell(0, 3).merge(table.cell(1, 3))
    grid = read(document, tmp_path).grids[0]
    assert spans(grid) == {
        (0, 0): (2, 1, "Indicator"),
        (0, 1): (1, 2, "2021"),
        (0, 3): (2, 1, "Target"),
        (1, 1): (1, 1, "Apr"),
        (1, 2): (1, 1, "May"),
        (2, 0): (1, 1, "Re-referrals"),
        (2, 1): (1, 1, "27%"),
        (2, 2): (1, 1, "28%"),
        (2, 3): (1, 1, "23"),
        (3, 0): (1, 1, "Visits"),
        (3, 1): (1, 1, "82%"),
        (3, 2): (1, 1, "84%"),
        (3, 3): (1, 1, "100"),
    }
    assert (grid.n_rows, grid.n_cols, grid.page, grid.sheet, grid.index) == (4, 4, None, None, 1)


def test_grid_before_shifts_columns(tmp_path):
    """w:gridBefore (a row starting after skipped grid columns): cells keep their grid column."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    fill_table(table, [["Label", "Apr", "May"], ["x", "417", "319"]])
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])
    row.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    grid = read(document, tmp_path).grids[0]
    assert spans(grid)[(1, 1)] == (1, 1, "417") and spans(grid)[(1, 2)] == (1, 1, "319")
    assert (1, 0) not in spans(grid)


def test_context_paragraphs_before_table(tmp_path):
    """Context: the last six non-empty paragraphs before each table, headings included, nearest
    last."""
    document = docx.Document()
    document.add_heading("Effective Assessment and Intervention", level=1)
    for n in range(1, 7):
        document.add_paragraph(f"Paragraph {n}")
    document.add_paragraph("")
    document.add_heading("What the data tells us", level=2)
    fill_table(document.add_table(rows=1, cols=2), [["Indicator", "Apr-21"]])
    document.add_paragraph("Between the tables")
    fill_table(document.add_table(rows=1, cols=2), [["Indicator", "May-21"]])
    doc = read(document, tmp_path)
    assert doc.grids[0].context == [
        "Paragraph 2",
        "Paragraph 3",
        "Paragraph 4",
        "Paragraph 5",
        "Paragraph 6",
        "What the data tells us",
    ]
    assert doc.grids[1].context[-2:] == ["What the data tells us", "Between the tables"]
    assert [g.index for g in doc.grids] == [1, 2]
    assert (
        doc.text[0] == "Effective Assessment and Intervention"
        and doc.text[-1] == "Between the tables"
    )


def test_cell_paragraphs_joined_and_folded(tmp_path):
    """A cell of several paragraphs, tabs and line breaks reads as one line of text."""
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "Percentage of   children"
    cell.add_paragraph("seen\tin the last").add_run().add_break()
    cell.paragraphs[-1].add_run("15 working days")
    assert (
        read(document, tmp_path).grids[0].cells[0].text
        == "Percentage of children seen in the last 15 working days"
    )


def test_nested_table_text_enters_outer_cell(tmp_path):
    """Nested table: not a grid of its own; its text is part of the outer cell's text."""
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Outer"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    fill_table(inner, [["inner a", "inner b"]])
    doc = read(document, tmp_path)
    assert len(doc.grids) == 1
    assert spans(doc.grids[0]) == {(0, 0): (1, 1, "Outer"), (0, 1): (1, 1, "inner a inner b")}


def test_cell_shading_fill(tmp_path):
    """w:shd fill gives the cell colour as #rrggbb; fill="auto" gives blank."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    fill_table(table, [["Indicator", "Apr-21"]])
    table.cell(0, 0)._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="00617F"/>')
    )
    table.cell(0, 1)._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="auto"/>')
    )
    cells = read(document, tmp_path).grids[0].cells
    assert [(c.text, c.fill) for c in cells] == [("Indicator", "#00617f"), ("Apr-21", "")]


def test_table_inside_content_control(tmp_path):
    """A table wrapped in a content control (w:sdt) is still a top-level table."""
    document = docx.Document()
    document.add_paragraph("Before")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Inside control"
    tbl = table._tbl
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    tbl.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(tbl)
    doc = read(document, tmp_path)
    assert [c.text for c in doc.grids[0].cells] == ["Inside control"]
    assert doc.grids[0].context == ["Before"]


def test_header_and_footer_text_first(tmp_path):
    """Document text starts with the first section's header and footer, then body paragraphs in
    order."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Southampton City Council"
    document.sections[0].footer.paragraphs[0].text = "Improvement Report November 2021"
    document.add_heading("Improvement Report", level=0)
    document.add_paragraph("Practice and Performance Summary")
    fill_table(document.add_table(rows=1, cols=1), [["a"]])
    progress = []
    doc = read(document, tmp_path, progress=lambda d, n: progress.append((d, n)))
    assert doc.text == [
        "Southampton City Council",
        "Improvement Report November 2021",
        "Improvement Report",
        "Practice and Performance Summary",
    ]
    assert doc.units == 1 and progress == [(1, 1)]


def test_old_doc_file_message():
    """An old Word .doc (OLE2) file is detected and refused with a save-as-.docx sentence."""
    data = OLE2 + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 1000
    for name in ("old.doc", "renamed.docx"):
        assert DocxFormat.detect(data[:4096], name)
        with pytest.raises(
            UnreadableFile,
            match=r"is an old Word \.doc file; save it as \.docx and upload it again",
        ):
            DocxFormat.extract(io.BytesIO(data), name)


def test_password_protected_docx_message():
    """An encrypted .docx is an OLE2 file holding EncryptionInfo: refused with a password
    sentence."""
    data = OLE2 + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 1000
    with pytest.raises(UnreadableFile, match="password-protected; remove the password in Word"):
        DocxFormat.extract(io.BytesIO(data), "locked.docx")


def test_truncated_docx_unreadable(tmp_path):
    """A truncated .docx upload is refused as damaged or incomplete."""
    document = docx.Document()
    document.add_paragraph("x" * 1000)
    path = tmp_path / "cut.docx"
    document.save(path)
    data = path.read_bytes()
    with pytest.raises(UnreadableFile, match="damaged or incomplete"):
        DocxFormat.extract(io.BytesIO(data[: len(data) // 2]), "cut.docx")


def test_workbook_renamed_docx_unreadable():
    """A zip that is not a Word document (no word/document.xml) is refused as not a Word
    document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnreadableFile, match="is not a Word document"):
        DocxFormat.extract(io.BytesIO(out.getvalue()), "book.docx")


def test_zip_bomb_docx_refused():
    """Zip bomb named .docx: the shared zip check refuses it before python-docx unpacks anything."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (50 * 1024 * 1024))
    with pytest.raises(UnreadableFile, match="zip bomb"):
        DocxFormat.extract(io.BytesIO(out.getvalue()), "bomb.docx")
