"""Uploads as reports: a zip opens into its reports, bounded; anything else is one report."""

from __future__ import annotations

import io
import zipfile

import pytest

from extractors.errors import UnreadableFile
from extractors.limits import LIMITS
from review.uploads import expand_upload


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_plain_file_is_one_report():
    assert expand_upload("book.xlsx", b"x") == ([("book.xlsx", b"x")], [])


def test_a_zip_gives_its_reports_and_says_what_it_skipped():
    content = zipped(
        {
            "2016/jan.pdf": b"%PDF-1",
            "feb.csv": b"a,b",
            "notes.png": b"png",
            "__MACOSX/._jan.pdf": b"",
        }
    )
    reports, skipped = expand_upload("year.zip", content)
    assert reports == [("jan.pdf", b"%PDF-1"), ("feb.csv", b"a,b")]
    assert skipped == [
        "notes.png in year.zip was skipped: perfbooks reads PDF, Excel, Word and CSV files."
    ]


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    content = zipped({"big.csv": b"0" * 5_000_000})
    with pytest.raises(UnreadableFile, match="unzips far larger than a report"):
        expand_upload("bomb.zip", content)


def test_too_many_members_and_damaged_zips_end_in_a_sentence():
    with pytest.raises(UnreadableFile, match=f"at most {LIMITS.MAX_UPLOAD_REPORTS} reports"):
        expand_upload(
            "many.zip", zipped({f"{i}.csv": b"a" for i in range(LIMITS.MAX_UPLOAD_REPORTS + 1)})
        )
    with pytest.raises(UnreadableFile, match="not a zip file"):
        expand_upload("broken.zip", zipped({"a.csv": b"a,b"})[:20])


def test_progress_text_says_what_it_counts_and_when_a_scan_is_read():
    from review.uploads import progress_text

    assert (
        progress_text("scan.pdf", b"%PDF-1.4", 1, 4, "reading scanned text")
        == "scan.pdf: page 2 of 4, reading scanned text"
    )
    assert progress_text("scan.pdf", b"%PDF-1.4", 4, 4) == "scan.pdf: 4 of 4 pages read"
    assert progress_text("one.pdf", b"%PDF-1.4", 1, 1) == "one.pdf: 1 of 1 page read"
    assert progress_text("r.csv", b"a,b\n1,2\n", 0, 1) == "r.csv: 0 of 1 page read"
