"""The official reference data a store starts with, reloaded whenever the project's tables
change."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from store.backends import Backend
from store.documents import NewDocument, insert_document

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
TABLES = {  # store table -> the project's table under data/reference
    "statistical_neighbours": "statistical_neighbours.csv",
    "population": "population.csv",
}
PUBLISHED = "published_figures.csv.gz"
LOADER = "perfbooks reference loader"


def load_reference(db: Backend, folder: Path = REFERENCE_DIR) -> list[str]:
    """Load each reference table whose file changed since it was last loaded; the names loaded."""
    loaded = [name for name, file in TABLES.items() if _refresh_table(db, name, folder / file)]
    if _refresh_published(db, folder / PUBLISHED):
        loaded.append("published_figures")
    return loaded


def _refresh_table(db: Backend, table: str, path: Path) -> bool:
    digest = _digest(path)
    if digest is None or digest == _loaded_hash(db, table):
        return False
    frame = _as_columns_of(db, table, pd.read_csv(path, dtype=str, keep_default_na=False))
    with db.transaction() as cur:
        cur.execute(f"DELETE FROM {table}")
        db.insert_frame(cur, table, frame)
        _record(cur, table, digest, len(frame))
    return True


def _as_columns_of(db: Backend, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the store table's columns, numbers as numbers and empty text as NULL."""
    empty = db.frame(f"SELECT * FROM {table} LIMIT 0")
    frame = frame.reindex(columns=empty.columns).replace("", None)
    for column, dtype in empty.dtypes.items():
        if pd.api.types.is_numeric_dtype(dtype):
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def _refresh_published(db: Backend, path: Path) -> bool:
    """Replace every published document and its figures in one transaction."""
    digest = _digest(path)
    if digest is None or digest == _loaded_hash(db, "published_figures"):
        return False
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    with db.transaction() as cur:
        cur.execute(
            "DELETE FROM observations WHERE document_id IN (SELECT document_id FROM documents "
            "WHERE source = 'published')"
        )
        cur.execute("DELETE FROM documents WHERE source = 'published'")
        for publication, rows in frame.groupby("source_file", sort=True):
            doc = NewDocument(publication, "published", 0, b"", source="published")
            insert_document(db, cur, doc, rows, LOADER, f"published:{digest}:{publication}")
        _record(cur, "published_figures", digest, len(frame))
    return True


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _loaded_hash(db: Backend, name: str) -> str | None:
    return db.scalar("SELECT content_hash FROM reference_loads WHERE name = ?", [name])


def _record(cur, name: str, digest: str, rows: int) -> None:
    cur.execute("DELETE FROM reference_loads WHERE name = ?", [name])
    cur.execute(
        "INSERT INTO reference_loads VALUES (?, ?, ?, ?)",
        [name, digest, rows, datetime.now(UTC).replace(tzinfo=None, microsecond=0)],
    )
