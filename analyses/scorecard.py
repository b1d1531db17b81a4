"""The board scorecard: indicators as rows, authorities as columns, every authority's figure for the
same period (the latest one most of them have), counts per 10,000 children, RAG and the movement
and its judgement apart."""

from __future__ import annotations

import pandas as pd

from analyses.compare import indicator_name, shared_period_type
from analyses.gaps import population_of
from analyses.trend_tables import trend_tables
from analyses.trends import series_polarity, series_unit
from periods import population_year

CARD_COLUMNS = [
    "indicator_id",
    "indicator_name",
    "authority",
    "period_type",
    "period",
    "period_end",
    "value",
    "unit",
    "population",
    "per_10k",
    "shown",
    "shown_unit",
    "polarity",
    "rag",
    "rag_label",
    "direction",
    "direction_label",
    "movement",
    "judgement",
    "sparkline",
    "note",
]
PERIOD_KEY = ["indicator_id", "measure", "period_type", "period_start", "period_end"]
SHOWN_UNITS = {"rate_per_10k": "per 10,000", "percent": "%", "count": ""}


def scorecard(
    observations: pd.DataFrame,
    indicators: list[str],
    last: int = 6,
    all_vintages: pd.DataFrame | None = None,
    population: pd.DataFrame | None = None,
    authorities: list[str] | None = None,
) -> pd.DataFrame:
    """One row per indicator and authority (CARD_COLUMNS), every authority at the indicator's
    `common_period`. A count is also given per 10,000 children (`per_10k`, with a `population`
    table) and `shown` is what the board compares (per 10,000 for a count, else the value);
    `sparkline` the last `last` shown values up to it."""
    authorities = authorities or sorted(observations["authority"].dropna().unique())
    observations = reports_first(observations[observations["indicator_id"].isin(indicators)])
    by_indicator = _split(observations, "indicator_id")
    shared = {i: _shared(by_indicator.get(i, observations.iloc[0:0]), i) for i in indicators}
    judged = observations.assign(
        polarity=observations["indicator_id"].map({i: p for i, (p, _) in shared.items()})
    )
    tables = _tables(
        judged[judged["authority"].isin(authorities)],
        {i: period_type for i, (_, period_type) in shared.items() if period_type},
        all_vintages,
    )
    rows = []
    for indicator in indicators:
        mine = {a: tables.get((indicator, a), NO_VALUES) for a in authorities}
        period = common_period(mine)
        for authority, table in mine.items():
            rows.append(_card(authority, indicator, table, period, population, last))
    return pd.DataFrame(rows, columns=CARD_COLUMNS)


NO_VALUES = pd.DataFrame(columns=["period_end", "value"])


def _split(frame: pd.DataFrame, column: str) -> dict:
    """value -> the frame's rows with it, split once: the scorecard loops over indicators."""
    return dict(tuple(frame.groupby(column, sort=False)))


def reports_first(observations: pd.DataFrame) -> pd.DataFrame:
    """The rows with a published figure left out where the authority's own report printed the same
    period."""
    if "source" not in observations or observations.empty:
        return observations
    report = observations[observations["source"] == "report"]
    key = pd.MultiIndex.from_frame(report[["authority", *PERIOD_KEY]])
    published = observations[observations["source"] != "report"]
    clash = pd.MultiIndex.from_frame(published[["authority", *PERIOD_KEY]]).isin(key)
    return pd.concat([report, published[~clash]], ignore_index=True)


def _shared(rows: pd.DataFrame, indicator: str) -> tuple[str, str]:
    """(the one polarity every authority's series of the indicator is judged by (the one printed
    most, else the catalogue's), the period type the authorities share (RAG, movement))."""
    actual = rows[(rows["measure"] == "actual") & rows["value"].notna()]
    actual = actual[actual["unit"] == series_unit(actual, indicator)]
    return series_polarity(rows, indicator), shared_period_type(actual)


def _tables(
    rows: pd.DataFrame, period_types: dict[str, str], every: pd.DataFrame | None
) -> dict[tuple[str, str], pd.DataFrame]:
    """(indicator, authority) -> the authority's values of the indicator on its shared period type
    (trend table rows with a value), worked out for every pair at once (`trend_tables`)."""
    table = trend_tables(rows, period_types, every)
    valued = table[table["value"].notna()]
    return dict(tuple(valued.groupby(["indicator_id", "authority"], sort=False)))


