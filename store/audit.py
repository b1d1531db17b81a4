"""The audit log: every change to the store, who made it and when."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from store.backends import Backend

AUDIT_COLUMNS = ["audit_id", "done_at", "done_by", "action", "subject", "detail"]


def record(db: Backend, by: str, action: str, subject: object, detail: str = "") -> None:
    """Write one change to the log (action such as 'document accepted'; subject: what it
    changed)."""
    with db.transaction() as cur:
        cur.execute(
            (
                "INSERT INTO audit_log (done_at, done_by, action, subject, detail) VALUES (?, ?, "
                "?, "
                "?, ?)"
            ),
            [_now(), by, action, str(subject), detail],
        )


def audit_frame(db: Backend) -> pd.DataFrame:
    """Every change, newest first."""
    return db.frame(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit_log ORDER BY audit_id DESC")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
