"""Interpret every grid of a document into one deduplicated list of observations."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from extractors.grid import Document, Grid, fold
from interpreter.accounting import TableAccount, account, lower_confidence
from interpreter.blocks import has_number, table_blocks
from interpreter.captions import context_period, context_polarity, table_caption
from interpreter.checks import check_numbers
from interpreter.context import authorities_in, document_authority, stated_report_date
from interpreter.flags import YEAR_FROM_REPORT_DATE
from interpreter.headers import polarity_word
from interpreter.indicator_match import label_indicators
from interpreter.observation import BENCHMARK_MEASURES, Observation, add_flag
from interpreter.table_layout import cell_matrix, read_layout
from interpreter.table_observations import table_observations
from interpreter.taught_layouts import apply_rule, taught_rule
from interpreter.taught_layouts import mark_taught as _mark_taught
from periods import financial_year, financial_year_of, latest_month, ytd

DESCRIPTION = re.compile(r"indicator|description|measure|definition", re.I)
POLARITY_HEADER = re.compile(r"better to be|good perf|polarity|good is", re.I)


def interpret(
    doc: Document,
    authority: str | None = None,
    report_date: date | None = None,
    catalogue=None,
    accounts: list[TableAccount] | None = None,
    rules: dict | None = None,
) -> list[Observation]:
    """Observations of every table in a document, with its authority and vintage settled.

    `catalogue` maps labels to indicators (default: the packaged one; the store passes one with
    learned aliases). `accounts`, when given, receives each table's count of numbers and of those
    not read. `rules` maps table fingerprints to taught layouts
    (`interpreter.taught_layouts.TaughtRule`), read instead of guessing.

    """
    from indicators.catalogue import load_catalogue

    catalogue = catalogue or load_catalogue()
    doc_authority = _resolve(authority) if authority else document_authority(doc.text, doc.name)
    observations, carried, previous = [], ("", None), None
    for number, grid in enumerate(block for g in doc.grids for block in table_blocks(g)):
        taught = taught_rule(grid, rules)
        layout = apply_rule(grid, taught.rule, doc.text) if taught else read_layout(grid)
        if layout is None and not taught and previous is not None:
            # the rest of the table before, its header repeated, read with that table's context
            rest = _repeating(grid, *previous[0])
            layout = read_layout(rest) if rest is not None else None
            grid = rest if layout is not None else grid
        headed = (
            _under_header(grid, *previous[0])
            if layout is None and not taught and previous is not None
            else None
        )
        if headed is not None:
            grid, layout = headed, read_layout(headed)
        if layout is None:
            carried = _description(grid) or carried
            _keep(accounts, account(grid, None, []))
            continue
        table_authority = None if authority else (authorities_in(grid.context) or [None])[0]
        label, polarity = carried

        def names(text: str) -> bool:
            return bool(catalogue.match_label(text).indicator_id)

        caption = label or table_caption(grid.context, names)
        polarity = polarity or context_polarity(grid.context)
        # the rest of the table before, under its header rows or repeating them, takes its caption
        if (
            not caption
            and previous is not None
            and (headed or _continues(grid, layout, previous[0]))
        ):
            caption, polarity = previous[1], polarity or previous[2]
        rows = table_observations(grid, layout, caption, polarity)
        carried, previous = ("", None), ((grid, layout), caption, polarity)
        for obs in rows:
            obs.pending = replace(obs.pending, table=number)
        if taught:
            _mark_taught(doc, grid, taught, rows)
        for obs in rows:
            _set_authority(obs, obs.pending.authority or table_authority or doc_authority)
        _date_undated(rows, context_period(grid.context))
        table = account(grid, layout, rows)
        lower_confidence(table, rows)
        _keep(accounts, table)
        observations.extend(rows)
    vintage = report_date or _latest_period(observations) or stated_report_date(doc.text)
    for obs in observations:
        _settle(obs, vintage, doc.name)
    label_indicators(observations, catalogue)
    check_numbers(observations)
    return deduplicate(observations)


def _continues(grid: Grid, layout, before: tuple) -> bool:
    """True when a table with no caption of its own goes on from the one before: it is the first on
    a later page and repeats that table's header rows (a table printed over a page break, its
    header repeated)."""
    prior, prior_layout = before
    return (
        _after_break(grid, prior)
        and _header_texts(layout) == _header_texts(prior_layout)
        and layout.transposed == prior_layout.transposed
    )


def _after_break(grid: Grid, prior: Grid) -> bool:
    """The grid is the first table of a page after the prior grid's page, not cut from another."""
    return (
        grid.page is not None
        and prior.page is not None
        and grid.page > prior.page
        and grid.index == 1
        and not grid.row_offset
    )


