"""`python cli.py extract`: the CSV it writes, and what it says about files it cannot read."""

from __future__ import annotations

import csv
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from contract import SPEC_COLUMNS
from grids import ruled_pdf

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = [
    ["Indicator", "Nov-16", "Dec-16", "Jan-17", "Target"],
    ["Number of referrals", "450", "400", "n/a", "5,000"],
    ["% of referrals that are re-referrals", "27.3%", "25.0%", "24.1%", "22.0%"],
]
CARE = [
    ["Indicator", "Nov-16", "Dec-16", "Jan-17"],
    ["Number of children looked after", "480", "484", "491"],
]


def extract(
    *files, tmp_path: Path, extra=()
) -> tuple[subprocess.CompletedProcess, list[dict], list[str]]:
    out = tmp_path / "out.csv"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "extract",
            *map(str, files),
            "--out",
            str(out),
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    rows, header = [], []
    if out.exists():
        with out.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            rows, header = list(reader), list(reader.fieldnames or [])
    return proc, rows, header


@pytest.fixture
def ruled_report(tmp_path) -> Path:
    """A two-page ruled-table report: months across, a Target column, an n/a cell."""
    path = tmp_path / "rotherham_2017-01.pdf"
    ruled_pdf(
        path,
        [
            [
                "Rotherham Children's Services Performance Report",
                "As at January 2017",
                (SUMMARY, {}),
            ],
            [
                "Rotherham Children's Services Performance Report",
                "Looked after children",
                (CARE, {}),
            ],
        ],
        widths={0: 70},
    )
    return path


@pytest.fixture
def corrupt_pdf(tmp_path) -> Path:
    """A file named .pdf that is a PDF header followed by garbage."""
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\n" + bytes(range(256)) * 4
    )
    return path


@pytest.fixture
def random_bytes_xlsx(tmp_path) -> Path:
    """A file named .xlsx holding random bytes."""
    path = tmp_path / "random.xlsx"
    path.write_bytes(random.Random(7).randbytes(4096))
    return path


@pytest.fixture
def empty_file(tmp_path) -> Path:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    return path


@pytest.fixture
def unsupported_pptx(tmp_path) -> Path:
    """A PowerPoint file: a zip archive with a ppt/ part, which perfbooks does not read."""
    path = tmp_path / "slides.pptx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("ppt/presentation.xml", '<?xml version="1.0"?><p:presentation/>')
    return path


