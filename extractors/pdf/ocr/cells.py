"""Ruled cells read one by one: each cell's ink cut out and stacked with the others into a few tall
images, so a line of text in one cell is never read together with the lines of the cells beside
it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extractors.pdf.ocr.rulings import RuledTable
from extractors.pdf.ocr.scan import PAPER

GAP = 0.15  # inches of paper between two cells in a stack (tesseract reads them as separate lines)
MARGIN = 0.1  # inches of paper around a stack and each cell's ink
# inches: ink smaller than this across and down is dust, and a cell with only dust is empty
SPECK = 0.02
ZOOM = 1.5  # each cell is read enlarged this much (small print at 300 dpi reads better larger)
TALLEST = 30_000  # pixels: tesseract refuses images taller than 32,767


def ink_box(crop: np.ndarray, dpi: int) -> tuple[int, int, int, int] | None:
    """The box (x0, top, x1, bottom) around a crop's ink, None when it holds no more than dust."""
    ink = crop < PAPER
    rows, cols = np.flatnonzero(ink.sum(axis=1) >= 2), np.flatnonzero(ink.sum(axis=0) >= 2)
    speck = max(2, int(SPECK * dpi))
    if (
        rows.size == 0
        or cols.size == 0
        or (rows[-1] - rows[0] < speck and cols[-1] - cols[0] < speck)
    ):
        return None
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def stacks(
    crops: list[np.ndarray], parts: int, dpi: int
) -> list[tuple[np.ndarray, list[tuple[int, int, int]]]]:
    """The crops stacked top to bottom on white paper into about `parts` images of similar area,
    crops of similar width together (so a few wide cells do not widen every image): each image
    with the (crop index, top, bottom) of every crop in it."""
    gap, margin = int(GAP * dpi), int(MARGIN * dpi)
    order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1])
    share = sum((c.shape[0] + gap) * c.shape[1] for c in crops) / max(1, parts)
    groups: list[list[int]] = [[]]
    height = 0
    for i in order:
        h, w = crops[i].shape
        if groups[-1] and (height + h + 2 * margin > TALLEST or height * w >= share):
            groups.append([])
            height = 0
        groups[-1].append(i)
        height += h + gap
    return [_stacked(crops, sorted(group), gap, margin) for group in groups if group]


def _stacked(
    crops: list[np.ndarray], group: list[int], gap: int, margin: int
) -> tuple[np.ndarray, list]:
    """One image of the crops in `group`, top to bottom, and where each lies in it."""
    width = max(crops[i].shape[1] for i in group) + 2 * margin
    height = sum(crops[i].shape[0] for i in group) + gap * (len(group) - 1) + 2 * margin
    image = np.full((height, width), 255, np.uint8)
    spans, y = [], margin
    for i in group:
        crop = crops[i]
        image[y : y + crop.shape[0], margin : margin + crop.shape[1]] = crop
        spans.append((i, y, y + crop.shape[0]))
        y += crop.shape[0] + gap
    return image, spans


@dataclass
class CellStacks:
    """The ink of a page's ruled cells, stacked into images for tesseract, and where each crop came
    from."""

    # (image, (crop, top, bottom) of its crops)
    images: list[tuple[np.ndarray, list[tuple[int, int, int]]]]
    keys: list[tuple[int, int]]  # (table, cell) of each crop
    places: list[tuple[int, int]]  # page pixel (x, top) of each crop's corner
    dpi: int


def cell_stacks(page: np.ndarray, tables: list[RuledTable], dpi: int, parts: int) -> CellStacks:
    """Each cell's ink cut out (dust ignored), enlarged ZOOM times and stacked into about `parts`
    images."""
    import cv2

    keys, crops, places = [], [], []
    pad = max(1, int(MARGIN * dpi / 4))
    for t, table in enumerate(tables):
        for i, cell in enumerate(table.cells):
            x0, top, x1, bottom = cell.box
            region = page[top:bottom, x0:x1]
            box = ink_box(region, dpi) if region.size else None
            if box is None:
                continue
            bx0, btop = max(0, box[0] - pad), max(0, box[1] - pad)
            crop = cv2.resize(
                region[btop : box[3] + pad, bx0 : box[2] + pad],
                None,
                fx=ZOOM,
                fy=ZOOM,
                interpolation=cv2.INTER_CUBIC,
            )
            keys.append((t, i))
            crops.append(crop)
            places.append((x0 + bx0, top + btop))
    return CellStacks(stacks(crops, parts, int(dpi * ZOOM)), keys, places, dpi)


def words_by_cell(cells: CellStacks, found: list[list[dict]]) -> dict[tuple[int, int], list[dict]]:
    """(table, cell) -> the words tesseract read in that cell's crop (`found`: the words of each
    stack), boxes in page pixels."""
    by_cell: dict[tuple[int, int], list[dict]] = {}
    x = int(MARGIN * cells.dpi * ZOOM)
    for (_, spans), words in zip(cells.images, found):
        for word in words:
            centre = (word["top"] + word["bottom"]) / 2
            hit = next(((i, a) for i, a, b in spans if a - 1 <= centre <= b + 1), None)
            if hit is None:
                continue
            (left, top), y = cells.places[hit[0]], hit[1]
            placed = {
                **word,
                "x0": left + (word["x0"] - x) / ZOOM,
                "x1": left + (word["x1"] - x) / ZOOM,
                "top": top + (word["top"] - y) / ZOOM,
                "bottom": top + (word["bottom"] - y) / ZOOM,
            }
            by_cell.setdefault(cells.keys[hit[0]], []).append(placed)
    return by_cell
