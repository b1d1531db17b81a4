"""Documents in the store: one row per ingested file (or publication), saved with its observations
at once."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from interpreter.observation import COLUMNS, EXTRA_COLUMNS, Observation
from store.backends import Backend

STORED_COLUMNS = COLUMNS + EXTRA_COLUMNS + ["geographic_level"]
DATE_COLUMNS = ("period_start", "period_end", "report_date")
NUMBER_COLUMNS = ("value", "numerator", "denominator", "confidence")


@dataclass(frozen=True)
class NewDocument:
    """What the store records about a file besides its observations."""

    file_name: str
    format: str
    units: int
    content: bytes
    source: str = "report"  # or "published"
    warnings: tuple[str, ...] = ()


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def document_id_of(db: Backend, digest: str) -> int | None:
    """The id of the stored document with this content hash, if any."""
    found = db.scalar("SELECT document_id FROM documents WHERE content_hash = ?", [digest])
    return None if found is None else int(found)


def stored_as(db: Backend, digest: str) -> str | None:
    """A sentence naming the stored document with this content hash (its file, id, who saved it and
    when), else None."""
    found = db.frame(
        (
            "SELECT document_id, file_name, ingested_at, ingested_by FROM documents WHERE "
            "content_hash = ?"
        ),
        [digest],
    )
    if found.empty:
        return None
    row = found.iloc[0]
    when = pd.Timestamp(row["ingested_at"]).strftime("%d %B %Y")
    return (
        f"{row['file_name']}, document {int(row['document_id'])}, saved by {row['ingested_by']} "
        f"on {when}"
    )


def save_document(db: Backend, doc: NewDocument, rows, by: str, digest: str | None = None) -> int:
    """Store a document, its file and its observation rows in one transaction; the new document's
    id."""
    with db.transaction() as cur:
        return insert_document(db, cur, doc, rows, by, digest)


def insert_document(
    db: Backend, cur, doc: NewDocument, rows, by: str, digest: str | None = None
) -> int:
    """Add a document and its rows inside the caller's transaction; the new document's id."""
    digest = digest or content_hash(doc.content)
    rows = observation_table(rows)
    document_id = int(cur.execute("SELECT nextval('document_ids')").fetchone()[0])
    cur.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            document_id,
            digest,
            doc.file_name,
            doc.format,
            doc.units,
            doc.source,
            *_summary(rows),
            len(rows),
            "\n".join(doc.warnings),
            _now(),
            by,
        ],
    )
    if doc.content:
        cur.execute("INSERT INTO document_files VALUES (?, ?)", [document_id, doc.content])
    rows.insert(0, "row_number", range(1, len(rows) + 1))
    rows.insert(0, "document_id", document_id)
    db.insert_frame(cur, "observations", rows)
    return document_id


def observation_table(rows) -> pd.DataFrame:
    """Observations (a list or a frame) as the stored columns, typed: text '' when empty, dates,
    floats."""
    if isinstance(rows, list):
        rows = pd.DataFrame([_stored_row(o) for o in rows], columns=STORED_COLUMNS)
    frame = rows.reindex(columns=STORED_COLUMNS).copy()
    for column in STORED_COLUMNS:
        if column in DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column].replace("", None), errors="coerce").astype(
                "datetime64[us]"
            )
        elif column in NUMBER_COLUMNS:
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce").astype(
                float
            )
        else:
            frame[column] = (
                frame[column].astype(object).where(frame[column].notna(), "").astype(str)
            )
    return frame


def _stored_row(obs: Observation) -> dict:
    row = {c: getattr(obs, c, "") for c in COLUMNS + EXTRA_COLUMNS}
    row["flags"] = obs.flags.text()
    row["geographic_level"] = "Local authority" if obs.la_code else ""
    return row


def _summary(rows: pd.DataFrame) -> tuple:
    """The document's authority, its code and its report date: the most common authority, the latest
    vintage."""
    named = Counter(zip(rows["authority"], rows["la_code"])).most_common(1)
    authority, la_code = named[0][0] if named else ("", "")
    latest = rows["report_date"].max() if len(rows) else None
    return authority, la_code, None if pd.isna(latest) else latest.date()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def documents_frame(db: Backend, source: str = "all") -> pd.DataFrame:
    """Every stored document, newest first (without file contents); `withdrawn_at` set for a
    withdrawn one."""
    where, params = ("", []) if source == "all" else ("WHERE source = ?", [source])
    return db.frame(
        f"""SELECT d.document_id, file_name, format, units, source, authority, la_code, report_date,
                        observation_count, warnings, ingested_at, ingested_by, content_hash,
                        w.withdrawn_at
                        FROM documents d LEFT JOIN withdrawals w USING (document_id) {where}
                        ORDER BY d.document_id DESC""",
        params,
    )


def document_content(db: Backend, document_id: int) -> bytes | None:
    """The file exactly as it was uploaded."""
    found = db.scalar("SELECT content FROM document_files WHERE document_id = ?", [document_id])
    return None if found is None else bytes(found)
