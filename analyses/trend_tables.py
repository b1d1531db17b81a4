"""Many trend tables at once: every authority's series of every indicator in a frame, judged in one
pass over it, as `analyses.trends.trend_table(..., details=False)` judges one series (the scorecard
needs two dozen, and each call spent its time in small pandas steps).

Each step of `trend_table` is done for all (authority, indicator) pairs together: the unit, the
polarity and the period type are picked per pair by counting (ties as `value_counts` orders them),
the series is sorted and made one row per period once, the latest report's target rows are read
into bands once, and RAG and direction are worked out row by row over the whole frame.

"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analyses.rag import direction, rag_status
from analyses.style import direction_label, rag_label
from analyses.target_bands import EDGES, band_from_rules
from analyses.trends import FINEST_FIRST, PERIOD_KEY, TREND_COLUMNS, judgement, movement
from indicators import load_catalogue
from periods import period_label

PAIR = ["authority", "indicator_id"]
JUDGED = ["high", "low", "within_range"]


def trend_tables(
    observations: pd.DataFrame,
    period_types: Mapping[str, str | None],
    all_vintages: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One frame of TREND_COLUMNS holding, for each authority and each indicator of `period_types`
    (indicator -> period type, None for the one with most values), exactly the rows of
    `trend_table(its observations, indicator, period type, all_vintages=its rows of all_vintages,
    details=False)`; rows by authority and indicator, then by period. A pair without values of its
    period type has no rows."""
    rows = observations[
        observations["indicator_id"].isin(list(period_types)) & observations["authority"].notna()
    ]
    actuals = rows[rows["measure"] == "actual"]
    units, polarity = _units(actuals), _polarities(rows)
    actuals = actuals[actuals["unit"] == _per_row(actuals, units, "")]
    wanted = _per_row(actuals, _period_types(actuals, period_types), "")
    series = _one_per_period(actuals[actuals["period_type"] == wanted])
    table = series.assign(
        unit=_per_row(series, units, ""),
        polarity=_per_row(series, polarity, "info"),
        note=series["note"].fillna(""),
    )
    table["period"] = [
        period_label(t, s, e)
        for t, s, e in zip(table["period_type"], table["period_start"], table["period_end"])
    ]
    targets = _current_targets(rows if all_vintages is None else all_vintages, period_types)
    table = _judged(table, _bands_found(table, _bands(targets, polarity)))
    return table.reindex(columns=TREND_COLUMNS).reset_index(drop=True)


def _per_row(frame: pd.DataFrame, per_pair: dict, default: str) -> list[str]:
    """Each row's value of a per-(authority, indicator) dict (`default` for a pair it lacks)."""
    return [per_pair.get(pair, default) for pair in zip(frame["authority"], frame["indicator_id"])]


def _commonest(frame: pd.DataFrame, column: str) -> dict:
    """(authority, indicator) -> the commonest value of `column` among the pair's rows (blanks left
    out), the first printed on a tie, as `value_counts` orders them."""
    counted = _counted(frame, column).sort_values(["n", "first"], ascending=[False, True])
    return counted.drop_duplicates(PAIR).set_index(PAIR)[column].to_dict()


