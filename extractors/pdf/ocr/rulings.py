"""Ruled tables in a page image: ruling lines found by morphology, cells (with spans) between
them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LINE_LENGTH = 0.4  # inches of straight ink that make a ruling line (longer than any stroke of text)
BREAK = 0.06  # inches of gap bridged in a faint ruling that printing or scanning broke up
SIDE = 0.02  # inches beside a run where a ruling has paper and a line of text has letters
CROWDED = 0.2  # share of ink beside a run above which it runs through text
LINE_THICKNESS = 0.025  # inches: a thicker "line" is a smudge or a filled bar, not a ruling
SNAP = 0.03  # inches within which two line positions are one edge


@dataclass
class Segment:
    """One straight ruling: where it lies across (pos) and the extent it runs along (start, end)."""

    pos: float
    start: int
    end: int


@dataclass
class RuledCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # x0, top, x1, bottom in pixels


@dataclass
class RuledTable:
    cells: list[RuledCell]
    box: tuple[int, int, int, int]


def line_masks(
    ink: np.ndarray, dpi: int, edges: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling pixels: long, thin, straight runs of ink that cross each
    other, plus the straight parts of `edges` (outlines of dark fills, which separate cells as
    rulings do).

    Runs that meet no crossing ruling (a long word, a line of rotated text, an underline) are
    dropped.

    """
    return crossing_rulings(*straight_runs(ink, dpi, edges), dpi)


def straight_runs(
    ink: np.ndarray, dpi: int, edges: np.ndarray | None = None, letters_cut: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical pixels of every long, thin, straight run of ink with paper beside it
    (rules under a header, underlines, rulings), crossing others or not, plus the straight parts
    of `edges`. With `letters_cut`, the letters a horizontal run was joined to (a rule ending
    just before `15/16`) are cut off it first, so the rule is not judged, nor erased, with them
    (vertical runs are left whole: a column of text lines set close holds thin runs of letters
    that only the letters beside them tell from a ruling)."""
    import cv2

    length, gap = max(15, int(LINE_LENGTH * dpi)), max(3, int(BREAK * dpi))
    if edges is not None:
        ink = cv2.bitwise_or(ink, edges)
    across = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
    down = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    along, downward = np.ones((1, length), np.uint8), np.ones((length, 1), np.uint8)
    raw = (
        cv2.morphologyEx(across, cv2.MORPH_OPEN, along),
        cv2.morphologyEx(down, cv2.MORPH_OPEN, downward),
    )
    if letters_cut:
        letters = glyph_strokes(ink, raw, dpi)[0]
        cut = np.where(letters > 0, 0, raw[0]).astype(np.uint8)
        raw = (cv2.morphologyEx(cut, cv2.MORPH_OPEN, along), raw[1])
    horizontal, vertical = _alone(raw[0], ink, dpi, 0), _alone(raw[1], ink, dpi, 1)
    if edges is not None:
        horizontal |= cv2.morphologyEx(edges, cv2.MORPH_OPEN, along)
        vertical |= cv2.morphologyEx(edges, cv2.MORPH_OPEN, downward)
    return horizontal, vertical


def glyph_strokes(ink: np.ndarray, runs: tuple, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """The strokes of letters that cross or touch the straight runs: ink reaching further across a
    horizontal run (down a vertical one) than any ruling is thick, outside the other direction's
    rulings (`15/16` printed just before a rule, `Q1` just under it)."""
    import cv2

    horizontal, vertical = runs
    stroke = int(LINE_THICKNESS * dpi) + 1
    reach = np.ones((5, 5), np.uint8)
    tall = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((stroke, 1), np.uint8))
    wide = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, stroke), np.uint8))
    tall[cv2.dilate(vertical, reach) > 0] = 0
    wide[cv2.dilate(horizontal, reach) > 0] = 0
    return tall, wide


def erased_runs(page: np.ndarray, runs: tuple, strokes: tuple | None = None) -> np.ndarray:
    """The page with every straight run of ink painted white, except the strokes of letters that
    touch a run (`strokes`: across horizontal runs, along vertical ones), which stay."""
    import cv2

    reach = np.ones((5, 5), np.uint8)
    out = page.copy()
    if strokes is None:
        out[cv2.dilate(cv2.bitwise_or(*runs), reach) > 0] = 255
        return out
    for run, stroke in zip(runs, strokes):
        out[(cv2.dilate(run, reach) > 0) & (stroke == 0)] = 255
    return out


def drawn_hints(runs: tuple, shaded: list, dpi: int):
    """What a page without ruled tables draws, as a text layer's drawing hints in points: its
    straight runs as horizontal rules (y, x0, x1), which part rows and mark what a group heading
    spans, and vertical rules (x, top, bottom), which part columns; its shaded boxes as fills."""
    from extractors.pdf.text_grid import Hints

    scale = 72 / dpi
    found = []
    for axis, run in enumerate(runs):
        count, _, stats = _Compact(run).stats(run)
        found.append(
            [
                tuple(round(v * scale, 1) for v in _along(x, y, w, h, axis))
                for x, y, w, h, _area in stats[1:count]
            ]
        )
    fills = [(*(round(v * scale, 1) for v in box[:4]), box[4]) for box in shaded]
    return Hints(h_rules=sorted(found[0]), v_rules=sorted(found[1]), fills=fills)


def _along(x: int, y: int, w: int, h: int, axis: int) -> tuple[float, float, float]:
    """A run's box as (position across, start, end): (y, x0, x1) for a horizontal run, (x, top,
    bottom) for a vertical one."""
    return (y + h / 2, x, x + w) if axis == 0 else (x + w / 2, y, y + h)


def crossing_rulings(
    horizontal: np.ndarray, vertical: np.ndarray, dpi: int
) -> tuple[np.ndarray, np.ndarray]:
    """The runs of each direction that meet a run of the other (twice over, so a run kept only for a
    run later dropped goes too): a table's rulings."""
    import cv2

    reach = np.ones((int(SNAP * dpi) * 2 + 1,) * 2, np.uint8)
    for _ in range(2):
        horizontal = _crossing(horizontal, cv2.dilate(vertical, reach))
        vertical = _crossing(vertical, cv2.dilate(horizontal, reach))
    return horizontal, vertical


