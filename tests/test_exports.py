"""The export writers: tidy and wide CSV, EES open data files, the workbook, Parquet, and Excel
safety."""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from datetime import UTC, date, datetime

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from exports import FILES, FORMATS, export_bytes, export_file, neutralise, wide_table
from exports.ees import ees_files, value_symbol, write_ees
from exports.safety import DANGEROUS_PREFIXES, is_plain_number
from exports.tidy import tidy_csv
from exports.workbook import workbook_bytes
from interpreter.observation import COLUMNS

HYPERLINK = '=HYPERLINK("http://evil.example","click")'
CMD = "-cmd|' /C calc'!A0"
ROTHERHAM = {"authority": "Rotherham", "la_code": "E08000018", "old_la_code": "372"}
REREF = {
    "indicator_id": "re_referrals_12m_pct",
    "indicator_label": "% re-referrals in 12 months",
    "unit": "percent",
    "polarity": "low",
}
CLA = {
    "indicator_id": "cla_count",
    "indicator_label": "Number of children looked after",
    "unit": "count",
    "polarity": "info",
}
JAN = {"period_type": "month", "period_start": date(2017, 1, 1), "period_end": date(2017, 1, 31)}
VINTAGE = {
    "report_date": date(2017, 1, 31),
    "source_file": "rotherham_2017-01.pdf",
    "confidence": 0.98,
}


def obs(**fields) -> dict:
    return {"measure": "actual", **VINTAGE, **fields}


ROWS = [  # (name, row): a small hand-made store covering every period type and the awkward cases
    (
        "month",
        obs(
            **ROTHERHAM,
            **REREF,
            **JAN,
            value=41.9,
            numerator=206,
            denominator=492,
            source_location="p1 t1 r9 c7",
        ),
    ),
    (
        "december",
        obs(
            **ROTHERHAM,
            **REREF,
            period_type="month",
            period_start="2016-12-01",
            period_end="2016-12-31",
            value=25.0,
        ),
    ),
    (
        "december_older",
        obs(
            **ROTHERHAM,
            **REREF,
            period_type="month",
            period_start="2016-12-01",
            period_end="2016-12-31",
            value=24.0,
            report_date="2016-12-31",
        ),
    ),
    (
        "note_only",
        obs(
            **ROTHERHAM,
            **REREF,
            period_type="month",
            period_start=date(2016, 11, 1),
            period_end=date(2016, 11, 30),
            value=None,
            note="n/a",
        ),
    ),
    ("target", obs(**ROTHERHAM, **REREF, **JAN, measure="target", value=22.0)),
    (
        "benchmark",
        obs(
            **ROTHERHAM,
            **REREF,
            measure="stat_neighbour_avg",
            period_type="financial_year",
            period_start=pd.Timestamp("2014-04-01"),
            period_end=pd.Timestamp("2015-03-31"),
            value=21.7,
        ),
    ),
    (
        "financial_year",
        obs(
            **ROTHERHAM,
            **CLA,
            period_type="financial_year",
            period_start=pd.Timestamp("2015-04-01"),
            period_end=pd.Timestamp("2016-03-31"),
            value=480.0,
        ),
    ),
    (
        "fytd",
        obs(
            **ROTHERHAM,
            **{**CLA, "indicator_id": "referrals_count", "indicator_label": "Referrals to date"},
            period_type="financial_ytd",
            period_start="2016-04-01",
            period_end="2017-01-31",
            value=3210.0,
        ),
    ),
    (
        "quarter",
        obs(
            **ROTHERHAM,
            indicator_id="assessment_days_avg",
            indicator_label="Average days to assessment",
            unit="days",
            period_type="quarter",
            period_start=date(2016, 10, 1),
            period_end=date(2016, 12, 31),
            value=12.5,
        ),
    ),
    (
        "as_at",
        obs(
            **ROTHERHAM,
            **CLA,
            period_type="as_at",
            period_start=date(2016, 3, 31),
            period_end=date(2016, 3, 31),
            value=470.0,
        ),
    ),
    (
        "calendar_year",
        obs(
            **ROTHERHAM,
            **CLA,
            period_type="calendar_year",
            period_start=date(2016, 1, 1),
            period_end=date(2016, 12, 31),
            value=475.0,
        ),
    ),
    ("national", obs(authority="England", la_code="E92000001", **REREF, **JAN, value=21.9)),
    (
        "regional",
        obs(authority="Yorkshire and The Humber", la_code="E12000003", **REREF, **JAN, value=23.0),
    ),
    (
        "hyperlink",
        obs(
            **ROTHERHAM, indicator_id="", indicator_label=HYPERLINK, unit="ratio", **JAN, value=-0.3
        ),
    ),
    (
        "cmd",
        obs(
            **ROTHERHAM,
            indicator_id="",
            indicator_label=CMD,
            unit="count",
            **JAN,
            value=-5.0,
            note="=1+1",
        ),
    ),
]
NAMES = [name for name, _ in ROWS]


