"""PDFs that cannot be read end in one plain sentence, never a traceback."""

import subprocess
import sys
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent


def _pdf(path: Path, text: str, password: str | None = None) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(60, 10, text)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))
    return path


def _extract(*files: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "extract", *map(str, files), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_password_protected_pdf_is_named_as_such(tmp_path):
    """Quirk: an encrypted PDF; the analyst is told it is password-protected, not that it is
    damaged."""
    result = _extract(
        _pdf(tmp_path / "locked.pdf", "Contacts 1469", password="secret"), out=tmp_path / "o.csv"
    )
    errors = [
        line
        for line in result.stderr.splitlines()
        if "locked.pdf" in line and "pages read" not in line
    ]
    assert result.returncode == 2 and len(errors) == 1 and "password-protected" in errors[0]
    assert "Traceback" not in result.stderr


def test_pdf_without_tables_is_not_a_report(tmp_path):
    """Quirk: a PDF of prose only gives no observations and says it is not a report it
    recognises."""
    result = _extract(
        _pdf(tmp_path / "letter.pdf", "Dear colleague, thank you."), out=tmp_path / "o.csv"
    )
    assert result.returncode == 2
    assert "letter.pdf has no tables of figures" in result.stderr


def test_truncated_pdf_is_damaged(tmp_path):
    """Quirk: a download cut off half way; the reader says the file is damaged or incomplete."""
    whole = _pdf(tmp_path / "whole.pdf", "Contacts 1469").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    result = _extract(cut, out=tmp_path / "o.csv")
    assert result.returncode == 2 and "cut.pdf is damaged or incomplete" in result.stderr