class _Compact:
    """A sparse mask's lines (rows, or columns when fewer) that hold any pixel, with one empty line
    kept between runs that are not neighbours so no two components join: connected components
    found on it are the mask's own, on a far smaller image."""

    def __init__(self, mask: np.ndarray):
        rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
        self.axis, lines = (0, rows) if len(rows) <= len(cols) else (1, cols)
        lines = lines if len(lines) else np.zeros(1, np.int64)
        # -1: a separating line
        self.index = np.insert(lines, np.flatnonzero(np.diff(lines) > 1) + 1, -1)
        self.shape = mask.shape

    def of(self, image: np.ndarray) -> np.ndarray:
        """The image's pixels on the kept lines."""
        out = np.take(image, np.maximum(self.index, 0), axis=self.axis)
        if self.axis == 0:
            out[self.index < 0] = 0
        else:
            out[:, self.index < 0] = 0
        return out

    def full(self, compact: np.ndarray) -> np.ndarray:
        """A compact image back at the mask's size (zero off the kept lines)."""
        out = np.zeros(self.shape, np.uint8)
        real = self.index >= 0
        if self.axis == 0:
            out[self.index[real]] = compact[real]
        else:
            out[:, self.index[real]] = compact[:, real]
        return out

    def stats(self, mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
        """Component count, compact labels and stats (x, y, w, h, area) in the mask's own pixels."""
        import cv2

        count, labels, stats, _ = cv2.connectedComponentsWithStats(self.of(mask))
        stats[:, self.axis ^ 1] = self.index[stats[:, self.axis ^ 1]]
        return count, labels, stats


def _alone(mask: np.ndarray, ink: np.ndarray, dpi: int, axis: int) -> np.ndarray:
    """The thin runs with paper along both sides: a run through a line of text is thick or has
    letters beside it."""
    compact = _Compact(mask)
    count, labels, stats = compact.stats(mask)
    off = max(2, int(SIDE * dpi))
    keep = np.zeros(count, bool)
    for i, (x, y, w, h, _area) in enumerate(stats[1:count], start=1):
        if axis == 0:
            sides = [ink[max(0, y - off) : y, x : x + w], ink[y + h : y + h + off, x : x + w]]
        else:
            sides = [ink[y : y + h, max(0, x - off) : x].T, ink[y : y + h, x + w : x + w + off].T]
        thin = (h if axis == 0 else w) <= LINE_THICKNESS * dpi
        keep[i] = (
            thin and max(float((side > 0).mean()) if side.size else 0.0 for side in sides) < CROWDED
        )
    return compact.full(_painted(labels, keep))


def _crossing(mask: np.ndarray, others: np.ndarray) -> np.ndarray:
    """The runs of a mask that touch the other direction's rulings in at least two places."""
    import cv2

    compact = _Compact(mask)
    mask = compact.of(mask)
    count, labels = cv2.connectedComponents(mask)
    meet = cv2.bitwise_and(mask, compact.of(others))
    found, pieces = cv2.connectedComponents(meet)
    at = np.flatnonzero(meet)
    pairs = np.unique(labels.ravel()[at].astype(np.int64) * found + pieces.ravel()[at])
    keep = np.bincount(pairs // found, minlength=count) >= 2
    keep[0] = False
    return compact.full(_painted(labels, keep))


def _painted(labels: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """255 where a pixel's component is kept, else 0."""
    return np.where(keep, 255, 0).astype(np.uint8)[labels]


def ruled_tables(horizontal: np.ndarray, vertical: np.ndarray, dpi: int) -> list[RuledTable]:
    """Every group of crossing rulings with at least two rows and two columns of cells."""
    import cv2

    joined = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    count, labels = cv2.connectedComponents(joined)
    hs = _segments(horizontal, labels, dpi, across=0)
    vs = _segments(vertical, labels, dpi, across=1)
    tables = []
    for label in range(1, count):
        from extractors.pdf.ocr.slots import table_of

        table = table_of(hs.get(label, []), vs.get(label, []), horizontal, vertical, dpi)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: (t.box[1], t.box[0]))


def _segments(
    mask: np.ndarray, labels: np.ndarray, dpi: int, across: int
) -> dict[int, list[Segment]]:
    """Thin runs of a line mask, grouped by the table region (label) they belong to."""
    count, _, stats = _Compact(mask).stats(mask)
    out: dict[int, list[Segment]] = {}
    for x, y, w, h, _area in stats[1:count]:
        thickness = h if across == 0 else w
        if thickness > LINE_THICKNESS * dpi:
            continue
        seg = Segment(y + h / 2, x, x + w) if across == 0 else Segment(x + w / 2, y, y + h)
        cy, cx = (
            (int(seg.pos), (x + x + w) // 2) if across == 0 else ((y + y + h) // 2, int(seg.pos))
        )
        out.setdefault(int(labels[cy, cx]), []).append(seg)
    return out
