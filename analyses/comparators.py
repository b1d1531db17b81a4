"""An authority's figures for one financial year against its statistical neighbours, its region and
England, its national quartile band and its rank: from the benchmarks its report printed where it
printed them, and from the national published figures (every authority, region and England)
otherwise."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analyses.ranking import band_of, best, quartiles, rank, standing
from analyses.setting import Setting, dfe_codes, setting_for
from indicators import load_catalogue
from periods import financial_year_timestamps, fy_label, in_financial_year

COMPARATORS = {
    "stat_neighbour_mean": "Statistical neighbour mean",
    "stat_neighbour_median": "Statistical neighbour median",
    "stat_neighbour_best": "Best statistical neighbour",
    "region": "Region",
    "england": "England",
    "england_top_quartile": "England top quartile threshold",
}
FROM_REPORT = {
    "stat_neighbour_avg": "stat_neighbour_mean",
    "stat_neighbour_best": "stat_neighbour_best",
    "region_avg": "region",
    "england_avg": "england",
    "england_top_quartile": "england_top_quartile",
}
AS_PRINTED = "as printed in the report"
PUBLISHER = "publisher (DfE)"
__all__ = [
    "COMPARATORS",
    "PUBLISHER",
    "Setting",
    "benchmark_table",
    "dfe_codes",
    "setting_for",
    "standing_table",
]
LONG_COLUMNS = [
    "authority",
    "la_code",
    "indicator_id",
    "indicator_name",
    "unit",
    "polarity",
    "polarity_from",
    "period",
    "period_type",
    "value",
    "value_source",
    "denominator",
    "comparator",
    "comparator_label",
    "comparator_value",
    "comparator_source",
    "neighbour_list",
    "neighbours_with_values",
    "best_neighbour",
    "difference",
    "standing",
]


def benchmark_table(
    published: pd.DataFrame,
    setting: Setting,
    reports: pd.DataFrame | None = None,
    indicators: list[str] | None = None,
) -> pd.DataFrame:
    """One row per indicator and comparator (COMPARATORS): the authority's value, the comparator's,
    where it came from (`comparator_source`: 'report: <file>' or 'published'), which neighbour
    list, the difference and whether the authority is better or worse by polarity."""
    return _long(list(_contexts(published, setting, reports, indicators)), setting)


def standing_table(
    published: pd.DataFrame,
    setting: Setting,
    reports: pd.DataFrame | None = None,
    indicators: list[str] | None = None,
) -> pd.DataFrame:
    """One row per indicator: national quartiles (q25, q50, q75), the band A-D (A best by polarity),
    the rank among all authorities and among the authority and its neighbours (1 = best)."""
    return _standing(list(_contexts(published, setting, reports, indicators)), setting)


def benchmark_tables(
    published: pd.DataFrame,
    setting: Setting,
    reports: pd.DataFrame | None = None,
    indicators: list[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`benchmark_table`, `standing_table`) from one pass over the figures."""
    contexts = list(_contexts(published, setting, reports, indicators))
    return _long(contexts, setting), _standing(contexts, setting)


def _long(contexts: list, setting: Setting) -> pd.DataFrame:
    rows = []
    for context in contexts:
        for comparator, (value, source, extra) in _comparators(context, setting).items():
            rows.append(
                {
                    **context.head,
                    "comparator": comparator,
                    "comparator_label": COMPARATORS[comparator],
                    "comparator_value": value,
                    "comparator_source": source,
                    **extra,
                    "difference": context.value - value if pd.notna(value) else float("nan"),
                    "standing": standing(context.value, value, context.polarity),
                }
            )
    return pd.DataFrame(rows).reindex(columns=LONG_COLUMNS)


def _standing(contexts: list, setting: Setting) -> pd.DataFrame:
    rows = []
    for c in contexts:
        group = np.append(c.neighbour_values.to_numpy(), c.value)
        q25, q50, q75 = c.quartiles
        rows.append(
            {
                **c.head,
                "q25": q25,
                "q50": q50,
                "q75": q75,
                "quartile_band": band_of(c.value, c.quartiles, c.polarity),
                "rank_england": rank(c.value, c.all_values, c.polarity),
                "authorities_ranked": int(np.count_nonzero(~np.isnan(c.all_values))),
                "rank_neighbours": rank(c.value, group, c.polarity),
                "neighbours_ranked": int(np.count_nonzero(~np.isnan(group))),
                "neighbour_list": setting.version,
            }
        )
    return pd.DataFrame(rows)


