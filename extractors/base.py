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


class Format:
    """One input format: how to recognise it and how to turn it into grids."""

    title = ""
    extensions: tuple[str, ...] = ()
    unit = "page"  # what progress counts: page or sheet

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
