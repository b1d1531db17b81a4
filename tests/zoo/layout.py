"""A table as a plain grid of positions, the form the text renderers (csv, xlsx) write."""

from __future__ import annotations

from zoo.model import Cell, Table


def grid(table: Table, hidden: bool = True) -> list[list[Cell | None]]:
    """Rows of cells by column position; None where a spanning cell covers; hidden columns dropped
    unless asked."""
    out, covered = [], set()
    width = table.width
    for i, row in enumerate(table.rows):
        line: list[Cell | None] = [None] * width
        j = 0
        for c in row:
            while (i, j) in covered:
                j += 1
            line[j] = c
            covered.update(
                (i + di, j + dj) for di in range(c.rowspan) for dj in range(c.span) if di or dj
            )
            j += c.span
        out.append(line)
    if not hidden and table.hidden:
        out = [[c for i, c in enumerate(r) if i not in table.hidden] for r in out]
    return out


def side(left: list[list], right: list[list], gap: int = 1) -> list[list]:
    """Two grids placed side by side with blank columns between."""
    wl = max(len(r) for r in left)
    n = max(len(left), len(right))
    blank = Cell("")
    return [
        (left[i] if i < len(left) else [blank] * wl)
        + [blank] * gap
        + (right[i] if i < len(right) else [])
        for i in range(n)
    ]
