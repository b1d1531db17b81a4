"""The interface every file format implements."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from extractors.grid import Document
from extractors.limits import LIMITS, Limits

# (units done, units in all[, what the next unit is getting]): pages or sheets
Progress = Callable[..., None]
# the `doing` of a page being read by OCR (given only then; callbacks may take 2 args)
SCANNED = "reading scanned text"


def no_progress(done: int, total: int, doing: str = "") -> None:
    """Progress callback that reports nothing."""


# How the review shows where a value was printed, declared by each format
PAGE_IMAGE = "page image"  # the rendered page with the value's box outlined
SHEET_CELLS = "sheet cells"  # the worksheet cells around the value's cell
TABLE_ROW = "table row"  # the value's row of the table under its header rows


class Format:
    """One input format: how to recognise it, how to turn it into grids, and how the review shows
    a value's place in it."""

    key = ""  # the format's name, as Document.format records it
    title = ""
    extensions: tuple[str, ...] = ()
    unit = "page"  # what progress counts: page or sheet
    located_by = "page"  # the part of a value's location a preview needs (page, sheet or row)
    preview = PAGE_IMAGE

    @classmethod
    def column_name(cls, col: int) -> str:
        """How the preview names a 0-based column."""
        return f"column {col + 1}"

    @classmethod
    def detect(cls, head: bytes, name: str) -> bool:
        """True when the first bytes (and, as a tie-breaker, the name) look like this format."""
        raise NotImplementedError

    @classmethod
    def extract(
        cls, fp: BinaryIO, name: str, progress: Progress = no_progress, limits: Limits = LIMITS
    ) -> Document:
        """Read a binary file object into a Document of grids, within the limits."""
        raise NotImplementedError
