"""The formats in detection order, and the one entry point that reads any file."""

from __future__ import annotations

import io
from typing import BinaryIO

from extractors.base import Format, Progress, no_progress
from extractors.csvfile import CsvFormat
from extractors.docx import DocxFormat
from extractors.errors import UnreadableFile
from extractors.grid import Document
from extractors.limits import LIMITS, Limits
from extractors.pdf import PdfFormat
from extractors.problems import problem
from extractors.xlsx import XlsxFormat

FORMATS: list[type[Format]] = [PdfFormat, XlsxFormat, DocxFormat, CsvFormat]
# file names perfbooks reads
SUFFIXES = frozenset(f".{extension}" for fmt in FORMATS for extension in fmt.extensions)


def format_of(key: str, name: str = "") -> type[Format] | None:
    """The format a document was read as (its `Document.format`), else the one its file name's
    extension names; None when neither is known."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return next((f for f in FORMATS if f.key == key), None) or next(
        (f for f in FORMATS if extension in f.extensions), None
    )


def detect_format(head: bytes, name: str) -> type[Format]:
    """The format whose signature the file's first bytes carry, whatever its name says."""
    for fmt in FORMATS:
        if fmt.detect(head, name):
            return fmt
    raise UnreadableFile(problem("unknown_format", name))


def read_document(
    fp: BinaryIO, name: str, progress: Progress = no_progress, limits: Limits = LIMITS
) -> Document:
    """Read any supported file into grids within the limits; problems raise UnreadableFile with
    one plain sentence."""
    data = fp.read(limits.MAX_BYTES + 1)
    if len(data) > limits.MAX_BYTES:
        raise UnreadableFile(problem("too_big", name, mb=limits.MAX_BYTES // 2**20))
    if not data:
        raise UnreadableFile(problem("empty", name))
    fmt = detect_format(data[:4096], name)
    return fmt.extract(io.BytesIO(data), name, progress, limits)
