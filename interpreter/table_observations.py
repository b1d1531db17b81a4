"""Turn one laid-out table into observations."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.grid import Cell, Grid
from interpreter.flags import (
    COMPARATOR,
    COUNT_BESIDE_PERCENT,
    OF,
    PAIR,
    PER_PERIOD,
    SUFFIX,
    TOLERANCE,
)
from interpreter.headers import measure_of, polarity_word, unit_word
from interpreter.observation import Observation, Pending
from interpreter.table_layout import (
    MIN_AUTHORITY_ROWS,
    Column,
    Layout,
    authority_named,
    is_origin,
    text,
)
from interpreter.values import Number, ParsedValue, parse_value
from periods import financial_year, month_in_year, months_before, quarter_of_fy

GENERIC_LABEL = re.compile(
    r"^(?:no\.?|number|num|rate|%|percentage|value|actual|actuals|outturn|result|performance|figure|count|"
    r"this year|current "
    r"year|data)?\s*(?:\((?:no\.?|rate|%|number|count)\))?$",
    re.I,
)
LAST_YEAR = re.compile(
    (
        r"^(?:same (?:month|quarter|period|time) (?:last|previous|prior) "
        r"year|(?:last|previous|prior) "
        r"year(?: same (?:month|quarter|period))?)$"
    ),
    re.I,
)
N_OF_N = re.compile(r"[a-z]{1,2}\.?\s*of\s*[a-z]{1,2}\.?", re.I)  # a sub-heading: `n of N`
TOLERANCE_WORDS = re.compile(r"\b(red|amber|green|yellow)\b", re.I)


@dataclass
class RowInfo:
    """What the label side of one data row says."""

    label: str
    code: str
    unit: str | None
    polarity: str | None
    measure: str | None
    group: int
    # the row's own label cell, before a comparator row borrows the label above it
    printed: str = ""
    # a "Same month last year" row holds figures of twelve months before its column
    months_back: int = 0
    authority: object = None  # the authority a row of a benchmarking table names


def is_generic(label: str) -> bool:
    return bool(GENERIC_LABEL.match(label.strip()))


def row_infos(layout: Layout, carried_label: str = "") -> list[tuple[int, RowInfo]]:
    """The label, code, unit, polarity and group of each data row."""
    m, out, last_label = layout.matrix, [], ""
    if layout.transposed:
        m = _fill_group_headers(m, layout)
    for r in range(layout.header_rows, len(m)):
        cells = [m[r][c] for c in layout.label_cols if m[r][c] is not None]
        parts = list(dict.fromkeys(x.text for x in cells if x.text))
        label = " - ".join(parts) if layout.transposed else (parts[0] if parts else "")
        printed, measure = label, None
        if (
            not layout.transposed
            and label
            and len(label.split()) <= 5
            and measure_of(label)
            and (last_label or carried_label)
        ):
            # a comparator row under a label (or opening the rest of a captioned table)
            measure, label = measure_of(label), last_label or carried_label
        months_back = 12 if LAST_YEAR.match(label) else 0
        if (is_generic(label) or months_back) and carried_label:
            label = carried_label
        last_label = label if measure is None and label else last_label
        group = (_heading_group(cells) if layout.transposed else id(cells[-1])) if cells else r
        out.append(
            (
                r,
                RowInfo(
                    label,
                    _at(m, r, layout.code_col),
                    unit_word(_at(m, r, layout.unit_col)) if layout.unit_col is not None else None,
                    polarity_word(_at(m, r, layout.polarity_col))
                    if layout.polarity_col is not None
                    else None,
                    measure,
                    group,
                    printed,
                    months_back=months_back,
                ),
            )
        )
    return authority_rows(out, carried_label) if not layout.transposed else out


def _heading_group(cells) -> int:
    """The heading a transposed row shares with the rows of the same indicator: the name printed
    once over its sub-headings (`n of N`, `%`) when the row's own heading is such a short one, else
    its own heading (a section heading over several indicators groups nothing)."""
    texts = [c for c in cells if c.text]
    if not texts:
        return id(cells[0])
    own = texts[-1]
    if len(texts) >= 2 and (unit_word(own.text) or N_OF_N.fullmatch(own.text.strip())):
        return id(texts[-2])
    return id(own)


def _fill_group_headers(m, layout: Layout):
    """Periods down the rows: an indicator name (or code) printed once over its sub-columns (`n of
    N`, `%`) names each sub-column, as a merged cell would; CSV and Word tables leave the cells
    after it empty."""
    names = [*layout.label_cols, *([layout.unit_col] if layout.unit_col is not None else [])]
    if len(names) < 2:
        return m
    # the sub-heading (`n of N`, `%`, `Number`) is the header line nearest the figures
    sub = max(names)
    cols = [c for c in [layout.code_col, *names] if c is not None and c != sub]
    m = [list(line) for line in m]
    for r in range(layout.header_rows + 1, len(m)):
        if _new_code(m, r, layout.code_col):
            continue  # a sub-column under a code of its own is another indicator
        for c in cols:
            if m[r][c] is None and m[r][sub] is not None and m[r - 1][sub] is not None:
                m[r][c] = m[r - 1][c]
    return m


def _new_code(m, r: int, code_col: int | None) -> bool:
    """True when line r prints a code and it differs from the line before's."""
    if code_col is None or m[r][code_col] is None or not m[r][code_col].text:
        return False
    return m[r - 1][code_col] is None or m[r - 1][code_col].text != m[r][code_col].text


