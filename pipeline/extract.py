"""Read a file in a bounded child process and interpret it into observations."""
from __future__ import annotations

import tempfile
from functools import partial
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extractors.base import Progress, no_progress
from extractors.bounded import read_bounded
from extractors.errors import UnreadableFile
from interpreter.document import interpret
from interpreter.observation import COLUMNS, EXTRA_COLUMNS, Observation


@dataclass
class ExtractResult:
    """What one file gave: its observations and anything the reader skipped."""

    name: str
    observations: list[Observation]
    units: int = 0
    warnings: list[str] = field(default_factory=list)
    format: str = ""


def extract_path(path: Path, name: str | None = None, authority: str | None = None,
                 report_date: date | None = None, progress: Progress = no_progress,
                 catalogue=None) -> ExtractResult:
    """Observations of one file on disk; raises UnreadableFile with a plain sentence when it cannot be read.

    Reading and interpreting both happen in the bounded child (`extractors.bounded`), each with its time limit.
    `catalogue` maps labels to indicators (default: the packaged catalogue; the store adds learned aliases).
    """
    name = name or path.name
    return read_bounded(path, name, progress, then=partial(_interpreted, name, authority, report_date, catalogue))


def _interpreted(name: str, authority, report_date, catalogue, doc) -> ExtractResult:
    """What the child sends back: the document's observations, without its grids."""
    try:
        observations = interpret(doc, authority, report_date, catalogue)
    except Exception:  # a layout the interpreter has never met must not end in a traceback
        raise UnreadableFile(f"{name} was read, but its tables could not be interpreted; please send it to the perfbooks team.") from None
    return ExtractResult(name, observations, doc.units, list(doc.warnings), doc.format)


def extract_bytes(data: bytes, name: str, authority: str | None = None,
                  report_date: date | None = None, progress: Progress = no_progress,
                  catalogue=None) -> ExtractResult:
    """Observations of an uploaded file's bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload"
        path.write_bytes(data)
        return extract_path(path, name, authority, report_date, progress, catalogue)


def observations_frame(rows: list[Observation]):
    """The observations as a pandas DataFrame in the spec's column order."""
    import pandas as pd

    return pd.DataFrame([o.as_row() for o in rows], columns=COLUMNS + EXTRA_COLUMNS)
