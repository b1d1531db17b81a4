"""Rebuild a pdfplumber table as a grid of cells with spans, fills and upright text."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from extractors.grid import Cell, Grid, fold
from extractors.pdf.words import fully_ruled, rulings

SNAP = 2.0  # points within which two cell edges are the same ruling line
LINE_GAP = 3.0  # points within which two words share a text line
SPACED_WORD_GAP = 0.2  # type sizes: a wider gap with no space in it parts two words


@dataclass
class PlacedGrid:
    grid: Grid
    bbox: tuple[float, float, float, float]


def page_grids(page, number: int) -> list[PlacedGrid]:
    """Every fully ruled table on a page, as grids in reading order. A "table" pdfplumber finds
    among the sides of shading rectangles (zebra rows, a header band) is left to the
    word-alignment reader."""
    _, vertical = rulings(page)
    tables = sorted(
        (t for t in _real_tables(page.find_tables()) if fully_ruled(t, vertical)),
        key=lambda t: (round(t.bbox[1]), t.bbox[0]),
    )
    fills = _fills(page)
    sideways = [c for c in page.chars if not c.get("upright", True)]
    out = []
    for index, table in enumerate(tables, start=1):
        cells = _cells(table, fills, sideways)
        if cells:
            out.append(PlacedGrid(Grid(cells=cells, page=number, index=index), table.bbox))
    return out


def _real_tables(tables) -> list:
    """Drop boxes that are not tables: one column of text, or a frame drawn around other tables."""

    def contains(a, b):
        return (
            a is not b
            and a.bbox[0] <= b.bbox[0]
            and a.bbox[1] <= b.bbox[1]
            and a.bbox[2] >= b.bbox[2]
            and a.bbox[3] >= b.bbox[3]
        )

    kept = [t for t in tables if len(t.columns) > 1]
    return [t for t in kept if not any(contains(t, other) for other in kept)]


def _edges(values: list[float]) -> list[float]:
    snapped: list[float] = []
    for v in sorted(values):
        if not snapped or v - snapped[-1] > SNAP:
            snapped.append(v)
    return snapped


def _index(edges: list[float], v: float) -> int:
    i = bisect_left(edges, v - SNAP)
    return min(i, len(edges) - 1)


def _cells(table, fills, sideways) -> list[Cell]:
    boxes = table.cells
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    texts = {}
    for row, text_row in zip(table.rows, table.extract()):
        for box, text in zip(row.cells, text_row):
            if box is not None:
                texts[box] = text or ""
    cells = []
    for box in boxes:
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        text = texts.get(tuple(box), "")
        if _is_sideways(box, sideways):
            text = "\n".join(line[::-1] for line in reversed(text.split("\n")))
        cells.append(
            Cell(
                row=r0,
                col=c0,
                text=fold(text),
                rowspan=max(1, r1 - r0),
                colspan=max(1, c1 - c0),
                fill=_fill_at(fills, box),
                bbox=tuple(round(v, 1) for v in box),
            )
        )
    return cells


def _is_sideways(box, sideways) -> bool:
    """True when the cell holds text turned on its side (section labels down a table's left
    edge)."""
    x0, top, x1, bottom = box
    return any(x0 <= c["x0"] <= x1 and top <= c["top"] <= bottom for c in sideways)


def fills(page) -> list[tuple[float, tuple, str]]:
    """The page's coloured filled rectangles, smallest first: (area, box, "#rrggbb")."""
    return _fills(page)


def _fills(page) -> list[tuple[float, tuple, str]]:
    out = []
    for r in page.rects:
        colour = _hex(r.get("non_stroking_color")) if r.get("fill") else ""
        if colour and colour != "#ffffff":
            area = (r["x1"] - r["x0"]) * (r["bottom"] - r["top"])
            out.append((area, (r["x0"], r["top"], r["x1"], r["bottom"]), colour))
    return sorted(out)


def _fill_at(fills, box) -> str:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for _, (x0, top, x1, bottom), colour in fills:
        if x0 <= cx <= x1 and top <= cy <= bottom:
            return colour
    return ""


def _hex(colour) -> str:
    if colour is None or isinstance(colour, str):
        return ""
    values = list(colour) if isinstance(colour, (list, tuple)) else [colour]
    if len(values) == 1:
        values = values * 3
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        values = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    try:
        return "#" + "".join(f"{max(0, min(255, round(float(v) * 255))):02x}" for v in values[:3])
    except (TypeError, ValueError):
        return ""


def word_lines(page, table_boxes) -> list[list[dict]]:
    """Upright words outside the tables grouped into text lines, top to bottom (text turned on its
    side, such as a rotated section label, is left out)."""
    upright = page.filter(lambda o: o.get("object_type") != "char" or o.get("upright", True))
    sizes = sorted(c["size"] for c in upright.chars)
    size = sizes[len(sizes) // 2] if sizes else 10.0
    # small type (a table scaled to fit) sets lines closer than pdfplumber's 3-point tolerances
    tolerance = min(LINE_GAP, max(1.0, 0.25 * size))
    words = [
        w
        for w in upright.extract_words(
            keep_blank_chars=False,
            x_tolerance=_word_tolerance(upright.chars, size),
            y_tolerance=tolerance,
        )
        if not _inside_any(w, table_boxes)
    ]
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(ln, key=lambda w: w["x0"]) for ln in lines]


def _word_tolerance(chars, size: float) -> float:
    """Points between two glyphs of one word. A page that writes its spaces as characters sets
    two strings apart (the wrapped headings of neighbouring columns) by a gap holding none, so
    there a gap of a fifth of the type size parts two words; else the space is only a gap."""
    spaced = any(c["text"] == " " for c in chars)
    return min(3.0, (SPACED_WORD_GAP if spaced else 0.4) * size)


def line_texts(lines: list[list[dict]]) -> list[tuple[float, str]]:
    """Each text line as (top, text)."""
    return [(ln[0]["top"], " ".join(w["text"] for w in ln)) for ln in lines]


def _inside_any(word, boxes) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)
