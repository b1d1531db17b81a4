"""Ingesting a file: extract it, then save the document and every observation in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extractors.base import Progress, no_progress
from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.problems import problem
from pipeline import ExtractResult, extract_path
from store.aliases import learning_catalogue
from store.backends import Backend
from store.documents import NewDocument, content_hash, document_id_of, save_document
from store.layout_rules import taught_rules


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file: added, already stored, or failed (with the reason)."""

    name: str
    status: str  # added | duplicate | failed
    message: str
    document_id: int | None = None
    observations: int = 0


def ingest_file(
    db: Backend,
    path: Path,
    by: str,
    name: str | None = None,
    progress: Progress = no_progress,
    authority: str | None = None,
    report_date: date | None = None,
    limits: Limits = LIMITS,
) -> IngestOutcome:
    """Read one file within the limits and store it, unless the store already holds the same
    content."""
    name = name or path.name
    try:
        content = _read(path, name, limits)
        digest = content_hash(content)
        if (known := document_id_of(db, digest)) is not None:
            return _duplicate(name, known)
        catalogue, rules = learning_catalogue(db), taught_rules(db)
        result = extract_path(
            path, name, authority, report_date, progress, catalogue, rules, limits
        )
    except UnreadableFile as exc:
        return IngestOutcome(name, "failed", exc.problem.sentence)
    return save_extraction(db, content, result, by, digest)


def save_extraction(
    db: Backend, content: bytes, result: ExtractResult, by: str, digest: str | None = None
) -> IngestOutcome:
    """Store an extraction (as reviewed) with the file it came from; nothing when it has no
    observations."""
    digest = digest or content_hash(content)
    if (known := document_id_of(db, digest)) is not None:
        return _duplicate(result.name, known)
    if not result.observations:
        return IngestOutcome(
            result.name,
            "failed",
            f"{result.name} has no tables of figures that perfbooks recognises; nothing added.",
        )
    doc = NewDocument(
        result.name,
        result.format or Path(result.name).suffix.lstrip(".").lower(),
        result.units,
        content,
        warnings=tuple(map(str, result.warnings)),  # the sentences, as every page shows them
    )
    try:
        document_id = save_document(db, doc, result.observations, by, digest)
    # another process stored the same file between the check and this transaction
    except Exception as exc:
        if not db.is_duplicate(exc):
            raise
        return _duplicate(result.name, document_id_of(db, digest))
    count = len(result.observations)
    return IngestOutcome(
        result.name,
        "added",
        f"{result.name}: {count} observations stored as document {document_id}.",
        document_id,
        count,
    )


def _duplicate(name: str, known: int | None) -> IngestOutcome:
    return IngestOutcome(
        name,
        "duplicate",
        f"{name} is already in the store (document {known}); nothing added.",
        known,
    )


def _read(path: Path, name: str, limits: Limits = LIMITS) -> bytes:
    if not path.is_file():
        raise UnreadableFile(problem("missing", name))
    if path.stat().st_size > limits.MAX_BYTES:
        raise UnreadableFile(problem("too_big", name, mb=limits.MAX_BYTES // 2**20))
    return path.read_bytes()