def _counted(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """How often each (authority, indicator, value of `column`) occurs and where it first does."""
    printed = frame[column].notna().to_numpy()
    present = frame.loc[printed, [*PAIR, column]].assign(_at=np.flatnonzero(printed))
    grouped = present.groupby([*PAIR, column], sort=False)["_at"]
    return grouped.agg(n="size", first="min").reset_index()


def _units(actuals: pd.DataFrame) -> dict:
    """(authority, indicator) -> `series_unit` of the pair's actual rows: the catalogue's unit when
    the rows have it, else the commonest."""
    catalogue = load_catalogue()
    counted = _counted(actuals, "unit")
    printed = set(zip(counted["authority"], counted["indicator_id"], counted["unit"]))
    listed = {
        i: catalogue.indicator(i).unit for i in set(actuals["indicator_id"]) & set(catalogue.ids())
    }
    return {
        (a, i): listed[i] if (a, i, listed.get(i)) in printed else unit
        for (a, i), unit in _commonest(actuals, "unit").items()
    }


def _polarities(rows: pd.DataFrame) -> dict:
    """(authority, indicator) -> `series_polarity` of the pair's rows: the judged polarity printed
    most often, else the catalogue's, else 'info'."""
    catalogue = load_catalogue()
    printed = _commonest(rows[rows["polarity"].isin(JUDGED)], "polarity")
    known = set(catalogue.ids())
    return {
        (a, i): printed.get((a, i))
        or (catalogue.indicator(i).polarity if i in known else None)
        or "info"
        for a, i in set(zip(rows["authority"], rows["indicator_id"]))
    }


def _period_types(actuals: pd.DataFrame, chosen: Mapping[str, str | None]) -> dict:
    """(authority, indicator) -> the period type of its series: the one chosen for the indicator,
    else `main_period_type` (leaving out year-to-date figures unless they are all there are)."""
    pairs = set(zip(actuals["authority"], actuals["indicator_id"]))
    main = {}
    if any(chosen.get(i) is None for _, i in pairs):
        main = _main_period_types(actuals)
        main.update(_main_period_types(actuals[actuals["period_type"] != "financial_ytd"]))
    return {p: chosen.get(p[1]) or main.get(p, "") for p in pairs}


def _main_period_types(actuals: pd.DataFrame) -> dict:
    """(authority, indicator) -> the period type with the most rows (the finer on a tie, then the
    first printed)."""
    counted = _counted(actuals, "period_type")
    fineness = [FINEST_FIRST.index(p) if p in FINEST_FIRST else 99 for p in counted["period_type"]]
    counted = counted.assign(fineness=fineness).sort_values(
        ["n", "fineness", "first"], ascending=[False, True, True]
    )
    return counted.drop_duplicates(PAIR).set_index(PAIR)["period_type"].to_dict()


def _one_per_period(series: pd.DataFrame) -> pd.DataFrame:
    """Each pair's rows chronological, one per period (a value before a blank when a period was
    printed twice), pairs one after another."""
    ordered = series.assign(_blank=series["value"].isna()).sort_values(["period_end", "_blank"])
    ordered = ordered.drop_duplicates([*PAIR, "period_start"]).drop(columns="_blank")
    return ordered.sort_values(PAIR, kind="stable").reset_index(drop=True)


def _current_targets(frame: pd.DataFrame, period_types: Mapping[str, str | None]) -> pd.DataFrame:
    """`current_targets` of every pair: its target rows printed by the latest report for each
    period."""
    rows = frame[
        frame["indicator_id"].isin(list(period_types))
        & (frame["measure"] == "target")
        & frame["authority"].notna()
    ]
    latest = rows.groupby([*PAIR, *PERIOD_KEY], dropna=False)["report_date"].transform("max")
    return rows[(rows["report_date"] == latest) | latest.isna()]


def _bands(targets: pd.DataFrame, polarity: dict) -> dict:
    """(authority, indicator) -> (period starts, period ends, bands) as `bands_by_period` orders
    them: one band per period from its target rows, in the order they were printed."""
    dated = targets.dropna(subset=PERIOD_KEY).sort_values([*PAIR, *PERIOD_KEY])
    keys = list(zip(*(dated[c] for c in [*PAIR, *PERIOD_KEY])))
    rules = list(zip(dated["value"], dated["note"].fillna("")))
    periods: dict = {}
    for at, key in enumerate(keys):
        if at == 0 or key != keys[at - 1]:
            periods[key] = []
        periods[key].append(rules[at])
    out: dict = {}
    for (authority, indicator, _, start, end), printed in periods.items():
        band = band_from_rules(printed, polarity.get((authority, indicator), "info"))
        out.setdefault((authority, indicator), ([], [], []))
        for part, item in zip(out[authority, indicator], (start, end, band)):
            part.append(item)
    return out


def _bands_found(table: pd.DataFrame, bands: dict) -> list:
    """Each row's band (`bands_at`): of the pair's target periods holding its period end, the
    shortest (the first of equal ones); None where none does."""
    found = [None] * len(table)
    ends = table["period_end"].to_numpy(dtype="datetime64[ns]")
    for pair, at in table.groupby(PAIR, sort=False).indices.items():
        if pair not in bands:
            continue
        starts, period_ends, each = (np.array(part) for part in bands[pair])
        starts, period_ends = starts.astype("datetime64[ns]"), period_ends.astype("datetime64[ns]")
        by_length = np.argsort(period_ends - starts, kind="stable")
        starts, period_ends, each = starts[by_length], period_ends[by_length], each[by_length]
        days = ends[at][:, None]
        holding = (starts <= days) & (period_ends >= days)
        first = holding.argmax(axis=1)
        for row, day_holds, index in zip(at, holding.any(axis=1), first):
            found[row] = each[index] if day_holds else None
    return found


def _judged(table: pd.DataFrame, found: list) -> pd.DataFrame:
    """`trend_table`'s judged columns for every row: band edges, RAG, direction from the pair's
    last period with a value, movement and judgement."""
    columns = {
        edge: np.array([getattr(b, edge) if b is not None else None for b in found], dtype=float)
        for edge in EDGES
    }
    columns["target_note"] = [b.note if b is not None else "" for b in found]
    values, polarity = table["value"], table["polarity"]
    previous = values.groupby([table[c] for c in PAIR], sort=False).ffill()
    previous = previous.groupby([table[c] for c in PAIR], sort=False).shift(1)
    rag = [rag_status(v, b, p) for v, b, p in zip(values, found, polarity)]
    directions = [direction(q, v, p, b) for q, v, p, b in zip(previous, values, polarity, found)]
    return table.assign(
        **columns,
        rag=rag,
        rag_label=[rag_label(r) for r in rag],
        direction=directions,
        direction_label=[direction_label(d) for d in directions],
        movement=[movement(q, v) for q, v in zip(previous, values)],
        judgement=[judgement(d) for d in directions],
    )