@pytest.fixture
def frame() -> pd.DataFrame:
    table = pd.DataFrame([row for _, row in ROWS])
    table["code"] = ["A1"] + [""] * (len(ROWS) - 1)
    table["document_id"] = range(1, len(ROWS) + 1)
    return table


def read_csv(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def row_of(rows: list[dict], name: str) -> dict:
    return rows[NAMES.index(name)]


# --- neutralise
# -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        HYPERLINK,
        "+cmd",
        "+",
        "-cmd",
        CMD,
        "-",
        "- 5",
        "--5",
        "@SUM(A1)",
        "\tx",
        "\r=1",
        "-2+3+cmd|' /C calc'!A0",
        "=",
        "+-5x",
        "-0x10",
    ],
)
def test_neutralise_prefixes_formula_like_text_with_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    [
        "-5",
        "-0.3",
        "+3",
        "-.5",
        "1e-05",
        "-1.5E+10",
        "28.1",
        "",
        "abc",
        "% re-referrals",
        "'=already",
        " =spaced",
        "a=b",
        "5-3",
        "n/a",
    ],
)
def test_neutralise_leaves_safe_text_and_plain_numbers(text):
    assert neutralise(text) == text


@given(st.text())
def test_neutralised_text_never_starts_like_a_formula_unless_a_plain_number(text):
    out = neutralise(text)
    assert not out.startswith(DANGEROUS_PREFIXES) or is_plain_number(out)
    assert out in (text, "'" + text)


# --- tidy
# -------------------------------------------------------------------------------------------


def test_tidy_has_contract_columns_in_order_then_extras(frame):
    header, rows = read_csv(tidy_csv(frame))
    assert header == COLUMNS + ["code", "document_id"]
    assert len(rows) == len(ROWS)


def test_tidy_round_trips_values_dates_and_text(frame):
    _, rows = read_csv(tidy_csv(frame))
    for (name, source), row in zip(ROWS, rows):
        value = source.get("value")
        if value is None:
            assert row["value"] == "", name
        else:
            assert float(row["value"]) == value, name
        for col in ("period_start", "period_end", "report_date"):
            assert row[col] == pd.Timestamp(source[col]).date().isoformat(), (name, col)
        assert row["authority"] == source["authority"]
    month = row_of(rows, "month")
    assert (month["value"], month["numerator"], month["denominator"], month["confidence"]) == (
        "41.9",
        "206",
        "492",
        "0.98",
    )
    # as extract writes it
    assert read_csv(tidy_csv(pd.DataFrame([{"confidence": 1}])))[1][0]["confidence"] == "1.00"
    assert (
        month["code"] == "A1"
        and month["document_id"] == "1"
        and month["source_location"] == "p1 t1 r9 c7"
    )
    assert row_of(rows, "financial_year")["value"] == "480"  # no needless .0
    assert row_of(rows, "note_only")["note"] == "n/a"


def test_tidy_neutralises_dangerous_text_but_keeps_negative_numbers(frame):
    _, rows = read_csv(tidy_csv(frame))
    assert row_of(rows, "hyperlink")["indicator_label"] == "'" + HYPERLINK
    assert row_of(rows, "cmd")["indicator_label"] == "'" + CMD
    assert row_of(rows, "cmd")["note"] == "'=1+1"
    assert row_of(rows, "hyperlink")["value"] == "-0.3"
    assert row_of(rows, "cmd")["value"] == "-5"


@given(
    st.text(alphabet=st.characters(exclude_categories=["Cs"])),
    st.floats(allow_nan=False, allow_infinity=False),
)
def test_tidy_reads_back_any_label_neutralised_and_any_number_equal(label, value):
    _, rows = read_csv(tidy_csv(pd.DataFrame([{"indicator_label": label, "value": value}])))
    assert rows[0]["indicator_label"] == neutralise(label if label.strip() else "")
    assert float(rows[0]["value"]) == pytest.approx(value, rel=1e-9, abs=0)


def test_tidy_orders_shuffled_columns_and_fills_missing_ones():
    shuffled = pd.DataFrame(
        [{"flags": "r", "value": "1,234", "authority": "Leeds", "period_end": "2017-01-31"}]
    )
    header, rows = read_csv(tidy_csv(shuffled))
    assert header == COLUMNS + ["flags"]
    assert (
        rows[0]["value"] == "1234"
        and rows[0]["period_end"] == "2017-01-31"
        and rows[0]["la_code"] == ""
    )


