"""Delimited text files (.csv, .tsv, .txt): the whole file becomes one grid."""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

from openpyxl.utils import get_column_letter

from extractors.base import TABLE_ROW, Format, Progress, no_progress
from extractors.errors import UnreadableFile
from extractors.grid import Cell, Document, Grid, fold
from extractors.limits import LIMITS, Limits
from extractors.problems import problem

DELIMITERS = ",;\t|"
SNIFF_CHARS = 64 * 1024  # text the delimiter is guessed from
TEXT_LINES = 5  # lines whose cells enter Document.text
# bytes no text file holds (tab, newlines, form feed, DOS EOF allowed)
CONTROL_BYTES = set(range(32)) - {9, 10, 12, 13, 26}
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode Text" export


class CsvFormat(Format):
    key = "csv"
    title = "CSV file"
    extensions = ("csv", "tsv", "txt")
    unit = "page"
    located_by, preview = "row", TABLE_ROW

    @classmethod
    def column_name(cls, col: int) -> str:
        return column_letter(col)

    @classmethod
    def detect(cls, head: bytes, name: str) -> bool:
        named = "." in name and name.lower().rsplit(".", 1)[-1] in cls.extensions
        return named and (head.startswith(UTF16_BOMS) or not CONTROL_BYTES.intersection(head))

    @classmethod
    def extract(
        cls, fp: BinaryIO, name: str, progress: Progress = no_progress, limits: Limits = LIMITS
    ) -> Document:
        text = decode(fp.read())
        rows = _rows(text, name, limits.MAX_CELLS)
        cells = [
            Cell(row=r, col=c, text=t, ref=f"{column_letter(c)}{r + 1}")
            for r, row in enumerate(rows)
            for c, raw in enumerate(row)
            if (t := fold(raw))
        ]
        lines = [
            " ".join(c.text for c in cells if c.row == r) for r in range(min(TEXT_LINES, len(rows)))
        ]
        progress(1, 1)
        return Document(
            name=name,
            format=cls.key,
            grids=[Grid(cells=cells)],
            text=[line for line in lines if line],
            units=1,
        )


def decode(data: bytes) -> str:
    """The file's text: UTF-16 when it has that mark, else UTF-8, else Windows-1252, else
    Latin-1."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _rows(text: str, name: str, most: int) -> list[list[str]]:
    """The file split into rows of fields, refusing files with more than `most` cells."""
    rows, width = [], 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), sniff_dialect(text, name)):
            rows.append(row)
            width = max(width, len(row))
            if len(rows) * width > most:
                raise UnreadableFile(problem("too_many_cells", name, most=most))
    except csv.Error as exc:
        raise UnreadableFile(problem("bad_csv", name, why=exc)) from None
    return rows


def sniff_dialect(text: str, name: str):
    """The CSV dialect guessed from the start of the text; a comma (a tab for .tsv) when unclear."""
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel_tab if name.lower().endswith(".tsv") else csv.excel
    dialect.doublequote = True  # the sniffer turns this off when the sample has no "" inside quotes
    return dialect


def column_letter(col: int) -> str:
    """Spreadsheet column letters for a 0-based column: 0 -> A, 26 -> AA."""
    return get_column_letter(col + 1)
