"""Scanned reports: OCR repairs, number checks, and grids rebuilt from generated scans with known
numbers."""

import shutil

import numpy as np
import pytest

from extractors.errors import UnreadableFile
from extractors.pdf.ocr.repair import Style, line_style, repair
from extractors.pdf.ocr.scan import tesseract_missing, tsv_words
from interpreter.checks import check_numbers
from interpreter.observation import Observation
from tests.grids import ruled_pdf

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason=(
        "the tesseract command is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)"
    ),
)

ROWS = [
    ["Indicator", "Apr-18", "May-18", "Jun-18"],
    ["Contacts received", "1357", "1491", "1259"],
    ["Referrals", "307", "299", "246"],
    ["Re-referrals %", "22.6%", "20.1%", "19.5%"],
]


@pytest.mark.parametrize(
    "text, peers, expected, factor",
    [
        # letter O in a line of whole numbers is a zero
        ("1O7", ["307", "299", "246"], "107", 1.0),
        ("l49", ["307", "299", "246"], "149", 1.0),  # l is a one
        ("2S6", ["307", "299", "246"], "256", 1.0),  # S is a five
        ("$18", ["582", "597", "249"], "518", 1.0),  # and so is a dollar sign
        ("47 4%", ["61.0%", "63.0%", "68.3%", "52.1%"], "47.4%", 1.0),  # a point read as a space
        ("6.913", ["1,234", "5,678", "997"], "6,913", 1.0),  # a thousands comma read as a point
        ("7,1%", ["1.5%", "22.6%", "19.5%"], "7.1%", 1.0),  # a decimal point read as a comma
        # a dropped decimal point: likely, so less sure
        ("71%", ["1.5%", "22.6%", "19.5%"], "7.1%", 0.6),
        ("1433.", ["1357", "1491", "1259"], "1433", 1.0),  # dust after a number
        ("lOO", ["Local", "n/a", "TBC"], "lOO", 1.0),  # no numeric line, no repair
        ("Sold", ["307", "299", "246"], "Sold", 1.0),  # a word stays a word
    ],
)
def test_digit_repair_only_where_the_line_is_numeric(text, peers, expected, factor):
    """Look-alike letters and separators are repaired only when the cell's row or column is all
    numbers."""
    styles = [s for s in [line_style(peers)] if s]
    assert repair(text, styles) == (expected, factor)


def test_scorecard_row_label_and_polarity_are_no_figures():
    """A row's label and polarity (`Info`) do not stop its figures agreeing on a style for sure
    repairs (`$18` among 582 597 is 518); a guess (a point put back in `55%`, a whole target among
    d.d% figures) still needs a line of numbers only."""
    from extractors.grid import Cell, Grid
    from extractors.pdf.ocr.boxes import repaired

    rows = [
        ["Children subject to a CP plan", "Info", "582", "597", "249", "$18", "433"],
        ["Care leavers in EET", "High", "47.8%", "52.7%", "51.0%", "49.9%", "55%"],
    ]
    grid = Grid(
        cells=[Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row)]
    )
    fixed = {(c.row, c.col): c.text for c in repaired(grid).cells}
    assert fixed[0, 5] == "518" and fixed[1, 6] == "55%"
    assert line_style(rows[0][1:], figures_only=True) == Style(0, False)
    assert line_style(rows[0][1:]) is None


def test_line_style_needs_agreeing_numbers():
    """A line of mixed styles or too few numbers gives no style to repair against."""
    assert line_style(["1.5%", "2.5%", "3.5%"]) == Style(1, True)
    assert line_style(["1", "2.5%"]) is None
    assert line_style(["Local", "Local", "12", "13"]) is None


@pytest.mark.parametrize(
    "unit, value, numerator, denominator, doubtful",
    [
        ("percent", 71.0, None, None, False),
        ("percent", 710.0, None, None, True),  # a percentage above 100
        ("rate_per_10k", 62.0, 307, 49_500, False),  # 307 / 49,500 x 10,000 = 62.0
        ("rate_per_10k", 26.0, 307, 49_500, True),  # disagrees with its own counts
        ("percent", 41.9, 206, 492, False),
        ("percent", 49.1, 206, 492, True),  # digits swapped
        ("count", 5000.0, None, None, False),
    ],
)
def test_numbers_failing_a_check_lose_confidence(unit, value, numerator, denominator, doubtful):
    """A number that fails a check keeps its value, with lower confidence and the check named in
    flags."""
    obs = Observation(
        unit=unit, value=value, numerator=numerator, denominator=denominator, confidence=0.9
    )
    check_numbers([obs])
    assert obs.value == value
    assert (obs.confidence < 0.9) == doubtful
    assert bool(obs.flags) == doubtful