# --- wide
# -------------------------------------------------------------------------------------------

PERIODS = [
    "2014-15",
    "at 2016-03-31",
    "2015-16",
    "2016-11",
    "2016-12",
    "2016-17 Q3",
    "2016",
    "2017-01",
    "FYTD to 2017-01",
]
WIDE_KEY = ["authority", "la_code", "indicator_id", "indicator_label", "measure", "unit"]


def test_wide_has_period_columns_in_time_order(frame):
    wide = wide_table(frame)
    assert list(wide.columns) == WIDE_KEY + PERIODS


def test_wide_cells_and_latest_vintage_wins(frame):
    wide = wide_table(frame)
    reref = wide[
        (wide["authority"] == "Rotherham") & (wide["indicator_id"] == "re_referrals_12m_pct")
    ]
    assert list(reref["measure"]) == ["actual", "target", "stat_neighbour_avg"]
    actual = reref.iloc[0]
    assert actual["2017-01"] == 41.9 and actual["2016-12"] == 25.0  # not the older vintage's 24
    assert math.isnan(actual["2016-11"])  # note only
    assert reref.iloc[1]["2017-01"] == 22.0 and reref.iloc[2]["2014-15"] == 21.7
    # a financial year, a calendar year and an as-at day: one row
    cla = wide[wide["indicator_id"] == "cla_count"]
    assert len(cla) == 1 and list(cla.iloc[0][["at 2016-03-31", "2015-16", "2016"]]) == [
        470.0,
        480.0,
        475.0,
    ]
    assert len(wide) == 10


def test_wide_csv_is_neutralised_with_plain_numbers(frame):
    header, rows = read_csv(export_bytes(frame, "wide")[0])
    assert header == WIDE_KEY + PERIODS
    labels = {r["indicator_label"]: r for r in rows}
    assert labels["'" + HYPERLINK]["2017-01"] == "-0.3"
    assert labels["'" + CMD]["2017-01"] == "-5"
    assert labels["Number of children looked after"]["2015-16"] == "480"


# --- EES
# --------------------------------------------------------------------------------------------

