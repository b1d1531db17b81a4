"""Reading observations back: every vintage, the current figure, and the revisions between
reports."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from store.backends import Backend
from store.documents import STORED_COLUMNS
from store.withdrawals import NOT_WITHDRAWN

ENGLAND = "E92000001"
SOURCES = {"reports": "report", "published": "published"}
# One figure: who, what, which measure and which period, from reports or from publications.
FIGURE = (
    "COALESCE(NULLIF(o.la_code, ''), o.authority), COALESCE(NULLIF(o.indicator_id, ''), "
    "o.indicator_label), "
    "o.measure, o.period_type, o.period_start, o.period_end, d.source"
)


@dataclass(frozen=True)
class Selection:
    """Which observations: the command line's and the Data page's filters."""

    source: str = "all"  # reports | published | all
    vintage: str = "current"  # current | all
    authority: str | None = None  # a name, variant or code
    indicator: str | None = None  # an indicator id
    comparators: bool = False  # with an authority: also its region's and England's figures
    ends_between: tuple | None = None  # (first, last) dates: only periods ending inside them
    indicators: tuple[str, ...] | None = None  # any of these indicator ids
    authorities: tuple[str, ...] | None = None  # any of these authorities (names or codes)

    def __post_init__(self):
        if self.source not in ("all", *SOURCES):
            raise ValueError(f"source must be reports, published or all, not {self.source!r}")
        if self.vintage not in ("current", "all"):
            raise ValueError(f"vintage must be current or all, not {self.vintage!r}")


def observations(db: Backend, selection: Selection = Selection()) -> pd.DataFrame:
    """The selected observations in the contract's columns, then document_id and source."""
    chosen, params = _chosen(selection)
    frame = db.frame(f"SELECT * FROM ({chosen}) AS chosen ORDER BY document_id, row_number", params)
    return frame.drop(columns=["vintage_rank", "row_number"], errors="ignore")


def indicator_ids(db: Backend, selection: Selection = Selection()) -> list[str]:
    """The indicator ids the selected observations hold, most observations first (the selectors'
    order), counted in the database rather than read back row by row."""
    chosen, params = _chosen(selection)
    # ties in the order the rows come (as pandas' value_counts keeps them)
    sql = (
        "SELECT indicator_id FROM (SELECT indicator_id, ROW_NUMBER() OVER (ORDER BY document_id, "
        f"row_number) AS position FROM ({chosen}) AS chosen) AS placed "
        "WHERE COALESCE(indicator_id, '') <> '' "
        "GROUP BY indicator_id ORDER BY COUNT(*) DESC, MIN(position)"
    )
    return list(db.frame(sql, params)["indicator_id"])


def _chosen(selection: Selection) -> tuple[str, list]:
    """(the query of the selected rows, its parameters): every vintage, or the current figure."""
    where, params = _where(selection)
    columns = ", ".join(f"o.{c}" for c in STORED_COLUMNS)
    if selection.vintage == "all":
        return (
            f"SELECT {columns}, o.document_id, o.row_number, d.source FROM observations o JOIN "
            f"documents d USING (document_id) {where}",
            params,
        )
    return (
        f"""SELECT * FROM (SELECT {columns}, o.document_id, o.row_number, d.source,
                    ROW_NUMBER() OVER (PARTITION BY {FIGURE} ORDER BY o.report_date DESC NULLS LAST,
                    CASE WHEN o.value IS NULL THEN 1 ELSE 0 END, o.document_id DESC, o.row_number)
                    AS vintage_rank
                    FROM observations o JOIN documents d USING (document_id) {where}) AS ranked
                    WHERE vintage_rank = 1""",
        params,
    )


