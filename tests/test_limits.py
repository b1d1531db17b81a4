"""The reader's limits: one validated Limits handed down from the entry points, every bound on an
untrusted file in it (zip members and unzip ratio included), each refusal one sentence."""

from __future__ import annotations

import io
import math
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from extractors import ooxml
from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.ooxml import declared_members
from extractors.problems import problem
from extractors.registry import read_document
from pipeline import extract_path
from review.uploads import expand_upload

ROOT = Path(__file__).resolve().parent.parent


def workbook_parts() -> dict[str, bytes]:
    book = openpyxl.Workbook()
    book.active.append(["Indicator", "Jan-17", "Feb-17"])
    book.active.append(["Number of referrals", 450, 460])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def extract(path: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "extract", str(path), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def sentences_about(path: Path, stderr: str) -> list[str]:
    """The lines about the file other than its progress ("parts.xlsx: 1/1 sheets read")."""
    return [
        line
        for line in stderr.splitlines()
        if path.name in line and not line.startswith(f"{path.name}:")
    ]


def test_an_office_file_of_too_many_parts_is_one_sentence(tmp_path):
    """Nothing bounded the parts of an Office file: a 100 MB zip of empty entries holds about two
    million, each parsed into memory before any other check ran."""
    parts = workbook_parts()
    parts.update({f"xl/media/{i}.bin": b"" for i in range(LIMITS.MAX_ZIP_MEMBERS)})
    path = tmp_path / "parts.xlsx"
    path.write_bytes(zipped(parts))
    result = extract(path, tmp_path)
    assert result.returncode == 2
    assert sentences_about(path, result.stderr) == [
        problem("too_many_parts", "parts.xlsx", most=LIMITS.MAX_ZIP_MEMBERS).sentence
    ]


def test_the_parts_are_counted_before_the_zip_directory_is_read(monkeypatch):
    parts = {**workbook_parts(), **{f"xl/media/{i}.bin": b"" for i in range(30)}}
    data = zipped(parts)
    assert declared_members(data) == len(parts)

    def never(*args, **kwargs):
        raise AssertionError("the zip directory was read")

    monkeypatch.setattr(ooxml.zipfile, "ZipFile", never)
    with pytest.raises(UnreadableFile) as refused:
        read_document(io.BytesIO(data), "parts.xlsx", limits=Limits(MAX_ZIP_MEMBERS=20))
    assert refused.value.problem.kind == "too_many_parts"


def test_an_office_part_of_an_extreme_ratio_is_one_sentence(tmp_path):
    """8 MB of zeros stored in 8 KB (a ratio of about 1,000) is a zip bomb at the default ratio."""
    parts = {**workbook_parts(), "xl/media/zeros.bin": b"\0" * (8 * 2**20)}
    path = tmp_path / "ratio.xlsx"
    path.write_bytes(zipped(parts))
    result = extract(path, tmp_path)
    assert result.returncode == 2
    assert sentences_about(path, result.stderr) == [problem("zip_bomb", "ratio.xlsx").sentence]


def test_the_ratio_is_the_limits_not_a_constant(tmp_path):
    """The same part is read when the limits allow a higher ratio."""
    data = zipped({**workbook_parts(), "xl/media/zeros.bin": b"\0" * (8 * 2**20)})
    with pytest.raises(UnreadableFile, match="zip bomb"):
        read_document(io.BytesIO(data), "ratio.xlsx")
    doc = read_document(io.BytesIO(data), "ratio.xlsx", limits=Limits(MAX_UNZIP_RATIO=5000))
    assert any(c.text == "460" for c in doc.grids[0].cells)


def test_an_uploaded_zip_of_too_many_entries_is_refused_before_it_is_opened(monkeypatch):
    import review.uploads

    def never(*args, **kwargs):
        raise AssertionError("the zip directory was read")

    content = zipped({f"{i}.csv": b"a" for i in range(30)})
    monkeypatch.setattr(review.uploads.zipfile, "ZipFile", never)
    with pytest.raises(UnreadableFile) as refused:
        expand_upload("many.zip", content, Limits(MAX_ZIP_MEMBERS=20, MAX_UPLOAD_REPORTS=10))
    assert refused.value.problem.sentence == (
        "many.zip holds 30 files; upload at most 10 reports at a time."
    )


def test_limits_handed_to_the_entry_point_reach_the_reader_in_the_child(tmp_path):
    """Tests patched a module's LIMITS global, module by module; the bound child read the rest."""
    path = tmp_path / "rows.csv"
    path.write_text("Indicator,Jan-17\nReferrals,4\nContacts,9\n")
    assert extract_path(path).observations
    with pytest.raises(UnreadableFile) as refused:
        extract_path(path, limits=Limits(MAX_CELLS=4))
    assert refused.value.problem == problem("too_many_cells", "rows.csv", most=4)


@pytest.mark.parametrize(
    "setting, value, sentence",
    [
        ("MAX_BYTES", 0, "MAX_BYTES must be above 0, not 0."),
        ("MAX_CELLS", -5, "MAX_CELLS must be above 0, not -5."),
        ("MAX_PAGES", 40.5, "MAX_PAGES must be a whole number, not 40.5."),
        ("MAX_SHEETS", True, "MAX_SHEETS must be a whole number, not True."),
        ("MAX_ZIP_MEMBERS", "5000", "MAX_ZIP_MEMBERS must be a whole number, not '5000'."),
        ("MAX_SECONDS", math.nan, "MAX_SECONDS must be a number, not nan."),
        ("MAX_INTERPRET_SECONDS", -1.0, "MAX_INTERPRET_SECONDS must be above 0, not -1.0."),
        ("OCR_DPI", 30, "OCR_DPI must be from 72 to 1200, not 30."),
        ("OCR_WORKERS", 0, "OCR_WORKERS must be from 1 to 64, not 0."),
        ("MAX_MEMORY_MB", 16, "MAX_MEMORY_MB must be from 256 to 4194304, not 16."),
        ("MAX_UNZIP_RATIO", 1, "MAX_UNZIP_RATIO must be from 2 to 100000, not 1."),
    ],
)
def test_invalid_limits_raise_when_made(setting, value, sentence):
    with pytest.raises(ValueError) as refused:
        Limits(**{setting: value})
    assert str(refused.value) == sentence


def test_the_defaults_are_valid_and_seconds_may_be_whole():
    assert Limits() == LIMITS
    assert Limits(MAX_SECONDS=2).MAX_SECONDS == 2
