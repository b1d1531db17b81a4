"""Every number of a table accounted for: read as an observation, known as a derived figure, or
unexplained."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.grid import Grid
from interpreter.flags import OF, TABLE_NUMBERS_NOT_READ
from interpreter.observation import Observation, add_flag
from interpreter.table_layout import Layout, cell_matrix, header_period, is_origin
from interpreter.values import parse_value

LEAST_CONFIDENCE = 0.5  # factor for the rows of a table none of whose numbers could be explained


@dataclass
class TableAccount:
    """How many numbers one table prints and how many of them perfbooks could not read."""

    where: str  # "page 2, table 1" or "sheet Summary, table 1"
    numbers: int
    unexplained: list[str] = field(default_factory=list)  # source locations of the numbers not read

    @property
    def sentence(self) -> str:
        return f"{self.where}: {len(self.unexplained)} of {self.numbers} numbers not read"


def account(grid: Grid, layout: Layout | None, observations: list[Observation]) -> TableAccount:
    """The table's numbers that are neither observations nor in a column of derived figures, codes
    or labels."""
    read = {o.source_location for o in observations}
    rows_read = {_row_of(grid, o.source_location) for o in observations}
    numbers, unexplained = 0, []
    for r, c, cell in _body_cells(grid, layout):
        parsed = parse_value(cell.text, cell.value, cell.number_format)
        if (
            parsed.kind != "number"
            or header_period(cell) is not None
            and parsed.first.value >= 1900
        ):
            continue
        numbers += 1
        where = grid.location(cell)
        if where in read or (OF in parsed.flags and _row_of(grid, where) in rows_read):
            continue
        if layout is not None and (
            c in _explained_columns(layout) or _repeats_code(layout, r, cell)
        ):
            continue
        unexplained.append(where)
    return TableAccount(_where(grid), numbers, unexplained)


def lower_confidence(account_: TableAccount, observations: list[Observation]) -> None:
    """A table with numbers it could not read is trusted less, in proportion."""
    if not account_.unexplained or not account_.numbers:
        return
    factor = max(LEAST_CONFIDENCE, 1 - len(account_.unexplained) / account_.numbers)
    for obs in observations:
        obs.confidence *= factor
        add_flag(obs, TABLE_NUMBERS_NOT_READ)


def _body_cells(grid: Grid, layout: Layout | None):
    """(row, column, cell) of each cell below the header rows, in the layout's orientation, once per
    cell."""
    matrix = layout.matrix if layout is not None else cell_matrix(grid)
    top = layout.header_rows if layout is not None else 0
    transposed = layout.transposed if layout is not None else False
    for r in range(top, len(matrix)):
        for c, cell in enumerate(matrix[r]):
            if cell is not None and is_origin(cell, r, c, transposed):
                yield r, c, cell


def _repeats_code(layout: Layout, r: int, cell) -> bool:
    """A code printed again further down its line (a repeated header row of indicator numbers)."""
    if layout.code_col is None:
        return False
    code = layout.matrix[r][layout.code_col]
    return code is not None and code is not cell and code.text == cell.text


def _explained_columns(layout: Layout) -> set[int]:
    roles = {layout.code_col, layout.unit_col, layout.polarity_col}
    return {
        c for c in [*layout.derived, *layout.ignored, *layout.label_cols, *roles] if c is not None
    }


def _row_of(grid: Grid, location: str) -> str:
    """The printed row of a location: `p1 t1 r5` of `p1 t1 r5 c4`, `Sheet!5` of `Sheet!D5`."""
    if " c" in location:
        return location.rsplit(" c", 1)[0]
    sheet, _, ref = location.rpartition("!")
    return f"{sheet}!{ref.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}"


def _where(grid: Grid) -> str:
    place = (
        f"sheet {grid.sheet}, "
        if grid.sheet is not None
        else f"page {grid.page}, "
        if grid.page is not None
        else ""
    )
    return f"{place}table {grid.index}"
