"""What a text PDF page draws besides its words: ruling lines and filled rectangles, sorted into the
hints the word-alignment reader uses (`extractors.pdf.text_grid.Hints`) and the rulings that tell
a fully ruled table from a table whose "cells" are only the edges of shading."""

from __future__ import annotations

from extractors.pdf.text_grid import Hints

THIN = 2.0  # points: a filled rectangle thinner than this is a drawn line
SNAP = 2.0  # points within which a table's cell edge lies on a ruling
# share of a table's inner column edges that must be drawn lines for it to be fully ruled
RULED_SHARE = 0.8


def rulings(page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, top, bottom) lines drawn on the page: line objects,
    thin filled rectangles and the sides of stroked rectangles. Filled boxes (shading) are not
    rulings."""
    horizontal, vertical = [], []
    for ln in page.lines:
        if abs(ln["top"] - ln["bottom"]) <= THIN:
            horizontal.append(
                ((ln["top"] + ln["bottom"]) / 2, min(ln["x0"], ln["x1"]), max(ln["x0"], ln["x1"]))
            )
        elif abs(ln["x1"] - ln["x0"]) <= THIN:
            vertical.append(((ln["x0"] + ln["x1"]) / 2, ln["top"], ln["bottom"]))
    for r in page.rects:
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if h <= THIN and w > THIN:
            horizontal.append(((r["top"] + r["bottom"]) / 2, r["x0"], r["x1"]))
        elif w <= THIN and h > THIN:
            vertical.append(((r["x0"] + r["x1"]) / 2, r["top"], r["bottom"]))
        elif r.get("stroke") and w > THIN and h > THIN:
            horizontal += [(r["top"], r["x0"], r["x1"]), (r["bottom"], r["x0"], r["x1"])]
            vertical += [(r["x0"], r["top"], r["bottom"]), (r["x1"], r["top"], r["bottom"])]
    return horizontal, vertical


def fully_ruled(table, vertical) -> bool:
    """True when the table's inner column edges are drawn lines (not the sides of fill rectangles
    only)."""
    xs = sorted({round(c[k], 1) for c in table.cells for k in (0, 2)})
    x0, top, x1, bottom = table.bbox
    inner = [x for x in xs if x0 + SNAP < x < x1 - SNAP]
    if not inner:  # no inner column edge at all: a shaded box, not a ruled table
        return False
    drawn = sum(
        1
        for x in inner
        if any(abs(vx - x) <= SNAP and vb > top and vt < bottom for vx, vt, vb in vertical)
    )
    return drawn >= RULED_SHARE * len(inner)


def page_hints(page, fills, outside) -> Hints:
    """The page's rules and fills outside the fully ruled tables (`outside(x0, top, x1, bottom)` is
    False inside them)."""
    horizontal, vertical = rulings(page)
    return Hints(
        h_rules=_joined([r for r in horizontal if outside(r[1], r[0], r[2], r[0])]),
        v_rules=[r for r in vertical if outside(r[0], r[1], r[0], r[2])],
        fills=[
            (b[0], b[1], b[2], b[3], colour)
            for _, b, colour in fills
            if b[2] - b[0] > THIN and b[3] - b[1] > THIN and outside(*b)
        ],
    )


def _joined(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Horizontal rules at one height whose ends meet made one rule (a border drawn cell by
    cell)."""
    out: list[list[float]] = []
    for y, x0, x1 in sorted(rules, key=lambda r: (round(r[0]), r[1])):
        if out and abs(out[-1][0] - y) <= 0.5 and x0 <= out[-1][2] + 1.0:
            out[-1][2] = max(out[-1][2], x1)
        else:
            out.append([y, x0, x1])
    return [tuple(r) for r in out]
