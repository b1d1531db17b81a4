"""Golden pairs: a small report made as a PDF and as a workbook, extracted and compared with
hand-written CSVs.

tests/golden/*.csv were written from what the documents below print, not from the program's output.

"""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from contract import FIGURE_COLUMNS
from grids import ruled_pdf

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
COMPARED = FIGURE_COLUMNS
N = None
TITLE = ["Rotherham Children's Services Performance Report", "As at January 2017"]
HEADER = [
    ["NO.", "INDICATOR", "GOOD PERF IS", "2016 / 17", N, N, N, "Target", "DOT"],
    [N, N, N, "Nov-16", "Dec-16", "Jan-17", "YTD", N, N],
]
HEADER_SPANS = {
    (0, 0): (2, 1),
    (0, 1): (2, 1),
    (0, 2): (2, 1),
    (0, 3): (1, 4),
    (0, 7): (2, 1),
    (0, 8): (2, 1),
}
BODY = [
    ["1.1", "Number of referrals", "Info", "450", "400", "420", "3,900", "5,000", "Up"],
    [
        "1.2",
        "% of assessments completed within 45 days",
        "High",
        "40.1%",
        "41.0%",
        "41.9%",
        "40.5%",
        "90.0%",
        "Up",
    ],
    ["1.3", "Number of children looked after", "Low", "480", "484", "n/a", "-", "470", "Down"],
    [
        "1.4",
        "Children in need",
        "Info",
        "2,774 (955.6)",
        "2,790 (960.1)",
        "2,801 (963.9)",
        "-",
        "-",
        "-",
    ],
]
DETAIL_LABEL = "% of assessments completed within 45 days"
DETAIL = [
    ["Month", DETAIL_LABEL, N],
    ["Nov-16", "190 of 474", "40.1%"],
    ["Dec-16", "201 of 490", "41.0%"],
    ["Jan-17", "206 of 492", "41.9%"],
]
MONTHS = [datetime(2016, 11, 1), datetime(2016, 12, 1), datetime(2017, 1, 1)]


def make_pdf(path: Path) -> None:
    """Page 1: a summary table with months across; page 2: a detail table with months down."""
    ruled_pdf(
        path,
        [
            [*TITLE, (HEADER + BODY, HEADER_SPANS)],
            [TITLE[0], "Assessments completed within 45 days - detail", (DETAIL, {(0, 1): (1, 2)})],
        ],
        widths={1: 62, 3: 24, 4: 24, 5: 24},
    )


def _typed(text: str):
    """What a workbook stores for a printed value: numbers as numbers, percentages as fractions."""
    plain = text.replace(",", "")
    if plain.endswith("%"):
        return float(plain[:-1]) / 100, "0.0%"
    try:
        return int(plain), "#,##0"
    except ValueError:
        return text, "General"


def make_xlsx(path: Path) -> None:
    """The same report as a workbook: merged headers, real dates as months, percentages as
    fractions."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws["A1"], ws["A2"] = TITLE
    for c, text in enumerate(HEADER[0], start=1):
        if text:
            ws.cell(4, c, text)
    for c, month in enumerate(MONTHS, start=4):
        ws.cell(5, c, month).number_format = "mmm-yy"
    ws.cell(5, 7, "YTD")
    ws.merge_cells("D4:G4")
    for col in "ABCHI":
        ws.merge_cells(f"{col}4:{col}5")
    for r, row in enumerate(BODY, start=6):
        for c, text in enumerate(row, start=1):
            value, fmt = _typed(text) if c > 3 else (text, "General")
            ws.cell(r, c, value).number_format = fmt
    detail = wb.create_sheet("Assessments")
    detail["A1"], detail["B1"] = "Month", DETAIL_LABEL
    detail.merge_cells("B1:C1")
    for r, (month, row) in enumerate(zip(MONTHS, DETAIL[1:]), start=2):
        detail.cell(r, 1, month).number_format = "mmm-yy"
        detail.cell(r, 2, row[1])
        value, fmt = _typed(row[2])
        detail.cell(r, 3, value).number_format = fmt
    wb.save(path)


def extract(path: Path, tmp_path: Path) -> list[dict]:
    out = tmp_path / "out.csv"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "extract", str(path), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    with out.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read_golden(name: str) -> list[dict]:
    with (GOLDEN / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _number(text: str) -> str:
    return f"{float(text):.10g}" if text.strip() else ""


def comparable(rows: list[dict]) -> list[tuple]:
    """Rows as sorted tuples of the compared columns, numbers written one way."""
    numeric = {"value", "numerator", "denominator"}
    return sorted(tuple(_number(r[k]) if k in numeric else r[k] for k in COMPARED) for r in rows)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, list[dict]]:
    tmp = tmp_path_factory.mktemp("golden")
    pdf, xlsx = tmp / "rotherham_2017-01.pdf", tmp / "rotherham_2017-01.xlsx"
    make_pdf(pdf)
    make_xlsx(xlsx)
    return {"pdf": extract(pdf, tmp), "xlsx": extract(xlsx, tmp)}


@pytest.mark.parametrize(
    "kind, golden", [("pdf", "summary_and_detail_pdf.csv"), ("xlsx", "summary_and_detail_xlsx.csv")]
)
def test_golden_pair(outputs, kind, golden):
    """Golden pair: summary (months across) and detail (months down, 'x of y' beside '%') equal the
    hand-written CSV."""
    got, want = comparable(outputs[kind]), comparable(read_golden(golden))
    missing = [r for r in want if r not in got]
    unexpected = [r for r in got if r not in want]
    assert not missing and not unexpected, (
        "\nmissing:\n"
        + "\n".join(map(str, missing))
        + "\nunexpected:\n"
        + "\n".join(map(str, unexpected))
    )


def test_golden_files_follow_spec_columns():
    """The golden CSVs themselves carry the compared spec columns in order."""
    for path in sorted(GOLDEN.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == COMPARED, path.name


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_rate_rows_come_from_count_rate_pairs(outputs, kind):
    """Rule: a rate_per_10k row beside a count row of the same label and period is the other half of
    one printed 'count (rate)' cell: same place, a whole-number count, and a different number."""
    rows = outputs[kind]
    rates = [r for r in rows if r["unit"] == "rate_per_10k"]
    assert rates, "the report prints count (rate) pairs"
    for rate in rates:
        counts = [
            r
            for r in rows
            if r["unit"] == "count"
            and r["measure"] == rate["measure"]
            and (r["indicator_label"], r["period_start"], r["period_end"])
            == (rate["indicator_label"], rate["period_start"], rate["period_end"])
        ]
        for count in counts:
            assert count["source_location"] == rate["source_location"]
            assert float(count["value"]).is_integer()
            assert float(count["value"]) != float(rate["value"])


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_percent_equals_numerator_over_denominator(outputs, kind):
    """Rule: a row with numerator and denominator has value = 100 × numerator ÷ denominator (to
    0.06)."""
    rows = [r for r in outputs[kind] if r["numerator"] and r["denominator"]]
    assert rows, "the detail table prints '206 of 492' beside '41.9%'"
    for r in rows:
        assert r["unit"] == "percent"
        assert (
            abs(float(r["value"]) - 100 * float(r["numerator"]) / float(r["denominator"])) <= 0.06
        ), r
