"""Byte-identical output on every build: fixed timestamps inside Office zips and PDFs."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

STAMP = datetime(2024, 1, 1, tzinfo=UTC)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def new_workbook():
    """An openpyxl workbook whose document properties are the same on every build."""
    from openpyxl import Workbook

    book = Workbook()
    book.properties.creator = "perfbooks samples"
    book.properties.created = STAMP.replace(tzinfo=None)
    return book


def save_workbook(book, path: Path) -> Path:
    """Save the workbook with fixed zip entry times; returns `path`."""
    book.save(path)
    fix_office_zip(path)
    return path


def fix_office_zip(path: Path) -> None:
    """Rewrite an .xlsx/.docx with fixed entry times and fixed created/modified properties."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = CORE_DATES.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
