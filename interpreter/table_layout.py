"""Read a grid's layout: which way periods run, which rows are headers, what each column holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.grid import Cell, Grid
from interpreter.headers import (
    BENCHMARK_HEADING,
    is_derived,
    is_metadata,
    measure_of,
    polarity_word,
    squash,
    unit_word,
)
from interpreter.printed_periods import PeriodMatch, find_period
from interpreter.values import parse_value

STRONG_DERIVED = re.compile(
    r"\bdot\b|direction|\brag\b|change|\bvs\.?\b|\brank|\bmax|\bmin(?:imum)?\b|\bdiff|variance|movement|accumulation",
    re.I,
)
CODE = re.compile(
    r"^(?:[A-Z]{0,5}\d{1,3}(?:\.\d{1,2})?[a-z]?(?:[-_][A-Z]{1,4})?(?:\s*\([a-z]{1,5}\))?|\d{1,2}\.\d{1,2})$"
)
MAX_HEADER_ROWS = 8
# distinct authorities down the rows that make a benchmarking or comparison table
MIN_AUTHORITY_ROWS = 3


@dataclass
class Column:
    """What one value column of a table holds."""

    index: int
    path: list[str]  # header texts from top to bottom
    measure: str
    period: PeriodMatch | None
    parent_period: PeriodMatch | None
    leaf: str
    authority: object = None  # the authority a column of a comparison table names
    # the header names this column's indicator (authorities down the rows, no period)
    indicator: bool = False


@dataclass
class Layout:
    """A grid read as header rows over label columns and value columns."""

    matrix: list[list[Cell | None]]
    transposed: bool
    header_rows: int
    columns: list[Column]
    label_cols: list[int]
    code_col: int | None = None
    unit_col: int | None = None
    polarity_col: int | None = None
    ignored: list[int] = field(default_factory=list)
    # columns of derived figures (change, DoT, rank, average)
    derived: list[int] = field(default_factory=list)


def authority_named(label: str):
    """The authority a label names exactly (letters needed: a bare number is a code, not a name)."""
    from authorities import resolve

    return resolve(label) if re.search(r"[A-Za-z]{3}", label or "") else None


def cell_matrix(grid: Grid) -> list[list[Cell | None]]:
    """Rows of cells, each spanning cell repeated over every position it covers."""
    matrix: list[list[Cell | None]] = [[None] * grid.n_cols for _ in range(grid.n_rows)]
    for cell in grid.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                matrix[r][c] = cell
    return matrix


def is_origin(cell: Cell, r: int, c: int, transposed: bool) -> bool:
    return (cell.col, cell.row) == (r, c) if transposed else (cell.row, cell.col) == (r, c)


def text(cell: Cell | None) -> str:
    return cell.text if cell is not None else ""


def header_period(cell: Cell | None) -> PeriodMatch | None:
    """The period a short header cell names (long prose is never a header)."""
    if cell is None or (not cell.text and cell.value is None):
        return None
    found = find_period(cell.text, cell.value)
    if found is None or len(found.rest.split()) > 4:
        return None
    return found


def _header_hits(line: list[Cell | None], measures: bool) -> int:
    """How many cells of a line read as headers; 0 when plain numbers outnumber them (a data
    line)."""
    distinct = [
        c
        for c in {id(c): c for c in line if c is not None}.values()
        if c.text or c.value is not None
    ]
    hits = sum(
        1
        for c in distinct
        if header_period(c)
        or (measures and len(c.text) < 40 and (measure_of(c.text) or authority_named(c.text)))
    )
    numbers = sum(
        1
        for c in distinct
        if parse_value(c.text, c.value, c.number_format).kind == "number" and not header_period(c)
    )
    return hits if hits > numbers else 0


def _axis_score(lines: list[list[Cell | None]], limit: int) -> int:
    return max((_header_hits(line, False) for line in lines[:limit]), default=0)


def read_layout(grid: Grid) -> Layout | None:
    """The layout of a grid, transposing it when periods run down the rows; None when it has no time
    axis."""
    matrix = cell_matrix(grid)
    if not matrix or not matrix[0]:
        return None
    transposed_matrix = [list(col) for col in zip(*matrix)]
    across, down = _axis_score(matrix, MAX_HEADER_ROWS), _axis_score(transposed_matrix, 4)
    transposed = down > across
    use = transposed_matrix if transposed else matrix
    header_rows = _header_rows(use)
    if header_rows is None:
        return _comparison(matrix, grid.context)
    return _columns(use, transposed, header_rows) or _comparison(matrix, grid.context)


def _comparison(matrix, context: list[str]) -> Layout | None:
    """A table of authorities down the rows and one indicator per column, its year stated above it
    ("Comparison with statistical neighbours, 2018-19"): each column with figures is that
    indicator's."""
    from interpreter.captions import context_period

    body = matrix[1:]
    if len(matrix[0]) < 2 or context_period(context) is None:
        return None
    labelled = [line[0].text for line in body if line[0] is not None and line[0].text]
    names = {a.name for label in labelled if (a := authority_named(label))}
    # fewer authorities only when every row names one (the first rows of a table a page break cut)
    if len(names) < MIN_AUTHORITY_ROWS and (len(names) < 2 or len(names) < len(labelled)):
        return None
    columns = [
        Column(c, [text(matrix[0][c])], "actual", None, None, text(matrix[0][c]), indicator=True)
        for c in range(1, len(matrix[0]))
        if _indicator_heading(matrix, c)
    ]
    if not columns:
        return None
    return Layout(matrix, False, 1, columns, label_cols=[0])


