"""Where a figure came from, in words: a report's file and cell, a publication, or how perfbooks
worked it out."""

from __future__ import annotations

import pandas as pd


def report_source(row) -> str:
    """'rotherham_2017-01.xlsx, Summary!G6 (report of 31 Jan 2017)'."""
    where = ", ".join(
        str(x) for x in (row.get("source_file"), row.get("source_location")) if _given(x)
    )
    dated = row.get("report_date")
    return f"{where} (report of {pd.Timestamp(dated):%d %b %Y})" if _given(dated) else where


def published_source(row) -> str:
    """'Published: DfE Children in need 2013 to 2025 (period 31 Mar 2016)'."""
    return f"Published: {row.get('source_file') or 'national figures'}"


def _given(value) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and pd.isna(value))
        and not pd.isna(value)
        and str(value) != ""
    )
