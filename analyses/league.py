"""Every council's figure for one indicator and financial year: value, the year before, the change,
national rank and quartile band (by the polarity `analyses.comparators.polarity_for` chooses),
sortable."""

from __future__ import annotations

import pandas as pd

from analyses.comparators import polarity_for
from analyses.ranking import band_of, quartiles, rank
from analyses.setting import dfe_codes
from authorities import resolve
from periods import fy_label, in_financial_year

LEAGUE_COLUMNS = [
    "authority",
    "la_code",
    "region",
    "value",
    "previous",
    "change",
    "rank",
    "authorities_ranked",
    "quartile_band",
    "numerator",
    "denominator",
    "unit",
    "period",
    "polarity",
    "polarity_from",
    "note",
]
NO_REPORT = pd.DataFrame(columns=["polarity"])


def councils_in_year(published: pd.DataFrame, indicator: str, fy_first: int) -> pd.DataFrame:
    """The indicator's council rows for the financial year, one per DfE code."""
    rows = published[
        (published["indicator_id"] == indicator)
        & (published["geographic_level"] == "Local authority")
    ]
    inside = in_financial_year(
        rows["period_type"],
        pd.to_datetime(rows["period_start"]),
        pd.to_datetime(rows["period_end"]),
        fy_first,
    )
    year = rows[inside]
    return year.assign(code=dfe_codes(year)).drop_duplicates("code").set_index("code")


def league_table(published: pd.DataFrame, indicator: str, fy_first: int) -> pd.DataFrame:
    """One row per council (LEAGUE_COLUMNS), best rank first, councils without a value last."""
    now, before = (
        councils_in_year(published, indicator, fy_first),
        councils_in_year(published, indicator, fy_first - 1),
    )
    figures = published["polarity"][published["indicator_id"] == indicator]
    polarity, source = polarity_for(indicator, NO_REPORT, figures.iloc[0] if len(figures) else None)
    values = now["value"].astype(float)
    out = pd.DataFrame(
        {
            "authority": now["authority"],
            "la_code": now["la_code"],
            "region": [_region(c) for c in now["la_code"]],
            "value": values,
            "previous": before["value"].astype(float).reindex(now.index),
        }
    )
    out["change"] = out["value"] - out["previous"]
    out["rank"] = pd.array([rank(v, values, polarity) for v in values], dtype="Int64")
    out["authorities_ranked"] = int(values.notna().sum())
    bounds = quartiles(values)
    out["quartile_band"] = [band_of(v, bounds, polarity) for v in values]
    extra = {
        "numerator": now["numerator"],
        "denominator": now["denominator"],
        "unit": now["unit"],
        "note": now["note"],
    }
    out = out.assign(**extra, period=fy_label(fy_first), polarity=polarity, polarity_from=source)
    return out.sort_values(["rank", "value", "authority"], na_position="last").reset_index(
        drop=True
    )[LEAGUE_COLUMNS]


def _region(la_code: str) -> str:
    found = resolve(la_code)
    return found.region_name if found else ""


def population_for(table: pd.DataFrame, population: pd.DataFrame, fy_first: int) -> pd.Series:
    """Each council's under-18 population (ONS mid-year estimate inside the financial year), by
    row."""
    year = population[population["year"].astype(int) == fy_first]
    sizes = dict(zip(year["la_code"], year["population_0_17"].astype(float)))
    return pd.Series([sizes.get(c, float("nan")) for c in table["la_code"]], index=table.index)


def funnel_inputs(
    table: pd.DataFrame, population: pd.Series
) -> tuple[pd.DataFrame, str] | tuple[None, str]:
    """(authority, value, size) for a funnel plot and the size's name; (None, why) when it cannot be
    drawn."""
    unit = table["unit"].dropna().iloc[0] if table["unit"].notna().any() else ""
    if unit == "percent":
        size, name = table["denominator"].astype(float), "denominator (children counted)"
    elif unit == "rate_per_10k":
        size, name = population, "children aged 0-17 (ONS mid-year estimate)"
    else:
        return None, (
            "a funnel plot needs a percentage or a rate per 10,000; this is a "
            f"{unit or 'unknown'} figure"
        )
    points = pd.DataFrame({"authority": table["authority"], "value": table["value"], "size": size})
    points = points.dropna()
    if len(points) < 10:
        return (
            None,
            f"too few councils with a value and a {name.split(' (')[0]} to draw a funnel plot",
        )
    return points, name