@dataclass
class _Context:
    head: dict
    value: float
    polarity: str
    all_values: np.ndarray  # every authority's value that year
    quartiles: tuple[float, float, float]  # of all_values
    neighbour_values: pd.Series  # the neighbours' values in rank order, by DfE code
    places: dict  # the year's values for regions and England, by ONS code
    names: dict
    printed: pd.DataFrame  # report benchmark rows for the year


@dataclass
class _Year:
    """One financial year's published figures, split by indicator once (Benchmarks' speed)."""

    firsts: dict  # indicator -> its first row (name, unit, period type, polarity)
    values: dict  # indicator -> {DfE code: every authority's value}
    names: dict  # indicator -> {DfE code: authority}
    denominators: dict  # indicator -> {DfE code: denominator}
    places: dict  # indicator -> {ONS code: the first value of a region or England}


def _year(published: pd.DataFrame, fy_first: int) -> _Year:
    published = published.assign(
        period_start=pd.to_datetime(published["period_start"]),
        period_end=pd.to_datetime(published["period_end"]),
    )
    year = published[
        in_financial_year(
            published["period_type"], published["period_start"], published["period_end"], fy_first
        )
    ]
    year = year.assign(code=dfe_codes(year))
    local = (year["geographic_level"] == "Local authority").to_numpy()
    las = year[local].drop_duplicates(["indicator_id", "code"])
    places = year[~local].drop_duplicates(["indicator_id", "la_code"])
    firsts = year.drop_duplicates("indicator_id").set_index("indicator_id")
    columns = ["unit", "period_type", "polarity", "indicator_label"]
    split = _by_indicator(las, "code")
    return _Year(
        {i: dict(zip(columns, row)) for i, *row in firsts[columns].itertuples()},
        split(las["value"].astype(float)),
        split(las["authority"]),
        split(las["denominator"]) if "denominator" in las else {},
        _by_indicator(places, "la_code")(places["value"]),
    )


def _by_indicator(frame: pd.DataFrame, key: str):
    """A function of a column of `frame` giving indicator -> {`key`: the column's value}: the
    frame's rows grouped once (positions, not one frame per indicator)."""
    at = frame.groupby("indicator_id", sort=False, dropna=False).indices
    keys = frame[key].to_numpy(dtype=object)

    def split(column: pd.Series) -> dict:
        values = column.to_numpy(dtype=object)
        return {i: dict(zip(keys[rows], values[rows])) for i, rows in at.items()}

    return split


def _contexts(published, setting, reports, indicators):
    year = _year(published, setting.fy_first)
    wanted = indicators or sorted(set(year.firsts) - {""})
    own = (
        dict(tuple(reports.groupby("indicator_id", sort=False)))
        if reports is not None and len(reports)
        else {}
    )
    for indicator in wanted:
        first = year.firsts.get(indicator, {})
        by_code = year.values.get(indicator, {})
        all_values = np.fromiter(by_code.values(), dtype=float, count=len(by_code))
        mine = _report_rows(own.get(indicator), indicator, setting.fy_first)
        value, value_source = _own_value(by_code.get(setting.code), mine)
        denominator = year.denominators.get(indicator, {}).get(setting.code)
        polarity, polarity_from = polarity_for(indicator, mine, first.get("polarity"))
        head = {
            "authority": setting.name,
            "la_code": setting.la_code,
            "indicator_id": indicator,
            "indicator_name": _name(indicator, first),
            "unit": first.get("unit", ""),
            "polarity": polarity,
            "polarity_from": polarity_from,
            "period": fy_label(setting.fy_first),
            "period_type": first.get("period_type", ""),
            "value": value,
            "value_source": value_source,
            "denominator": denominator if value_source == "published" else float("nan"),
        }
        yield _Context(
            head,
            value,
            polarity,
            all_values,
            quartiles(all_values),
            pd.Series(
                [by_code.get(code, np.nan) for code in setting.neighbours],
                index=list(setting.neighbours),
                dtype=float,
            ),
            year.places.get(indicator, {}),
            year.names.get(indicator, {}),
            mine[mine["measure"].isin(list(FROM_REPORT))] if len(mine) else mine,
        )


