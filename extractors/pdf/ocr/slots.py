"""Cells of a ruled table: the slots between its ruling lines, joined into spanning cells where no
ruling separates them."""

from __future__ import annotations

import numpy as np

from extractors.pdf.ocr.rulings import SNAP, RuledCell, RuledTable, Segment

COVERED = 0.6  # share of a cell side a line must cover to separate two cells


def _edges(positions: list[float], tolerance: float) -> list[float]:
    edges: list[list[float]] = []
    for p in sorted(positions):
        if edges and p - edges[-1][-1] <= tolerance:
            edges[-1].append(p)
        else:
            edges.append([p])
    return [sum(group) / len(group) for group in edges]


def table_of(
    hs: list[Segment], vs: list[Segment], horizontal, vertical, dpi: int
) -> RuledTable | None:
    if len(hs) < 2 or len(vs) < 2:
        return None
    tol = SNAP * dpi
    ys = _edges([s.pos for s in hs] + [min(s.start for s in vs), max(s.end for s in vs)], tol)
    xs = _edges([s.pos for s in vs] + [min(s.start for s in hs), max(s.end for s in hs)], tol)
    if len(ys) < 3 or len(xs) < 3:
        return None
    groups = _merged_slots(xs, ys, horizontal, vertical, int(tol))
    cells = []
    for slots in groups:
        r0, r1 = min(r for r, _ in slots), max(r for r, _ in slots)
        c0, c1 = min(c for _, c in slots), max(c for _, c in slots)
        box = (int(xs[c0]), int(ys[r0]), int(xs[c1 + 1]), int(ys[r1 + 1]))
        cells.append(RuledCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, box))
    cells.sort(key=lambda c: (c.row, c.col))
    return RuledTable(cells, (int(xs[0]), int(ys[0]), int(xs[-1]), int(ys[-1])))


def _merged_slots(xs, ys, horizontal, vertical, tol: int) -> list[list[tuple[int, int]]]:
    """Slots between the edges, joined wherever no ruling separates neighbours (spanning cells)."""
    parent = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}
    joined = set()

    def root(slot):
        while parent[slot] != slot:
            parent[slot] = parent[parent[slot]]
            slot = parent[slot]
        return slot

    for r, c in list(parent):
        if c + 1 < len(xs) - 1 and not _ruled(vertical, xs[c + 1], ys[r], ys[r + 1], tol, across=1):
            parent[root((r, c + 1))] = root((r, c))
            joined.add((r, c))
        if r + 1 < len(ys) - 1 and not _ruled(
            horizontal, ys[r + 1], xs[c], xs[c + 1], tol, across=0
        ):
            parent[root((r + 1, c))] = root((r, c))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for slot in parent:
        groups.setdefault(root(slot), []).append(slot)
    return [rect for group in groups.values() for rect in rectangles(group, joined)]


def rectangles(slots: list[tuple[int, int]], joined: set) -> list[list[tuple[int, int]]]:
    """A group of slots as one spanning cell when it is a rectangle, else as its runs along each
    row, a run going on only where no ruling separates a slot from the next (`joined` holds each
    slot with no ruling on its right): an L-shaped gap in the rulings must not swallow the cells
    around it."""
    rows = {r for r, _ in slots}
    cols = {c for _, c in slots}
    if len(slots) == len(rows) * len(cols):
        return [slots]
    runs: list[list[tuple[int, int]]] = []
    for r, c in sorted(slots):
        if runs and runs[-1][-1] == (r, c - 1) and (r, c - 1) in joined:
            runs[-1].append((r, c))
        else:
            runs.append([(r, c)])
    return runs


def _ruled(mask: np.ndarray, pos: float, start: float, end: float, tol: int, across: int) -> bool:
    """True when a ruling runs at `pos` over most of start..end."""
    lo, hi = int(start) + tol, int(end) - tol
    if hi <= lo:
        lo, hi = int(start), int(end)
    band = slice(max(0, int(pos) - tol), int(pos) + tol + 1)
    strip = mask[band, lo:hi] if across == 0 else mask[lo:hi, band].T
    if strip.size == 0:
        return False
    return float((strip > 0).any(axis=0).mean()) >= COVERED
