"""Run the project's pipeline on a generated report and score its observations against the truth."""

from __future__ import annotations

import time

from zoo.generate import Generated
from zoo.score import prepare, score


def extract(path) -> tuple[list[dict], str]:
    """The pipeline's observations of one file as CSV-like rows, and why it failed if it did."""
    from extractors.errors import UnreadableFile
    from pipeline import extract_path

    try:
        rows = [o.as_row() for o in extract_path(path, path.name).observations]
        return rows, "" if rows else "no observations"
    except UnreadableFile as exc:
        return [], str(exc)


def measure(g: Generated) -> dict:
    start = time.perf_counter()
    got, error = extract(g.path)
    result = score(prepare([dict(r) for r in g.truth]), prepare([dict(r) for r in got]))
    result.update(
        family=g.family, fmt=g.fmt, seconds=time.perf_counter() - start, error=error, got=got
    )
    return result
