"""CSV: a report exported from a spreadsheet, text only, titles and notes in their own rows."""

from __future__ import annotations

import csv
from pathlib import Path

from zoo.layout import grid, side
from zoo.model import Break, Heading, Para, Report, Side, Table


def lines(report: Report) -> list[list[str]]:
    out: list[list[str]] = []
    for b in report.blocks:
        if isinstance(b, (Heading, Para)):
            out.append([b.text])
        elif isinstance(b, Table):
            out += table_lines(b) + [[]]
        elif isinstance(b, Side):
            rows = side(grid(b.left, False), grid(b.right, False))
            out += [[c.text if c else "" for c in r] for r in rows] + [[]]
        elif isinstance(b, Break):
            out.append([])
    return out


def table_lines(t: Table) -> list[list[str]]:
    out = [[t.title]] if t.title else []
    out += [[c.text if c else "" for c in r] for r in grid(t, False)]
    if t.note:
        out.append([t.note])
    return out


def write(report: Report, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(lines(report))
