"""Two small monthly reports for an authority the samples do not hold (Wirral), made for the browser
tests.

The PDF is as at March 2019 (Jan-19 to Mar-19), the workbook as at June 2019 (Apr-19 to Jun-19);
every number is distinctive, so the downloaded CSV can be checked figure by figure. Each holds one
label the catalogue does not map (the review step has something to fix).

"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from grids import ruled_pdf

AUTHORITY = "Wirral"
# unmapped; the tests set it to FIXED_ID on the Review page
UNMAPPED_PDF = "Missing episodes reported"
FIXED_ID = "missing_children"
UNMAPPED_XLSX = "Family group conferences held"  # unmapped; left as it is

PDF_NAME = "wirral_2019-03_monthly_performance.pdf"
PDF_TITLE = ["Wirral Children's Services Monthly Performance Report", "As at March 2019"]
PDF_MONTHS = ["Jan-19", "Feb-19", "Mar-19"]
PDF_PERIODS = ["2019-01-01", "2019-02-01", "2019-03-01"]
PDF_ROWS = {  # label: (indicator id, values by month)
    "Number of contacts": ("contacts", [3311, 3329, 3347]),
    "Number of referrals": ("referrals", [1237, 1251, 1263]),
    "Number of children looked after": ("cla_children", [811, 813, 817]),
    UNMAPPED_PDF: (FIXED_ID, [47, 53, 59]),
}

XLSX_NAME = "wirral_2019-06_monthly_performance.xlsx"
XLSX_TITLE = ["Wirral Children's Services Monthly Performance Book", "As at June 2019"]
XLSX_MONTHS = [datetime(2019, 4, 1), datetime(2019, 5, 1), datetime(2019, 6, 1)]
XLSX_PERIODS = ["2019-04-01", "2019-05-01", "2019-06-01"]
XLSX_ROWS = {
    "Number of contacts": ("contacts", [3358, 3371, 3389]),
    "Number of referrals": ("referrals", [1274, 1289, 1296]),
    "Number of children looked after": ("cla_children", [821, 826, 829]),
    UNMAPPED_XLSX: (None, [17, 19, 23]),
}


def _thousands(n: int) -> str:
    return f"{n:,}"


def make_pdf(path: Path) -> Path:
    """One ruled table, months across: No., indicator, then the three months."""
    header = ["NO.", "INDICATOR", *PDF_MONTHS]
    body = [
        [f"{i}", label, *map(_thousands, values)]
        for i, (label, (_, values)) in enumerate(PDF_ROWS.items(), 1)
    ]
    ruled_pdf(
        path, [[*PDF_TITLE, ([header, *body], {})]], widths={0: 12, 1: 70, 2: 24, 3: 24, 4: 24}
    )
    return path


def make_xlsx(path: Path) -> Path:
    """The same layout as a workbook: real dates as months (mmm-yy), numbers as numbers."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws["A1"], ws["A2"] = XLSX_TITLE
    ws.cell(4, 1, "NO.")
    ws.cell(4, 2, "INDICATOR")
    for c, month in enumerate(XLSX_MONTHS, start=3):
        ws.cell(4, c, month).number_format = "mmm-yy"
    for r, (label, (_, values)) in enumerate(XLSX_ROWS.items(), start=5):
        ws.cell(r, 1, f"{r - 4}")
        ws.cell(r, 2, label)
        for c, value in enumerate(values, start=3):
            ws.cell(r, c, value).number_format = "#,##0"
    wb.save(path)
    return path


# the browser test excludes this row of UNMAPPED_XLSX on the Review page
EXCLUDED = ("", "2019-04-01", 17.0)
CORRECTED = (("", "2019-05-01", 19.0), 190.0)  # and corrects this one's value


def expected_rows() -> list[tuple[str, str, float]]:
    """(indicator_id or '', period_start, value) of every monthly actual the two reports print,
    after the browser test's row decisions (EXCLUDED left out, CORRECTED changed)."""
    rows = []
    for table, periods in ((PDF_ROWS, PDF_PERIODS), (XLSX_ROWS, XLSX_PERIODS)):
        for indicator_id, values in table.values():
            rows += [(indicator_id or "", period, float(v)) for period, v in zip(periods, values)]
    (printed, corrected) = CORRECTED
    return [(*row[:2], corrected) if row == printed else row for row in rows if row != EXCLUDED]


if __name__ == "__main__":  # write both into a folder, to look at them or extract them by hand
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    print(make_pdf(out / PDF_NAME), make_xlsx(out / XLSX_NAME))


# A workbook for the Review checks (Halton, as at September 2019): one month of a rate printed ten
# times its
# neighbours (a lost decimal point), a sector synonym for children looked after, and an unmapped
# synonym for
# children ceasing to be looked after.
REVIEW_AUTHORITY = "Halton"
REVIEW_NAME = "halton_2019-09_monthly_performance.xlsx"
REVIEW_MONTHS = [datetime(2019, m, 1) for m in range(4, 10)]
JUMP_LABEL, JUMP_ID = "Cared for children per 10,000", "cla_rate_10k"
UNMAPPED_SYNONYM, SYNONYM_ID = "Children leaving care - all ages", "cla_ceased"
REVIEW_ROWS = {
    "Number of contacts": [3310, 3325, 3341, 3342, 3350, 3361],
    JUMP_LABEL: [61.2, 61.5, 619.0, 62.3, 62.0, 62.4],  # June printed as 619 for 61.9
    UNMAPPED_SYNONYM: [21, 23, 19, 24, 22, 25],
}