def revisions(
    db: Backend, authority: str | None = None, indicator: str | None = None
) -> pd.DataFrame:
    """Every reported figure that a later report printed differently: both values, both vintages,
    the change."""
    where, params = _where(
        Selection(source="reports", vintage="all", authority=authority, indicator=indicator)
    )
    sql = f"""
    WITH per_vintage AS (
        SELECT * FROM (SELECT o.authority, o.la_code, o.indicator_id, o.indicator_label, o.measure,
        o.period_type,
               o.period_start, o.period_end, o.unit, o.value, o.report_date, o.source_file,
               o.source_location,
               ROW_NUMBER() OVER (PARTITION BY {FIGURE}, o.report_date
                                  ORDER BY o.document_id DESC, o.row_number) AS pick
               FROM observations o JOIN documents d USING (document_id) {where} AND o.value IS NOT
               NULL
               AND o.report_date IS NOT NULL) AS picked WHERE pick = 1),
    sequenced AS (
        SELECT *, LAG(value) OVER w AS earlier_value, LAG(report_date) OVER w AS
        earlier_report_date,
               LAG(source_file) OVER w AS earlier_source_file
        FROM per_vintage WINDOW w AS (PARTITION BY {_KEY} ORDER BY report_date))
    SELECT authority, la_code, indicator_id, indicator_label, measure, period_type, period_start,
    period_end, unit,
           earlier_report_date, earlier_value, report_date AS later_report_date, value AS
           later_value,
           value - earlier_value AS change,
           CASE WHEN earlier_value <> 0 THEN 100.0 * (value - earlier_value) / ABS(earlier_value)
           END AS change_pct,
           earlier_source_file, source_file AS later_source_file, source_location AS
           later_source_location
    FROM sequenced WHERE earlier_value IS NOT NULL AND value <> earlier_value
    ORDER BY authority, indicator_id, indicator_label, measure, period_start, later_report_date"""
    return db.frame(sql, params)


_KEY = (
    "COALESCE(NULLIF(la_code, ''), authority), COALESCE(NULLIF(indicator_id, ''), "
    "indicator_label), "
    "measure, period_type, period_start, period_end"
)


def _where(selection: Selection) -> tuple[str, list]:
    clauses, params = [NOT_WITHDRAWN], []
    if selection.source != "all":
        clauses.append("d.source = ?")
        params.append(SOURCES[selection.source])
    if selection.indicator:
        clauses.append("o.indicator_id = ?")
        params.append(selection.indicator)
    if selection.indicators is not None:
        clauses.append(
            f"o.indicator_id IN ({_marks(selection.indicators)})"
            if selection.indicators
            else "FALSE"
        )
        params += list(selection.indicators)
    if selection.ends_between:
        clauses.append("o.period_end BETWEEN ? AND ?")
        params += [pd.Timestamp(d).date() for d in selection.ends_between]
    if selection.authority:
        clause, values = _authority_clause(selection.authority, selection.comparators)
        clauses.append(clause)
        params += values
    if selection.authorities is not None:
        found = [_authority_clause(a, selection.comparators) for a in selection.authorities]
        clauses.append("(" + (" OR ".join(c for c, _ in found) or "FALSE") + ")")
        params += [v for _, values in found for v in values]
    return "WHERE " + " AND ".join(clauses), params


def _authority_clause(authority: str, comparators: bool) -> tuple[str, list]:
    """The condition for one authority's rows (by every code it has had, or by name)."""
    codes = _authority_codes(authority, comparators)
    if codes:
        return f"o.la_code IN ({_marks(codes)})", codes
    # an authority the reference list does not know: its name as the reports print it
    return "LOWER(o.authority) = ?", [authority.strip().lower()]


def _authority_codes(text: str, comparators: bool = False) -> list[str]:
    """The ONS codes that mean this authority (none when the reference list lacks it), and with
    `comparators` its region's and England's."""
    from authorities import resolve
    from authorities.lookup import index
    from authorities.names import name_key

    found = resolve(text)
    if found is None:
        return []
    # a council whose code changed keeps its figures
    same_name = index().get(name_key(found.name), (found,))
    codes = [a.new_la_code for a in same_name] + (
        [found.region_code, ENGLAND] if comparators else []
    )
    return list(dict.fromkeys(c for c in codes if c))


def _marks(values: list) -> str:
    return ", ".join("?" for _ in values)