def test_tesseract_tsv_gives_words_with_boxes_and_confidence():
    """Only word rows with text are kept, with their box and confidence."""
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t10\t20\t100\t30\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t40\t30\t91.5\t1357\n"
        "5\t1\t1\t1\t1\t2\t60\t20\t40\t30\t95\t \n"
    )
    assert tsv_words(tsv) == [
        {"text": "1357", "x0": 10, "x1": 50, "top": 20, "bottom": 50, "conf": 91.5}
    ]


def test_missing_tesseract_says_what_to_install(monkeypatch, tmp_path):
    """Without tesseract a scan is refused with the apt-get line; nothing is half-read."""
    from extractors.pdf import PdfFormat

    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert "apt-get install tesseract-ocr tesseract-ocr-eng" in tesseract_missing("scan.pdf")
    path = _scan_pdf(tmp_path, _page_image(tmp_path, ROWS))
    with (
        open(path, "rb") as fp,
        pytest.raises(UnreadableFile, match="apt-get install tesseract-ocr"),
    ):
        PdfFormat.extract(fp, "scan.pdf")


def _page_image(tmp_path, rows, skew=0.7, smudge=None, seed=1):
    """A ruled table rendered at 200 dpi, turned by `skew` degrees, blurred, with noise and dust,
    and a dark blob over the cell at `smudge` (row, col) when given."""
    import cv2
    import pypdfium2 as pdfium

    ruled_pdf(
        tmp_path / "table.pdf", [[("Monthly figures"), (rows, {})]], widths={0: 45}, font_size=9
    )
    page = pdfium.PdfDocument(str(tmp_path / "table.pdf"))[0]
    from extractors.pdf.ocr.scan import render

    image = render(page, 200).astype(np.float32)
    h, w = image.shape
    image = cv2.warpAffine(
        image, cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1), (w, h), borderValue=255
    )
    image = cv2.GaussianBlur(image, (3, 3), 0.8)
    rng = np.random.default_rng(seed)
    image += rng.normal(0, 12, image.shape)
    image[rng.random(image.shape) < 0.0005] = 40  # dust
    if smudge:
        row, col = smudge
        x = int((10 + 45 + 18 * (col - 1) + 9) / 25.4 * 200)
        y = int((12 + 8 + 7 * row + 3.5) / 25.4 * 200)
        cv2.circle(image, (x + 8, y), 22, 70, -1)
    return np.clip(image, 0, 255).astype(np.uint8)


def _scan_pdf(tmp_path, image):
    """An image-only PDF of one A4 landscape page, like a scanner makes."""
    from fpdf import FPDF
    from PIL import Image

    Image.fromarray(image).save(tmp_path / "page.png")
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.add_page()
    pdf.image(str(tmp_path / "page.png"), x=0, y=0, w=297, h=210)
    pdf.output(str(tmp_path / "scan.pdf"))
    return tmp_path / "scan.pdf"


def _texts(grid):
    from interpreter.table_layout import cell_matrix

    return [[c.text if c else "" for c in row] for row in cell_matrix(grid)]


@needs_tesseract
def test_skewed_noisy_scan_rebuilds_the_ruled_grid(tmp_path):
    """A ruled table scanned 0.7 degrees askew with blur, noise and dust comes back cell for
    cell."""
    from extractors.pdf.ocr.boxes import read_page

    grids, _ = read_page(_page_image(tmp_path, ROWS), 200, 1)
    assert len(grids) == 1
    assert _texts(grids[0]) == ROWS
    assert all(c.confidence < 1 for c in grids[0].cells if c.text)


@needs_tesseract
def test_dashed_rulings_still_part_the_cells(tmp_path):
    """Rulings printed or scanned as dashes (gaps of 0.035 inch) still separate the cells they run
    between."""
    from extractors.pdf.ocr.boxes import read_page

    image = _page_image(tmp_path, ROWS, skew=0)
    dark = (image < 128).sum(axis=0)
    rulings = np.flatnonzero(dark > 0.8 * dark.max())
    for top in range(0, image.shape[0], 16):
        image[top : top + 7, rulings] = 255
    grids, _ = read_page(image, 200, 1)
    assert len(grids) == 1
    assert _texts(grids[0]) == ROWS


