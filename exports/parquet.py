"""The tidy observations table as Parquet, written by duckdb (typed: dates DATE, numbers DOUBLE,
text VARCHAR)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from exports.observation_frame import (
    DATE_COLUMNS,
    NUMBER_COLUMNS,
    cell_text,
    extra_columns,
    normalise,
)
from interpreter.observation import COLUMNS


def typed_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The normalised table with extra columns as text unless already numeric or boolean."""
    table = normalise(frame)
    for col in extra_columns(table):
        if not (
            pd.api.types.is_numeric_dtype(table[col]) or pd.api.types.is_bool_dtype(table[col])
        ):
            table[col] = pd.Series([cell_text(v) for v in table[col]], dtype=object)
    return table


def _select(table: pd.DataFrame) -> str:
    def cast(col: str) -> str:
        name = '"' + col.replace('"', '""') + '"'
        kind = (
            "DATE"
            if col in DATE_COLUMNS
            else "DOUBLE"
            if col in NUMBER_COLUMNS
            else "VARCHAR"
            if col in COLUMNS
            else ""
        )
        return f"CAST({name} AS {kind}) AS {name}" if kind else name

    return "SELECT " + ", ".join(cast(c) for c in table.columns) + " FROM observations"


def write_parquet(frame: pd.DataFrame, out: Path) -> Path:
    """Write the observations to out as Parquet."""
    table = typed_table(frame)
    target = str(Path(out)).replace("'", "''")
    with duckdb.connect() as con:
        con.register("observations", table)
        con.execute(f"COPY ({_select(table)}) TO '{target}' (FORMAT parquet)")
    return Path(out)


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The observations as Parquet bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        return write_parquet(frame, Path(tmp) / "observations.parquet").read_bytes()
