"""The plain cell grid every extractor produces and the interpreter reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.problems import Problem


def fold(text: object) -> str:
    """Text with every run of whitespace, newlines included, made one space."""
    return " ".join(str(text).split())


@dataclass(frozen=True)
class Cell:
    """One cell of a table as printed: text, place, spans and styling."""

    row: int
    col: int
    text: str
    value: object = None  # typed value when the source stores one (workbook number or date)
    number_format: str = ""
    rowspan: int = 1
    colspan: int = 1
    fill: str = ""  # "#rrggbb" background, blank when none
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points
    ref: str = ""  # workbook cell reference such as "D12"
    confidence: float = 1.0  # below 1 when the text came from OCR


@dataclass
class Grid:
    """One table: its cells plus where it sits and the text printed around it."""

    cells: list[Cell]
    page: int | None = None  # 1-based page number for paged documents
    sheet: str | None = None  # worksheet name for workbooks
    index: int = 1  # table number on its page or sheet, 1-based
    # text lines printed before the table, nearest last
    context: list[str] = field(default_factory=list)
    row_offset: int = 0  # rows above this grid in the table it was cut from
    # columns left of this grid in the table it was cut from (tables side by side)
    col_offset: int = 0

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def location(self, cell: Cell) -> str:
        """Where a cell is, as the observations table writes it."""
        if cell.ref:
            return f"{self.sheet}!{cell.ref}" if self.sheet is not None else cell.ref
        prefix = f"p{self.page} " if self.page is not None else ""
        return (
            f"{prefix}t{self.index} r{cell.row + self.row_offset + 1} "
            f"c{cell.col + self.col_offset + 1}"
        )


@dataclass
class Document:
    """A file turned into grids, with its own text for titles and dates."""

    name: str
    format: str
    grids: list[Grid]
    text: list[str] = field(default_factory=list)  # headings and prose lines, in reading order
    units: int = 0  # pages or sheets read
    ocr_pages: int = 0  # pages whose text was read by OCR
    warnings: list[Problem] = field(default_factory=list)  # what was read only in part