def authority_rows(rows: list[tuple[int, RowInfo]], caption: str) -> list[tuple[int, RowInfo]]:
    """In a table whose rows are mostly authorities (a benchmarking table), each such row holds that
    authority's figures of the table's caption, and comparator rows (neighbour average, region,
    England) the report's own. A captioned table whose every labelled row names an authority is
    one too, however few (the rows a page break leaves above the rest), and so is one of
    comparator rows only (the rows a page break leaves below the rest)."""
    named = {r: a for r, info in rows if (a := authority_named(info.printed))}
    # comparators aside
    labelled = [info for _, info in rows if info.printed and not measure_of(info.printed)]
    comparators = len(labelled) < sum(1 for _, info in rows if info.printed)
    only_authorities = caption and len(named) == len(labelled) and (named or comparators)
    if not only_authorities and (
        len({a.name for a in named.values()}) < MIN_AUTHORITY_ROWS or 2 * len(named) < len(labelled)
    ):
        return rows
    out = []
    for r, info in rows:
        if r in named:
            info = replace(info, authority=named[r], measure=None, label=caption or info.label)
        elif measure := (measure_of(info.printed) if info.printed else None) or info.measure:
            info = replace(info, measure=measure, label=caption or info.label)
        out.append((r, info))
    return out


def _at(m, r: int, c: int | None) -> str:
    return text(m[r][c]) if c is not None else ""


def table_observations(
    grid: Grid, layout: Layout, carried_label: str = "", carried_polarity: str | None = None
) -> list[Observation]:
    """Every number (or note in a number's place) in the table's value columns."""
    out: list[Observation] = []
    rows = row_infos(layout, carried_label)
    for col in layout.columns:
        cells = []
        for r, info in rows:
            cell = layout.matrix[r][col.index]
            if cell is not None and is_origin(cell, r, col.index, layout.transposed):
                cells.append((info, cell, parse_value(cell.text, cell.value, cell.number_format)))
        for info, cell, parsed in merge_of_and_percent(cells):
            out.extend(cell_observations(grid, col, info, cell, parsed, carried_polarity))
    return out


def merge_of_and_percent(cells):
    """'206 of 492' beside '41.9%' under one label becomes one percentage with numerator and
    denominator."""
    by_group: dict[int, list] = {}
    for item in cells:
        by_group.setdefault(item[0].group, []).append(item)
    for items in by_group.values():
        ofs = [i for i in items if OF in i[2].flags]
        pcts = [
            i
            for i in items
            if i[2].kind == "number" and OF not in i[2].flags and i[2].first and i[2].first.percent
        ]
        if len(ofs) == 1 and len(pcts) == 1:
            pcts[0][2].numerator, pcts[0][2].denominator = (
                ofs[0][2].numerator,
                ofs[0][2].denominator,
            )
            items.remove(ofs[0])
        elif pcts and len(items) == 2:
            for _, _, parsed in items:
                if parsed.kind == "number" and parsed.first and not parsed.first.percent:
                    parsed.flags |= {COUNT_BESIDE_PERCENT}
        yield from items


