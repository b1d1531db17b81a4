"""Bounds on what a reader will take from one untrusted file, checked when they are made.

The entry points (the command line, ingest, the Upload and Review pages through `review`, the
bounded reader) hand one `Limits` down to the readers as an argument; `LIMITS` is the default they
take when given none.

"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    """Tuning knobs for readers; defaults suit a council performance book."""

    MAX_BYTES: int = 100 * 1024 * 1024  # file size on disk
    MAX_PAGES: int = 400  # PDF pages
    MAX_SHEETS: int = 200  # workbook sheets
    MAX_CELLS: int = 2_000_000  # cells in one workbook or document
    MAX_ZIP_MEMBERS: int = 5_000  # entries of a zip (Office file or upload), before it is opened
    MAX_UNZIPPED_BYTES: int = 300 * 1024 * 1024  # decompressed size of an Office file
    MAX_UNZIP_RATIO: int = 200  # unzipped ÷ stored size of a zip member past 1 MB
    MAX_INFLATED_BYTES: int = 1024 * 1024 * 1024  # a PDF's Flate streams once inflated
    MAX_INFLATE_RATIO: int = 1000  # inflated ÷ compressed size of a Flate stream past 64 MB
    MAX_UPLOAD_REPORTS: int = 200  # reports in one uploaded zip
    MAX_SECONDS: float = 300.0  # wall time to read one file
    MAX_INTERPRET_SECONDS: float = 50.0  # wall time to work out the tables of one file once read
    MAX_MEMORY_MB: int = 4096  # address space for the reading process (or the lower limit in force)
    OCR_DPI: int = 300  # resolution scanned pages are read at (small print needs about 300)
    OCR_WORKERS: int = 2  # tesseract processes run at once
    MAX_OCR_PAGES: int = 60  # scanned pages read by OCR in one file

    def __post_init__(self):
        for field in fields(self):
            check(field.name, getattr(self, field.name), field.type == "float")


# the bounds past which a setting no longer makes sense (every other one: any number above 0)
RANGES = {
    "OCR_DPI": (72, 1200),  # below 72 nothing is legible; above 1200 a page is gigapixels
    "OCR_WORKERS": (1, 64),
    "MAX_MEMORY_MB": (256, 1 << 22),  # the readers' own libraries take about 200 MB
    "MAX_UNZIP_RATIO": (2, 100_000),
    "MAX_INFLATE_RATIO": (2, 100_000),
}


def check(name: str, value: object, fractional: bool) -> None:
    """Raise ValueError, in one sentence, unless the value is a number (whole unless `fractional`)
    above 0 and within the setting's range."""
    number = (int, float) if fractional else int
    if isinstance(value, bool) or not isinstance(value, number) or not math.isfinite(value):
        what = "a number" if fractional else "a whole number"
        raise ValueError(f"{name} must be {what}, not {value!r}.")
    low, high = RANGES.get(name, (0, math.inf))
    if not (value > 0 and low <= value <= high):
        within = f"from {low} to {high}" if name in RANGES else "above 0"
        raise ValueError(f"{name} must be {within}, not {value!r}.")


LIMITS = Limits()