def _repeating(grid: Grid, prior: Grid, prior_layout) -> Grid | None:
    """The grid given the prior grid's context when it is the rest of that table after a page
    break, its header rows repeated (what the lines above the first part state, a year, holds
    for the rest), else None."""
    if prior_layout.transposed or not _after_break(grid, prior):
        return None
    rows = prior_layout.header_rows
    top = [[cell.text if cell else "" for cell in line] for line in cell_matrix(grid)[:rows]]
    if top != _header_texts(prior_layout):
        return None
    return replace(grid, context=list(prior.context))


def _under_header(grid: Grid, prior: Grid, prior_layout) -> Grid | None:
    """A table with no header of its own, its columns where columns of the table just before it
    are (on its page or the one before: the rest of one table after a footnote or a page break,
    perhaps with the columns it leaves blank not printed): the grid under the header rows of that
    table, its cells moved to the columns they lie under, else None."""
    near = grid.page == prior.page or (
        grid.page is not None and prior.page is not None and grid.page == prior.page + 1
    )
    fewer = grid.n_cols < prior.n_cols  # then it must print figures (not a description box)
    if (
        prior_layout.transposed
        or not near
        or grid.n_cols > prior.n_cols
        or (fewer and not any(has_number(c) for c in grid.cells))
    ):
        return None
    moved = _column_map(grid, prior)
    if moved is None:
        return None
    rows = prior_layout.header_rows
    header = [c for c in prior.cells if c.row < rows and c.row + c.rowspan <= rows]
    cells = header + [
        replace(
            c,
            row=c.row + rows,
            col=moved[c.col],
            colspan=moved[c.col + c.colspan - 1] - moved[c.col] + 1,
        )
        for c in grid.cells
    ]
    return replace(grid, cells=cells, row_offset=grid.row_offset - rows)


def _column_map(grid: Grid, prior: Grid) -> dict[int, int] | None:
    """Each column of the grid mapped to the column of the prior grid its figures (else its texts)
    lie over more than over any other (the x-extent of each column's cells), in the same order;
    None when such a cell lies over none, two of one column over different ones, or a cell has no
    position."""
    spans: dict[int, tuple[float, float]] = {}
    for c in prior.cells:
        if c.colspan == 1 and c.text and c.bbox is not None:
            a, b = spans.get(c.col, (c.bbox[0], c.bbox[2]))
            spans[c.col] = (min(a, c.bbox[0]), max(b, c.bbox[2]))
    cells = [c for c in grid.cells if c.colspan == 1 and c.text]
    if not spans or not cells or any(c.bbox is None for c in cells):
        return None

    def overlap(box, span) -> float:
        return min(box[2], span[1]) - max(box[0], span[0])

    moved: dict[int, int] = {}
    for k in sorted({c.col for c in cells}):
        own = [c for c in cells if c.col == k]
        # marks in a column of figures (arrows set between them) do not place it
        basis = [c for c in own if has_number(c)] or own
        under = {max(spans, key=lambda j: overlap(c.bbox, spans[j])) for c in basis}
        if len(under) != 1 or any(overlap(c.bbox, spans[min(under)]) <= 0 for c in basis):
            return None
        moved[k] = under.pop()
    for k in range(grid.n_cols):  # a column of spans or blanks only stays put in a grid as wide
        if k not in moved:
            if grid.n_cols != prior.n_cols:
                return None
            moved[k] = k
    order = [moved[k] for k in range(grid.n_cols)]
    return moved if order == sorted(set(order)) else None


def _header_texts(layout) -> list[list[str]]:
    return [
        [cell.text if cell else "" for cell in line] for line in layout.matrix[: layout.header_rows]
    ]


def _date_undated(rows: list[Observation], period) -> None:
    """Figures whose columns name no period take the one stated just above their table (targets keep
    the report's own year)."""
    if period is None:
        return
    for obs in rows:
        if obs.pending.default_period and obs.measure != "target":
            obs.pending = replace(obs.pending, default_period=False)
            obs.period_type, obs.period_start, obs.period_end = (
                period.type,
                period.start,
                period.end,
            )


def _keep(accounts: list[TableAccount] | None, table: TableAccount) -> None:
    if accounts is not None and table.numbers:
        accounts.append(table)


@dataclass(frozen=True)
class NamedAuthority:
    """An authority the user named that the reference list does not know: its name, no codes."""

    name: str
    new_la_code: str = ""
    old_la_code: str = ""


def _resolve(name: str):
    from authorities import resolve

    return resolve(name) or NamedAuthority(fold(name))


