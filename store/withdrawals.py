"""Withdrawn documents: their observations leave every view and export but stay stored, so a
withdrawal can be undone."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from store.backends import Backend

# on documents d
NOT_WITHDRAWN = "NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.document_id = d.document_id)"


def withdraw(db: Backend, document_id: int, by: str, reason: str) -> None:
    """Take a stored report out of the views (ValueError when there is no such report or it is
    withdrawn)."""
    accepted_by(db, document_id)
    if is_withdrawn(db, document_id):
        raise ValueError(f"document {document_id} is already withdrawn")
    with db.transaction() as cur:
        cur.execute(
            "INSERT INTO withdrawals VALUES (?, ?, ?, ?)", [document_id, by, _now(), reason.strip()]
        )


def restore(db: Backend, document_id: int) -> None:
    """Bring a withdrawn document's observations back (ValueError when it is not withdrawn)."""
    if not is_withdrawn(db, document_id):
        raise ValueError(f"document {document_id} is not withdrawn")
    with db.transaction() as cur:
        cur.execute("DELETE FROM withdrawals WHERE document_id = ?", [document_id])


def is_withdrawn(db: Backend, document_id: int) -> bool:
    return db.scalar("SELECT COUNT(*) FROM withdrawals WHERE document_id = ?", [document_id]) > 0


def withdrawn_frame(db: Backend) -> pd.DataFrame:
    """Every withdrawn document with who withdrew it, when and why, newest first."""
    return db.frame("""SELECT w.document_id, d.file_name, d.authority, d.report_date,
    d.observation_count,
                       d.ingested_by, w.withdrawn_by, w.withdrawn_at, w.reason
                       FROM withdrawals w JOIN documents d USING (document_id) ORDER BY
                       w.withdrawn_at DESC, w.document_id DESC""")


def accepted_by(db: Backend, document_id: int) -> str:
    """Who accepted (ingested) a stored report; ValueError when the store holds no such uploaded
    report."""
    found = db.frame(
        "SELECT ingested_by FROM documents WHERE document_id = ? AND source = 'report'",
        [document_id],
    )
    if found.empty:
        raise ValueError(f"the store holds no uploaded report with id {document_id}")
    return str(found["ingested_by"].iloc[0])


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