@needs_tesseract
def test_smudge_over_one_cell_does_not_shift_the_row(tmp_path):
    """A dark blob over one value loses that value only; the rest of its row stays in its
    columns."""
    from extractors.pdf.ocr.boxes import read_page

    grids, _ = read_page(_page_image(tmp_path, ROWS, skew=-0.5, smudge=(2, 2)), 200, 1)
    texts = _texts(grids[0])
    assert len(texts) == len(ROWS) and all(len(row) == 4 for row in texts)
    assert texts[2][0] == "Referrals" and texts[2][1] == "307" and texts[2][3] == "246"
    assert texts[1] == ROWS[1] and texts[3] == ROWS[3]


@needs_tesseract
def test_scanned_pdf_reads_into_observations_with_ocr_confidence(tmp_path):
    """An image-only PDF goes through the one interpreter: months, labels and values, confidence
    below 1."""
    from extractors.pdf import PdfFormat
    from interpreter.document import interpret

    path = _scan_pdf(tmp_path, _page_image(tmp_path, ROWS))
    pages = []
    with open(path, "rb") as fp:
        doc = PdfFormat.extract(
            fp, "scan.pdf", lambda done, total, doing="": pages.append((done, total, doing))
        )
    assert pages == [(0, 1, "reading scanned text"), (1, 1, "")]
    assert doc.ocr_pages == 1
    found = {
        (o.indicator_label, o.period_end.isoformat(), o.value)
        for o in interpret(doc, "Southampton")
    }
    assert ("Contacts received", "2018-04-30", 1357) in found
    assert ("Re-referrals %", "2018-06-30", 19.5) in found
    assert len(found) == 9


@needs_tesseract
def test_scanned_pages_read_ahead_stay_in_page_order(tmp_path):
    """Each page is prepared while tesseract reads the one before; grids and progress still come in
    page order."""
    from fpdf import FPDF
    from PIL import Image

    from extractors.pdf import PdfFormat

    Image.fromarray(_page_image(tmp_path, ROWS)).save(tmp_path / "page.png")
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    for _ in range(3):
        pdf.add_page()
        pdf.image(str(tmp_path / "page.png"), x=0, y=0, w=297, h=210)
    pdf.output(str(tmp_path / "three.pdf"))
    pages, reading = [], []
    with open(tmp_path / "three.pdf", "rb") as fp:
        doc = PdfFormat.extract(
            fp,
            "three.pdf",
            lambda done, total, doing="": (reading if doing else pages).append((done, total)),
        )
    assert pages == [(1, 3), (2, 3), (3, 3)]
    # "page 1 of 3, reading scanned text", then pages 2 and 3
    assert reading == [(0, 3), (1, 3), (2, 3)]
    assert [g.page for g in doc.grids] == [1, 2, 3]
    assert all(_texts(g) == ROWS for g in doc.grids)


def test_cell_ink_box_ignores_dust():
    """A cell's ink is boxed; a cell with only a speck of dust counts as empty."""
    from extractors.pdf.ocr.cells import ink_box

    crop = np.full((60, 100), 255, np.uint8)
    assert ink_box(crop, 300) is None
    crop[30:32, 50:52] = 0  # dust
    assert ink_box(crop, 300) is None
    crop[10:40, 20:70] = 0
    assert ink_box(crop, 300) == (20, 10, 70, 40)


def test_cells_stack_by_width_within_the_height_limit():
    """Crops are stacked top to bottom with paper between, each placed once and found again by its
    index, wide crops apart from narrow ones, none taller than tesseract takes."""
    from extractors.pdf.ocr.cells import TALLEST, stacks

    crops = [np.full((50 + i, 30 + 400 * (i % 2)), i, np.uint8) for i in range(6)]
    images = stacks(crops, 2, 300)
    assert 2 <= len(images) <= 3
    placed = sorted((i, image, top, bottom) for image, spans in images for i, top, bottom in spans)
    assert [i for i, *_ in placed] == list(range(6))
    for i, image, top, bottom in placed:
        assert bottom - top == 50 + i and (image[top:bottom] == i).any()
    assert sorted(image.shape[1] for image, _ in images)[0] < 100  # narrow crops are not widened
    many = stacks([np.zeros((5000, 10), np.uint8)] * 12, 1, 300)
    assert len(many) > 1 and all(image.shape[0] <= TALLEST for image, _ in many)


@pytest.mark.parametrize("turn", [False, True])
def test_compact_mask_keeps_every_component_and_its_box(turn):
    """Components found on a mask's non-empty lines only are the mask's own, boxes in its pixels:
    runs on neighbouring lines stay joined, runs with paper between stay apart."""
    import cv2

    from extractors.pdf.ocr.rulings import _Compact

    mask = np.zeros((400, 300), np.uint8)
    mask[50, 10:200] = mask[51, 150:290] = 255  # one run over two neighbouring rows
    mask[53, 10:100] = 255  # apart from it by one empty row
    mask[300:303, 20:280] = 255
    mask = np.ascontiguousarray(mask.T) if turn else mask
    compact = _Compact(mask)
    assert compact.full(compact.of(mask)).tolist() == mask.tolist()
    count, _, stats = compact.stats(mask)
    direct = cv2.connectedComponentsWithStats(mask)
    assert count == direct[0] == 4
    assert sorted(map(tuple, stats[1:].tolist())) == sorted(map(tuple, direct[2][1:].tolist()))


