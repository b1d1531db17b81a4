"""Server time of every page of the app, on a store with the national published figures and the sample reports.

`python -m benchmarks.page_speed [--db PATH]` (default: a fresh DuckDB file in a temporary folder, loaded as the
app loads it on first run). Each page is run with Streamlit's AppTest twice: with every cached query cleared
(the first visit after an upload) and again (cached). Writes benchmarks/results/page_speed.md.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks.corpus_score import RESULTS, ROOT, markdown

PAGES = ["trends", "benchmarks", "compare", "impact", "upload", "review", "data", "catalogue"]


def page_seconds(page: str, clear: bool) -> float:
    """Seconds one run of the page takes (the app's script first, not timed)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    if clear:
        st.cache_data.clear()
    began = time.perf_counter()
    at.switch_page(f"pages/{page}.py").run()
    seconds = time.perf_counter() - began
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return seconds


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a DuckDB file or postgresql:// URL (default: a new DuckDB file)")
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp()
    os.environ["PERFBOOKS_DB"] = args.db or str(Path(folder) / "perfbooks.duckdb")
    began = time.perf_counter()
    from ui.store import observations, shared_store

    shared_store()
    opened = time.perf_counter() - began
    published = len(observations("published"))
    rows = [[page, f"{page_seconds(page, True):.2f}", f"{page_seconds(page, False):.2f}"] for page in PAGES]
    text = (f"# Page server time\n\nStore: {published:,} published figures and the sample reports; opening a new "
            f"store (loading them) took {opened:.1f} s.\n\n"
            + markdown(["page", "first visit (s, queries uncached)", "again (s, cached)"], rows) + "\n")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "page_speed.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
