"""Server time of every page of the app, on a store with the national published figures and the
sample reports.

`python -m benchmarks.page_speed [--db PATH]` (default: a fresh DuckDB file in a temporary folder,
loaded as the app loads it on first run). Each page is run with Streamlit's AppTest:

- first visit after the server starts: a new Python process per page (streamlit imported, nothing
  else), whose
  first run is app.py and that page, as when a browser opens the page's address on a server just
  started;
- after an upload: in a warm process with every cached query cleared (the cache is cleared after
  each save);
- again: the same page once more (cached);
- and on Benchmarks, changing the financial year to years not yet shown (each a new, uncached view).

Targets (issue 14): first visit under 3 s, later visits under 1 s, a change of year under 1 s.
Writes benchmarks/results/page_speed.md.

"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# not benchmarks.corpus_score's: importing it would import the reader
ROOT = Path(__file__).resolve().parents[1]
# before a first visit is timed, which must import what app.py needs
RESULTS = ROOT / "benchmarks" / "results"
PAGES = [
    "trends",
    "benchmarks",
    "compare",
    "authorities",
    "impact",
    "pack",
    "templates",
    "upload",
    "review",
    "data",
    "catalogue",
]
YEARS = ["2016-17", "2019-20", "2022-23"]  # Benchmarks opens on 2015-16
FIRST_TARGET, LATER_TARGET = 3.0, 1.0


def app_test():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)


def first_visit_seconds(page: str) -> tuple[float, float]:
    """In this (new) process: (seconds, CPU seconds) of the first run, app.py opening `page`
    directly. The CPU seconds are what the run would take with the machine to itself (the app's
    script runs on one thread)."""
    at = app_test()
    at.switch_page(f"pages/{page}.py")
    began, cpu = time.perf_counter(), time.process_time()
    at.run()
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    _check(at, page)
    return seconds, cpu


def first_visit_in_new_process(page: str, db: str) -> tuple[float, float]:
    """`first_visit_seconds` in a fresh interpreter, as after a server start."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.page_speed", "--db", db, "--first", page],
        cwd=ROOT,
        env=dict(os.environ, PERFBOOKS_DB=db),
        capture_output=True,
        text=True,
        check=True,
    )
    return tuple(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])


def page_seconds(page: str, clear: bool) -> tuple[float, float]:
    """(seconds, CPU seconds) of one run of the page in a warm process (the app's script first,
    not timed)."""
    import streamlit as st

    at = app_test().run()
    if clear:  # a page visited before, then every cached query cleared (as a save clears them)
        at.switch_page(f"pages/{page}.py").run()
        st.cache_data.clear()
    began, cpu = time.perf_counter(), time.process_time()
    at.switch_page(f"pages/{page}.py").run()
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    _check(at, page)
    return seconds, cpu


def year_change_seconds() -> list[tuple[float, float]]:
    """(seconds, CPU seconds) of each change of the Benchmarks page's financial year to a year not
    shown before."""
    at = app_test().run()
    at.switch_page("pages/benchmarks.py").run()
    times = []
    for year in YEARS:
        box = next(s for s in at.selectbox if s.label == "Financial year")
        began, cpu = time.perf_counter(), time.process_time()
        box.set_value(year).run()
        times.append((time.perf_counter() - began, time.process_time() - cpu))
        _check(at, f"benchmarks {year}")
    return times


def _check(at, what: str) -> None:
    if at.exception:
        raise RuntimeError(f"{what}: {at.exception[0].message}")


def report(
    opened: float, published: int, first: dict, later: list, years: list, load: tuple
) -> str:
    from benchmarks.corpus_score import markdown

    rows = [
        [page, *(f"{s:.2f} ({cpu:.2f})" for s, cpu in (first[page], u, c))] for page, u, c in later
    ]
    slowest = (
        max(s for s, _ in first.values()),
        max(max(u[0], c[0]) for _, u, c in later),
        max(s for s, _ in years),
    )
    met = slowest[0] < FIRST_TARGET and slowest[1] < LATER_TARGET and slowest[2] < LATER_TARGET
    return (
        f"# Page server time\n\nStore: {published:,} published figures and the sample reports; "
        "opening a new "
        f"store (loading them) took {opened:.1f} s.\n\n"
        + markdown(
            [
                "page",
                "first visit after the server starts (s; CPU s)",
                "after an upload (s, queries uncached; CPU s)",
                "again (s, cached; CPU s)",
            ],
            rows,
        )
        + f"\n\nChanging the financial year on Benchmarks ({', '.join(YEARS)}): "
        + ", ".join(f"{s:.2f} ({cpu:.2f} CPU)" for s, cpu in years)
        + " s.\n\n"
        + (
            f"Slowest: first visit {slowest[0]:.2f} s (target {FIRST_TARGET:g}), later visit "
            f"{slowest[1]:.2f} s "
        )
        + (
            f"(target {LATER_TARGET:g}), change of year {slowest[2]:.2f} s (target "
            f"{LATER_TARGET:g}): "
        )
        + ("every target met" if met else "a target missed")
        + f". Load average {load[0]:.1f} at the start, {load[1]:.1f} at the end, "
        f"on {os.cpu_count()} cores (other "
        "work on the machine slows every figure).\n"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", help="a DuckDB file or postgresql:// URL (default: a new DuckDB file)"
    )
    # one first visit, in the process started for it
    parser.add_argument("--first", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    db = args.db or str(Path(tempfile.mkdtemp()) / "perfbooks.duckdb")
    os.environ["PERFBOOKS_DB"] = db
    if args.first:
        print(json.dumps({"seconds": list(first_visit_seconds(args.first))}))
        return
    load = os.getloadavg()[0]
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from ui.cached_store import shared_store; shared_store()"],
        cwd=ROOT,
        check=True,
        # fill the store the way the app's first start does
        env=dict(os.environ),
        capture_output=True,
    )
    opened = time.perf_counter() - began
    # before this process holds the store
    first = {page: first_visit_in_new_process(page, db) for page in PAGES}
    from ui.cached_store import observations

    published = len(observations("published"))
    later = [(page, page_seconds(page, True), page_seconds(page, False)) for page in PAGES]
    years = year_change_seconds()
    text = report(opened, published, first, later, years, (load, os.getloadavg()[0]))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "page_speed.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
