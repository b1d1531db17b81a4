"""Layouts taught by a person: a table's fingerprint, the rule that reads it, and the Layout a rule
builds."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field

from extractors.grid import Grid, fold
from interpreter.flags import PAIR, layout_rule
from interpreter.observation import MEASURES, add_flag
from interpreter.printed_periods import PeriodMatch, find_period
from interpreter.table_layout import (
    MAX_HEADER_ROWS,
    Column,
    Layout,
    _column,
    _path,
    cell_matrix,
    header_period,
    text,
)
from interpreter.values import parse_value
from periods import month_in_year

MEASURES = (*MEASURES, "ignore")  # a column a taught layout leaves unread
# as its header reads | month n of the title's year | the report's year
PERIOD_KINDS = ("header", "fy_month", "report_year")
FY_MONTH = r"M(\d{1,2})"  # `M1` .. `M12`: month 1 (April) to 12 (March) of the financial year


@dataclass(frozen=True)
class ColumnRule:
    """What one value column holds: its measure (or "ignore") and how its period is read."""

    measure: str = "actual"
    period: str = "header"  # one of PERIOD_KINDS
    # for fy_month: the header's month number of the financial year, as group 1
    pattern: str = FY_MONTH


@dataclass(frozen=True)
class LayoutRule:
    """How a family's table is read; columns not named in `columns` are not read."""

    transposed: bool
    header_rows: int
    label_cols: tuple[int, ...]
    columns: dict[int, ColumnRule] = field(default_factory=dict)
    code_col: int | None = None
    unit_col: int | None = None
    polarity_col: int | None = None
    unit: str = ""  # the unit of every figure of the table ("" as printed)

    def to_json(self) -> str:
        body = asdict(self)
        body["columns"] = {str(c): asdict(r) for c, r in self.columns.items()}
        return json.dumps(body, sort_keys=True)


@dataclass(frozen=True)
class TaughtRule:
    """A rule as the store keeps it: which tables it reads, who taught it and when."""

    id: int
    fingerprint: str
    rule: LayoutRule
    taught_by: str
    taught_at: str  # ISO date

    @property
    def flag(self) -> str:
        return layout_rule(self.id)

    def sentence(self, where: str) -> str:
        if not self.id:  # a correction made in Review, not yet remembered
            return f"{where} read with the layout corrected here (not yet remembered)"
        return f"{where} read with the layout taught on {self.taught_at[:10]} by {self.taught_by}"


def rule_from_json(body: str) -> LayoutRule:
    data = json.loads(body)
    columns = {int(c): ColumnRule(**r) for c, r in data.pop("columns").items()}
    return LayoutRule(**{**data, "label_cols": tuple(data["label_cols"]), "columns": columns})


def _token(cell) -> str:
    """A cell's text with numbers and periods abstracted: next month's headers read the same."""
    if cell is None:
        return ""
    if (
        parse_value(cell.text, cell.value, cell.number_format).kind == "number"
        and header_period(cell) is None
    ):
        return "#"
    found = find_period(cell.text, cell.value)
    words = (found.rest if found is not None else cell.text).lower()
    return ("<period> " if found is not None else "") + re.sub(r"\d+(?:[.,]\d+)*", "#", fold(words))


def fingerprint(grid: Grid) -> str:
    """A table's width and its header band (the rows above its first row of numbers), numbers and
    periods abstracted."""
    matrix = cell_matrix(grid)
    width = len(matrix[0]) if matrix else 0
    band = []
    for line in matrix[:MAX_HEADER_ROWS]:
        tokens = [_token(c) for c in line]
        if "#" in tokens and band:
            break
        band.append(tokens)
    return hashlib.sha256(json.dumps([width, band]).encode()).hexdigest()[:16]


def fits(grid: Grid, rule: LayoutRule) -> bool:
    """The rule names only rows and columns the table has."""
    rows, cols = (grid.n_cols, grid.n_rows) if rule.transposed else (grid.n_rows, grid.n_cols)
    named = [
        *rule.columns,
        *rule.label_cols,
        *(c for c in (rule.code_col, rule.unit_col, rule.polarity_col) if c is not None),
    ]
    return rule.header_rows < rows and all(0 <= c < cols for c in named)