def cell_observations(
    grid: Grid, col: Column, info: RowInfo, cell: Cell, parsed: ParsedValue, polarity: str | None
) -> list[Observation]:
    if parsed.kind in ("empty", "dash"):
        return []
    # "591 LAC" in a row with no label of its own
    own_words = SUFFIX in parsed.flags and not info.printed
    label = (
        col.leaf if col.indicator else (parsed.suffix if own_words else info.label) or parsed.suffix
    )
    if not label:
        return []
    if SUFFIX in parsed.flags and not own_words:
        parsed = ParsedValue("note", note=cell.text)
    base = Observation(
        indicator_label=label,
        measure=info.measure or col.measure,
        note="",
        unit=info.unit or "",
        polarity=info.polarity or polarity or "",
        source_location=grid.location(cell),
        code=info.code,
        confidence=cell.confidence,
        bbox=cell.bbox,
        pending=Pending(row=cell.row, authority=info.authority or col.authority),
    )
    _set_period(base, col, info.months_back)
    prefix = _note_prefix(col)
    if parsed.kind in ("note", "range"):
        base.note = f"{prefix}{parsed.note}"
        return [base]
    return [_numbered(base, n, parsed, prefix, i) for i, n in enumerate(parsed.numbers)]


def _note_prefix(col: Column) -> str:
    if col.measure != "target":
        return ""
    word = TOLERANCE_WORDS.search(col.leaf)
    if word and word.group(1).lower() in ("red", "amber", "yellow"):
        return f"{word.group(1).title()} tolerance: "
    return f"{col.leaf}: " if word else ""


def _numbered(
    base: Observation, number: Number, parsed: ParsedValue, prefix: str, index: int
) -> Observation:
    obs = replace(base)
    obs.value = number.value
    obs.numerator, obs.denominator = parsed.numerator, parsed.denominator
    if PAIR in parsed.flags:
        obs.unit = (
            "rate_per_10k" if number.role == "rate" else ("percent" if number.percent else "count")
        )
    elif number.percent:
        obs.unit = "percent"
    elif COUNT_BESIDE_PERCENT in parsed.flags:
        obs.unit, obs.note = "count", "count printed beside the percentage"
    if parsed.note and parsed.flags & {COMPARATOR, TOLERANCE, PER_PERIOD}:
        obs.note = f"{prefix}{parsed.note}"
    if OF in parsed.flags and parsed.numbers and parsed.numbers[0] is number:
        obs.confidence *= 0.9  # percentage worked out from the printed counts
    obs.flags = parsed.flags
    return obs


def _set_period(obs: Observation, col: Column, months_back: int = 0) -> None:
    leaf, parent = col.period, col.parent_period
    if months_back and leaf and leaf.period and leaf.period.type in ("month", "quarter"):
        _assign(obs, months_before(leaf.period, months_back))
        return
    fy = (
        parent.period.start.year
        if parent and parent.period and parent.period.type == "financial_year"
        else None
    )
    if leaf and leaf.period and not leaf.ytd:
        _assign(obs, leaf.period)
    elif leaf and leaf.quarter and fy is not None:
        _assign(obs, quarter_of_fy(fy, leaf.quarter))
    elif leaf and leaf.month:
        year = (
            parent.period
            if parent
            and parent.period
            and parent.period.type in ("financial_year", "calendar_year")
            else None
        )
        if year is not None:
            _assign(obs, month_in_year(year, leaf.month))
        else:
            obs.pending = replace(obs.pending, bare_month=leaf.month)
    elif leaf and leaf.ytd:
        fy = leaf.period.start.year if leaf.period else fy
        obs.pending = replace(obs.pending, ytd=True, ytd_year=fy)
    elif parent and parent.period:
        _assign(
            obs,
            parent.period
            if parent.period.type != "financial_ytd"
            else financial_year(parent.period.start.year),
        )
    else:
        obs.pending = replace(obs.pending, default_period=True)


def _assign(obs: Observation, period) -> None:
    obs.period_type, obs.period_start, obs.period_end = period.type, period.start, period.end
