"""The sample reports: built the same every time, read cleanly by the extractor, loaded once into a
store."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from samples import build
from samples.figures_impact import INTERVENTIONS
from samples.load import ensure_samples, load_samples, sample_paths
from store import Store
from store.queries import Selection

EVERY_VINTAGE = Selection(vintage="all")

ROOT = Path(__file__).resolve().parent.parent
# file -> (authorities, report date, at least this many observations)
EXPECTED = {
    "rotherham_2017-01_monthly_performance_sample.xlsx": ({"Rotherham"}, "2017-01-31", 400),
    "southampton_2018-06_monthly_scorecard_sample.pdf": ({"Southampton"}, "2018-06-30", 240),
    "blackpool_2016-17_q1_exception_report_sample.csv": ({"Blackpool"}, "2016-06-30", 20),
    "front_door_impact_sample.xlsx": ({"Leeds", "Southampton"}, "2017-03-31", 29),
}


@pytest.fixture
def store(tmp_path):
    opened = Store(str(tmp_path / "store.duckdb"), reference=False)
    yield opened
    opened.close()


def test_the_build_is_byte_identical_and_matches_the_committed_files(tmp_path):
    first, second = build.build(tmp_path / "a"), build.build(tmp_path / "b")
    assert [p.name for p in first] == list(EXPECTED)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
        assert (build.FOLDER / a.name).read_bytes() == a.read_bytes(), (
            f"{a.name}: run python -m samples.build"
        )
    assert sum(p.stat().st_size for p in first) < 1_000_000


def test_the_samples_need_nothing_outside_the_repository():
    for source in (ROOT / "samples").glob("*.py"):
        assert "shared" not in source.read_text(), source.name


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_sample_extracts_with_mapped_indicators_and_its_authority(name, tmp_path):
    out = tmp_path / "out.csv"
    done = subprocess.run(
        [sys.executable, "cli.py", "extract", str(build.FOLDER / name), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    authorities, report_date, at_least = EXPECTED[name]
    assert len(rows) >= at_least
    assert [r["indicator_label"] for r in rows if not r["indicator_id"]] == []
    assert {r["authority"] for r in rows} == authorities and all(r["la_code"] for r in rows)
    assert {r["report_date"] for r in rows} == {report_date}
    assert not any("check" in r["flags"] for r in rows)


def test_load_samples_stores_reports_and_interventions_once(store):
    messages = load_samples(store)
    documents = store.documents(source="report")
    assert sorted(documents["file_name"]) == sorted(EXPECTED)
    assert len(messages) == len(EXPECTED) + len(INTERVENTIONS)
    observations = store.observations(EVERY_VINTAGE)
    assert {"Rotherham", "Southampton", "Leeds", "Blackpool"} <= set(observations["authority"])
    assert len(observations) == documents["observation_count"].sum() > 700
    interventions = store.interventions()
    assert set(
        zip(interventions["authority"], interventions["start_date"].dt.strftime("%Y-%m"))
    ) == {("Leeds", "2011-10"), ("Wakefield", "2011-10"), ("Rotherham", "2016-10")}
    assert load_samples(store) == []
    assert len(store.documents(source="report")) == len(EXPECTED) and len(
        store.interventions()
    ) == len(INTERVENTIONS)
    assert len(store.observations(EVERY_VINTAGE)) == len(observations)


def test_ensure_samples_loads_an_empty_store_only(store, tmp_path):
    one = tmp_path / "one"
    one.mkdir()
    (one / "leeds.csv").write_text(
        "Impact in Leeds - Children Looked After\n,Aug-11,Sep-11\nCLA No.,1443,1453\n"
    )
    assert ensure_samples(store, one)
    assert ensure_samples(store) == []
    assert list(store.documents(source="report")["file_name"]) == ["leeds.csv"]


def test_sample_paths_of_a_missing_folder_is_empty(tmp_path):
    assert sample_paths(tmp_path / "nowhere") == []
