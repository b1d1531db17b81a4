"""Store fixtures for both backends: a DuckDB file, and a PostgreSQL schema when a server is
configured."""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

# e.g. postgresql://perfbooks:perfbooks@localhost:5432/perfbooks_test
POSTGRES_ENV = "PERFBOOKS_TEST_POSTGRES"
BACKENDS = ["duckdb", "postgres"]


def store_url(backend: str, tmp_path):
    """A fresh, empty store URL on the backend; yields it and removes the PostgreSQL schema
    afterwards."""
    if backend == "duckdb":
        yield str(tmp_path / "store.duckdb")
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server and os.environ.get("PERFBOOKS_REQUIRE_POSTGRES") == "1":
        pytest.fail(
            f"PostgreSQL is required here but {POSTGRES_ENV} is not set (see "
            "scripts/test_postgres.sh)"
        )
    if not server:
        pytest.skip(
            f"no PostgreSQL server configured: set {POSTGRES_ENV} (make test starts one when "
            "run "
            "as root)"
        )
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(server, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {schema} CASCADE")
