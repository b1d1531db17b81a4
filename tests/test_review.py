"""The Review page's logic: cell boxes, edits, doubts and suggestions, source previews, accepting
once."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, datetime

import pytest
from grids import ruled_pdf

from indicators import load_catalogue
from interpreter.observation import COLUMNS
from pipeline import extract_path
from review import (
    OUTLINE,
    accept,
    authority_of,
    doubtful_labels,
    pending_from_upload,
    report_date_of,
    review_frame,
    source_preview,
    with_authority,
    with_indicator,
    with_report_date,
)
from review.locations import parse_location
from store import Store

MM = 72 / 25.4  # points per millimetre
UNKNOWN = "Widgets counted at the front door"  # no indicator of the catalogue
MISSPELT = "Number of children subjcet to a child protecton plan"  # cpp_children, misspelt
ROWS = [
    ["Indicator", "Nov-16", "Dec-16", "Jan-17"],
    ["Number of referrals", "450", "400", "420"],
    [UNKNOWN, "12", "13", "14"],
    [MISSPELT, "351", "360", "372"],
    ["% of assessments completed within 45 days", "40.1%", "140.0%", "41.9%"],
]
WIDTH0 = 90  # mm, the label column; the others are 18 mm (tests/grids.py)
TITLE = "Rotherham Children's Services Performance Report"


def cell_box(row: int, col: int) -> tuple[float, float, float, float]:
    """Where tests/grids.py draws a cell of the table below one title line, in points."""
    x0 = 10 if col == 0 else 10 + WIDTH0 + 18 * (col - 1)
    x1 = 10 + WIDTH0 if col == 0 else x0 + 18
    top = 12 + 8 + 7 * row
    return x0 * MM, top * MM, x1 * MM, (top + 7) * MM


@pytest.fixture
def pdf_doc(tmp_path):
    path = tmp_path / "report.pdf"
    ruled_pdf(path, [[TITLE, (ROWS, {})]], widths={0: WIDTH0})
    return pending_from_upload(path.name, path.read_bytes(), extract_path(path))


def workbook(
    path, rows=ROWS, months=(datetime(2016, 11, 1), datetime(2016, 12, 1), datetime(2017, 1, 1))
):
    """The same table in a workbook: title in A1, header in row 3 from column B, months as dates."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Summary"
    sheet["A1"] = TITLE
    sheet.cell(3, 2, rows[0][0])
    for c, month in enumerate(months, start=3):
        sheet.cell(3, c, month).number_format = "mmm-yy"
    for r, line in enumerate(rows[1:], start=4):
        sheet.cell(r, 2, line[0])
        for c, text in enumerate(line[1:], start=3):
            sheet.cell(
                r, c, float(text.rstrip("%")) / 100 if text.endswith("%") else int(text)
            ).number_format = "0.0%" if text.endswith("%") else "0"
    book.save(path)
    return path


@pytest.fixture
def xlsx_doc(tmp_path):
    path = workbook(tmp_path / "book.xlsx")
    return pending_from_upload(path.name, path.read_bytes(), extract_path(path))


@pytest.fixture
def store(tmp_path):
    opened = Store(str(tmp_path / "store.duckdb"), reference=False)
    yield opened
    opened.close()


def rows_of(doc, label: str, month: date | None = None):
    return [
        o
        for o in doc.observations
        if o.indicator_label == label and (month is None or o.period_start == month)
    ]


def test_pdf_observations_carry_their_cell_box_within_the_page(pdf_doc):
    (referrals_dec,) = rows_of(pdf_doc, "Number of referrals", date(2016, 12, 1))
    assert referrals_dec.source_location == "p1 t1 r2 c3"
    assert referrals_dec.bbox == pytest.approx(cell_box(1, 2), abs=1.0)
    width, height = 297 * MM, 210 * MM
    for obs in pdf_doc.observations:
        x0, top, x1, bottom = obs.bbox
        assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height