def test_ruled_table_pdf(ruled_report, tmp_path):
    """A ruled-table PDF with months across, a target column and an n/a cell gives the spec's
    CSV."""
    proc, rows, header = extract(ruled_report, tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert header[: len(SPEC_COLUMNS)] == SPEC_COLUMNS
    got = {
        (
            r["indicator_label"],
            r["measure"],
            r["period_type"],
            r["period_start"],
            r["period_end"],
            r["value"],
            r["note"],
        )
        for r in rows
    }
    label = "% of referrals that are re-referrals"
    expected = {
        ("Number of referrals", "actual", "month", "2016-11-01", "2016-11-30", "450", ""),
        ("Number of referrals", "actual", "month", "2016-12-01", "2016-12-31", "400", ""),
        ("Number of referrals", "actual", "month", "2017-01-01", "2017-01-31", "", "n/a"),
        ("Number of referrals", "target", "financial_year", "2016-04-01", "2017-03-31", "5000", ""),
        (label, "actual", "month", "2016-11-01", "2016-11-30", "27.3", ""),
        (label, "actual", "month", "2017-01-01", "2017-01-31", "24.1", ""),
        (label, "target", "financial_year", "2016-04-01", "2017-03-31", "22", ""),
        (
            "Number of children looked after",
            "actual",
            "month",
            "2017-01-01",
            "2017-01-31",
            "491",
            "",
        ),
    }
    assert expected <= got
    assert len(rows) == 11
    for r in rows:
        assert (r["authority"], r["la_code"], r["old_la_code"]) == ("Rotherham", "E08000018", "372")
        assert r["report_date"] == "2017-01-31"
        assert r["source_file"] == "rotherham_2017-01.pdf"
        assert 0 <= float(r["confidence"]) <= 1
    assert {r["unit"] for r in rows if r["indicator_label"] == label} == {"percent"}
    assert one_location(rows, "450") == "p1 t1 r2 c2"
    assert one_location(rows, "491") == "p2 t1 r2 c4"


def one_location(rows, value) -> str:
    (row,) = [r for r in rows if r["value"] == value]
    return row["source_location"]


def test_progress_line_per_page(ruled_report, tmp_path):
    """Progress: one stderr line per page read, naming the file."""
    proc, _, _ = extract(ruled_report, tmp_path=tmp_path)
    lines = [ln for ln in proc.stderr.splitlines() if ruled_report.name in ln]
    assert any("1/2" in ln for ln in lines)
    assert any("2/2" in ln for ln in lines)


def test_authority_and_report_date_options(ruled_report, tmp_path):
    """--authority and --report-date override what the document says."""
    proc, rows, _ = extract(
        ruled_report,
        tmp_path=tmp_path,
        extra=["--authority", "Leeds", "--report-date", "2017-02-28"],
    )
    assert proc.returncode == 0, proc.stderr
    assert {(r["authority"], r["la_code"], r["report_date"]) for r in rows} == {
        ("Leeds", "E08000035", "2017-02-28")
    }


BAD_FILES = ["corrupt_pdf", "random_bytes_xlsx", "empty_file", "unsupported_pptx", "missing"]


@pytest.mark.parametrize("bad", BAD_FILES)
def test_unreadable_file_one_plain_line(bad, request, tmp_path):
    """Unreadable files (corrupt .pdf, random-bytes .xlsx, empty, missing, .pptx): one plain stderr
    line, exit 2."""
    path = tmp_path / "missing.pdf" if bad == "missing" else request.getfixturevalue(bad)
    proc, rows, header = extract(path, tmp_path=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    # no exception class names
    assert not re.search(r"[A-Za-z](?:Error|Exception)\b", proc.stderr), proc.stderr
    named = [ln for ln in proc.stderr.splitlines() if path.name in ln]
    assert len(named) == 1, proc.stderr
    assert header[: len(SPEC_COLUMNS)] == SPEC_COLUMNS and rows == []


def test_good_files_written_beside_bad_ones(
    ruled_report, corrupt_pdf, random_bytes_xlsx, empty_file, unsupported_pptx, tmp_path
):
    """Bad files in the same call do not stop the good ones: their rows are written and the exit
    code is 2."""
    missing = tmp_path / "missing.pdf"
    bad = [corrupt_pdf, random_bytes_xlsx, empty_file, unsupported_pptx, missing]
    proc, rows, _ = extract(
        corrupt_pdf,
        ruled_report,
        random_bytes_xlsx,
        empty_file,
        unsupported_pptx,
        missing,
        tmp_path=tmp_path,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(rows) == 11
    assert {r["source_file"] for r in rows} == {ruled_report.name}
    for path in bad:
        assert len([ln for ln in proc.stderr.splitlines() if path.name in ln]) == 1, (
            path.name,
            proc.stderr,
        )


def test_unknown_authority_override_keeps_the_name_without_codes(tmp_path):
    """Quirk: --authority names a body the reference list does not know; its name is used, codes
    stay blank."""
    src = tmp_path / "book.csv"
    src.write_text("Month,Contacts\n2019-04,1204\n2019-05,1310\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "cli.py"),
            "extract",
            str(src),
            "--out",
            str(out),
            "--authority",
            "Nowhere  Council",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {(r["authority"], r["la_code"], r["old_la_code"]) for r in rows} == {
        ("Nowhere Council", "", "")
    }
    assert [r["value"] for r in rows] == ["1204", "1310"]