MANDATORY = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
]
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
DATA_FILES = [
    "perfbooks_month",
    "perfbooks_financial_quarter",
    "perfbooks_financial_year",
    "perfbooks_calendar_year",
    "perfbooks_reporting_year",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FOUR_DIGITS = {"Calendar year", "Reporting year", *MONTHS}


@pytest.fixture
def ees(frame) -> dict[str, tuple[list[str], list[dict]]]:
    archive = zipfile.ZipFile(io.BytesIO(export_bytes(frame, "ees")[0]))
    assert all("/" not in name for name in archive.namelist())  # flat, as EES wants
    return {name: read_csv(archive.read(name)) for name in archive.namelist()}


def test_ees_one_data_and_meta_file_per_kind_of_time(ees):
    expected = {f"{stem}{suffix}" for stem in DATA_FILES for suffix in (".csv", ".meta.csv")} | {
        "dataset_names.csv"
    }
    assert set(ees) == expected
    header, names = ees["dataset_names.csv"]
    assert header == ["file_name", "dataset_name"]
    assert sorted(r["file_name"] for r in names) == sorted(DATA_FILES) and all(
        r["dataset_name"] for r in names
    )
    for stem in DATA_FILES:
        header, rows = ees[f"{stem}.csv"]
        assert header[: len(MANDATORY)] == MANDATORY, stem
        assert header[-3:] == ["value", "numerator", "denominator"]
        assert len({r["time_identifier"] in MONTHS for r in rows}) == 1 and rows, stem


def test_ees_time_periods_follow_the_standard(ees):
    times = {
        stem: {(r["time_period"], r["time_identifier"]) for r in ees[f"{stem}.csv"][1]}
        for stem in DATA_FILES
    }
    assert times["perfbooks_month"] == {
        ("2016", "November"),
        ("2016", "December"),
        ("2017", "January"),
    }
    assert times["perfbooks_financial_quarter"] == {("201617", "Financial year Q3")}
    assert times["perfbooks_financial_year"] == {
        ("201415", "Financial year"),
        ("201516", "Financial year"),
        ("201617", "Financial year"),
    }
    assert times["perfbooks_calendar_year"] == {("2016", "Calendar year")}
    assert times["perfbooks_reporting_year"] == {("2016", "Reporting year")}
    for stem in DATA_FILES:
        for row in ees[f"{stem}.csv"][1]:
            period = row["time_period"]
            if row["time_identifier"] in FOUR_DIGITS:
                assert re.fullmatch(r"\d{4}", period)
            else:
                assert (
                    re.fullmatch(r"\d{6}", period)
                    and int(period[4:]) == (int(period[:4]) + 1) % 100
                )
    years = {r["year_to_date"] for r in ees["perfbooks_financial_year.csv"][1]}
    assert years == {"Total", "April to January"}
    assert {r["as_at_date"] for r in ees["perfbooks_reporting_year.csv"][1]} == {"2016-03-31"}


def test_ees_geography_levels(ees):
    rows = ees["perfbooks_month.csv"][1]
    by_level = {
        r["geographic_level"]: r
        for r in rows
        if r["time_identifier"] == "January"
        and r["measure"] == "actual"
        and r["indicator_id"] == "re_referrals_12m_pct"
    }
    national, regional, la = by_level["National"], by_level["Regional"], by_level["Local authority"]
    blank = ["region_code", "region_name", "new_la_code", "old_la_code", "la_name"]
    assert [national[c] for c in ["country_code", "country_name", *blank]] == [
        "E92000001",
        "England",
    ] + [""] * 5
    assert [regional[c] for c in blank] == ["E12000003", "Yorkshire and The Humber", "", "", ""]
    assert [la[c] for c in blank] == [
        "E12000003",
        "Yorkshire and The Humber",
        "E08000018",
        "372",
        "Rotherham",
    ]
    assert all(r["country_code"] == "E92000001" and r["country_name"] == "England" for r in rows)
    assert [r["geographic_level"] for r in rows][:2] == ["National", "Regional"]


def test_ees_values_symbols_and_vintages(ees):
    rows = ees["perfbooks_month.csv"][1]
    cells = {
        (r["time_identifier"], r["measure"], r["indicator_label"], r["geographic_level"]): r
        for r in rows
    }
    label, la = REREF["indicator_label"], "Local authority"
    jan = cells["January", "actual", label, la]
    assert (jan["value"], jan["numerator"], jan["denominator"]) == ("41.9", "206", "492")
    assert cells["December", "actual", label, la]["value"] == "25"  # latest vintage only
    assert cells["November", "actual", label, la]["value"] == "x"  # "n/a": not available
    assert cells["January", "target", label, la]["numerator"] == "x"
    cmd = cells["January", "actual", "'" + CMD, la]
    assert (cmd["value"], cmd["numerator"], cmd["indicator_id"]) == ("-5", "z", "unmapped")
    assert cells["January", "actual", "'" + HYPERLINK, la]["value"] == "-0.3"
    for stem in DATA_FILES:
        header, rows = ees[f"{stem}.csv"]
        keys = [tuple(r[c] for c in header[:-3]) for r in rows]
        assert len(keys) == len(set(keys)), stem
        assert all(r[c] for r in rows for c in ("value", "numerator", "denominator")), stem


@pytest.mark.parametrize(
    ("note", "symbol"),
    [
        ("c", "c"),
        ("X", "x"),
        (" z ", "z"),
        ("low", "low"),
        ("~", "low"),
        ("suppressed", "c"),
        ("Not applicable", "z"),
        ("n/a", "x"),
        ("N/A", "x"),
        ("TBC", "x"),
        ("not available", "x"),
        ("-", "x"),
        ("", "x"),
        ("data unavailable due to migration", "x"),
    ],
)
def test_value_symbol(note, symbol):
    assert value_symbol(note) == symbol


def test_ees_meta_files_describe_every_varying_column(ees):
    for stem in DATA_FILES:
        header, rows = ees[f"{stem}.csv"]
        meta_header, meta = ees[f"{stem}.meta.csv"]
        assert meta_header == META_COLUMNS
        described = {m["col_name"]: m for m in meta}
        assert set(described) <= set(header) and not set(described) & set(MANDATORY)
        assert all(m["col_type"] in ("Filter", "Indicator") and m["label"] for m in meta)
        assert len({m["label"] for m in meta}) == len(meta)
        assert [m["col_name"] for m in meta if m["col_type"] == "Indicator"] == [
            "value",
            "numerator",
            "denominator",
        ]
        for col in header[len(MANDATORY) : -3]:
            levels = {r[col] for r in rows}
            assert (col in described) == (len(levels) > 1), (stem, col)
            assert "" not in levels


def test_write_ees_to_a_zip_a_directory_or_refuses_a_csv(frame, tmp_path):
    [zipped] = write_ees(frame, tmp_path / "out.zip")
    assert set(zipfile.ZipFile(zipped).namelist()) == set(ees_files(frame))
    written = write_ees(frame, tmp_path / "ees")
    assert sorted(p.name for p in written) == sorted(ees_files(frame)) and all(
        p.is_file() for p in written
    )
    with pytest.raises(ValueError, match="zip"):
        write_ees(frame, tmp_path / "out.csv")


# --- xlsx
# -------------------------------------------------------------------------------------------


@pytest.fixture
def book(frame):
    data = workbook_bytes(
        frame,
        {"authority": "Rotherham", "measures": ["actual", "target"]},
        now=datetime(2026, 5, 1, 9, 30, tzinfo=UTC),
    )
    return load_workbook(io.BytesIO(data))


def test_workbook_sheets_header_frozen_and_filtered(book):
    assert book.sheetnames == ["Observations", "Wide", "About"]
    sheet = book["Observations"]
    assert [c.value for c in sheet[1]] == COLUMNS + ["code", "document_id"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:U{len(ROWS) + 1}"
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["F"].width >= 8
    assert book["Wide"].freeze_panes == "A2"
    assert [c.value for c in book["Wide"][1]] == WIDE_KEY + PERIODS


def test_workbook_cells_are_typed_and_safe(book):
    sheet = book["Observations"]
    col = {name: i for i, name in enumerate(COLUMNS + ["code", "document_id"])}
    rows = list(sheet.iter_rows(min_row=2, values_only=False))
    month, fy, hyperlink, cmd = (
        rows[NAMES.index(n)] for n in ("month", "financial_year", "hyperlink", "cmd")
    )
    assert month[col["value"]].value == 41.9 and month[col["value"]].number_format == "0.0"
    assert fy[col["value"]].value == 480 and fy[col["value"]].number_format == "0"
    assert (
        month[col["period_start"]].value == datetime(2017, 1, 1)
        and month[col["period_start"]].is_date
    )
    assert (
        hyperlink[col["indicator_label"]].value == "'" + HYPERLINK
        and hyperlink[col["indicator_label"]].data_type == "s"
    )
    assert cmd[col["indicator_label"]].value == "'" + CMD
    assert cmd[col["value"]].value == -5 and hyperlink[col["value"]].value == -0.3
    assert rows[NAMES.index("note_only")][col["value"]].value is None
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_workbook_about_sheet(book):
    lines = list(book["About"].iter_rows(values_only=True))
    filters = lines.index(("Filters used", None))
    columns = lines.index(("Column", "Meaning"))
    assert dict(lines[filters + 1 : columns - 1]) == {
        "authority": "Rotherham",
        "measures": "actual, target",
    }
    text = dict(lines[:filters] + lines[columns + 1 :])
    assert text["Exported"] == "2026-05-01 09:30 UTC"
    assert text["Observations"] == len(ROWS)
    assert "percentage points" in text["value"] and text["document_id"]
    assert [line[0] for line in lines[columns + 1 :]] == COLUMNS + ["code", "document_id"]


# --- parquet
# ----------------------------------------------------------------------------------------


def test_parquet_reads_back_equal(frame, tmp_path):
    path = tmp_path / "obs.parquet"
    path.write_bytes(export_bytes(frame, "parquet")[0])
    back = duckdb.sql(f"SELECT * FROM read_parquet('{path}')").fetchall()
    columns = [
        c[0] for c in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    ]
    assert columns == COLUMNS + ["code", "document_id"]
    assert len(back) == len(ROWS)
    for (name, source), row in zip(ROWS, back):
        got = dict(zip(columns, row))
        assert got["value"] == source.get("value"), name
        assert got["period_start"] == pd.Timestamp(source["period_start"]).date(), name
        assert got["indicator_label"] == source["indicator_label"]  # binary data: stored as it is
    assert (
        dict(zip(columns, back[0]))["numerator"] == 206.0
        and dict(zip(columns, back[0]))["document_id"] == 1
    )


# --- the front door
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_bytes_and_file_agree(frame, fmt, tmp_path):
    data, name, mime = export_bytes(frame, fmt)
    assert (name, mime) == FILES[fmt] and data
    written = export_file(frame, fmt, tmp_path / name)
    assert written == [tmp_path / name] and written[0].stat().st_size > 0
    if fmt in ("tidy", "wide"):
        assert written[0].read_bytes() == data


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_copes_with_an_empty_frame(fmt):
    data, _, _ = export_bytes(pd.DataFrame(columns=COLUMNS), fmt)
    assert isinstance(data, bytes)


def test_unknown_format_is_refused(frame):
    with pytest.raises(ValueError, match="tidy"):
        export_bytes(frame, "pdf")
