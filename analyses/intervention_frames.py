"""Interventions as frames: who started a new way of working, when, and which authorities did not.

The store keeps interventions (`Store.interventions()`); these helpers work on that frame or on one
made by hand with `interventions_table`, so the analyses can be tested without a store.

"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

COLUMNS = [
    "intervention_id",
    "name",
    "authority",
    "la_code",
    "start_date",
    "end_date",
    "description",
]


def month_start(value) -> pd.Timestamp:
    """The first day of the month a date falls in ('2011-10-15' -> 2011-10-01)."""
    return pd.Timestamp(value).to_period("M").to_timestamp()


def month_number(values) -> pd.Series | int:
    """Months counted from January 1970: differences are whole months (a Series for a Series)."""
    if isinstance(values, pd.Series):
        stamps = np.asarray(pd.to_datetime(values).to_numpy(), dtype="datetime64[M]")
        return pd.Series(stamps.astype(np.int64), index=values.index)
    stamp = pd.Timestamp(values)
    return (stamp.year - 1970) * 12 + stamp.month - 1


def interventions_table(records: Iterable[dict]) -> pd.DataFrame:
    """A frame like `Store.interventions()` from plain records (name, authority, la_code,
    start_date, ...)."""
    frame = pd.DataFrame(list(records)).reindex(columns=COLUMNS)
    if frame["intervention_id"].isna().all():
        frame["intervention_id"] = range(1, len(frame) + 1)
    frame["intervention_id"] = frame["intervention_id"].astype("int64")
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(
            [pd.NaT if pd.isna(v) else pd.Timestamp(v) for v in frame[column]]
        )
    for column in ("name", "authority", "la_code", "description"):
        frame[column] = [("" if pd.isna(v) else str(v)) for v in frame[column]]
    return frame


def authority_key(frame: pd.DataFrame) -> pd.Series:
    """Who a row is about: the ONS code, else the folded name (so rows without codes still
    match)."""
    names = frame["authority"].fillna("").astype(str).str.strip().str.lower()
    codes = (
        frame["la_code"].fillna("").astype(str).str.strip()
        if "la_code" in frame
        else pd.Series("", frame.index)
    )
    return codes.where(codes != "", names)


def adopters(interventions: pd.DataFrame, name: str | None = None) -> pd.DataFrame:
    """One row per authority: its first intervention (or first one whose name contains `name`), with
    `start`."""
    chosen = interventions
    if name:
        chosen = chosen[chosen["name"].str.contains(name, case=False, regex=False)]
    chosen = chosen.assign(key=authority_key(chosen), start=chosen["start_date"].map(month_start))
    chosen = chosen.sort_values(["start", "intervention_id"]).drop_duplicates("key")
    return chosen.reset_index(drop=True)


def comparison_authorities(
    adopting: Iterable[str],
    neighbours: pd.DataFrame,
    interventions: pd.DataFrame,
    version: str = "2021",
) -> list[str]:
    """The adopting authorities' statistical neighbours (one list version) that have no intervention
    at all, nearest first: the default comparison group for difference-in-differences."""
    adopting = [str(code) for code in adopting]
    listed = neighbours[
        (neighbours["version"].astype(str) == str(version)) & neighbours["la_code"].isin(adopting)
    ]
    listed = listed.sort_values(["neighbour_rank", "la_code"])
    treated = set(authority_key(interventions)) | set(adopting)
    chosen: list[str] = []
    for code in listed["neighbour_la_code"]:
        if code not in treated and code not in chosen:
            chosen.append(code)
    return chosen
