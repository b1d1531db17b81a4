"""Read a file in a bounded child process and interpret it into observations."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path

from extractors.base import Progress, no_progress
from extractors.bounded import read_bounded
from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.problems import Problem, as_problem, problem
from interpreter.accounting import TableAccount
from interpreter.document import interpret
from interpreter.observation import COLUMNS, EXTRA_COLUMNS, Observation


@dataclass
class ExtractResult:
    """What one file gave: its observations and anything the reader skipped."""

    name: str
    observations: list[Observation]
    units: int = 0
    warnings: list[Problem] = field(default_factory=list)
    format: str = ""
    # each table's numbers and those not read
    tables: list[TableAccount] = field(default_factory=list)
    # the grids read, so a corrected layout can be applied again
    document: object = field(default=None, repr=False)
    ocr_pages: int = 0  # pages whose text was read by OCR

    @property
    def numbers_not_read(self) -> int:
        """Numbers printed in the file's tables that are neither observations nor known derived
        figures."""
        return sum(len(t.unexplained) for t in self.tables)


def extract_path(
    path: Path,
    name: str | None = None,
    authority: str | None = None,
    report_date: date | None = None,
    progress: Progress = no_progress,
    catalogue=None,
    rules: dict | None = None,
    limits: Limits = LIMITS,
) -> ExtractResult:
    """Observations of one file on disk; raises UnreadableFile with a plain sentence when it cannot
    be read.

    Reading and interpreting both happen in the bounded child (`extractors.bounded`), within the
    `limits` (each with its time limit). `catalogue` maps labels to indicators (default: the
    packaged catalogue; the store adds learned aliases); `rules` maps table fingerprints to taught
    layouts (see `interpreter.taught_layouts`).

    """
    name = name or path.name
    then = partial(
        interpret_document,
        authority=authority,
        report_date=report_date,
        catalogue=catalogue,
        rules=rules,
    )
    return read_bounded(path, name, progress, then, limits)


def interpret_document(
    doc,
    authority: str | None = None,
    report_date: date | None = None,
    catalogue=None,
    rules: dict | None = None,
) -> ExtractResult:
    """Observations of a document already read (the Review page applies a corrected layout this
    way)."""
    name, doc = doc.name, replace(doc, warnings=list(doc.warnings))
    tables: list[TableAccount] = []
    try:
        observations = interpret(doc, authority, report_date, catalogue, tables, rules)
    except Exception:  # a layout the interpreter has never met must not end in a traceback
        raise UnreadableFile(problem("not_interpreted", name)) from None
    # prose, or only notes where figures belong
    if not any(o.value is not None for o in observations):
        raise UnreadableFile(problem("no_tables", name))
    warnings = [as_problem(w, name) for w in doc.warnings] + [
        as_problem(t.sentence, name, "numbers_not_read", t.where) for t in tables if t.unexplained
    ]
    return ExtractResult(
        name, observations, doc.units, warnings, doc.format, tables, doc, doc.ocr_pages
    )


def extract_bytes(
    data: bytes,
    name: str,
    authority: str | None = None,
    report_date: date | None = None,
    progress: Progress = no_progress,
    catalogue=None,
    rules: dict | None = None,
    limits: Limits = LIMITS,
) -> ExtractResult:
    """Observations of an uploaded file's bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload"
        path.write_bytes(data)
        return extract_path(path, name, authority, report_date, progress, catalogue, rules, limits)


def observations_frame(rows: list[Observation]):
    """The observations as a pandas DataFrame in the spec's column order."""
    import pandas as pd

    return pd.DataFrame([o.as_row() for o in rows], columns=COLUMNS + EXTRA_COLUMNS)
