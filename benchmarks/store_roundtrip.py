"""The store keeps what extract reads, on the shared corpus: `python -m benchmarks.store_roundtrip
[--db URL]`.

Ingests every corpus document into a new store, exports `--source reports --vintage all`, and
compares the rows with `extract` on the same files (the contract's columns); then ingests them all
again and counts the rows that adds (should be 0). Needs ../shared/corpus.

"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.corpus_score import CORPUS, RESULTS, documents, markdown
from interpreter.observation import COLUMNS
from pipeline import extract_path, observations_frame
from store import Selection, Store


def rows_of(frame) -> list[tuple]:
    """The contract's columns as text, the way the tidy CSV prints them."""
    import csv
    import io

    from exports.tidy import tidy_csv

    rows = csv.DictReader(io.StringIO(tidy_csv(frame).decode("utf-8")))
    return sorted(tuple(row[c] for c in COLUMNS) for row in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", help="store URL (default: a new DuckDB file in a temporary folder)")
    args = ap.parse_args()
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db or str(Path(tmp) / "roundtrip.duckdb"))
        table = []
        for doc in documents(CORPUS):
            start = time.perf_counter()
            outcome = store.ingest(doc)
            seconds = time.perf_counter() - start
            extracted = (
                rows_of(observations_frame(extract_path(doc).observations))
                if outcome.status == "added"
                else []
            )
            stored = store.observations(Selection(source="reports", vintage="all"))
            stored = (
                rows_of(stored[stored["document_id"] == outcome.document_id])
                if outcome.document_id
                else []
            )
            table.append(
                [
                    doc.name,
                    outcome.status,
                    str(len(stored)),
                    str(len(extracted)),
                    "yes" if stored == extracted else "NO",
                    f"{seconds:.1f}",
                ]
            )
        before = int(store.db.scalar("SELECT COUNT(*) FROM observations"))
        again = [store.ingest(doc).status for doc in documents(CORPUS)]
        added = int(store.db.scalar("SELECT COUNT(*) FROM observations")) - before
        store.close()
    lines.append(
        markdown(
            ["document", "ingest", "rows stored", "rows extract gives", "same rows", "seconds"],
            table,
        )
    )
    lines.append(
        f"\nIngesting all {len(again)} documents again: {again.count('duplicate')} recognised as "
        "already "
        f"stored, {added} rows added."
    )
    text = "\n".join(lines) + "\n"
    print(text)
    (RESULTS / "store_roundtrip.md").write_text(text)


if __name__ == "__main__":
    main()
