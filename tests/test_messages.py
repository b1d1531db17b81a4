"""Sentences that give the real reason: bombs, backslashed zip members, the upload limit."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest

from extractors.errors import UnreadableFile
from extractors.limits import LIMITS
from extractors.registry import read_document
from review.uploads import expand_upload

ROOT = Path(__file__).resolve().parent.parent


def workbook_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Indicator", "Jan-17"])
    book.active.append(["Number of referrals", 450])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zipped(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_office_zip_bomb_is_too_large_when_unpacked():
    """A decompression bomb was said to be 'damaged or not the kind of file its name says'."""
    with zipfile.ZipFile(io.BytesIO(workbook_bytes())) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["xl/media/zeros.bin"] = b"\0" * (50 * 2**20)
    with pytest.raises(UnreadableFile, match="^bomb.xlsx is too large when unpacked"):
        read_document(io.BytesIO(zipped(parts)), "bomb.xlsx")


def test_upload_zip_members_named_with_backslashes_are_read():
    """Windows zip tools write 'Reports\\rotherham.csv': the folder stayed in the name, folders were
    'files'."""
    upload = zipped(
        {
            "Reports\\": b"",
            "Reports\\rotherham_2017-01.csv": b"Indicator,Jan-17\nReferrals,4\n",
            "Reports\\.DS_Store": b"x",
            "Reports\\notes.pptx": b"x",
        }
    )
    reports, skipped = expand_upload("reports.zip", upload)
    assert [name for name, _ in reports] == ["rotherham_2017-01.csv"]
    assert skipped == [
        "notes.pptx in reports.zip was skipped: perfbooks reads PDF, Excel, Word and CSV files."
    ]


def test_an_office_file_whose_parts_use_backslashes_says_so():
    """Its parts were not found, so it was 'not an Excel workbook (it may be another kind of file
    renamed)'."""
    with zipfile.ZipFile(io.BytesIO(workbook_bytes())) as archive:
        parts = {n.replace("/", "\\"): archive.read(n) for n in archive.namelist()}
    with pytest.raises(
        UnreadableFile,
        match="^book.xlsx was saved by a program that names its parts with backslashes",
    ):
        read_document(io.BytesIO(zipped(parts)), "book.xlsx")


def test_the_upload_limit_is_the_readers():
    """The app took 200 MB uploads into memory and then refused anything over the reader's 100
    MB."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == LIMITS.MAX_BYTES
