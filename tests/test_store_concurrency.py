"""Several programs on one store at once: first opens, the same file ingested together, DuckDB's
file lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from stores import store_url as _store_url

import store.ingest as ingest_module
from store import Store
from store.migrations import MIGRATIONS

ROOT = Path(__file__).resolve().parent.parent
REPORT = (
    "Rotherham Children's Services Performance Report\n\nIndicator,Nov-16,Dec-16,Jan-17\nNumber "
    "of referrals,450,400,420\n"
)
OPEN = (
    "import sys; from store import Store; Store(sys.argv[1], reference=False).close(); "
    "print('opened')"
)
INGEST = (
    "import sys; from store import Store; s = Store(sys.argv[1], reference=False); "
    "print(s.ingest(sys.argv[2]).status); s.close()"
)


@pytest.fixture
def postgres_url(tmp_path):
    yield from _store_url("postgres", tmp_path)


def at_once(script: str, *args: str, times: int) -> list[subprocess.CompletedProcess]:
    """Run the Python script in `times` processes started together; their results."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(times)
    ]
    return [
        subprocess.CompletedProcess(p.args, p.wait(timeout=300), *p.communicate()) for p in procs
    ]


def test_five_processes_open_a_new_postgres_store_at_once(postgres_url):
    """Migrations took no lock: four of five first opens crashed with DuplicateTable."""
    results = at_once(OPEN, postgres_url, times=5)
    assert [(r.returncode, r.stdout.strip(), r.stderr) for r in results] == [(0, "opened", "")] * 5
    store = Store(postgres_url, reference=False)
    assert store.db.scalar("SELECT COUNT(*) FROM schema_migrations") == len(MIGRATIONS)
    store.close()


def test_the_same_file_ingested_three_times_at_once(postgres_url, tmp_path):
    """The duplicate check sat outside the transaction: a UniqueViolation traceback instead of a
    sentence."""
    path = tmp_path / "rotherham.csv"
    path.write_text(REPORT)
    Store(postgres_url, reference=False).close()
    results = at_once(INGEST, postgres_url, str(path), times=3)
    assert sorted(r.stdout.strip() for r in results) == ["added", "duplicate", "duplicate"]
    assert all(r.returncode == 0 and "Traceback" not in r.stderr for r in results)
    store = Store(postgres_url, reference=False)
    assert store.db.scalar("SELECT COUNT(*) FROM documents") == 1
    assert store.db.scalar("SELECT COUNT(*) FROM observations") == 3
    store.close()


def test_a_file_stored_by_another_process_meanwhile_is_already_in_the_store(
    store_url, tmp_path, monkeypatch
):
    """The file was not in the store when checked, but another writer committed it before this
    transaction."""
    path = tmp_path / "rotherham.csv"
    path.write_text(REPORT)
    store = Store(store_url, reference=False)
    first = store.ingest(path)
    monkeypatch.setattr(
        ingest_module, "document_id_of", checked_too_early(ingest_module.document_id_of)
    )
    again = store.ingest(path)
    assert (again.status, again.document_id) == ("duplicate", first.document_id)
    assert (
        again.message
        == f"rotherham.csv is already in the store (document {first.document_id}); nothing added."
    )
    assert store.db.scalar("SELECT COUNT(*) FROM documents") == 1
    store.close()


def checked_too_early(lookup):
    """document_id_of as a racing writer sees it: nothing stored at the first two checks."""
    calls = []

    def look(db, digest):
        calls.append(digest)
        return None if len(calls) <= 2 else lookup(db, digest)

    return look


def test_a_duckdb_store_in_use_says_what_to_do(tmp_path):
    """DuckDB's own words ('Could not set lock on file') reached the user."""
    path = str(tmp_path / "store.duckdb")
    holder = Store(path, reference=False)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "revisions", "--db", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    holder.close()
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "is in use by another program" in proc.stderr
    assert "stop the app" in proc.stderr and "PostgreSQL" in proc.stderr