def test_gap_in_rulings_does_not_join_ruled_neighbours():
    """An L-shaped group of slots splits into runs along rows, cut wherever a ruling separates two
    slots."""
    from extractors.pdf.ocr.slots import rectangles

    slots = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0)]
    # the top row has no rulings inside; the next row is ruled cell by cell
    joined = {(0, 0), (0, 1)}
    assert rectangles(slots, joined) == [
        [(0, 0), (0, 1), (0, 2)],
        [(1, 0)],
        [(1, 1)],
        [(1, 2)],
        [(2, 0)],
    ]
    square = [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert rectangles(square, set()) == [square]


def test_ocr_word_boxes_read_as_a_text_layer_would():
    """OCR's ink-tight boxes gain the glyphs' side bearings and one top and bottom per line, dust
    read as a lone mark is dropped, and stray marks after a figure (`82.9%:`) are cut off with
    their share of the box."""
    from extractors.pdf.ocr.boxes import glyph_boxes

    line = [
        {"text": "Luton", "x0": 43, "x1": 63, "top": 273, "bottom": 279, "conf": 97},
        {"text": "82.9%:", "x0": 211, "x1": 235, "top": 273, "bottom": 279, "conf": 46},
        {"text": ".", "x0": 300, "x1": 301, "top": 278, "bottom": 279, "conf": 82},
        {"text": "80.1%", "x0": 240, "x1": 261, "top": 272, "bottom": 282, "conf": 95},
    ]
    words = glyph_boxes([line])[0]
    assert [w["text"] for w in words] == ["Luton", "82.9%", "80.1%"]
    assert words[0]["x0"] < 43 and words[0]["x1"] > 63
    assert words[1]["x1"] < 235 - 3  # the colon's share of the box is gone
    assert len({(w["top"], w["bottom"]) for w in words}) == 1


def test_dropped_decimal_point_in_an_unruled_scan_is_restored_less_surely():
    """A figure whose decimal point OCR lost (`63%` in a row of `5.3%`) is repaired in grids rebuilt
    from word positions as in ruled ones, at lower confidence; a row of whole numbers is left
    alone, and so is a figure printed as others of its column are (targets `13%` and `90%` beside
    monthly `d.d%`)."""
    from extractors.grid import Cell, Grid
    from extractors.pdf.ocr.boxes import repaired

    rows = [
        ["CP plans lasting 2 years", "5.3%", "63%", "5.6%", "5.9%", "5.0%", "13%"],
        ["UASC", "11", "11", "12", "11", "9", ""],
        ["PEPs up to date", "82.5%", "83.0%", "85.8%", "88.2%", "84.6%", "90%"],
    ]
    grid = Grid(
        cells=[Cell(row=r, col=c, text=t) for r, row in enumerate(rows) for c, t in enumerate(row)]
    )
    fixed = {(c.row, c.col): c for c in repaired(grid).cells}
    assert fixed[0, 2].text == "6.3%" and fixed[0, 2].confidence < 1
    assert [fixed[1, c].text for c in range(1, 6)] == rows[1][1:6]
    # a column of whole-number targets
    assert fixed[0, 6].text == "13%" and fixed[2, 6].text == "90%"


def _unruled_scan(tmp_path, rows, seed=3):
    """A whitespace table with tight columns and a rule under its header, rendered at 200 dpi,
    turned 0.6 degrees, blurred and noised: the scanned benchmarking table."""
    import cv2
    import pypdfium2 as pdfium
    from fpdf import FPDF

    from extractors.pdf.ocr.scan import render

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    label = max(pdf.get_string_width(r[0]) for r in rows) + 5  # labels end close before the figures
    figure = max(pdf.get_string_width(t) for r in rows for t in r[1:]) + 7
    for k, row in enumerate(rows):
        y = 100 + 14 * k
        pdf.text(40, y, row[0])
        for c, text in enumerate(row[1:]):
            pdf.text(40 + label + figure * (c + 1) - pdf.get_string_width(text), y, text)
        if k == 0:
            pdf.line(40, y + 3, 40 + label + figure * (len(row) - 1), y + 3)
    pdf.output(str(tmp_path / "unruled.pdf"))
    image = render(pdfium.PdfDocument(str(tmp_path / "unruled.pdf"))[0], 200).astype(np.float32)
    h, w = image.shape
    image = cv2.warpAffine(
        image, cv2.getRotationMatrix2D((w / 2, h / 2), 0.6, 1), (w, h), borderValue=255
    )
    image = cv2.GaussianBlur(image, (3, 3), 0.8) + np.random.default_rng(seed).normal(
        0, 10, image.shape
    )
    return np.clip(image, 0, 255).astype(np.uint8)


@needs_tesseract
def test_unruled_scan_with_tight_columns_keeps_labels_and_figures_apart(tmp_path):
    """A scanned table without rulings whose labels end close before the first figures and whose
    figures are two spaces apart, with a rule under its header, comes back one cell per label and
    per figure."""
    from extractors.pdf.ocr.boxes import read_page

    rows = [
        ["Comparator", "14/15", "15/16", "16/17", "17/18"],
        ["Barking and Dagenham", "95.8%", "94.2%", "92.6%", "91.8%"],
        ["Statistical neighbour average", "87.7%", "88.0%", "88.1%", "87.8%"],
        ["Enfield", "22.8%", "9.9%", "17.9%", "10.4%"],
        ["England", "87.6%", "91.2%", "90.5%", "88.7%"],
    ]
    grids, _ = read_page(_unruled_scan(tmp_path, rows), 200, 1)
    assert len(grids) == 1
    assert _texts(grids[0]) == rows


@pytest.mark.parametrize(
    "text, kept, narrowed",
    [
        ("82.9%:", "82.9%", True),  # a colon of dust after a figure goes with its share of the box
        ("\u201c12.4", "12.4", True),  # a quote of dust before one
        # a comma after a figure leaves the text only (prose prints `June 2016,`)
        ("41.4%,", "41.4%", False),
        ("1.", "1.", False),  # the point numbering a title is printed
        ("Commentary:", "Commentary:", False),  # a colon after a word is printed
        (".", "", False),  # a lone dot is dust
    ],
)
def test_dust_marks_at_a_figure_are_cut(text, kept, narrowed):
    """Marks OCR reads from dust beside a figure are dropped; printed punctuation and prose spacing
    stay."""
    from extractors.pdf.ocr.boxes import _trimmed

    word = _trimmed({"text": text, "x0": 0, "x1": 60, "top": 0, "bottom": 6, "conf": 50})
    assert word["text"] == kept
    assert (word["x1"] - word["x0"] < 60) == narrowed


def _scanned(tmp_path, pdf, skew=0.6, seed=3):
    """The first page of an fpdf document rendered at 200 dpi, turned `skew` degrees, blurred and
    noised, as a scanner gives it."""
    import cv2
    import pypdfium2 as pdfium

    from extractors.pdf.ocr.scan import render

    pdf.output(str(tmp_path / "page.pdf"))
    image = render(pdfium.PdfDocument(str(tmp_path / "page.pdf"))[0], 200).astype(np.float32)
    h, w = image.shape
    image = cv2.warpAffine(
        image, cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1), (w, h), borderValue=255
    )
    image = cv2.GaussianBlur(image, (3, 3), 0.8) + np.random.default_rng(seed).normal(
        0, 10, image.shape
    )
    return np.clip(image, 0, 255).astype(np.uint8)


