"""Split a sheet-sized grid into its tables, and peel titles and prose off their tops."""
from __future__ import annotations

from dataclasses import replace

from extractors.grid import Grid
from interpreter.table import cell_matrix

PROSE_CHARS = 90  # a cell this long is a paragraph, not a header or a label


def table_blocks(grid: Grid) -> list[Grid]:
    """The tables in a grid: runs of rows between blank rows, with title and prose rows moved to context."""
    matrix = cell_matrix(grid)
    blocks, run = [], []
    for r, line in enumerate(matrix + [[]]):
        if any(c is not None and (c.text or c.value is not None) for c in line):
            run.append(r)
        elif run:
            blocks.append(run)
            run = []
    out = []
    for rows in blocks:
        sub = _block(grid, matrix, rows, len(out) + 1 if len(blocks) > 1 else grid.index)
        if sub is not None:
            out.append(sub)
    return out


def _is_title_row(line, first_col: int) -> bool:
    """A heading at the left or across the width, or a row of prose, above a table."""
    cells = list({id(c): c for c in line if c is not None and c.text}.values())
    if len(cells) == 1:
        return cells[0].col == first_col or cells[0].colspan * 2 >= len(line)
    return len(cells) == 2 and any(len(c.text) > PROSE_CHARS for c in cells)


def _block(grid: Grid, matrix, rows: list[int], index: int) -> Grid | None:
    context = list(grid.context)
    first_col = min((c.col for c in grid.cells), default=0)
    while rows and _is_title_row(matrix[rows[0]], first_col):
        context.extend(c.text for c in {id(c): c for c in matrix[rows[0]] if c is not None and c.text}.values())
        rows = rows[1:]
    if len(rows) < 2:
        return None
    top, bottom = rows[0], rows[-1]
    cells = [_clip(c, top, bottom) for c in grid.cells if c.row <= bottom and c.row + c.rowspan - 1 >= top]
    return Grid(cells=cells, page=grid.page, sheet=grid.sheet, index=index if grid.sheet is None else grid.index,
                context=context[-8:], row_offset=grid.row_offset + top)


def _clip(cell, top: int, bottom: int):
    start = max(cell.row, top)
    end = min(cell.row + cell.rowspan - 1, bottom)
    return replace(cell, row=start - top, rowspan=end - start + 1)