def make_review_xlsx(path: Path) -> Path:
    """The Review checks' workbook: months across, labels down, numbers as numbers."""
    return _monthly_book(path, REVIEW_AUTHORITY, REVIEW_MONTHS, REVIEW_ROWS)


def _monthly_book(path: Path, authority: str, months: list[datetime], rows: dict) -> Path:
    """A council's monthly book as one sheet: title and 'As at' month, months across from B4,
    labels down column A, numbers as numbers."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws["A1"], ws["A2"] = (
        f"{authority} Children's Services Monthly Performance Book",
        f"As at {months[-1]:%B %Y}",
    )
    ws.cell(4, 1, "INDICATOR")
    for c, month in enumerate(months, start=2):
        ws.cell(4, c, month).number_format = "mmm-yy"
    for r, (label, values) in enumerate(rows.items(), start=5):
        ws.cell(r, 1, label)
        for c, value in enumerate(values, start=2):
            ws.cell(r, c, value)
    wb.save(path)
    return path


# Workbooks of sector wordings no alias names (Stockport, months of 2020-21): each label is left
# for review, and the first suggestion must be its indicator, never the wrong concept of its topic.
SYNONYM_AUTHORITY = "Stockport"
SYNONYM_NAMES = (
    "stockport_2020-09_monthly_performance.xlsx",
    "stockport_2020-10_monthly_performance.xlsx",
)
COUNTS, CHILDREN, CONTACTS = (
    [21, 23, 19, 24, 22, 25],
    [612, 620, 634, 629, 641, 650],
    [3310, 3325, 3341, 3342, 3350, 3361],
)
# label: (its figures, the id offered first, ids of its topic that must not be first)
SYNONYMS = {
    "Children leaving care - all routes": (
        COUNTS,
        "cla_ceased",
        {"cla_ceased_sgo_pct", "cla_starts"},
    ),
    "Young people leaving our care - all routes": (COUNTS, "cla_ceased", {"care_leavers"}),
    "Children coming into our care - all routes": (COUNTS, "cla_starts", {"cla_children"}),
    "Children in our care - headcount": (CHILDREN, "cla_children", {"cin_children", "cla_starts"}),
    "Care experienced young people - headcount": (CHILDREN, "care_leavers", {"cla_ceased"}),
    "Care leavers we keep in touch with": (
        [88.2, 90.1, 89.5, 91.0, 90.4, 92.3],
        "care_leavers_in_touch_pct",
        {"care_leavers_not_in_touch_pct"},
    ),
    "New CP plans - all routes": (COUNTS, "cpp_starts", {"cpp_children"}),
    "Open CiN - headcount": (
        [1612, 1620, 1634, 1629, 1641, 1650],
        "cin_children",
        {"cla_children"},
    ),
    "Contacts - all sources month total": (CONTACTS, "contacts", {"referrals"}),
    "Assessments done within 45 days": (
        [81.2, 85.5, 79.1, 80.3, 84.0, 86.2],
        "assessments_45wd_pct",
        {"assessments_45wd"},
    ),
}


def make_synonym_xlsx(path: Path, month: int = 9) -> Path:
    """A month's workbook of sector wordings (six months to `month` of 2020, labels down)."""
    months = [datetime(2020, m, 1) for m in range(month - 5, month + 1)]
    rows = {label: figures for label, (figures, _, _) in SYNONYMS.items()}
    return _monthly_book(path, SYNONYM_AUTHORITY, months, rows)


SCAN_NAME = "knowsley_2018-06_scanned_scorecard.pdf"
SCAN_PAGES = [  # two scanned pages, one ruled table each
    [["Indicator", "Apr-18", "May-18", "Jun-18"], ["Contacts received", "1357", "1491", "1259"]],
    [["Indicator", "Apr-18", "May-18", "Jun-18"], ["Referrals", "307", "299", "246"]],
]


def make_scan_pdf(path: Path, dpi: int = 150) -> Path:
    """An image-only PDF, as a scanner makes: each page a ruled table drawn, rendered to a picture
    and placed on an A4 landscape page with no text layer."""
    import pypdfium2 as pdfium
    from fpdf import FPDF
    from PIL import Image

    from extractors.pdf.ocr.scan import render

    drawn = path.with_suffix(".drawn.pdf")
    ruled_pdf(
        drawn,
        [["Knowsley monthly scorecard", (rows, {})] for rows in SCAN_PAGES],
        widths={0: 45},
        font_size=9,
    )
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    for number, page in enumerate(pdfium.PdfDocument(str(drawn))):
        picture = path.with_suffix(f".page{number}.png")
        Image.fromarray(render(page, dpi)).save(picture)
        pdf.add_page()
        pdf.image(str(picture), x=0, y=0, w=297, h=210)
    pdf.output(str(path))
    return path
