"""The two databases the store runs on: an embedded DuckDB file, or a PostgreSQL server."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from store.urls import open_failure, shown

PLACEHOLDER = re.compile(r"\?")
# PostgreSQL advisory lock key held while a store is migrated and its reference loaded
SCHEMA_LOCK = 7_340_117_205
IN_USE = (
    "the store {path} is in use by another program{pid} (perhaps the app); wait for it to finish, "
    "stop the "
    "app, or keep the store in PostgreSQL (PERFBOOKS_DB=postgresql://…) so several "
    "programs can use it at once"
)
DATE_TYPES = {1082, 1114, 1184}  # PostgreSQL type oids: date, timestamp, timestamptz
FLOAT_TYPES = {700, 701, 1700}  # real, double precision, numeric


class StoreError(Exception):
    """The store cannot be opened or used; the message is one sentence for the user."""


class Backend:
    """One database: a connection per thread, SQL written with `?` placeholders, frames in and
    out."""

    dialect = ""

    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()

    def connection(self):
        """This thread's connection, opened on first use."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._open()
        return con

    def _open(self):
        try:
            return self._connect()
        except Exception as exc:  # each driver raises its own types
            raise StoreError(self.open_problem(exc)) from None

    def open_problem(self, exc: Exception) -> str:
        """The sentence for a store that cannot be opened (no password in it)."""
        return f"cannot open the store {shown(self.url)}: {open_failure(exc, self.url)}"

    @contextmanager
    def exclusive(self):
        """Hold the store's schema lock (one process at a time migrates and loads reference
        data)."""
        yield

    def is_duplicate(self, exc: BaseException) -> bool:
        """True when an insert failed because the row's key is already stored (by a concurrent
        writer)."""
        return False

    def frame(self, sql: str, params=()) -> pd.DataFrame:
        """A query's rows as a DataFrame."""
        cur = self.connection().cursor()
        cur.execute(self.sql(sql), list(params))
        columns = [d[0] for d in cur.description]
        return pd.DataFrame(cur.fetchall(), columns=columns)

    def scalar(self, sql: str, params=()):
        """The first column of a query's first row (None when there is none)."""
        cur = self.connection().cursor()
        cur.execute(self.sql(sql), list(params))
        row = cur.fetchone()
        return row[0] if row else None

    def sql(self, text: str) -> str:
        return text

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


class DuckDBBackend(Backend):
    """A DuckDB file; created with its folder when missing."""

    dialect = "duckdb"

    def _connect(self):
        import duckdb

        if self.url != ":memory:":
            Path(self.url).parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(self.url)

    def open_problem(self, exc: Exception) -> str:
        """A lock held by another process said in plain words; anything else as the base class says
        it."""
        held = re.search(r"Conflicting lock is held in .*?\(PID (\d+)\)", str(exc))
        if held or "Could not set lock" in str(exc):
            return IN_USE.format(path=self.url, pid=f" (process {held.group(1)})" if held else "")
        return super().open_problem(exc)

    def is_duplicate(self, exc: BaseException) -> bool:
        import duckdb

        return isinstance(exc, duckdb.ConstraintException) and "Duplicate key" in str(exc)

    def connection(self):
        """A cursor of one shared connection per thread (DuckDB allows one writer process per
        file)."""
        root = getattr(self, "_root", None)
        if root is None:
            root = self._root = self._open()
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = root.cursor()
        return con

    @contextmanager
    def transaction(self):
        """A cursor whose work is committed together, or not at all."""
        con = self.connection()
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def insert_frame(self, cur, table: str, frame: pd.DataFrame) -> None:
        """Append a frame's rows to a table whose columns it names."""
        columns = ", ".join(frame.columns)
        cur.register("incoming_rows", frame)
        try:
            cur.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_rows")
        finally:
            cur.unregister("incoming_rows")

    def frame(self, sql: str, params=()) -> pd.DataFrame:
        return self.connection().execute(sql, list(params)).df()

    def close(self) -> None:
        super().close()
        root = getattr(self, "_root", None)
        if root is not None:
            root.close()
            self._root = None


class PostgresBackend(Backend):
    """A PostgreSQL database reached by a postgresql:// URL."""

    dialect = "postgres"

    def _connect(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def sql(self, text: str) -> str:
        return PLACEHOLDER.sub("%s", text)

    @contextmanager
    def exclusive(self):
        """A session advisory lock: five processes opening a new store migrate it one after
        another."""
        con = self.connection()
        con.execute("SELECT pg_advisory_lock(%s)", [SCHEMA_LOCK])
        try:
            yield
        finally:
            con.execute("SELECT pg_advisory_unlock(%s)", [SCHEMA_LOCK])

    def is_duplicate(self, exc: BaseException) -> bool:
        from psycopg import errors

        return isinstance(exc, errors.UniqueViolation)

    def frame(self, sql: str, params=()) -> pd.DataFrame:
        """Rows as a DataFrame typed as DuckDB's would be: dates as datetimes, numbers as floats."""
        cur = self.connection().cursor()
        cur.execute(self.sql(sql), list(params))
        frame = pd.DataFrame(cur.fetchall(), columns=[d.name for d in cur.description])
        for d in cur.description:
            if d.type_code in DATE_TYPES:
                frame[d.name] = pd.to_datetime(frame[d.name])
            elif d.type_code in FLOAT_TYPES:
                frame[d.name] = frame[d.name].astype(float)
        return frame

    @contextmanager
    def transaction(self):
        con = self.connection()
        with con.transaction():
            cur = con.cursor()
            yield _PostgresCursor(cur, self)

    def insert_frame(self, cur, table: str, frame: pd.DataFrame) -> None:
        """Append a frame's rows with COPY."""
        columns = ", ".join(frame.columns)
        rows = frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None)
        with cur.raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


class _PostgresCursor:
    """A psycopg cursor that takes `?` placeholders like DuckDB's."""

    def __init__(self, cur, backend: PostgresBackend):
        self.raw, self._backend = cur, backend

    def execute(self, sql: str, params=()):
        self.raw.execute(self._backend.sql(sql), list(params))
        return self.raw

    def executemany(self, sql: str, rows):
        self.raw.executemany(self._backend.sql(sql), list(rows))

    def fetchone(self):
        return self.raw.fetchone()

    def fetchall(self):
        return self.raw.fetchall()


def open_backend(url: str) -> Backend:
    """The backend a store URL names: postgresql:// (or postgres://) else a DuckDB file path."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(url)
    if url.startswith("duckdb://"):
        url = url[len("duckdb://") :]
    return DuckDBBackend(url)
