"""What becomes of one uploaded report: read and held for review, recognised as already stored,
or refused in one sentence. The Upload page shows the outcome; the session's queue is passed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from extractors.errors import UnreadableFile
from pipeline.extract import ExtractResult
from review.pending import PendingDocument, pending_from_upload
from store.documents import content_hash


class UploadQueue(Protocol):
    """The session's uploads: waiting for review, read before, and refused (by content hash)."""

    def pending(self) -> dict[str, PendingDocument]: ...
    def seen(self) -> set[str]: ...
    def failures(self) -> dict[str, str]: ...
    def put(self, key: str, doc: PendingDocument) -> None: ...


@dataclass(frozen=True)
class Intake:
    """The outcome for one report: `read`, `stored` (already in the store), `failed` (the
    sentence says why) or `known` (read earlier this session, nothing to say)."""

    status: str
    message: str = ""
    doc: PendingDocument | None = None


def take_upload(
    name: str,
    content: bytes,
    queue: UploadQueue,
    stored_as: Callable[[bytes], str | None],
    read: Callable[[bytes, str], ExtractResult],
) -> Intake:
    """Read a report once per session and hold it for review, unless the store already has it or
    it was refused before (then the same sentence again)."""
    key = content_hash(content)
    failed = queue.failures()
    if key in failed:
        return Intake("failed", failed[key])
    stored = None if key in queue.pending() else stored_as(content)
    if stored:
        return Intake(
            "stored", f"{name} is already in the store ({stored}); it was not read again."
        )
    if key in queue.seen():
        return Intake("known")
    try:
        result = read(content, name)
    except UnreadableFile as problem:
        failed[key] = str(problem)
        return Intake("failed", str(problem))
    doc = pending_from_upload(name, content, result)
    queue.seen().add(key)
    queue.put(key, doc)
    return Intake("read", f"{name}: {len(result.observations)} numbers read, ready to review.", doc)


def waiting_summary(waiting: dict[str, PendingDocument]) -> list[dict]:
    """One row per document waiting for review: its numbers, those not read, and its warnings."""
    return [
        {
            "file": d.name,
            "numbers": len(d.observations),
            "numbers not read": d.result.numbers_not_read,
            "warnings": "; ".join(d.result.warnings),
        }
        for d in waiting.values()
    ]
