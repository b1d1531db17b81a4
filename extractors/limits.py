"""Bounds on what a reader will take from one untrusted file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Tuning knobs for readers; defaults suit a council performance book."""

    MAX_BYTES: int = 100 * 1024 * 1024  # file size on disk
    MAX_PAGES: int = 400  # PDF pages
    MAX_SHEETS: int = 200  # workbook sheets
    MAX_CELLS: int = 2_000_000  # cells in one workbook or document
    MAX_UNZIPPED_BYTES: int = 300 * 1024 * 1024  # decompressed size of an Office file
    MAX_INFLATED_BYTES: int = 1024 * 1024 * 1024  # a PDF's Flate streams once inflated
    MAX_SECONDS: float = 300.0  # wall time to read one file
    MAX_INTERPRET_SECONDS: float = 50.0  # wall time to work out the tables of one file once read
    MAX_MEMORY_MB: int = 4096  # address space for the reading process (or the lower limit in force)
    OCR_DPI: int = 300  # resolution scanned pages are read at (small print needs about 300)
    OCR_WORKERS: int = 2  # tesseract processes run at once
    MAX_OCR_PAGES: int = 60  # scanned pages read by OCR in one file


LIMITS = Limits()