FIGURES = [
    ["Value", "657.0", "636.5", "628.3", "631.9", "640.2", "622.7"],
    ["Target", "650", "640", "630", "630", "630", "630"],
]


def _exception_table(tmp_path, label_gap=2):
    """An exception report's small table ruled by horizontal rules only: two years, then a year
    over its quarters, with the rule under that year running from just after `15/16` (`label_gap`
    points) to the last quarter."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=9)
    x, top = 40, 100
    years = [(x + 80, "14/15"), (x + 115, "15/16")]
    quarters = [x + 160 + 36 * k for k in range(4)]
    for left, text in years:
        pdf.text(left, top + 17, text)
    end = quarters[-1] + pdf.get_string_width("Q4")
    pdf.text((quarters[0] + end - pdf.get_string_width("16/17")) / 2, top + 11, "16/17")
    pdf.line(years[1][0] + pdf.get_string_width("15/16") + label_gap, top + 14, end, top + 14)
    for k, left in enumerate(quarters):
        pdf.text(left, top + 24, f"Q{k + 1}")
    pdf.set_font("Helvetica", size=9)
    for k, row in enumerate(FIGURES):
        y = top + 42 + 14 * k
        pdf.text(x + 2, y, row[0])
        for left, text in zip([left for left, _ in years] + quarters, row[1:]):
            pdf.text(left, y, text)
    for y in (top, top + 30, top + 60):
        pdf.line(x, y, end + 4, y)
    return _scanned(tmp_path, pdf)


@needs_tesseract
def test_rule_ending_at_a_heading_leaves_its_letters_and_spans_its_group(tmp_path):
    """A rule that starts just after a heading (`15/16 ——`, no ruling crosses it) is erased
    without the strokes of the letters it touches, and is the one the group heading above it
    (`16/17`) spans, as a text layer's drawn rule is: the year heads its four quarters only."""
    from extractors.pdf.ocr.boxes import read_page

    grids, _ = read_page(_exception_table(tmp_path), 200, 1)
    assert len(grids) == 1
    texts = _texts(grids[0])
    assert texts[0][1:3] == ["14/15", "15/16"]
    assert texts[0][3:] == ["16/17"] * 4
    assert texts[1][3:] == ["Q1", "Q2", "Q3", "Q4"]
    assert texts[2:] == FIGURES


