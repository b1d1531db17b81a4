"""Rules the published figures must pass before they are loaded as a council's figures.

- A council's figure counts only inside the council's lifetime: its period must end on or after the
  council's start date and on or before its end date (local_authorities.csv); a figure the source
  gives to
  a council before it was created or after it was abolished is not that council's.
- A measure-year in which every council's figure equals England's (the source gave England's value
  to every
  geography, as LAIT does for school moves in 2018 and 2019) says nothing about councils: their
  figures are
  left out and the omission recorded with a note. Zero everywhere is a true zero (a category no
  council
  used that year), not a copy.

"""

from __future__ import annotations

import pandas as pd

COUNCIL = "Local authority"
YEAR_KEY = ["indicator_id", "measure", "period_type", "period_start", "period_end"]
OMISSION_COLUMNS = [*YEAR_KEY, "councils", "value", "note"]
ALL_EQUAL_NOTE = (
    "every council's figure equals England's ({value:g}): the source gave England's value to every "
    "council, so the {councils} council figures are left out"
)
MIN_COUNCILS = 10  # a handful of councils agreeing by chance is not the source copying England


def within_lifetime(figures: pd.DataFrame, authorities: pd.DataFrame) -> pd.Series:
    """True for each figure that is not a council's, or whose period ends inside its council's
    lifetime (authorities: new_la_code, start_date, end_date as ISO text, blank end = still in
    being)."""
    life = authorities.drop_duplicates("new_la_code").set_index("new_la_code")
    start = figures["la_code"].map(life["start_date"]).fillna("").replace("", "0001-01-01")
    end = figures["la_code"].map(life["end_date"]).fillna("").replace("", "9999-12-31")
    inside = (figures["period_end"] >= start) & (figures["period_end"] <= end)
    return (figures["geographic_level"] != COUNCIL) | inside


def all_equal_to_england(figures: pd.DataFrame) -> pd.DataFrame:
    """The measure-years (OMISSION_COLUMNS) whose council figures, at least MIN_COUNCILS with a
    value, all equal England's non-zero figure of the same period."""
    values = pd.to_numeric(figures["value"].replace("", None), errors="coerce")
    frame = figures.assign(number=values).dropna(subset=["number"])
    england = frame[frame["geographic_level"] == "National"].set_index(YEAR_KEY)["number"]
    councils = frame[frame["geographic_level"] == COUNCIL]
    rows = []
    for key, group in councils.groupby(YEAR_KEY, sort=True):
        national = england.get(key)
        if (
            national
            and len(group) >= MIN_COUNCILS
            and (group["number"] - national).abs().max() < 1e-9
        ):
            rows.append(
                [
                    *key,
                    len(group),
                    national,
                    ALL_EQUAL_NOTE.format(value=national, councils=len(group)),
                ]
            )
    return pd.DataFrame(rows, columns=OMISSION_COLUMNS)


def leave_out(figures: pd.DataFrame, omissions: pd.DataFrame) -> pd.DataFrame:
    """The figures without the council rows of the omitted measure-years."""
    if omissions.empty:
        return figures
    marked = figures.merge(omissions[YEAR_KEY].assign(_omit=True), on=YEAR_KEY, how="left")
    drop = (
        marked["_omit"].fillna(False).astype(bool).to_numpy()
        & (figures["geographic_level"] == COUNCIL).to_numpy()
    )
    return figures[~drop]
