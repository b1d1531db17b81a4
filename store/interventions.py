"""Interventions: a new way of working that an authority started (and maybe ended), kept in the
store.

A board asks whether a new "front door" or operating model changed its figures; the analyses need to
know who started what, and when. Several interventions per authority are allowed. Each write is one
transaction.

"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pandas as pd

from authorities import resolve
from extractors.grid import fold
from store.backends import Backend

INTERVENTION_COLUMNS = [
    "intervention_id",
    "name",
    "authority",
    "la_code",
    "start_date",
    "end_date",
    "description",
    "added_by",
    "added_at",
]
ISO_DATE = re.compile(r"^\d{4}-\d{1,2}(-\d{1,2})?([ T].*)?$")


def as_date(value, what: str = "date") -> date | None:
    """A date from a date, a datetime, a Timestamp or text ('2011-10' = 1 October 2011); None for
    blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if isinstance(value, str) and not ISO_DATE.match(value.strip()):
        raise ValueError(f"{what} {value!r} is not a date (write it as 2011-10 or 2011-10-01)")
    try:
        stamp = pd.Timestamp(value.strip() if isinstance(value, str) else value)
    except (ValueError, TypeError):
        raise ValueError(
            f"{what} {value!r} is not a date (write it as 2011-10 or 2011-10-01)"
        ) from None
    if pd.isna(stamp):
        return None
    return stamp.date()


def add_intervention(
    db: Backend,
    name: str,
    authority: str,
    start,
    end=None,
    description: str = "",
    la_code: str | None = None,
    by: str = "",
) -> int:
    """Record an intervention; its new id. `authority` is a name, variant or code, resolved to the
    official name and ONS code as at the start date (give `la_code` to record an authority the
    reference list lacks)."""
    name = fold(name or "")
    if not name:
        raise ValueError("an intervention needs a name")
    start_date = as_date(start, "start")
    if start_date is None:
        raise ValueError("an intervention needs a start date")
    end_date = as_date(end, "end")
    if end_date is not None and end_date < start_date:
        raise ValueError(f"the end ({end_date}) is before the start ({start_date})")
    authority_name, code = _authority(authority, la_code, start_date)
    with db.transaction() as cur:
        new_id = int(cur.execute("SELECT nextval('intervention_ids')").fetchone()[0])
        cur.execute(
            "INSERT INTO interventions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                new_id,
                name,
                authority_name,
                code,
                start_date,
                end_date,
                fold(description or ""),
                by or "unknown",
                _now(),
            ],
        )
    return new_id


def interventions_frame(db: Backend, authority: str | None = None) -> pd.DataFrame:
    """Every intervention (or one authority's, by name, variant or code), by authority then start
    date."""
    where, params = "", []
    if authority:
        found = resolve(authority)
        code = found.new_la_code if found else authority.strip()
        where, params = (
            "WHERE la_code = ? OR LOWER(authority) = LOWER(?)",
            [code, authority.strip()],
        )
    frame = db.frame(
        f"SELECT {', '.join(INTERVENTION_COLUMNS)} FROM interventions {where} "
        "ORDER BY authority, start_date, intervention_id",
        params,
    )
    for column in ("start_date", "end_date", "added_at"):
        frame[column] = pd.to_datetime(frame[column])
    frame["intervention_id"] = frame["intervention_id"].astype("int64")
    for column in ("la_code", "description"):
        frame[column] = frame[column].fillna("")
    return frame


def remove_intervention(db: Backend, intervention_id: int) -> bool:
    """Delete one intervention; False when there was none with that id."""
    with db.transaction() as cur:
        found = cur.execute(
            "SELECT COUNT(*) FROM interventions WHERE intervention_id = ?", [int(intervention_id)]
        ).fetchone()[0]
        if not found:
            return False
        cur.execute("DELETE FROM interventions WHERE intervention_id = ?", [int(intervention_id)])
    return True


def _authority(authority: str, la_code: str | None, on: date) -> tuple[str, str]:
    text = fold(authority or "")
    if la_code:
        return text or la_code.strip(), la_code.strip()
    found = resolve(text, on) if text else None
    if found is None:
        raise ValueError(
            f"unknown authority {authority!r}: give a name or code from the reference list, or "
            "la_code"
        )
    return found.name, found.new_la_code


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
