"""AppTests: the app and every page run without an exception on a store holding the national figures and the
sample reports; focused tests for review decisions and downloads."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "pages").glob("*.py"))
TIMEOUT = 180  # the first run loads the national figures into a new store


@pytest.fixture(scope="module", autouse=True)
def app_store(tmp_path_factory):
    """One store for the module (what `make run` opens on a new machine: reference data and samples)."""
    import streamlit as st

    path = tmp_path_factory.mktemp("app") / "perfbooks.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PERFBOOKS_DB", str(path))
        st.cache_resource.clear()
        st.cache_data.clear()
        yield path
        st.cache_resource.clear()
        st.cache_data.clear()


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    return at


def test_app_opens_on_trends_with_the_sample_reports():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Trends"
    assert at.selectbox[0].value in ("Blackpool", "Leeds", "Rotherham", "Southampton")
    assert at.get("vega_lite_chart"), "no chart on the first page"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_runs(page):
    at = run_page(f"pages/{page.name}")
    assert not at.exception, at.exception
    titles = {"upload": "Upload reports"}
    assert at.title[0].value == titles.get(page.stem, page.stem.capitalize())


def test_benchmarks_for_rotherham_2015_16_show_the_gap_tables():
    at = run_page("pages/benchmarks.py")
    at.selectbox[0].select("Rotherham").run()
    assert not at.exception, at.exception
    assert len(at.dataframe) >= 3
