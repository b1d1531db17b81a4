"""Tables printed without ruling lines: rebuild a grid from how words line up."""
from __future__ import annotations

from extractors.grid import Cell, Grid

PHRASE_GAP = 2.5  # a gap wider than this many character widths starts a new cell
COLUMN_SLACK = 12.0  # points by which phrases of one column may disagree about their centre


def phrases(line: list[dict]) -> list[dict]:
    """Words of one text line grouped into phrases separated by wide gaps."""
    out: list[dict] = []
    for w in sorted(line, key=lambda w: w["x0"]):
        width = (w["x1"] - w["x0"]) / max(1, len(w["text"]))
        if out and w["x0"] - out[-1]["x1"] <= PHRASE_GAP * width:
            out[-1] = {**out[-1], "text": out[-1]["text"] + " " + w["text"], "x1": w["x1"], "bottom": max(out[-1]["bottom"], w["bottom"])}
        else:
            out.append(dict(w))
    return out


def text_grids(lines: list[list[dict]], page: int, first_index: int) -> list[Grid]:
    """Blocks of consecutive lines in which at least two lines hold two or more phrases."""
    grids, block = [], []
    for line in lines + [[]]:
        split = phrases(line) if line else []
        if split and (len(split) >= 2 or block):
            block.append(split)
            continue
        if sum(1 for b in block if len(b) >= 2) >= 2:
            grids.append(_grid(block, page, first_index + len(grids)))
        block = [split] if len(split) >= 2 else []
    return grids


def _grid(block: list[list[dict]], page: int, index: int) -> Grid:
    centres: list[float] = []
    for p in sorted((p for line in block for p in line), key=lambda p: p["x0"]):
        c = (p["x0"] + p["x1"]) / 2
        if not any(abs(c - x) <= COLUMN_SLACK or _overlaps(p, x) for x in centres):
            centres.append(c)
    centres.sort()
    cells = []
    for r, line in enumerate(block):
        for p in line:
            c = min(range(len(centres)), key=lambda i: abs(centres[i] - (p["x0"] + p["x1"]) / 2))
            cells.append(Cell(row=r, col=c, text=p["text"], bbox=(round(p["x0"], 1), round(p["top"], 1), round(p["x1"], 1), round(p["bottom"], 1))))
    return Grid(cells=_one_per_slot(cells), page=page, index=index)


def _overlaps(p: dict, centre: float) -> bool:
    return p["x0"] <= centre <= p["x1"]


def _one_per_slot(cells: list[Cell]) -> list[Cell]:
    seen, out = set(), []
    for cell in cells:
        if (cell.row, cell.col) not in seen:
            seen.add((cell.row, cell.col))
            out.append(cell)
    return out
