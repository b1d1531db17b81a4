"""The cells a figure was printed in, with the row label and column headers that say what it is.

These functions open the untrusted file, so `review.source_view` runs them only in the bounded
child.

"""

from __future__ import annotations

import io

import pandas as pd

from extractors.csvfile import column_letter
from review.locations import Location

AROUND = (2, 2, 2, 3)  # rows above, below, columns left, right of a workbook cell
MAX_ROW_CELLS = 40  # cells of a printed row shown for Word and CSV files
MAX_HEADER_ROWS = 4  # header rows shown above a figure


def is_heading(text: str) -> bool:
    """Words or a period (a header or a label), not a figure, a dash, a note in a figure's place or
    nothing."""
    from extractors.grid import fold
    from interpreter.printed_periods import find_period
    from interpreter.values import NOTE_WORDS, parse_value

    text = fold(text or "")
    if not text:
        return False
    parsed = parse_value(text)
    return (parsed.kind == "note" and text.lower() not in NOTE_WORDS) or find_period(
        text
    ) is not None


def header_band(above: list[str]) -> list[int]:
    """Indexes of a figure's header rows, given its column's texts from the top down to just above
    it: the run of headings directly above the run of figures (and blanks) the figure is in."""
    at = len(above) - 1
    while at >= 0 and not is_heading(above[at]):
        at -= 1
    band = []
    while at >= 0 and is_heading(above[at]) and len(band) < MAX_HEADER_ROWS:
        band.append(at)
        at -= 1
    return band[::-1]


def label_column(line: dict[int, str], col: int, label: str) -> int | None:
    """The column of a row that prints its label: the cell reading `label`, else the nearest heading
    to the left."""
    from extractors.grid import fold

    printed = [c for c in sorted(line) if c < col and fold(line[c]) == fold(label or "") and label]
    if printed:
        return printed[0]
    return next((c for c in sorted(line, reverse=True) if c < col and is_heading(line[c])), None)


def workbook_cells(content: bytes, where: Location, label: str) -> tuple[pd.DataFrame, tuple]:
    """The cells around a workbook cell, plus its row's label cell and its column's header rows
    (rows by number, columns by letter), read in read-only mode; and where the cell is in them."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = book[where.sheet]
        line = dict(enumerate(_texts(sheet, where.row, where.row, 1, where.col)[0], start=1))
        column = (
            [r[0] for r in _texts(sheet, 1, where.row - 1, where.col, where.col)]
            if where.row > 1
            else []
        )
        rows, cols = _in_view(
            where, [r + 1 for r in header_band(column)], label_column(line, where.col, label)
        )
        block = _texts(sheet, rows[0], rows[-1], cols[0], cols[-1])
    finally:
        book.close()
    values = [[block[r - rows[0]][c - cols[0]] for c in cols] for r in rows]
    cells = pd.DataFrame(values, index=rows, columns=[column_letter(c - 1) for c in cols])
    return cells, (where.row, column_letter(where.col - 1))


def _in_view(
    where: Location, header_rows: list[int], label_col: int | None
) -> tuple[list[int], list[int]]:
    """Sheet rows and columns to show: those around the cell, its header rows and its label
    column."""
    above, below, left, right = AROUND
    first_row, first_col = max(1, where.row - above), max(1, where.col - left)
    rows = sorted({*range(first_row, first_row + above + below + 1), *header_rows})
    cols = sorted(
        {*range(first_col, first_col + left + right + 1), *([label_col] if label_col else [])}
    )
    return rows, cols


def _texts(sheet, first_row: int, last_row: int, first_col: int, last_col: int) -> list[list[str]]:
    """The shown text of a block of cells, padded to its full size."""
    width = last_col - first_col + 1
    lines = [
        [_shown(c) for c in line][:width]
        for line in sheet.iter_rows(
            min_row=first_row, max_row=last_row, min_col=first_col, max_col=last_col
        )
    ]
    lines = [line + [""] * (width - len(line)) for line in lines]
    return lines + [[""] * width for _ in range(last_row - first_row + 1 - len(lines))]


def printed_row_cells(
    content: bytes, name: str, fmt, where: Location
) -> tuple[pd.DataFrame, tuple] | None:
    """The printed row of a Word table or CSV file, read again with the same reader, under the
    table's header rows; None when the table or row is not there."""
    grids = fmt.extract(io.BytesIO(content), name).grids
    grid = next((g for g in grids if where.table in (None, g.index)), None)
    line = _grid_row(grid, where.row) if grid is not None else {}
    if not line:
        return None
    start = max(1, min(where.col - MAX_ROW_CELLS // 2, max(line) - MAX_ROW_CELLS + 1))
    numbers = range(start, min(max(line), start + MAX_ROW_CELLS - 1) + 1)
    header_rows = [
        r + 1
        for r in header_band([_grid_row(grid, r).get(where.col, "") for r in range(1, where.row)])
    ]
    shown = [_grid_row(grid, r) for r in header_rows] + [line]
    name_of = fmt.column_name
    cells = pd.DataFrame(
        [[row.get(c, "") for c in numbers] for row in shown],
        index=[*header_rows, where.row],
        columns=[name_of(c - 1) for c in numbers],
    )
    return cells, (where.row, name_of(where.col - 1))


def _grid_row(grid, row: int) -> dict[int, str]:
    """A grid's 1-based row as {1-based column: text}, spanned cells counted in every row they
    cover."""
    return {c.col + 1: c.text for c in grid.cells if c.row < row <= c.row + c.rowspan}


def _shown(cell) -> str:
    """A workbook cell's value as Excel shows it (percent formats, ISO dates), '' when empty."""
    from extractors.xlsx import display_text

    value = getattr(cell, "value", None)
    return (
        ""
        if value is None
        else display_text(value, getattr(cell, "number_format", None) or "General")
    )
