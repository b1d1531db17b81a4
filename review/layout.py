"""How each table of a pending upload was read, and the reader's corrections of it (issue 11: teach
a layout).

A correction is a `LayoutRule` for the table's fingerprint; `with_layout` reads the whole document
again with it, so the observations, their periods and the unexplained count follow.

"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

import pandas as pd

from extractors.bounded import run_bounded
from extractors.limits import LIMITS, Limits
from interpreter.blocks import table_blocks
from interpreter.observation import UNITS as CONTRACT_UNITS
from interpreter.table_layout import cell_matrix, read_layout, text
from interpreter.taught_layouts import (
    ColumnRule,
    LayoutRule,
    TaughtRule,
    fingerprint,
    header_texts,
    rule_of,
)
from pipeline import interpret_document
from review.pending import PendingDocument, authority_of, with_indicator

PERIOD_WORDS = {
    "header": "as its header reads",
    "fy_month": "month n of the title's year (header M1..M12)",
    "report_year": "the report's financial year",
}
UNITS = ["", *CONTRACT_UNITS]


@dataclass(frozen=True)
class Reading:
    """One table of the upload: where it is, its fingerprint and the rule it is read with."""

    where: str
    fingerprint: str
    grid: object
    rule: LayoutRule | None
    taught: bool  # read with a rule a person set (now or before)
    unexplained: int
    numbers: int


def readings(doc: PendingDocument, rules: dict[str, TaughtRule]) -> list[Reading]:
    """Every table of the document with the rule in force: the reader's, the store's, else the
    interpreter's."""
    document = doc.result.document
    if document is None:
        return []
    counts = {t.where: t for t in doc.result.tables}
    out = []
    for grid in (b for g in document.grids for b in table_blocks(g)):
        fp, where = fingerprint(grid), _where(grid)
        stored = rules.get(fp)
        rule = doc.layouts.get(fp) or (stored.rule if stored else None) or _guess(grid)
        account = counts.get(where)
        out.append(
            Reading(
                where,
                fp,
                grid,
                rule,
                fp in doc.layouts or stored is not None,
                len(account.unexplained) if account else 0,
                account.numbers if account else 0,
            )
        )
    return [r for r in out if r.rule is not None]


def _guess(grid) -> LayoutRule | None:
    layout = read_layout(grid)
    return rule_of(layout) if layout is not None else None


def _where(grid) -> str:
    from interpreter.accounting import _where as where

    return where(grid)


def reoriented(grid, rule: LayoutRule, transposed: bool) -> LayoutRule:
    """Periods across or down: the other orientation starts with one header row, labels in the first
    column and every other column an actual figure, its period as its header reads."""
    if transposed == rule.transposed:
        return rule
    width = grid.n_rows if transposed else grid.n_cols
    return LayoutRule(
        transposed, 1, (0,), {c: ColumnRule("actual") for c in range(1, width)}, unit=rule.unit
    )


def with_columns(rule: LayoutRule, columns: list[int], measure: str, period: str) -> LayoutRule:
    """These columns set to hold this measure ("ignore": not read), their periods read this way."""
    changed = {c: ColumnRule(measure, period) for c in columns}
    roles = {
        name: None
        if getattr(rule, name) in changed and measure != "ignore"
        else getattr(rule, name)
        for name in ("code_col", "unit_col", "polarity_col")
    }
    return replace(rule, columns={**rule.columns, **changed}, **roles)


def with_roles(rule: LayoutRule, header_rows: int, label_col: int, unit: str) -> LayoutRule:
    """Header rows, the label column and the table's unit; the label column holds no figures."""
    columns = {c: r for c, r in rule.columns.items() if c != label_col}
    return replace(
        rule, header_rows=header_rows, label_cols=(label_col,), columns=columns, unit=unit
    )


def with_layout(
    doc: PendingDocument,
    fp: str,
    rule: LayoutRule,
    rules: dict[str, TaughtRule],
    catalogue,
    limits: Limits = LIMITS,
) -> PendingDocument:
    """The document read again with the reader's rule for tables of this fingerprint (and the
    store's for the rest); the authority and the labels the reader chose stay. The tables are
    worked out again in the bounded child, as at upload (UnreadableFile with one sentence when
    that fails or takes longer than MAX_INTERPRET_SECONDS)."""
    layouts = {**doc.layouts, fp: rule}
    unsaved = {
        f: TaughtRule(0, f, r, "", "")
        for f, r in layouts.items()
        if f not in rules or rules[f].rule != r
    }
    taught = {**rules, **unsaved}
    authority = authority_of(doc) or None
    work = partial(interpret_document, doc.result.document, authority, None, catalogue, taught)
    result = run_bounded(work, doc.name, interpreting=True, limits=limits)
    new = replace(doc, result=result, layouts=layouts, confirmed={})
    for label, indicator_id in doc.confirmed.items():
        new = with_indicator(new, label, indicator_id, catalogue)
    return new


def grid_frame(reading: Reading) -> pd.DataFrame:
    """The table as printed, in the rule's orientation, each row named header or row."""
    matrix = cell_matrix(reading.grid)
    if reading.rule.transposed:
        matrix = [list(col) for col in zip(*matrix)]
    names = [
        f"header {r + 1}" if r < reading.rule.header_rows else f"row {r + 1}"
        for r in range(len(matrix))
    ]
    return pd.DataFrame(
        [[text(c) for c in line] for line in matrix],
        index=names,
        columns=[f"{c}" for c in range(len(matrix[0]) if matrix else 0)],
    )


def columns_frame(reading: Reading) -> pd.DataFrame:
    """Each column: its header, what it is (label, code, unit, polarity, figures or not read),
    measure and period."""
    rule, rows = reading.rule, []
    roles = {
        rule.code_col: "code",
        rule.unit_col: "unit",
        rule.polarity_col: "polarity",
        **{c: "label" for c in rule.label_cols},
    }
    for c, header in enumerate(header_texts(reading.grid, rule)):
        col = rule.columns.get(c)
        read = col is not None and col.measure != "ignore"
        rows.append(
            {
                "column": c,
                "header": header,
                "holds": roles.get(c) or ("figures" if read else "not read"),
                "measure": col.measure if read else "",
                "period": PERIOD_WORDS.get(col.period, "") if read else "",
            }
        )
    return pd.DataFrame(rows)
