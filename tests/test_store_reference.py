"""A new store starts with the reference data: neighbours, population and the national published
figures."""

from __future__ import annotations

import shutil

import pytest
from test_cli_store import cli, read_csv

from store import Selection, Store
from store.reference import REFERENCE_DIR, load_reference


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = Store(str(tmp_path_factory.mktemp("reference") / "store.duckdb"))
    yield opened
    opened.close()


def test_published_figures_are_observations_naming_their_publication(store):
    rotherham = store.observations(
        Selection(source="published", authority="Rotherham", indicator="cpp_rate_10k")
    )
    at_march_2016 = rotherham[rotherham["period_end"] == "2016-03-31"]
    assert list(at_march_2016["value"]) == [65.3]
    assert at_march_2016["source_file"].iloc[0].startswith("DfE")
    assert set(store.documents("published")["format"]) == {"published"}


def test_reference_tables_are_loaded(store):
    neighbours = store.table("statistical_neighbours")
    rotherham = neighbours[
        (neighbours["la_code"] == "E08000018") & (neighbours["version"] == "2021")
    ]
    assert sorted(rotherham["neighbour_rank"]) == list(range(1, 11))
    population = store.table("population")
    assert population[(population["la_code"] == "E08000018")]["population_0_17"].gt(50_000).all()


def test_unchanged_reference_files_are_not_reloaded(store):
    assert load_reference(store.db) == []


def test_a_changed_reference_table_replaces_the_old_one(tmp_path, store_url):
    """A rebuilt table is loaded again when a store opens; the store never holds both versions."""
    folder = tmp_path / "reference"
    folder.mkdir()
    shutil.copy(REFERENCE_DIR / "population.csv", folder / "population.csv")
    opened = Store(store_url, reference=False)
    assert load_reference(opened.db, folder) == ["population"]
    rows = len(opened.table("population"))
    with (folder / "population.csv").open("a", encoding="utf-8") as fh:
        fh.write("E08000018,372,Rotherham,Local authority,2099,1\n")
    assert load_reference(opened.db, folder) == ["population"]
    assert len(opened.table("population")) == rows + 1
    opened.close()


def test_export_of_published_figures_holds_the_authority_and_england(tmp_path):
    """`export --authority Rotherham --indicator cpp_rate_10k --source published`: 65.3 in 2015-16,
    and England's."""
    out = tmp_path / "cpp.csv"
    done = cli(
        "export",
        "--db",
        tmp_path / "s.duckdb",
        "--out",
        out,
        "--authority",
        "Rotherham",
        "--indicator",
        "cpp_rate_10k",
        "--source",
        "published",
    )
    assert done.returncode == 0, done.stderr
    at_march_2016 = {
        r["authority"]: r["value"] for r in read_csv(out) if r["period_end"] == "2016-03-31"
    }
    assert at_march_2016["Rotherham"] == "65.3"
    assert "England" in at_march_2016 and "Yorkshire and The Humber" in at_march_2016


def test_the_store_holds_the_rebuilt_figures_without_the_defects(store):
    """Issue 12: a store loads the rebuilt table, so school moves 2018-19 (England's value given to
    every council) and Northamptonshire after its abolition are not there as council figures."""
    moves = store.observations(
        Selection(
            source="published",
            indicator="cla_school_moves_pct",
            ends_between=("2019-03-31", "2019-03-31"),
        )
    )
    assert len(moves) and not moves["la_code"].str.match(r"E0[6-9]|E10").any()
    late = store.observations(
        Selection(
            source="published", authority="E10000021", ends_between=("2022-01-01", "2026-01-01")
        )
    )
    assert late[late["la_code"] == "E10000021"].empty
