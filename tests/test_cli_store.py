"""`cli.py ingest`, `export`, `revisions` and `aliases`: the store from the command line."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from grids import ruled_pdf
from test_cli import CARE, SPEC_COLUMNS, SUMMARY
from test_store import report

ROOT = Path(__file__).resolve().parent.parent


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[Path]:
    """A ruled PDF report and two monthly CSV reports, the second revising a figure of the first."""
    folder = tmp_path_factory.mktemp("reports")
    pdf = folder / "rotherham_2017-01.pdf"
    ruled_pdf(
        pdf,
        [
            [
                "Rotherham Children's Services Performance Report",
                "As at January 2017",
                (SUMMARY, {}),
            ],
            ["Children in care", (CARE, {})],
        ],
    )
    return [
        pdf,
        report(
            folder, "jan.csv", ["Nov-16", "Dec-16", "Jan-17"], [450, 400, 420], [20.1, 21.0, 22.5]
        ),
        report(
            folder, "feb.csv", ["Dec-16", "Jan-17", "Feb-17"], [400, 425, 430], [21.0, 22.5, 23.0]
        ),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory, reports) -> Path:
    """A DuckDB store holding the three reports, ingested by the command line."""
    path = tmp_path_factory.mktemp("store") / "perfbooks.duckdb"
    done = cli("ingest", *reports, "--db", path)
    assert done.returncode == 0, done.stderr
    return path


def test_ingest_reports_progress_and_what_it_stored(db, reports, tmp_path):
    done = cli("ingest", *reports, "--db", db)
    assert done.returncode == 0
    assert done.stderr.count("already in the store") == 3


def test_ingest_goes_on_after_a_failed_file_and_exits_2(tmp_path, reports):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    done = cli("ingest", bad, reports[1], "--db", tmp_path / "s.duckdb")
    assert done.returncode == 2
    assert "broken.xlsx" in done.stderr and "jan.csv: 6 observations stored" in done.stderr


def test_export_of_every_vintage_equals_what_extract_reads(db, reports, tmp_path):
    """Ingest then export --source reports --vintage all gives the observations extract gives."""
    extracted, exported = tmp_path / "extracted.csv", tmp_path / "exported.csv"
    assert cli("extract", *reports, "--out", extracted).returncode == 0
    done = cli("export", "--db", db, "--out", exported, "--source", "reports", "--vintage", "all")
    assert done.returncode == 0, done.stderr
    key = lambda row: tuple(row[c] for c in SPEC_COLUMNS)  # noqa: E731
    assert sorted(map(key, read_csv(exported))) == sorted(map(key, read_csv(extracted)))


def test_export_current_vintage_keeps_the_latest_report(db, tmp_path):
    out = tmp_path / "current.csv"
    assert (
        cli(
            "export",
            "--db",
            db,
            "--out",
            out,
            "--source",
            "reports",
            "--indicator",
            "referrals",
            "--authority",
            "Rotherham",
        ).returncode
        == 0
    )
    jan = [
        r for r in read_csv(out) if r["period_start"] == "2017-01-01" and r["measure"] == "actual"
    ]
    assert [r["value"] for r in jan] == ["425"]


def test_revisions_lists_the_revised_figure(db):
    done = cli("revisions", "--db", db, "--authority", "Rotherham")
    assert done.returncode == 0
    assert "referrals" in done.stdout and "420" in done.stdout and "425" in done.stdout


def test_aliases_export_then_import(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    learned = tmp_path / "learned.csv"
    learned.write_text("alias,indicator_id\nFront door demand,contacts\n", encoding="utf-8")
    assert cli("aliases", "--db", first, "--import", learned).returncode == 0
    exported = tmp_path / "all.csv"
    assert cli("aliases", "--db", first, "--export", exported).returncode == 0
    rows = read_csv(exported)
    assert {
        "alias": "Front door demand",
        "indicator_id": "contacts",
        "origin": "learned",
    }.items() <= next(r for r in rows if r["alias"] == "Front door demand").items()
    assert cli("aliases", "--db", second, "--import", exported).returncode == 0
    assert "Front door demand" in cli("aliases", "--db", second, "--export", "/dev/stdout").stdout


def test_an_unreachable_store_is_one_sentence(tmp_path):
    done = cli("revisions", "--db", "postgresql://someone:secret@127.0.0.1:1/none")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "secret" not in done.stderr
    assert done.stderr.startswith("perfbooks revisions: cannot open the store")
