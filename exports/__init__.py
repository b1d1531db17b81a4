"""Export writers: a DataFrame of observations -> files analysts download (tidy, wide, EES, xlsx,
Parquet).

Pure functions of the frame: the store and the app call export_bytes() (for a download button) or
export_file() (for `cli.py export`). Every text cell passes through safety.neutralise().

"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from exports.ees import ees_files, ees_zip, write_ees
from exports.parquet import parquet_bytes, write_parquet
from exports.safety import neutralise
from exports.tidy import tidy_csv
from exports.wide import wide_csv, wide_table
from exports.workbook import workbook_bytes

FORMATS = ("tidy", "wide", "ees", "xlsx", "parquet")
CSV = "text/csv"
FILES = {  # format -> (download file name, MIME type)
    "tidy": ("perfbooks_observations.csv", CSV),
    "wide": ("perfbooks_wide.csv", CSV),
    "ees": ("perfbooks_ees.zip", "application/zip"),
    "xlsx": (
        "perfbooks_observations.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "parquet": ("perfbooks_observations.parquet", "application/vnd.apache.parquet"),
}

__all__ = [
    "FILES",
    "FORMATS",
    "ees_files",
    "export_bytes",
    "export_file",
    "neutralise",
    "wide_table",
]


def _writer(fmt: str, filters: dict | None) -> Callable[[pd.DataFrame], bytes]:
    writers = {
        "tidy": tidy_csv,
        "wide": wide_csv,
        "ees": ees_zip,
        "parquet": parquet_bytes,
        "xlsx": lambda frame: workbook_bytes(frame, filters),
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt]


def export_bytes(
    frame: pd.DataFrame, fmt: str, filters: dict | None = None
) -> tuple[bytes, str, str]:
    """(content, file name, MIME type) of the observations in a format; EES comes as one zip."""
    content = _writer(fmt, filters)(frame)
    return content, *FILES[fmt]


def export_file(
    frame: pd.DataFrame, fmt: str, out: Path, filters: dict | None = None
) -> list[Path]:
    """Write the observations to out; returns the files written.

    EES writes several files: into out when it ends in .zip, else into the directory out.
    filters (what the export was restricted to) are recorded in the workbook's About sheet.
    """
    out = Path(out)
    if fmt == "ees":
        return write_ees(frame, out)
    if fmt == "parquet":
        return [write_parquet(frame, out)]
    out.write_bytes(_writer(fmt, filters)(frame))
    return [out]
