"""Store benchmark: national figures plus ~2 million report observations; ingest rate, size, page
queries.

`python -m benchmarks.store_speed [--db URL] [--rows 2000000]` (default: a fresh DuckDB file in a
temporary folder). Synthetic monthly reports: each is one authority's 13 latest months of every
indicator, the kind of book an analyst uploads; consecutive reports overlap and revise about 5% of
the months they share.

"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.corpus_score import RESULTS, markdown
from store import Selection, Store
from store.documents import NewDocument, save_document

INDICATORS = 60
MONTHS_PER_REPORT = 13


def synthetic_reports(rows: int, seed: int = 7):
    """(document, observations frame) pairs adding up to about `rows` observations."""
    from authorities.authority import all_authorities
    from indicators import load_catalogue

    rng = np.random.default_rng(seed)
    authorities = [a for a in all_authorities() if not a.end_date][:150]
    ids = load_catalogue().ids()[:INDICATORS]
    per_report = INDICATORS * MONTHS_PER_REPORT
    reports = max(1, rows // per_report)
    base = rng.uniform(10, 900, size=(len(authorities), INDICATORS))
    for n in range(reports):
        authority, month = authorities[n % len(authorities)], 24 + n // len(authorities)
        yield _report(n, authority, month, ids, base[n % len(authorities)], rng)


def _report(n, authority, month, ids, base, rng):
    months = [
        pd.Timestamp(2015, 1, 1) + pd.DateOffset(months=m)
        for m in range(month - MONTHS_PER_REPORT + 1, month + 1)
    ]
    starts = np.repeat(months, len(ids))
    noise = 1 + 0.05 * (rng.random(len(starts)) < 0.05) * rng.standard_normal(len(starts))
    values = np.round(np.tile(base, len(months)) * noise, 1)
    report_date = months[-1] + pd.offsets.MonthEnd(0)
    frame = pd.DataFrame(
        {
            "authority": authority.name,
            "la_code": authority.new_la_code,
            "old_la_code": authority.old_la_code,
            "indicator_id": np.tile(ids, len(months)),
            "indicator_label": np.tile(ids, len(months)),
            "measure": "actual",
            "period_type": "month",
            "period_start": starts,
            "period_end": starts + pd.offsets.MonthEnd(0),
            "value": values,
            "unit": "count",
            "polarity": "info",
            "report_date": report_date,
            "source_file": f"synthetic_{n}.xlsx",
            "source_location": [f"Data!B{i + 2}" for i in range(len(starts))],
            "confidence": 1.0,
            "geographic_level": "Local authority",
        }
    )
    doc = NewDocument(f"synthetic_{n}.xlsx", "xlsx", 1, f"synthetic report {n}".encode())
    return doc, frame


def page_queries(store: Store) -> dict:
    """The store calls the app's pages make, by page."""
    return {
        "Trends: one authority, one indicator, current": lambda: store.observations(
            Selection(authority="Leeds", indicator="contacts")
        ),
        "Trends: revisions shown beside it": lambda: store.revisions("Leeds", "contacts"),
        "Benchmarks: one indicator, every authority (published)": lambda: store.observations(
            Selection(source="published", indicator="cpp_rate_10k")
        ),
        "Compare: one authority, every indicator, current": lambda: store.observations(
            Selection(authority="Rotherham")
        ),
        "Data: revisions of one authority": lambda: store.revisions("Rotherham"),
        "Data: documents list": lambda: store.documents(),
        "Data: every current report figure of one indicator": lambda: store.observations(
            Selection(source="reports", indicator="referrals")
        ),
    }


def load(store: Store, rows: int) -> tuple[int, float]:
    start, added = time.perf_counter(), 0
    for doc, frame in synthetic_reports(rows):
        save_document(store.db, doc, frame, "benchmark")
        added += len(frame)
    return added, time.perf_counter() - start


def store_size(store: Store) -> str:
    if store.db.dialect == "postgres":
        size = store.db.scalar("SELECT pg_database_size(current_database())")
    else:
        store.db.connection().execute("CHECKPOINT")
        size = Path(store.url).stat().st_size
    return f"{size / 2**20:.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", help="store URL (default: a new DuckDB file in a temporary folder)")
    ap.add_argument("--rows", type=int, default=2_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store = Store(args.db or str(Path(tmp) / "bench.duckdb"))
        opened = time.perf_counter() - start
        published = int(store.db.scalar("SELECT COUNT(*) FROM observations"))
        added, seconds = load(store, args.rows)
        lines = [
            f"Store: {store.db.dialect}; new store with reference data opened in {opened:.1f} s "
            f"({published:,} published figures).",
            f"Ingested {added:,} report observations in {seconds:.0f} s: "
            f"{added / seconds:,.0f} rows/s "
            "(each synthetic report saved in its own transaction). Store size: "
            f"{store_size(store)}.",
            "",
        ]
        timings = [[name, *_timed(query)] for name, query in page_queries(store).items()]
        lines.append(markdown(["page query", "rows", "seconds"], timings))
        store.close()
    text = "\n".join(lines) + "\n"
    print(text)
    (
        RESULTS
        / f"store_speed_{'postgres' if args.db and args.db.startswith('postgres') else 'duckdb'}.md"
    ).write_text(text)


def _timed(query) -> list[str]:
    query()  # the first call pays for query planning and caches; the app caches too
    start = time.perf_counter()
    frame = query()
    return [f"{len(frame):,}", f"{time.perf_counter() - start:.3f}"]


if __name__ == "__main__":
    main()
