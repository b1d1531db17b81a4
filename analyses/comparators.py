"""An authority's figures for one financial year against its statistical neighbours, its region and
England, its national quartile band and its rank: from the benchmarks its report printed where it
printed them, and from the national published figures (every authority, region and England)
otherwise."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analyses.ranking import best, quartile_band, quartiles, rank, standing
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
        group = pd.concat([c.neighbour_values, pd.Series({setting.code: c.value})])
        q25, q50, q75 = quartiles(c.all_values)
        rows.append(
            {
                **c.head,
                "q25": q25,
                "q50": q50,
                "q75": q75,
                "quartile_band": quartile_band(c.value, c.all_values, c.polarity),
                "rank_england": rank(c.value, c.all_values, c.polarity),
                "authorities_ranked": int(c.all_values.notna().sum()),
                "rank_neighbours": rank(c.value, group, c.polarity),
                "neighbours_ranked": int(group.notna().sum()),
                "neighbour_list": setting.version,
            }
        )
    return pd.DataFrame(rows)


@dataclass
class _Context:
    head: dict
    value: float
    polarity: str
    all_values: pd.Series  # every authority's value that year, by DfE code
    neighbour_values: pd.Series  # the neighbours' values in rank order, by DfE code
    places: pd.DataFrame  # the year's rows for regions and England
    names: dict
    printed: pd.DataFrame  # report benchmark rows for the year


def _contexts(published, setting, reports, indicators):
    published = published.assign(
        period_start=pd.to_datetime(published["period_start"]),
        period_end=pd.to_datetime(published["period_end"]),
    )
    year = published[
        in_financial_year(
            published["period_type"],
            published["period_start"],
            published["period_end"],
            setting.fy_first,
        )
    ]
    year = year.assign(code=dfe_codes(year))
    wanted = indicators or sorted(set(year["indicator_id"]) - {""})
    # split once, not once per indicator (Benchmarks' speed)
    local = year["geographic_level"] == "Local authority"
    las = year[local].drop_duplicates(["indicator_id", "code"]).set_index("code")
    by_indicator, places_by, las_by = (
        dict(tuple(part.groupby("indicator_id", sort=False))) for part in (year, year[~local], las)
    )
    empty = year.iloc[0:0]
    own = (
        dict(tuple(reports.groupby("indicator_id", sort=False)))
        if reports is not None and len(reports)
        else {}
    )
    for indicator in wanted:
        rows = by_indicator.get(indicator, empty)
        las = las_by.get(indicator, empty)
        all_values = las["value"].astype(float)
        mine = _report_rows(own.get(indicator), indicator, setting.fy_first)
        value, value_source = _own_value(all_values.get(setting.code), mine)
        denominator = las["denominator"].get(setting.code) if "denominator" in las else None
        polarity, polarity_from = polarity_for(indicator, mine, rows)
        head = {
            "authority": setting.name,
            "la_code": setting.la_code,
            "indicator_id": indicator,
            "indicator_name": _name(indicator, rows),
            "unit": _unit(indicator, rows),
            "polarity": polarity,
            "polarity_from": polarity_from,
            "period": fy_label(setting.fy_first),
            "period_type": rows["period_type"].iloc[0] if len(rows) else "",
            "value": value,
            "value_source": value_source,
            "denominator": denominator if value_source == "published" else float("nan"),
        }
        yield _Context(
            head,
            value,
            polarity,
            all_values,
            all_values.reindex(list(setting.neighbours)),
            places_by.get(indicator, empty),
            dict(zip(las.index, las["authority"])),
            mine[mine["measure"].isin(list(FROM_REPORT))],
        )


def _comparators(c: _Context, setting: Setting) -> dict:
    """comparator -> (value, source, extra columns): published first, then what the report printed
    overrides."""
    held = c.neighbour_values.dropna()
    n = {"neighbour_list": setting.version, "neighbours_with_values": int(len(held))}
    label, top = best(held, c.polarity)
    q25, _, q75 = quartiles(c.all_values)
    found = {
        "stat_neighbour_mean": (held.mean() if len(held) else float("nan"), "published", n),
        "stat_neighbour_median": (held.median() if len(held) else float("nan"), "published", n),
        "stat_neighbour_best": (top, "published", {**n, "best_neighbour": c.names.get(label, "")}),
        "region": (_place(c.places, setting.region_code), "published", {}),
        "england": (_place(c.places, "E92000001"), "published", {}),
        "england_top_quartile": (
            {"high": q75, "low": q25}.get(c.polarity, float("nan")),
            "published",
            {},
        ),
    }
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


def _place(places: pd.DataFrame, la_code: str) -> float:
    found = places["value"][places["la_code"] == la_code]  # one column masked, not the whole frame
    return float(found.iloc[0]) if len(found) else float("nan")


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


def polarity_for(indicator: str, mine: pd.DataFrame, rows: pd.DataFrame) -> tuple[str, str]:
    """What is good and who said so: the authority's report (high/low/within_range), else the
    publisher's polarity (the DfE's, `published_polarity` in the catalogue), else the
    catalogue's, else the figures'."""
    printed = mine["polarity"][mine["polarity"].isin(["high", "low", "within_range"])]
    if len(printed):
        return printed.value_counts().index[0], "report"
    catalogue = load_catalogue()
    entry = catalogue.indicator(indicator) if indicator in catalogue.ids() else None
    if entry is not None and entry.published_polarity:
        return entry.published_polarity, PUBLISHER
    if entry is not None and entry.polarity:
        return entry.polarity, "catalogue"
    return (
        rows["polarity"].iloc[0] if len(rows) and rows["polarity"].iloc[0] else "info"
    ), "published figures"


def _name(indicator: str, rows: pd.DataFrame) -> str:
    catalogue = load_catalogue()
    if indicator in catalogue.ids():
        return catalogue.indicator(indicator).name
    return rows["indicator_label"].iloc[0] if len(rows) else indicator


def _unit(indicator: str, rows: pd.DataFrame) -> str:
    return rows["unit"].iloc[0] if len(rows) else ""