@pytest.mark.parametrize(
    "text, read",
    [
        ("Qi", "Q1"),  # the 1 of a bold `Q1` read as an i
        ("Ql 2016/17", "Q1 2016/17"),
        ("Q1l", "Q1"),  # and read twice
        ("Qtri", "Qtr1"),
        ("Qtr l", "Qtr 1"),
        ("Quarter", "Quarter"),
        ("Q1", "Q1"),
        ("Q2", "Q2"),
        ("Qin", "Qin"),  # a word stays a word
        ("FAQi", "FAQi"),
    ],
)
def test_first_quarter_heading_misread_by_ocr(text, read):
    """OCR reads the 1 of a bold `Q1` heading as an i or l; the heading is read as printed."""
    from extractors.pdf.ocr.repair import quarters

    assert quarters(text) == read


def test_first_quarter_heading_that_lost_its_q():
    """A lone `1` among the other quarters' headings is `Q1` whose Q OCR lost; elsewhere it is a
    one."""
    from extractors.pdf.ocr.repair import quarters

    assert quarters("1", ["", "14/15", "15/16", "Q2", "Q3", "Q4"]) == "Q1"
    assert quarters("1", ["Referrals", "12", "3"]) == "1"


BENCHMARKS = [
    ["LA", "2018/19", "2019/20", "2020/21", "2021/22"],
    ["Wigan", "264.0", "282.3", "259.9", "276.0"],
    ["St. Helens", "425.2", "471.4", "490.7", "458.8"],
    ["Redcar and Cleveland", "416.2", "439.1", "413.7", "430.4"],
    ["Comparators", "", "", "", ""],
    ["SN average", "369.2", "374.3", "370.8", "377.9"],
    ["NW region", "319.3", "359.8", "333.7", "327.4"],
    ["England", "313.9", "338.3", "330.5", "320.5"],
]