def apply_rule(grid: Grid, rule: LayoutRule, titles: list[str] = ()) -> Layout:
    """The Layout a rule describes for this table; `titles` (the document's headings) may name its
    year."""
    matrix = cell_matrix(grid)
    if rule.transposed:
        matrix = [list(col) for col in zip(*matrix)]
    year = _context_year(grid.context) or _context_year(list(titles)[:15][::-1])
    columns = [
        _rule_column(matrix, rule.header_rows, c, r, year)
        for c, r in sorted(rule.columns.items())
        if r.measure != "ignore"
    ]
    roles = {
        *rule.label_cols,
        rule.code_col,
        rule.unit_col,
        rule.polarity_col,
        *(c for c in rule.columns),
    }
    ignored = [
        c
        for c in range(len(matrix[0]) if matrix else 0)
        if c not in roles or rule.columns.get(c, ColumnRule()).measure == "ignore"
    ]
    return Layout(
        matrix,
        rule.transposed,
        rule.header_rows,
        columns,
        list(rule.label_cols),
        rule.code_col,
        rule.unit_col,
        rule.polarity_col,
        ignored=ignored,
    )


def _rule_column(matrix, header_rows: int, c: int, rule: ColumnRule, year) -> Column:
    path = _path(matrix, header_rows, c) or [""]
    read = _column(matrix, header_rows, c) if header_rows else None
    column = Column(c, path, rule.measure, None, None, path[-1])
    if rule.period == "header" and read is not None:
        column.period, column.parent_period = read.period, read.parent_period
    elif rule.period == "fy_month" and (n := _month_number(path[-1], rule.pattern)):
        month = (n + 2) % 12 + 1  # month 1 of the financial year is April
        column.period = (
            PeriodMatch(month_in_year(year, month), "")
            if year
            else PeriodMatch(None, "", month=month)
        )
    return column


def _month_number(header: str, pattern: str) -> int | None:
    m = re.search(pattern, header or "", re.I)
    return int(m.group(1)) if m and m.groups() and 1 <= int(m.group(1)) <= 12 else None


def _context_year(context: list[str]):
    """The financial year the titles above the table name (`Performance report 2016/17`)."""
    for line in reversed(context):
        for piece in re.findall(r"(?:19|20)\d\d\s*[/-]\s*\d{2,4}", line):
            found = find_period(piece)
            if found and found.period and found.period.type == "financial_year":
                return found.period
    return None


def rule_of(layout: Layout) -> LayoutRule:
    """The interpreter's own reading of a table, as a rule a person can correct."""
    columns = {col.index: ColumnRule(col.measure) for col in layout.columns}
    columns.update({c: ColumnRule("ignore") for c in layout.derived if c not in columns})
    return LayoutRule(
        layout.transposed,
        layout.header_rows,
        tuple(layout.label_cols),
        columns,
        layout.code_col,
        layout.unit_col,
        layout.polarity_col,
    )


def header_texts(grid: Grid, rule: LayoutRule) -> list[str]:
    """Each column's header path as one line, in the rule's orientation."""
    matrix = cell_matrix(grid)
    if rule.transposed:
        matrix = [list(col) for col in zip(*matrix)]
    width = len(matrix[0]) if matrix else 0
    return [
        " › ".join(_path(matrix, rule.header_rows, c)) or text(matrix[0][c]) for c in range(width)
    ]


def taught_rule(grid: Grid, rules: dict | None) -> TaughtRule | None:
    """The taught rule whose fingerprint is this table's, when it fits the table."""
    taught = (rules or {}).get(fingerprint(grid)) if rules else None
    return taught if taught is not None and fits(grid, taught.rule) else None


def mark_taught(doc, grid: Grid, taught: TaughtRule, rows) -> None:
    """Each observation says which rule read it (and takes the rule's unit); the document warns once
    per table."""
    from interpreter.accounting import _where

    for obs in rows:
        add_flag(obs, taught.flag)
        if taught.rule.unit and PAIR not in obs.flags:
            obs.unit = taught.rule.unit
    doc.warnings.append(taught.sentence(_where(grid)))