def test_bbox_is_not_written(pdf_doc):
    row = pdf_doc.observations[0].as_row()
    assert "bbox" not in row and "pending" not in row
    assert list(review_frame(pdf_doc).columns[: len(COLUMNS)]) == COLUMNS


def test_workbook_observations_have_no_box_and_name_their_cell(xlsx_doc):
    (referrals_dec,) = rows_of(xlsx_doc, "Number of referrals", date(2016, 12, 1))
    assert referrals_dec.bbox is None and referrals_dec.source_location == "Summary!D4"
    assert parse_location("Summary!D4").caption == "Sheet 'Summary', cell D4"


@pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="the tesseract command is not installed"
)
def test_scanned_cells_are_boxed_in_points_like_text_cells(tmp_path, pdf_doc):
    """The same page as an image-only scan: OCR's cell boxes are in points and lie where the printed
    cells do."""
    import pypdfium2 as pdfium
    from fpdf import FPDF
    from PIL import Image

    from extractors.pdf.ocr.scan import render

    Image.fromarray(render(pdfium.PdfDocument(pdf_doc.content)[0], 200)).save(tmp_path / "page.png")
    scan = FPDF(orientation="L", unit="mm", format="A4")
    scan.add_page()
    scan.image(str(tmp_path / "page.png"), x=0, y=0, w=297, h=210)
    scan.output(str(tmp_path / "scan.pdf"))
    scanned = extract_path(tmp_path / "scan.pdf")
    (referrals_dec,) = [o for o in scanned.observations if o.source_location == "p1 t1 r2 c3"]
    assert referrals_dec.value == 400
    assert referrals_dec.bbox == pytest.approx(cell_box(1, 2), abs=3.0)


def test_page_preview_outlines_the_cell(pdf_doc):
    (obs,) = rows_of(pdf_doc, "Number of referrals", date(2016, 12, 1))
    preview = source_preview(pdf_doc, obs)
    assert preview.caption == "page 1, table 1, row 2, column 3"
    image = preview.image.convert("RGB")
    scale = image.width / (297 * MM)
    assert scale == pytest.approx(1.5, abs=0.01)
    outline = tuple(int(OUTLINE[i : i + 2], 16) for i in (1, 3, 5))
    x0, top, x1, bottom = (v * scale for v in cell_box(1, 2))
    middle_x, middle_y = int((x0 + x1) / 2), int((top + bottom) / 2)
    for x, y in (
        (x0 - 1, middle_y),
        (x1 + 1, middle_y),
        (middle_x, top - 1),
        (middle_x, bottom + 1),
    ):
        assert image.getpixel((int(x), int(y))) == outline
    assert image.getpixel((middle_x, middle_y)) != outline  # the figure itself is not covered
    other_x0 = cell_box(2, 2)[0] * scale  # the cell below is not outlined
    assert (
        image.getpixel(
            (int(other_x0 - 1), int((cell_box(2, 2)[1] + cell_box(2, 2)[3]) / 2 * scale))
        )
        != outline
    )


def test_preview_of_a_review_row_finds_its_observation(pdf_doc):
    frame = review_frame(pdf_doc)
    position = frame.index[frame["source_location"] == "p1 t1 r3 c4"][0]
    preview = source_preview(pdf_doc, frame.loc[position])
    assert preview.caption == "page 1, table 1, row 3, column 4" and preview.image is not None


def test_workbook_preview_names_the_cell_and_shows_its_value(xlsx_doc):
    frame = review_frame(xlsx_doc)
    row = frame[
        (frame["indicator_label"] == "Number of referrals")
        & (frame["period_start"] == "2016-12-01")
    ].iloc[0]
    preview = source_preview(xlsx_doc, row)
    assert preview.caption == "Sheet 'Summary', cell D4" and preview.image is None
    assert preview.marked == (4, "D")
    assert preview.cells.loc[4, "D"] == "400"
    assert preview.cells.loc[4, "B"] == "Number of referrals"
    assert preview.cells.shape == (5, 6)
    (percent,) = rows_of(xlsx_doc, "% of assessments completed within 45 days", date(2016, 11, 1))
    assert source_preview(xlsx_doc, percent).cells.loc[7, "C"] == "40.1%"  # as Excel shows it


