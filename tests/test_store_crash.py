"""A process killed (kill -9) in the middle of an ingest leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_store import counts, report

from store import Selection, Store

ROOT = Path(__file__).resolve().parent.parent
# Ingest a file, but stop for good after its rows are written and before the transaction commits.
HALTING_INGEST = """
import sys, time
from pathlib import Path
import store.documents as documents
from store import Store

real_insert = documents.insert_document

def insert_then_hang(*args, **kwargs):
    document_id = real_insert(*args, **kwargs)
    Path(sys.argv[3]).write_text(str(document_id))
    time.sleep(600)

documents.insert_document = insert_then_hang
Store(sys.argv[1], reference=False).ingest(Path(sys.argv[2]))
"""


def test_kill_during_ingest_leaves_the_store_unchanged(store_url, tmp_path):
    january = report(
        tmp_path, "jan.csv", ["Nov-16", "Dec-16", "Jan-17"], [450, 400, 420], [20.1, 21.0, 22.5]
    )
    february = report(
        tmp_path, "feb.csv", ["Dec-16", "Jan-17", "Feb-17"], [400, 425, 430], [21.0, 22.5, 23.0]
    )
    store = Store(store_url, reference=False)
    store.ingest(january)
    before, rows_before = counts(store), store.observations(Selection(vintage="all"))
    store.close()

    marker = tmp_path / "inserted"
    child = subprocess.Popen(
        [sys.executable, "-c", HALTING_INGEST, store_url, str(february), str(marker)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    _wait_for(marker, child)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(30)

    reopened = Store(store_url, reference=False)
    assert counts(reopened) == before
    assert reopened.observations(Selection(vintage="all")).equals(rows_before)
    assert reopened.ingest(february).status == "added"
    reopened.close()


def _wait_for(marker: Path, child: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not marker.exists():
        assert child.poll() is None, "the ingest process ended before it reached the insert"
        assert time.monotonic() < deadline, "the ingest process never reached the insert"
        time.sleep(0.05)