def common_period(tables: dict[str, pd.DataFrame]):
    """The period end most authorities have a value for (the latest of those): one period for the
    whole row."""
    found = [t["period_end"] for t in tables.values() if len(t)]
    if not found:
        return None
    ends = pd.concat(found, ignore_index=True)
    counts = pd.to_datetime(ends).value_counts()
    return max(counts[counts == counts.max()].index)


def _card(
    authority: str,
    indicator: str,
    table: pd.DataFrame,
    period,
    population: pd.DataFrame | None,
    last: int,
) -> dict:
    card = {
        "indicator_id": indicator,
        "indicator_name": indicator_name(indicator),
        "authority": authority,
        "sparkline": [],
    }
    here = (
        table[pd.to_datetime(table["period_end"]) == period]
        if period is not None and len(table)
        else table.iloc[0:0]
    )
    if here.empty:
        latest = table.iloc[-1]["period"] if len(table) else ""
        card["note"] = f"no figure (latest {latest})" if latest else "no figures"
        return card
    end = here.iloc[-1]
    card.update(
        {
            c: end[c]
            for c in (
                "period_type",
                "period",
                "period_end",
                "value",
                "unit",
                "polarity",
                "rag",
                "rag_label",
                "direction",
                "direction_label",
                "movement",
                "judgement",
            )
        }
    )
    upto = table[pd.to_datetime(table["period_end"]) <= period]
    card["population"], scale = _per_10k_scale(authority, end, population)
    card["per_10k"] = end["value"] * scale if scale else float("nan")
    card["shown"], card["shown_unit"] = (
        (card["per_10k"], "rate_per_10k") if scale else (end["value"], end["unit"])
    )
    card["sparkline"] = [round(v * (scale or 1), 2) for v in upto["value"].tail(last)]
    card["note"] = ""
    return card


def _per_10k_scale(
    authority: str, end: pd.Series, population: pd.DataFrame | None
) -> tuple[float, float | None]:
    """(children aged 0-17, factor turning a count into a rate per 10,000) — no factor for other
    units."""
    if end["unit"] != "count" or population is None:
        return float("nan"), None
    children, _ = population_of(population, authority, population_year(end["period_end"]))
    return children, (10_000 / children if children and pd.notna(children) else None)


def scorecard_grid(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as the board reads it: one row per indicator, the period every authority's
    figure is for, then one column per authority (value, RAG, movement and judgement in words and
    symbols)."""
    cells = card.assign(cell=[cell_text(r) for _, r in card.iterrows()])
    grid = cells.pivot(index="indicator_name", columns="authority", values="cell")
    grid = grid.reindex(
        index=list(dict.fromkeys(card["indicator_name"])),
        columns=list(dict.fromkeys(card["authority"])),
    )
    periods = card.groupby("indicator_name", sort=False)["period"].agg(
        lambda p: next(iter(p.dropna()), "")
    )
    grid.insert(0, "Period", periods.reindex(grid.index).fillna(""))
    grid.columns.name, grid.index.name = None, "Indicator"
    return grid.fillna("")


def value_text(row: pd.Series) -> str:
    """'58.5 per 10,000', '28.1%', '1,651' — or the reason there is none."""
    if pd.isna(row.get("shown")):
        return row.get("note") or "no figure"
    number = f"{row['shown']:,.1f}".removesuffix(".0")
    unit = SHOWN_UNITS.get(row["shown_unit"], "")
    return f"{number}%" if unit == "%" else f"{number} {unit}".strip()


def change_text(row: pd.Series) -> str:
    """The movement and, apart from it, the judgement: 'up ↑ · better', 'no change →'; an indicator
    with no good direction gives the movement alone ('down ↓')."""
    move, judged = row.get("movement") or "", row.get("judgement") or ""
    if not move or move.startswith("no change") or not judged or judged.startswith("not judged"):
        return move
    return f"{move} · {judged}"


def cell_text(row: pd.Series) -> str:
    """A grid cell: '58.5 per 10,000 · Amber ! · up ↑ · worse'."""
    if pd.isna(row.get("shown")):
        return value_text(row)
    return " · ".join(p for p in (value_text(row), row["rag_label"], change_text(row)) if p)