def _indicator_heading(matrix, c: int) -> bool:
    """A column headed by words (not a derived figure) over figures."""
    head = text(matrix[0][c])
    if (
        not re.search(r"[A-Za-z]{3}", head)
        or is_metadata(head)
        or is_derived(head)
        or STRONG_DERIVED.search(squash(head))
    ):
        return False
    return any(
        line[c] is not None
        and parse_value(line[c].text, line[c].value, line[c].number_format).kind == "number"
        for line in matrix[1:]
    )


def _header_rows(matrix) -> int | None:
    last = None
    for r, line in enumerate(matrix[:MAX_HEADER_ROWS]):
        if _header_hits(line, True) >= (1 if r == 0 else 2):
            last = r
    return None if last is None else last + 1


def _path(matrix, header_rows: int, c: int) -> list[str]:
    path: list[str] = []
    for r in range(header_rows):
        t = text(matrix[r][c])
        if t and (not path or path[-1] != t):
            path.append(t)
    return path


def _column(matrix, header_rows: int, c: int) -> Column | None:
    cells = [matrix[r][c] for r in range(header_rows)]
    path = _path(matrix, header_rows, c)
    if not path:
        return None
    leaf = path[-1]
    periods = [header_period(cell) for cell in cells if cell is not None]
    periods = [p for p in periods if p]
    if is_metadata(leaf) or any(STRONG_DERIVED.search(squash(p)) for p in path):
        return Column(c, path, "ignore", None, None, leaf)
    if not periods and (authority := authority_named(leaf)) is not None:
        return Column(c, path, "actual", None, None, leaf, authority)
    measure = measure_of(leaf) or next((m for m in map(measure_of, reversed(path[:-1])) if m), None)
    leaf_period = header_period(cells[-1])  # the bottom header row names this column's own period
    parent = next((p for p in reversed(periods[:-1] if leaf_period else periods) if p.period), None)
    if measure == "target" and parent and BENCHMARK_HEADING.search(parent.rest):
        parent = None  # a target is the report's year's, not the year of the benchmarks beside it
    if measure is None:
        if is_derived(leaf) or not periods:
            return Column(c, path, "ignore", None, None, leaf)
        measure = "actual"
    return Column(c, path, measure, leaf_period, parent, leaf)


def _fill_year_groups(matrix, header_rows: int):
    """A year printed once over its quarters or months (`2019/20` above `Q1 Q2 Q3 Q4`) names each of
    them, as a merged cell would; CSV and Word tables leave the cells after it empty."""
    matrix = [list(line) for line in matrix]
    bottom = header_rows - 1
    for r in range(bottom):
        for c in range(1, len(matrix[r])):
            left, leaf = matrix[r][c - 1], header_period(matrix[bottom][c])
            if (
                text(matrix[r][c])
                or left is None
                or leaf is None
                or (leaf.period and leaf.period.type == "financial_year")
            ):
                continue
            year = header_period(left)
            if year and year.period and year.period.type == "financial_year":
                matrix[r][c] = left
    return matrix


def _columns(matrix, transposed: bool, header_rows: int) -> Layout | None:
    if header_rows > 1:
        matrix = _fill_year_groups(matrix, header_rows)
    n_cols = len(matrix[0])
    columns = [col for c in range(n_cols) if (col := _column(matrix, header_rows, c))]
    value_cols = [col for col in columns if col.measure != "ignore"]
    if not value_cols:
        return None
    first = value_cols[0].index
    layout = Layout(matrix, transposed, header_rows, value_cols, label_cols=[])
    layout.derived = [col.index for col in columns if col.measure == "ignore" and _known_other(col)]
    _label_roles(layout, range(first))
    return layout


def _known_other(col: Column) -> bool:
    """A column read as no measure because its header names a derived figure or a note, not for want
    of a period."""
    return (
        is_derived(col.leaf)
        or is_metadata(col.leaf)
        or any(STRONG_DERIVED.search(squash(p)) for p in col.path)
    )


def _share(cells: list[Cell], test) -> float:
    texts = [c.text for c in cells if c is not None and c.text]
    return sum(1 for t in texts if test(t)) / len(texts) if texts else 0.0


def _label_roles(layout: Layout, candidates) -> None:
    m, h = layout.matrix, layout.header_rows
    scored = []
    for c in candidates:
        header = " ".join(_path(m, h, c)).lower()
        body = [m[r][c] for r in range(h, len(m))]
        if (
            re.search(r"good perf|better to be|polarity", header)
            or _share(body, polarity_word) >= 0.6
        ):
            layout.polarity_col = c
        elif (
            re.search(r"\bunit|outturn type|data note|measure type|\btype\b", header)
            or _share(body, unit_word) >= 0.6
        ):
            layout.unit_col = c
        elif (
            re.fullmatch(r"(no\.?|code|ref\.?|id|#)", header.strip())
            or _share(body, lambda t: bool(CODE.match(t))) >= 0.6
        ):
            layout.code_col = c
        elif re.search(r"owner|outcome|\blead\b|comment|notes?\b", header):
            layout.ignored.append(c)
        else:
            texts = [x.text for x in {id(x): x for x in body if x is not None}.values() if x.text]
            if texts:
                scored.append((c, sum(map(len, texts)) / len(texts)))
    if layout.transposed:
        layout.label_cols = [c for c, _ in scored]
    elif scored:
        layout.label_cols = [max(scored, key=lambda s: s[1])[0]]
