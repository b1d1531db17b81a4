"""Split a sheet-sized grid into its tables, and peel titles and prose off their tops."""

from __future__ import annotations

from dataclasses import replace

from extractors.grid import Grid
from interpreter.table_layout import cell_matrix

PROSE_CHARS = 90  # a cell this long is a paragraph, not a header or a label


def table_blocks(grid: Grid) -> list[Grid]:
    """The tables in a grid: runs of rows between blank rows, with title and prose rows moved to
    context."""
    matrix = cell_matrix(grid)
    blocks, run = [], []
    for r, line in enumerate(matrix + [[]]):
        if any(c is not None and (c.text or c.value is not None) for c in line):
            run.append(r)
        elif run:
            blocks.append(run)
            run = []
    parts = [part for rows in blocks for part in _side_by_side(matrix, rows)]
    out = []
    for rows, cols in parts:
        sub = _block(grid, matrix, rows, len(out) + 1 if len(parts) > 1 else grid.index, cols)
        if sub is not None:
            out.append(staggered_columns_joined(sub))
    return out


def staggered_columns_joined(grid: Grid) -> Grid:
    """Columns a word-position rebuild split in two, the heading in one and the figures in the next
    (they never both fill a row, and the heading comes first), joined into one column."""
    matrix = cell_matrix(grid)
    width = len(matrix[0]) if matrix else 0
    target = list(range(width))
    for b in range(1, width):
        a = target[b - 1]
        if _staggered(matrix, a, b):
            target[b] = a
    if target == list(range(width)):
        return grid
    renumber = {old: new for new, old in enumerate(sorted(set(target)))}
    cells = [
        _moved(c, renumber[target[c.col]], renumber[target[c.col + c.colspan - 1]])
        for c in grid.cells
    ]
    return replace(grid, cells=list({(c.row, c.col): c for c in cells}.values()))


def _staggered(matrix, a: int, b: int) -> bool:
    shared = {
        r
        for r, line in enumerate(matrix)
        if line[a] is not None and line[b] is not None and line[a].text == line[b].text
    }
    own_a = [r for r, line in enumerate(matrix) if _own(line, a) and r not in shared]
    own_b = [r for r, line in enumerate(matrix) if _own(line, b) and r not in shared]
    if not own_a or not own_b or set(own_a) & set(own_b) or min(own_a) >= min(own_b):
        return False  # they share a row, or the figures' column starts first
    heading = [r for r in own_a if r < min(own_b)]
    return not any(has_number(matrix[r][a]) for r in heading) and has_number(matrix[min(own_b)][b])


def _own(line, c: int) -> bool:
    """The cell at column c starts there and holds text (not a span from the left)."""
    cell = line[c]
    return (
        cell is not None
        and cell.col == c
        and cell.colspan == 1
        and bool(cell.text or cell.value is not None)
    )


def has_number(cell) -> bool:
    """The cell prints a figure (a period heading such as `Apr-19` is not one)."""
    from interpreter.values import parse_value

    return (
        cell is not None and parse_value(cell.text, cell.value, cell.number_format).kind == "number"
    )


def _moved(cell, first: int, last: int):
    return replace(cell, col=first, colspan=last - first + 1)


def _side_by_side(matrix, rows: list[int]) -> list[tuple[list[int], range | None]]:
    """A run of rows split at empty columns into tables printed side by side; each part after a gap
    must start with a column of labels (text, not numbers; codes may come first), else the gap is
    a spacer inside one table."""
    width = len(matrix[0]) if matrix else 0
    blank = [
        c
        for c in range(width)
        if all(
            matrix[r][c] is None or not (matrix[r][c].text or matrix[r][c].value is not None)
            for r in rows
        )
    ]
    starts = [0] + [
        c + 1
        for c in blank
        if c + 1 < width and c + 1 not in blank and _starts_table(matrix, rows, c + 1)
    ]
    if len(starts) == 1:
        return [(rows, None)]
    ends = starts[1:] + [width]
    return [(rows, range(a, b)) for a, b in zip(starts, ends)]


def _starts_table(matrix, rows: list[int], c: int) -> bool:
    """A column of labels right after the gap, or one after a column of codes."""
    width = len(matrix[0])
    return _labels_at(matrix, rows, c) or (c + 1 < width and _labels_at(matrix, rows, c + 1))


def _labels_at(matrix, rows: list[int], c: int) -> bool:
    texts = [matrix[r][c].text for r in rows if matrix[r][c] is not None and matrix[r][c].text]
    words = [t for t in texts if any(ch.isalpha() for ch in t) and len(t) > 3]
    return len(texts) >= 3 and len(words) * 4 >= len(texts) * 3


def _is_title_row(line, first_col: int, below=None) -> bool:
    """A heading at the left or across the width, or a row of prose, above a table; not a group
    heading (a year over its quarters): a span clear of the label column over two or more of the
    headings of the row below."""
    cells = list({id(c): c for c in line if c is not None and c.text}.values())
    if len(cells) == 1:
        cell = cells[0]
        headed = [
            c
            for c in {id(c): c for c in (below or []) if c is not None and c.text}.values()
            if cell.col <= c.col and c.col + c.colspan <= cell.col + cell.colspan
        ]
        if cell.col > first_col and cell.colspan >= 2 and len(headed) >= 2:
            return False
        return cell.col == first_col or cell.colspan * 2 >= len(line)
    return len(cells) == 2 and any(len(c.text) > PROSE_CHARS for c in cells)


def _block(
    grid: Grid, matrix, rows: list[int], index: int, cols: range | None = None
) -> Grid | None:
    context = list(grid.context)
    span = cols or range(len(matrix[0]) if matrix else 0)
    first_col = span.start if cols is not None else min((c.col for c in grid.cells), default=0)
    while rows and _is_title_row(
        line := [matrix[rows[0]][c] for c in span],
        first_col,
        [matrix[rows[1]][c] for c in span] if len(rows) > 1 else None,
    ):
        context.extend(
            c.text for c in {id(c): c for c in line if c is not None and c.text}.values()
        )
        rows = rows[1:]
    if len(rows) < 2 and (grid.n_rows > 1 or not rows):
        return None  # a one-row grid is kept whole (the rest of a table a page break cut off)
    top, bottom = rows[0], rows[-1]
    cells = [
        _clip(c, top, bottom)
        for c in grid.cells
        if c.row <= bottom and c.row + c.rowspan - 1 >= top
    ]
    if cols is not None:
        cells = [
            _clip_cols(c, cols)
            for c in cells
            if c.col < cols.stop and c.col + c.colspan > cols.start
        ]
    return Grid(
        cells=cells,
        page=grid.page,
        sheet=grid.sheet,
        index=index if grid.sheet is None else grid.index,
        context=context[-8:],
        row_offset=grid.row_offset + top,
        col_offset=grid.col_offset + span.start,
    )


def _clip_cols(cell, cols: range):
    start, end = max(cell.col, cols.start), min(cell.col + cell.colspan, cols.stop)
    return replace(cell, col=start - cols.start, colspan=end - start)


def _clip(cell, top: int, bottom: int):
    start = max(cell.row, top)
    end = min(cell.row + cell.rowspan - 1, bottom)
    return replace(cell, row=start - top, rowspan=end - start + 1)