def test_csv_preview_shows_the_printed_row(tmp_path):
    path = tmp_path / "report.csv"
    path.write_text(
        f"{TITLE}\n\n" + "\n".join(",".join(f'"{t}"' for t in line) for line in ROWS) + "\n",
        encoding="utf-8",
    )
    doc = pending_from_upload(path.name, path.read_bytes(), extract_path(path))
    (obs,) = rows_of(doc, "Number of referrals", date(2017, 1, 1))
    preview = source_preview(doc, obs)
    assert preview.caption == "row 4, column D (cell D4)"
    assert (
        preview.cells.loc[4, "A"] == "Number of referrals"
        and preview.cells.loc[preview.marked] == "420"
    )


def test_a_damaged_file_gives_a_caption_not_an_exception(pdf_doc, xlsx_doc):
    from dataclasses import replace

    for doc in (pdf_doc, xlsx_doc):
        broken = replace(doc, content=b"not really a file")
        preview = source_preview(broken, broken.observations[0])
        assert preview.image is None and preview.cells is None
        assert preview.caption == parse_location(broken.observations[0].source_location).caption
        assert preview.problem == (
            f"The source could not be shown: {doc.name} may be damaged or not the kind of file "
            "its name says."
        )


def test_doubtful_rows_say_why(pdf_doc):
    frame = review_frame(pdf_doc).set_index(["indicator_label", "period_start"])
    assert not frame.loc[("Number of referrals", "2016-11-01"), "doubtful"]
    assert frame.loc[(UNKNOWN, "2016-11-01"), "why"] == "label not matched to an indicator"
    over = frame.loc[("% of assessments completed within 45 days", "2016-12-01")]
    assert (
        over["doubtful"]
        and "percentage above 100" in over["why"]
        and "low confidence 0.50" in over["why"]
    )
    assert frame["value"].dtype == float and frame["doubtful"].dtype == bool


def test_low_confidence_says_ocr_when_pages_were_scanned(pdf_doc):
    """Whether text came from OCR is the result's page count, not a warning's wording."""
    row = ("% of assessments completed within 45 days", "2016-12-01")
    scanned = replace(pdf_doc, result=replace(pdf_doc.result, ocr_pages=1))
    printed = replace(pdf_doc, result=replace(pdf_doc.result, warnings=["read by OCR"]))
    assert (
        "low OCR confidence 0.50"
        in review_frame(scanned).set_index(["indicator_label", "period_start"]).loc[row, "why"]
    )
    assert (
        "OCR"
        not in review_frame(printed).set_index(["indicator_label", "period_start"]).loc[row, "why"]
    )


def test_doubtful_labels_rank_the_right_indicator_first(pdf_doc):
    found = {d.label: d for d in doubtful_labels(pdf_doc, load_catalogue())}
    assert list(found)[:2] == [UNKNOWN, MISSPELT]  # unmapped ones first, in the order printed
    misspelt = found[MISSPELT]
    assert misspelt.count == 3
    best = misspelt.suggestions[0]
    assert best.indicator_id == "cpp_children" and 0 <= best.score <= 100
    assert best.name == load_catalogue().indicator("cpp_children").name
    assert len(misspelt.suggestions) == 3
    assert [s.score for s in misspelt.suggestions] == sorted(
        (s.score for s in misspelt.suggestions), reverse=True
    )
    # mapped, but a figure failed a check
    assert "% of assessments completed within 45 days" in found