def _banded_table(tmp_path, rows):
    """A whitespace table with a rule under its header and a bold section row (a row whose only
    text is its label) on a light grey band, as benchmarking packs print `Comparators`."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    x, width = 40, 300
    for k, row in enumerate(rows):
        y = 100 + 14 * k
        section = not any(row[1:])
        if section:
            pdf.set_fill_color(232, 232, 232)
            pdf.rect(x, y - 10, width, 14, style="F")
        pdf.set_font("Helvetica", "B" if section or k == 0 else "", size=9)
        pdf.text(x + 2, y, row[0])
        for c, text in enumerate(row[1:]):
            pdf.text(x + 130 + 45 * (c + 1) - pdf.get_string_width(text), y, text)
        if k == 0:
            pdf.line(x, y + 3, x + width, y + 3)
    return _scanned(tmp_path, pdf)


@needs_tesseract
def test_section_row_on_a_grey_band_stays_in_its_table(tmp_path):
    """A scanned table without rulings keeps its rows after a bold section row set on a grey band
    (`Comparators`): the band's edges part rows as a text layer's fill does, and the lone label is
    not taken for a title that ends the table."""
    from extractors.pdf.ocr.boxes import read_page

    grids, _ = read_page(_banded_table(tmp_path, BENCHMARKS), 200, 1)
    assert len(grids) == 1
    assert _texts(grids[0]) == BENCHMARKS


def test_line_font_size_is_told_from_its_letters():
    """A lone label with capitals and descenders (`Comparators`, ink 0.93 of its font size) gets
    the same font box as a line of figures (ink 0.72 of it) and of small letters (`area`, 0.52):
    the ink's height alone made its font 1.29 times too large, a title's."""
    from extractors.pdf.ocr.boxes import glyph_boxes

    def line(text, top, bottom):
        return [{"text": text, "x0": 40, "x1": 90, "top": top, "bottom": bottom, "conf": 95}]

    size = 10.0
    lines = [
        line("264.0", 100, 100 + 0.72 * size),
        line("Comparators", 120, 120 + 0.93 * size),
        line("area", 140 + 0.2 * size, 140 + 0.72 * size),
    ]
    heights = [round(w["bottom"] - w["top"], 1) for ln in glyph_boxes(lines) for w in ln]
    assert heights == [size] * 3


def test_word_box_drawn_in_to_its_ink():
    """A word box tesseract made taller than the word's letters is drawn in to the rows of ink
    inside it; a box with no ink is left as it is."""
    from extractors.pdf.ocr.boxes import _inked

    image = np.full((100, 200), 255, np.uint8)
    image[40:60, 20:120] = 0
    word = {"text": "Comparators", "x0": 10, "x1": 130, "top": 25, "bottom": 70, "conf": 96}
    assert (_inked(word, image)["top"], _inked(word, image)["bottom"]) == (40, 60)
    empty = {**word, "x0": 150, "x1": 190}
    assert _inked(empty, image) == empty


@pytest.mark.parametrize(
    "text, peers, read",
    [
        # a row of d.d with whole counts among it: too mixed for a line style
        (
            "118",
            ["15.6", "13.5", "16.6", "13.5", "161", "21.0", "226", "16.7", "16.4", "25"],
            "11.8",
        ),
        ("566%", ["55.1%", "56.0%", "57.2%", "1,204"], "56.6%"),
        ("25", ["15.6", "13.5", "16.6", "13.5", "21.0", "16.7"], None),  # a target, not ten times
        ("92", ["13.5", "56.6", "80.8", "84.4"], None),  # a count among percentages
        ("1,581", ["15.6", "13.5", "16.6", "13.5"], None),  # printed with a separator
        ("118", ["115", "163", "103", "92"], None),  # a line of whole numbers
        ("118", ["15.6", "161", "226", "301"], None),  # decimals are not most of the line
        ("566", ["55.1%", "56.0%", "57.2%"], None),  # percent signs differ
    ],
)
def test_point_dropped_by_ocr_among_decimals(text, peers, read):
    """A whole number about ten times its line's decimals, which make most of the line, has lost
    its point to OCR (`118` among `13.5 16.6 21.0`), also where whole counts share the line; a
    number the line's decimals do not make ten times too large stays as printed."""
    from extractors.pdf.ocr.repair import UNSURE, dropped_point

    assert dropped_point(text, peers) == (None if read is None else (read, UNSURE))


def test_rule_under_several_headings_is_no_span():
    """A rule under one group heading (`16/17` over its quarters, `15/16` beside its start) is kept
    for the table rebuild; one drawn inside a header under several group headings (`ANNUAL TREND
    18/19  19/20`, a taller heading `GOOD PERF IS` beside its start) is not; a rule under a whole
    header row, with nothing beside it, is kept to part the header from the body."""
    from extractors.pdf.ocr.boxes import heading_rules

    def word(text, x0, top, height=7):
        return {
            "text": text,
            "x0": x0,
            "x1": x0 + 5 * len(text),
            "top": top,
            "bottom": top + height,
        }

    lines = [
        [word("16/17", 230, 100), word("ANNUAL", 400, 100), word("TREND", 436, 100)],
        [word("15/16", 150, 105), word("PERF", 360, 104, 12), word("18/19", 480, 100)],
        [word("19/20", 560, 100), word("Indicator", 40, 200), word("Unit", 120, 200)],
    ]
    rules = [(110.0, 178.0, 300.0), (110.0, 390.0, 620.0), (209.0, 40.0, 600.0)]
    assert heading_rules(rules, lines) == [rules[0], rules[2]]


WRAPPED = [
    ("Total contacts received", "NUMBER", "478 485 465 539 508 563 489 528 586 571 450 502"),
    (
        "% of children becoming subject to a CP plan for a|second or subsequent time",
        "PERCENTAGE",
        "20.0% 26.3% 26.3% 23.5% 21.4% 24.1% 18.8% 23.5% 17.6% 16.7% 18.8% 14.3%",
    ),
    (
        "Section 47s where harm is|substantiated and risk continues",
        "PERCENTAGE",
        "45.8% 47.2% 44.1% 38.3% 42.0% 41.5% 36.5% 42.0% 35.6% 31.8% 36.6% 40.2%",
    ),
    (
        "Children in need open cases",
        "NUMBER",
        "1,471 1,442 1,428 1,454 1,508 1,629 1,559 1,591 1,521 1,558 1,602 1,577",
    ),
]


