"""Explore education statistics (EES) open data files: one data file and one .meta.csv per kind of
time.

Files (in a zip, or a directory): `perfbooks_month`, `perfbooks_financial_quarter`,
`perfbooks_financial_year` (full years and financial-year-to-date, told apart by the `year_to_date`
filter), `perfbooks_calendar_year` and `perfbooks_reporting_year` (figures "as at" a day, with the
`as_at_date` filter), each `.csv` with its `.meta.csv`, and `dataset_names.csv` naming them. Rows
without a period are left out. Symbols: see value_symbol().

"""

from __future__ import annotations

import calendar
import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from exports.geography import GEOGRAPHY_COLUMNS, geography
from exports.observation_frame import cell_text, normalise, oldest_vintage_first
from exports.safe_csv import csv_bytes
from extractors.grid import fold
from periods import financial_year_of, fy_label, fy_quarter

TIME_COLUMNS = ["time_period", "time_identifier"]
FILTERS = ["indicator_id", "indicator_label", "measure", "unit"]
INDICATORS = ["value", "numerator", "denominator"]
LEVELS = ["National", "Regional", "Local authority"]
ORDER_KEYS = ["_level", "_start"]  # sort keys carried beside each row, never written
SYMBOL_NOTES = {  # a note (case and spaces folded) printed where the value should be -> GSS symbol
    "c": "c",
    "x": "x",
    "z": "z",
    "low": "low",
    "~": "low",
    ":": "x",
    "suppressed": "c",
    "supp": "c",
    "confidential": "c",
    "redacted": "c",
    "*": "c",
    "not applicable": "z",
    "n/app": "z",
}
DEFAULT_SYMBOL = "x"  # n/a, TBC, not available, "-", data unavailable ...: not available
META_COLUMNS = [
    "col_name",
    "col_type",
    "label",
    "indicator_grouping",
    "indicator_unit",
    "indicator_dp",
    "filter_hint",
    "filter_grouping_column",
]
META = {  # col_name -> (col_type, label, indicator_dp, filter_hint)
    "indicator_id": ("Filter", "Indicator", "", "Filter by indicator (perfbooks catalogue id)"),
    "indicator_label": (
        "Filter",
        "Indicator as printed",
        "",
        "Filter by the label the report printed",
    ),
    "measure": ("Filter", "Measure", "", "Filter by actual, target or benchmark"),
    "unit": ("Filter", "Unit", "", "Filter by unit of the value"),
    "year_to_date": (
        "Filter",
        "Part of the year",
        "",
        "Total for the full year, or the months to date",
    ),
    "as_at_date": ("Filter", "As at date", "", "Filter by the day the figure describes"),
    "value": ("Indicator", "Value", "1", ""),
    "numerator": ("Indicator", "Numerator", "0", ""),
    "denominator": ("Indicator", "Denominator", "0", ""),
}


@dataclass(frozen=True)
class TimeKind:
    """One EES data file: which period types it holds, its title and extra time filter."""

    stem: str
    title: str
    extra_filter: str = ""


TITLE = "Children's social care performance "
FINANCIAL_YEAR = TimeKind("perfbooks_financial_year", TITLE + "by financial year", "year_to_date")
# period_type -> its data file (full years and years to date share one, told apart by year_to_date)
KINDS = {
    "month": TimeKind("perfbooks_month", TITLE + "by month"),
    "quarter": TimeKind("perfbooks_financial_quarter", TITLE + "by financial quarter"),
    "financial_year": FINANCIAL_YEAR,
    "financial_ytd": FINANCIAL_YEAR,
    "calendar_year": TimeKind("perfbooks_calendar_year", TITLE + "by calendar year"),
    "as_at": TimeKind("perfbooks_reporting_year", TITLE + "at a point in time", "as_at_date"),
}


def fy_code(start_year: int) -> str:
    """'201617' for the financial year starting April 2016."""
    return fy_label(start_year).replace("-", "")


def time_cells(period_type: str, start: date | None, end: date | None) -> dict[str, str] | None:
    """time_period, time_identifier and any extra time filter of a period; None if EES has no place
    for it."""
    start, end = start or end, end or start
    if start is None or period_type not in KINDS:
        return None
    fy = fy_code(financial_year_of(start))
    if period_type == "month":
        return {"time_period": str(start.year), "time_identifier": calendar.month_name[start.month]}
    if period_type == "quarter":
        return {"time_period": fy, "time_identifier": f"Financial year Q{fy_quarter(start)}"}
    if period_type == "financial_year":
        return {"time_period": fy, "time_identifier": "Financial year", "year_to_date": "Total"}
    if period_type == "financial_ytd":
        return {
            "time_period": fy,
            "time_identifier": "Financial year",
            "year_to_date": f"April to {calendar.month_name[end.month]}",
        }
    if period_type == "calendar_year":
        return {"time_period": str(start.year), "time_identifier": "Calendar year"}
    return {
        "time_period": str(end.year),
        "time_identifier": "Reporting year",
        "as_at_date": end.isoformat(),
    }