def _comparators(c: _Context, setting: Setting) -> dict:
    """comparator -> (value, source, extra columns): published first, then what the report printed
    overrides."""
    held = c.neighbour_values.to_numpy()
    held = held[~np.isnan(held)]
    n = {"neighbour_list": setting.version, "neighbours_with_values": int(len(held))}
    label, top = best(c.neighbour_values, c.polarity)
    q25, _, q75 = c.quartiles
    found = {
        "stat_neighbour_mean": (held.mean() if len(held) else float("nan"), "published", n),
        "stat_neighbour_median": (np.median(held) if len(held) else float("nan"), "published", n),
        "stat_neighbour_best": (top, "published", {**n, "best_neighbour": c.names.get(label, "")}),
        "region": (_place(c.places, setting.region_code), "published", {}),
        "england": (_place(c.places, "E92000001"), "published", {}),
        "england_top_quartile": (
            {"high": q75, "low": q25}.get(c.polarity, float("nan")),
            "published",
            {},
        ),
    }
    if c.printed.empty:
        return found
    printed = (
        c.printed[c.printed["value"].notna()]
        .sort_values("period_end")
        .drop_duplicates("measure", keep="last")
    )
    for measure, value, file in zip(printed["measure"], printed["value"], printed["source_file"]):
        found[FROM_REPORT[measure]] = (
            float(value),
            f"report: {file}",
            {"neighbour_list": AS_PRINTED} if measure.startswith("stat") else {},
        )
    return found


def _place(places: dict, la_code: str) -> float:
    found = places.get(la_code)
    return float("nan") if found is None else float(found)


NO_REPORT_ROWS = pd.DataFrame(
    columns=[
        "measure",
        "period_type",
        "period_start",
        "period_end",
        "value",
        "polarity",
        "source_file",
    ]
)


def _report_rows(reports: pd.DataFrame | None, indicator: str, fy_first: int) -> pd.DataFrame:
    """The authority's report rows for the indicator whose period ends inside the financial year."""
    if reports is None or reports.empty:
        return NO_REPORT_ROWS
    first, last = financial_year_timestamps(fy_first)
    rows = reports[reports["indicator_id"] == indicator]
    return rows[(rows["period_end"] >= first) & (rows["period_end"] <= last)]


def _own_value(published_value, mine: pd.DataFrame) -> tuple[float, str]:
    """The published value; else the year's value the report printed."""
    if published_value is not None and pd.notna(published_value):
        return float(published_value), "published"
    year = mine[
        (mine["measure"] == "actual")
        & mine["period_type"].isin(["financial_year", "as_at"])
        & mine["value"].notna()
    ]
    if len(year):
        row = year.sort_values("period_end").iloc[-1]
        return float(row["value"]), f"report: {row['source_file']}"
    return float("nan"), ""


def polarity_for(indicator: str, mine: pd.DataFrame, figures: str | None) -> tuple[str, str]:
    """What is good and who said so: the authority's report (high/low/within_range), else the
    publisher's polarity (the DfE's, `published_polarity` in the catalogue), else the
    catalogue's, else the published figures' own (`figures`)."""
    if len(mine):
        printed = mine["polarity"][mine["polarity"].isin(["high", "low", "within_range"])]
        if len(printed):
            return printed.value_counts().index[0], "report"
    catalogue = load_catalogue()
    entry = catalogue.indicator(indicator) if indicator in catalogue.ids() else None
    if entry is not None and entry.published_polarity:
        return entry.published_polarity, PUBLISHER
    if entry is not None and entry.polarity:
        return entry.polarity, "catalogue"
    return figures or "info", "published figures"


def _name(indicator: str, first: dict) -> str:
    catalogue = load_catalogue()
    if indicator in catalogue.ids():
        return catalogue.indicator(indicator).name
    return first.get("indicator_label", indicator)
