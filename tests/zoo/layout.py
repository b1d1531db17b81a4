"""A table as a plain grid of positions, the form the text renderers (csv, xlsx) write."""
from __future__ import annotations

from zoo.model import Cell, Table


def grid(table: Table, hidden: bool = True) -> list[list[Cell | None]]:
    """Rows of cells by column position; None where a spanning cell covers; hidden columns dropped unless asked."""
    out = []
    for row in table.rows:
        line: list[Cell | None] = []
        for c in row:
            line.append(c)
            line += [None] * (c.span - 1)
        line += [None] * (table.width - len(line))
        out.append(line)
    if not hidden and table.hidden:
        out = [[c for i, c in enumerate(r) if i not in table.hidden] for r in out]
    return out


def side(left: list[list], right: list[list], gap: int = 1) -> list[list]:
    """Two grids placed side by side with blank columns between."""
    wl = max(len(r) for r in left)
    n = max(len(left), len(right))
    blank = Cell("")
    return [(left[i] if i < len(left) else [blank] * wl) + [blank] * gap + (right[i] if i < len(right) else [])
            for i in range(n)]