def _set_authority(obs: Observation, authority) -> None:
    if authority is not None:
        obs.authority, obs.la_code, obs.old_la_code = (
            authority.name,
            authority.new_la_code or "",
            str(authority.old_la_code or ""),
        )


def _description(grid: Grid) -> tuple[str, str | None] | None:
    """A two-row 'Indicator Description | Better to be?' box names the table that follows it."""
    m = cell_matrix(grid)
    if len(m) != 2:
        return None
    header, body = [c.text if c else "" for c in m[0]], [c.text if c else "" for c in m[1]]
    label = next((b for h, b in zip(header, body) if DESCRIPTION.search(h) and b), "")
    if not label:
        return None
    polarity = next(
        (polarity_word(b) for h, b in zip(header, body) if POLARITY_HEADER.search(h)), None
    )
    return label, polarity


def _latest_period(observations: list[Observation]) -> date | None:
    ends = [
        o.period_end
        for o in observations
        if o.measure == "actual" and o.value is not None and o.period_type in ("month", "quarter")
    ]
    return max(ends) if ends else None


def _settle(obs: Observation, vintage: date | None, source_file: str) -> None:
    obs.report_date, obs.source_file = vintage, source_file
    if obs.pending.ytd:
        fy = (
            obs.pending.ytd_year
            if obs.pending.ytd_year is not None
            else (financial_year_of(vintage) if vintage else None)
        )
        if fy is not None:
            p = ytd(fy, vintage)
            obs.period_type, obs.period_start, obs.period_end = p.type, p.start, p.end
    elif (
        obs.period_type == "financial_year"
        and obs.measure == "actual"
        and vintage
        and obs.period_start <= vintage < obs.period_end
    ):
        p = ytd(obs.period_start.year, vintage)  # a year not yet over when the report was written
        obs.period_type, obs.period_start, obs.period_end = p.type, p.start, p.end
    elif obs.pending.bare_month and vintage:
        p = latest_month(obs.pending.bare_month, vintage)
        obs.period_type, obs.period_start, obs.period_end = p.type, p.start, p.end
        obs.confidence *= 0.9
        add_flag(obs, YEAR_FROM_REPORT_DATE)
    elif obs.pending.default_period and vintage:
        p = financial_year(financial_year_of(vintage))
        obs.period_type, obs.period_start, obs.period_end = p.type, p.start, p.end
        obs.confidence *= 0.9


def _keys(obs: Observation) -> tuple[list[tuple], list[tuple]]:
    """The keys a figure is looked up by, and those it is kept under. A benchmark whose table names
    no period matches the same benchmark of any period; a dated one only the same period's (or an
    undated one's later)."""
    undated = obs.measure in BENCHMARK_MEASURES and obs.pending.default_period
    periods = [("", "")] if undated else [(obs.period_type, obs.period_start, obs.period_end)]
    value = round(obs.value, 3) if obs.value is not None else obs.note.lower()
    names = (
        [("id", obs.indicator_id)] if obs.indicator_id else [("label", obs.indicator_label.lower())]
    )
    # a row's code that is its authority's own code (a benchmarking table's) names no indicator
    if obs.code and obs.code.split()[0] not in (obs.old_la_code, obs.la_code):
        names.append(("code", obs.code.split()[0]))
    lookup = [
        (obs.authority, obs.measure, period, value) + name for period in periods for name in names
    ]
    any_period = [(obs.authority, obs.measure, ("", ""), value) + name for name in names]
    kept = lookup + (any_period if obs.measure in BENCHMARK_MEASURES and not undated else [])
    return lookup, kept


def deduplicate(observations: list[Observation]) -> list[Observation]:
    """The same number printed twice in one report (summary and detail) is kept once, first place
    first; equal figures in two rows of one table are two figures."""
    seen: dict[tuple, Observation] = {}
    out = []
    for obs in observations:
        lookup, keys = _keys(obs)
        kept = next((seen[k] for k in lookup if k in seen and not _other_row(seen[k], obs)), None)
        if kept is not None:
            _complete(kept, obs)
            continue
        seen.update((k, obs) for k in keys)
        out.append(obs)
    return out


def _other_row(kept: Observation, obs: Observation) -> bool:
    """True for two figures in different printed rows of one table (a count's rate and the rate's
    own row)."""
    same_table = kept.pending.table is not None and kept.pending.table == obs.pending.table
    return same_table and kept.pending.row != obs.pending.row


def _complete(kept: Observation, copy: Observation) -> None:
    """Take from a second printing what the first left out (counts behind a percentage, a note)."""
    if kept.numerator is None and copy.numerator is not None:
        kept.numerator, kept.denominator = copy.numerator, copy.denominator
    kept.note = kept.note or copy.note
