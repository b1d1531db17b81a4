"""Formula-leading labels from an untrusted report never leave perfbooks as live spreadsheet
formulas or script."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import altair as alt
import openpyxl
import pandas as pd
import pytest

from exports import FORMATS, export_bytes
from exports.downloads import chart_html, frame_csv
from exports.safety import DANGEROUS_PREFIXES, is_plain_number
from store import Selection, Store

ROOT = Path(__file__).resolve().parent.parent
LABELS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
]
SCRIPT = "</script><script>alert(1)</script>"


def report(folder: Path, name: str, months: list[str], first: int) -> Path:
    """A Wirral monthly report whose labels and one note start like formulas; -3.5 is a plain
    number."""
    rows = [["Wirral Children's Services Performance Report"], ["Indicator", *months]]
    rows += [
        [label, str(first + i), str(first + i + 1), str(first + i + 2)]
        for i, label in enumerate(LABELS)
    ]
    rows.append(["Number of referrals", "-3.5", "=1+1", str(first)])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = folder / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def live_formulas(cells) -> list[str]:
    """Cells a spreadsheet would run: text starting with =, +, -, @, tab or CR that is not a plain
    number."""
    return [
        c
        for c in cells
        if isinstance(c, str) and c.startswith(DANGEROUS_PREFIXES) and not is_plain_number(c)
    ]


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def exported_cells(fmt: str, content: bytes) -> list:
    if fmt in ("tidy", "wide"):
        return csv_cells(content)
    if fmt == "ees":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return [c for name in archive.namelist() for c in csv_cells(archive.read(name))]
    book = openpyxl.load_workbook(io.BytesIO(content))  # xlsx
    return [
        cell for ws in book.worksheets for row in ws.iter_rows(values_only=True) for cell in row
    ]


@pytest.fixture
def reports(tmp_path):
    return [
        report(tmp_path, "wirral_2017-03.csv", ["Jan-17", "Feb-17", "Mar-17"], 450),
        report(tmp_path, "wirral_2017-04.csv", ["Feb-17", "Mar-17", "Apr-17"], 460),
    ]


def test_cli_extract_neutralises_formula_cells(reports, tmp_path):
    """cli.py extract wrote `=HYPERLINK(...)` raw while the tidy export neutralised it."""
    out = tmp_path / "out.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "extract", str(reports[0]), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    cells = csv_cells(out.read_bytes())
    assert live_formulas(cells) == []
    assert "'" + LABELS[0] in cells and "'=1+1" in cells and "-3.5" in cells


def test_every_export_and_download_is_neutralised(store_url, reports, tmp_path):
    store = Store(store_url, reference=False)
    for path in reports:
        assert store.ingest(path).status == "added"
    store.learn_alias("=cmd|' /C calc'!A0", "referrals")
    frame = store.observations(Selection("reports", "all"))
    assert set(LABELS) <= set(frame["indicator_label"])
    # Parquet is typed data for programs: text kept as printed
    for fmt in (f for f in FORMATS if f != "parquet"):
        assert live_formulas(exported_cells(fmt, export_bytes(frame, fmt)[0])) == [], fmt
    revisions = store.revisions()
    assert set(LABELS) <= set(revisions["indicator_label"])
    # revisions, aliases, chart data, scorecard and gaps
    for table in (revisions, store.aliases(), frame):
        assert live_formulas(csv_cells(frame_csv(table))) == []
    out = tmp_path / "aliases.csv"
    store.close()
    subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "aliases", "--db", store_url, "--export", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert live_formulas(csv_cells(out.read_bytes())) == []


class Scripts(HTMLParser):
    """The <script> elements of a page and the text inside each."""

    def __init__(self):
        super().__init__()
        self.opened, self.bodies = 0, []

    def handle_starttag(self, tag, attrs):
        self.opened += tag == "script"

    def handle_data(self, data):
        if self.lasttag == "script":
            self.bodies.append(data)


def scripts(html: str) -> Scripts:
    parser = Scripts()
    parser.feed(html)
    return parser


def test_chart_html_runs_no_script_from_a_label():
    """to_html embedded `</script>` from an uploaded cell raw, so the downloaded chart ran it."""

    def chart(label):
        data = pd.DataFrame(
            {"month": ["2017-01", "2017-02"], "value": [1, 2], "label": [label, label]}
        )
        return (
            alt.Chart(data, title=label).mark_line().encode(x="month", y="value", tooltip="label")
        )

    plain, hostile = chart_html(chart("referrals")).decode(), chart_html(chart(SCRIPT)).decode()
    assert scripts(hostile).opened == scripts(plain).opened
    assert "alert(1)" not in "".join(b for b in scripts(hostile).bodies if "vegaEmbed" not in b)
    assert re.search(r"</script>\s*<script>alert", hostile) is None
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in hostile


def test_pages_write_downloads_only_through_the_safe_writers():
    """The revisions, chart data, aliases, scorecard and gaps downloads used DataFrame.to_csv, and
    charts to_html."""
    sources = [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "cli.py", ROOT / "app.py"]
    raw = [
        f"{p.name}: {m}"
        for p in sources
        for m in re.findall(r"\.to_(?:csv|html|excel)\(", p.read_text())
    ]
    assert raw == []