def test_with_indicator_maps_every_row_of_the_label(pdf_doc):
    catalogue = load_catalogue()
    edited = with_indicator(pdf_doc, MISSPELT, "cpp_children", catalogue)
    rows = rows_of(edited, MISSPELT)
    assert len(rows) == 3 and {(o.indicator_id, o.confidence, o.polarity) for o in rows} == {
        ("cpp_children", 1.0, "info")
    }
    assert edited.confirmed == {MISSPELT: "cpp_children"}
    assert all(not o.indicator_id for o in rows_of(pdf_doc, MISSPELT))  # the original is untouched
    assert MISSPELT not in {d.label for d in doubtful_labels(edited, catalogue)}
    with pytest.raises(ValueError, match="not an indicator"):
        with_indicator(pdf_doc, MISSPELT, "no_such_indicator", catalogue)
    assert with_indicator(edited, MISSPELT, "", catalogue).confirmed == {}


def test_with_authority_and_report_date(pdf_doc):
    assert authority_of(pdf_doc) == "Rotherham" and report_date_of(pdf_doc) == date(2017, 1, 31)
    leeds = with_report_date(with_authority(pdf_doc, "Leeds City Council"), date(2017, 2, 28))
    assert {(o.authority, o.la_code, o.old_la_code, o.report_date) for o in leeds.observations} == {
        ("Leeds", "E08000035", "383", date(2017, 2, 28))
    }
    assert authority_of(pdf_doc) == "Rotherham" and report_date_of(leeds) == date(2017, 2, 28)
    with pytest.raises(ValueError, match="not an English local authority"):
        with_authority(pdf_doc, "Narnia")


def test_accept_saves_once_and_learns_the_alias(tmp_path, store, pdf_doc):
    edited = with_indicator(pdf_doc, UNKNOWN, "contacts", load_catalogue())
    outcome = accept(store, edited)
    assert outcome.status == "added" and outcome.observations == len(edited.observations)
    stored = store.observations()
    assert set(stored.loc[stored["indicator_label"] == UNKNOWN, "indicator_id"]) == {"contacts"}
    again = accept(store, edited)
    assert (
        again.status == "duplicate"
        and "already in the store" in again.message
        and "nothing added" in again.message
    )
    assert len(store.observations()) == len(stored) and len(store.documents()) == 1
    later = extract_path(workbook(tmp_path / "later.xlsx"), catalogue=store.catalogue())
    assert {o.indicator_id for o in later.observations if o.indicator_label == UNKNOWN} == {
        "contacts"
    }


def test_with_indicator_changes_only_its_half_of_a_count_and_rate_pair(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text(
        f'{TITLE}\n\nIndicator,Nov-16,Dec-16\nWidget families,"12 (3.4)","13 (3.6)"\n',
        encoding="utf-8",
    )
    doc = pending_from_upload(path.name, path.read_bytes(), extract_path(path))
    edited = with_indicator(doc, "Widget families", "contacts", load_catalogue())
    assert {(o.unit, o.indicator_id) for o in edited.observations} == {
        ("count", "contacts"),
        ("rate_per_10k", ""),
    }


def test_the_detail_is_the_outlined_cell_with_the_page_around_it(pdf_doc):
    from review.source_view import DETAIL_MARGIN

    (obs,) = rows_of(pdf_doc, "Number of referrals", date(2016, 12, 1))
    preview = source_preview(pdf_doc, obs)
    scale = preview.image.width / (297 * MM)
    x0, top, x1, bottom = (v * scale for v in cell_box(1, 2))
    detail = preview.detail.convert("RGB")
    assert detail.width == pytest.approx(x1 - x0 + 2 * DETAIL_MARGIN, abs=2)
    outline = tuple(int(OUTLINE[i : i + 2], 16) for i in (1, 3, 5))
    left = int(x0 - 1 - max(0, int(x0 - DETAIL_MARGIN)))
    assert detail.getpixel((left, detail.height // 2)) == outline