def value_symbol(note: str) -> str:
    """The GSS symbol for a missing value: a note that is (or says) c/x/z/low maps to it, anything
    else is x."""
    return SYMBOL_NOTES.get(fold(note).casefold(), DEFAULT_SYMBOL)


def indicator_cells(row: dict) -> dict[str, str]:
    """value, numerator, denominator as numbers, or symbols where missing (z for a count's fraction
    parts)."""
    cells = {"value": cell_text(row["value"]) or value_symbol(row["note"])}
    part_symbol = "z" if row["unit"] == "count" else "x"
    for part in ("numerator", "denominator"):
        cells[part] = cell_text(row[part]) or part_symbol
    return cells


def ees_row(row: dict) -> tuple[str, dict[str, str]] | None:
    """(file stem, cells) for one observation; None when it has no EES period."""
    time = time_cells(row["period_type"], row["period_start"], row["period_end"])
    if time is None:
        return None
    on = row["period_end"] or row["report_date"]
    place = geography(row["la_code"], row["authority"], row["old_la_code"], on)
    filters = {
        "indicator_id": row["indicator_id"] or "unmapped",
        "measure": row["measure"] or "actual",
        "indicator_label": row["indicator_label"] or "unlabelled",
        "unit": row["unit"] or "unknown",
    }
    start = row["period_start"] or row["period_end"]
    order = {"_level": LEVELS.index(place["geographic_level"]), "_start": start.toordinal()}
    return KINDS[row["period_type"]].stem, {
        **time,
        **place,
        **filters,
        **indicator_cells(row),
        **order,
    }


def kind_columns(kind: TimeKind) -> list[str]:
    """The columns of one data file, in the standard's order: time, geography, filters,
    indicators."""
    return (
        TIME_COLUMNS
        + GEOGRAPHY_COLUMNS
        + FILTERS
        + ([kind.extra_filter] if kind.extra_filter else [])
        + INDICATORS
    )


def data_tables(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Stem -> the EES data table; one row per place, time and filters (the latest report wins)."""
    grouped: dict[str, list[dict]] = {}
    for row in oldest_vintage_first(normalise(frame)).to_dict("records"):
        if (found := ees_row(row)) is not None:
            grouped.setdefault(found[0], []).append(found[1])
    return {
        kind.stem: tidy_file(grouped[kind.stem], kind_columns(kind))
        for kind in dict.fromkeys(KINDS.values())
        if kind.stem in grouped
    }


def tidy_file(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Rows (latest vintage last) as one table: duplicates dropped, sorted by place, filters and
    time."""
    table = pd.DataFrame(rows).reindex(columns=columns + ORDER_KEYS).fillna("")
    table = table.drop_duplicates(subset=columns[: -len(INDICATORS)], keep="last")
    order = ["_level", "region_code", "la_name", "new_la_code", *FILTERS, "_start"]
    return table.sort_values(order, kind="stable")[columns].reset_index(drop=True)


def meta_table(table: pd.DataFrame) -> list[list[str]]:
    """The .meta.csv rows: every indicator, and each filter with two or more levels (the standard's
    rule)."""
    rows = []
    for col in table.columns:
        if col in META:
            col_type, label, dp, hint = META[col]
            if col_type == "Indicator" or table[col].nunique() > 1:
                rows.append([col, col_type, label, "", "", dp, hint, ""])
    return rows


def ees_files(frame: pd.DataFrame) -> dict[str, bytes]:
    """File name -> bytes: each data CSV, its .meta.csv, and dataset_names.csv (empty dict if no
    rows fit)."""
    files, names = {}, []
    titles = {k.stem: k.title for k in KINDS.values()}
    for stem, table in data_tables(frame).items():
        files[f"{stem}.csv"] = csv_bytes(
            list(table.columns), table.itertuples(index=False, name=None)
        )
        files[f"{stem}.meta.csv"] = csv_bytes(META_COLUMNS, meta_table(table))
        names.append([stem, titles[stem]])
    if names:
        files["dataset_names.csv"] = csv_bytes(["file_name", "dataset_name"], names)
    return files


def ees_zip(frame: pd.DataFrame) -> bytes:
    """The EES files in one flat zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in ees_files(frame).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_ees(frame: pd.DataFrame, out: Path) -> list[Path]:
    """Write the EES files: into out if it ends in .zip (returns [out]), else into the directory
    out."""
    out = Path(out)
    if out.suffix.lower() == ".zip":
        out.write_bytes(ees_zip(frame))
        return [out]
    if out.suffix and not out.is_dir():
        raise ValueError(
            f"EES export writes several files: give a .zip file or a directory, not {out.name}"
        )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in ees_files(frame).items():
        (out / name).write_bytes(data)
        written.append(out / name)
    return written
