"""How far an authority is from each benchmark, in the indicator's unit and in children (or
assessments, plans).

For a rate per 10,000 children: children = gap × under-18 population ÷ 10,000, with the ONS mid-year
estimate of the year the financial year starts (mid-2015 for 2015-16, as the DfE's own rates use).
For a count the gap is already in children; for a percentage, gap ÷ 100 × the denominator the figure
was worked out from. A flow (a rate, count or share of events in a financial year, `analyses.flows`)
is also given per month (÷ 12); a count at a moment (as at 31 March) and a cohort's share (care
leavers) have no per-month figure.

"""

from __future__ import annotations

import pandas as pd

from analyses.flows import is_cohort, is_flow
from authorities import all_authorities, resolve
from periods import financial_year_start


def children_for_rate(gap_per_10k: float, population: float) -> float:
    """Children a gap in a rate per 10,000 amounts to: gap × population ÷ 10,000."""
    return gap_per_10k * population / 10_000


def authority_codes(authority: str) -> set[str]:
    """Every code an authority is known by: its DfE code and each ONS code it has had (Barnsley:
    370, E08000016, E08000038); just the text when the reference list does not know it."""
    found = resolve(authority)
    if found is None:
        return {authority}
    same = [
        a for a in all_authorities() if found.old_la_code and a.old_la_code == found.old_la_code
    ]
    return {c for a in [found, *same] for c in (a.new_la_code, a.old_la_code) if c}


def population_of(population: pd.DataFrame, authority: str, year: int) -> tuple[float, int | None]:
    """(children aged 0-17, year used) for an authority (name or code) from a population table
    (la_code, year, population_0_17): that year's estimate, else the nearest year held; (NaN,
    None) when there is none."""
    codes = authority_codes(authority)
    mine = population[population["la_code"].isin(codes)]
    if "old_la_code" in population:
        mine = population[population["la_code"].isin(codes) | population["old_la_code"].isin(codes)]
    if mine.empty:
        return float("nan"), None
    nearest = mine.iloc[(mine["year"].astype(int) - year).abs().argsort()].iloc[0]
    return float(nearest["population_0_17"]), int(nearest["year"])


def gap_table(benchmarks: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """`benchmark_table` rows (one authority's) with the change that would bring it to each
    comparator (`change_needed` = comparator − value, in the unit; negative means fewer) and what
    that is in `children` (in the year, or at the date for a count at a moment) and
    `children_per_month`, with `children_note` saying how (see the module note)."""
    out = benchmarks.copy()
    out["change_needed"] = out["comparator_value"] - out["value"]
    fy_first = {p: financial_year_start(p) for p in out["period"].dropna().unique()}
    known = {
        (a, p): population_of(population, a, fy_first[p]) if p in fy_first else (float("nan"), None)
        for a, p in set(zip(out["authority"], out["period"]))
    }
    found = [known[(a, p)] for a, p in zip(out["authority"], out["period"])]
    out["population"] = [f[0] for f in found]
    out["population_year"] = pd.array([f[1] for f in found], dtype="Int64")
    made = [_children(r, r.get("denominator")) for r in out.to_dict("records")]
    out["children"] = [m[0] for m in made]
    out["children_per_month"] = [m[1] for m in made]
    out["children_note"] = [m[2] for m in made]
    return out


def _children(row: dict, denominator: float | None) -> tuple[float, float, str]:
    change, unit = row["change_needed"], row["unit"]
    if pd.isna(change):
        return float("nan"), float("nan"), ""
    if unit == "rate_per_10k":
        if pd.isna(row["population"]):
            return float("nan"), float("nan"), "no population estimate for the authority"
        n, how = (
            children_for_rate(change, row["population"]),
            f"gap × {row['population']:,.0f} children ÷ 10,000",
        )
    elif unit == "count":
        n, how = float(change), "the gap is a count"
    elif unit == "percent" and pd.notna(denominator) and denominator:
        n, how = change / 100 * denominator, f"gap ÷ 100 × {denominator:,.0f} (the denominator)"
    else:
        return float("nan"), float("nan"), f"not in children: no denominator for a {unit} figure"
    if is_cohort(row["indicator_id"]):
        return n, float("nan"), f"{how}; a cohort of children, not a flow, so no per-month figure"
    if not is_flow(row["indicator_id"], row["period_type"]):
        return n, float("nan"), f"{how}; a count at a moment, so no per-month figure"
    return n, n / 12, f"{how}; per month = per year ÷ 12"
