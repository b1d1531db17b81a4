"""Reading a `source_location` back into its parts, and saying it in words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.utils import column_index_from_string

PAGED = re.compile(r"^(?:p(?P<page>\d+) )?t(?P<table>\d+) r(?P<row>\d+) c(?P<col>\d+)$")
CELL = re.compile(r"^(?:(?P<sheet>.*)!)?\$?(?P<letters>[A-Z]{1,3})\$?(?P<number>\d+)$")


@dataclass(frozen=True)
class Location:
    """Where an observation was printed: a page/table/row/column, or a sheet and cell (rows, columns
    1-based)."""

    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None
    ref: str = ""

    @property
    def caption(self) -> str:
        if self.ref:
            return (
                f"Sheet '{self.sheet}', cell {self.ref}"
                if self.sheet is not None
                else f"row {self.row}, column {self.ref.rstrip('0123456789')} (cell {self.ref})"
            )
        if self.row is None:
            return "the place this figure was printed is not recorded"
        where = [f"page {self.page}"] if self.page is not None else []
        return ", ".join(where + [f"table {self.table}", f"row {self.row}", f"column {self.col}"])


def parse_location(text: str) -> Location:
    """`p3 t2 r5 c4`, `t2 r5 c4` (Word), `Summary!D12` (workbook) or `D12` (CSV); an empty Location
    otherwise."""
    text = str(text or "").strip()
    if found := PAGED.match(text):
        page = found["page"]
        return Location(
            int(page) if page else None, int(found["table"]), int(found["row"]), int(found["col"])
        )
    if found := CELL.match(text):
        return Location(
            row=int(found["number"]),
            col=column_index_from_string(found["letters"]),
            sheet=found["sheet"],
            ref=f"{found['letters']}{found['number']}",
        )
    return Location()