def _wrapped_labels(tmp_path):
    """A scorecard without rulings in small print whose long labels wrap over two lines (`|`
    marks the break), the unit and a year of figures set midway between them."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A3", orientation="L")
    pdf.add_page()
    pdf.set_font("Helvetica", size=7.5)
    y = 100
    for label, unit, figures in WRAPPED:
        parts = label.split("|")
        middle = y + 4.5 * (len(parts) - 1)
        for k, part in enumerate(parts):
            pdf.text(40, y + 9 * k, part)
        pdf.text(330 - pdf.get_string_width(unit), middle, unit)
        for c, text in enumerate(figures.split()):
            pdf.text(380 + 38 * c - pdf.get_string_width(text), middle, text)
        y += 9 * len(parts) + 5
    return _scanned(tmp_path, pdf, skew=0.4)


@needs_tesseract
def test_label_wrapped_beside_figures_between_its_lines_reads_as_printed(tmp_path):
    """A label wrapped over two lines, with the row's figures set midway between them, is read
    line by line as printed, and the figures one by one: reading the page as one block of text
    lines ran each label line into the figures' line (`sub: iated and risk continues`) and the
    figures into one another (`-1,442—=«1,428~=s«*1,454`)."""
    from extractors.pdf.ocr.boxes import read_page

    grids, _ = read_page(_wrapped_labels(tmp_path), 200, 1)
    assert len(grids) == 1
    rows = _texts(grids[0])
    assert [row[0] for row in rows] == [label.replace("|", " ") for label, _, _ in WRAPPED]
    printed = [figures.split() for _, _, figures in WRAPPED]
    assert [len(row[2:]) for row in rows] == [len(figures) for figures in printed]
    # each figure in its own cell; small print at 200 dpi still costs a digit here and there
    read = [a == b for row, figures in zip(rows, printed) for a, b in zip(row[2:], figures)]
    assert sum(read) >= 0.9 * len(read)


@pytest.mark.parametrize(
    "text, read",
    [
        ("Jul't9", "Jul'19"),  # the 1 of the year read as a t
        ("Aug-I9", "Aug-19"),
        ("Jul'19", "Jul'19"),
        ("Target", "Target"),
        ("Jul'tt", "Jul'11"),
    ],
)
def test_month_heading_year_misread_among_months(text, read):
    """A month heading whose year OCR misread (`Jul't9`) is repaired where the row's other
    headings are months with clean years; alone it is left as printed."""
    from extractors.pdf.ocr.repair import month_heading

    months = ["Measure", "Aug'19", "Sep'19", "Oct'19", "Nov'19"]
    assert month_heading(text, months) == read
    assert month_heading(text, ["Measure", "Target"]) == text


@needs_tesseract
@pytest.mark.parametrize(
    "family, seed",
    [
        ("whitespace", 2),  # bold month headings read in part (`Nov` `hy.` `2018`)
        ("zebra", 0),  # a figure's first digits dropped (`9%` for `6.9%`)
        ("zebra", 1),  # a figure on a shaded row skipped (`85` between `181` and `146`)
    ],
)
def test_ink_the_sparse_reading_left_unread_is_read_again(tmp_path, family, seed):
    """A scanned table without rulings, read whole, loses no figure or heading that tesseract's
    sparse reading skipped or read in part: the ink no word covers is read again as a line."""
    from zoo import generate
    from zoo.measure import measure

    result = measure(generate(family, "scan", seed, tmp_path))
    assert result["recall"] >= 0.99 and result["precision"] >= 0.99


@pytest.mark.parametrize(
    "again, kept",
    [
        ([{"text": "85", "conf": 97.0}], True),  # a figure skipped
        ([{"text": "4", "conf": 82.0}], False),  # a trend arrow read as a digit
        ([{"text": "t", "conf": 92.0}], False),  # ... or as a letter
        ([{"text": "68", "conf": 70.0}], False),  # read unsurely
    ],
)
def test_lone_mark_read_again_is_no_figure(again, kept):
    """Where the first reading found nothing, a second reading of one character (a trend arrow, a
    RAG mark) or an unsure one is not taken; a sure figure of two or more digits is."""
    from extractors.pdf.ocr.reread import _replaced

    box = (100, 10, 140, 30)
    first = [{"text": "181", "conf": 97.0, "x0": 20, "x1": 60, "top": 10, "bottom": 30}]
    again = [{**w, "x0": 102, "x1": 138, "top": 10, "bottom": 30} for w in again]
    assert (_replaced(first, box, again) != first) == kept
