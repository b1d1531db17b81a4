"""A scanned page read into grids: ruled tables cell by cell, tables without rulings by word
alignment."""

from __future__ import annotations

import re
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from statistics import median

import numpy as np

from extractors.grid import Cell, Grid
from extractors.limits import LIMITS, Limits
from extractors.pdf.ocr.cells import CellStacks, cell_stacks, words_by_cell
from extractors.pdf.ocr.repair import (
    dropped_point,
    line_style,
    month_heading,
    quarters,
    repair,
    style_of,
)
from extractors.pdf.ocr.reread import reread
from extractors.pdf.ocr.rulings import (
    RuledTable,
    crossing_rulings,
    drawn_hints,
    erased_runs,
    glyph_strokes,
    ruled_tables,
    straight_runs,
)
from extractors.pdf.ocr.scan import (
    DARK_BACKGROUND,
    PAPER,
    bands,
    binary_ink,
    clean,
    deskew,
    read_words,
    shaded_boxes,
    whitened,
)
from extractors.pdf.text_grid import Hints, text_grids

# marks without letters or digits that still mean something
KEEP_MARKS = {"-", "\u2013", "\u2014", "%"}
CONFIDENT = 60  # word confidence (0-100) above which any mark is kept
# share of a word's width that must lie each side of a cell's side for it to be cut there
STRADDLE = 0.2
# how high figures and capitals reach above the baseline, as a share of the font size
INK_HEIGHT = 0.72
X_HEIGHT = 0.52  # ... and small letters without ascenders (`a`, `e`, `n`)
DESCENT = 0.21  # how far descenders (`g`, `p`, brackets) reach below it
ASCENDING = set("bdfhiklt/%()[]{}&?!#£$@|'\"‘’“”")
DESCENDING = set("gjpqy()[]{}|")
BEARING = 0.1  # share of a line's ink height a glyph's side bearing adds to a word box each side
STRAY = ":;'`‘’“”"  # marks OCR reads from dust beside a word
FIGURE = re.compile(r"^[(+\-]?\d[\d,.]*%?\)?$")
# tesseract's page segmentation for pages read whole: sparse text, each run of words found on its
# own, so a label wrapped over two lines beside figures centred between them is not read as one
# line with the figures (`cubsequenttine Subject to a CP plan`)
SPARSE = 11
STACKS_PER_WORKER = 2  # images of cells per tesseract process, so the processes finish together


@dataclass
class PendingPage:
    """A scanned page prepared for OCR whose words tesseract is reading in the background."""

    number: int
    dpi: int
    tables: list[RuledTable]
    cells: CellStacks | None  # None when the page has no ruled table and is read whole
    strips: list[int]  # top row of each strip of a page read whole
    words: Future  # the words of each image sent to tesseract
    hints: Hints  # the rules a page read whole draws, for rebuilding its tables


def read_page(
    gray: np.ndarray, dpi: int, number: int
) -> tuple[list[Grid], list[tuple[float, str]]]:
    """The page's tables as grids, and its other text as (top in points, line) pairs."""
    with ThreadPoolExecutor(max_workers=1) as background:
        return finish_page(start_page(gray, dpi, number, background))


def start_page(
    gray: np.ndarray, dpi: int, number: int, background: Executor, limits: Limits = LIMITS
) -> PendingPage:
    """Level and clean the page, find its ruled cells, and start tesseract on them in `background`,
    so the caller can prepare the next page while this one is read."""
    level = deskew(gray)[0]
    page, outlines = clean(level)
    ink = binary_ink(page)
    runs = straight_runs(ink, dpi, outlines)
    tables = ruled_tables(*crossing_rulings(*runs, dpi), dpi)
    page = whitened(_dark_cells(level, page, tables))
    if not tables:
        return _start_whole(number, dpi, level, page, ink, outlines, background, limits)
    # every straight run is erased, rulings and rules outside the tables alike
    page = erased_runs(page, runs)
    cells = cell_stacks(page, tables, dpi, STACKS_PER_WORKER * limits.OCR_WORKERS)
    words = background.submit(
        read_words, [image for image, _ in cells.images] + [_blanked(page, tables)], limits=limits
    )
    return PendingPage(number, dpi, tables, cells, [], words, Hints())


def _start_whole(number, dpi, level, page, ink, outlines, background, limits) -> PendingPage:
    """A page without ruled tables sent to tesseract whole, in strips: its straight runs, cut off
    the letters they touch, erased (a rule under a header read with the figures under it widens
    their word boxes) and kept, with its shaded boxes, as hints for rebuilding its tables."""
    runs = straight_runs(ink, dpi, outlines, letters_cut=True)
    page = erased_runs(page, runs, glyph_strokes(ink, runs, dpi))
    strips = bands(page, limits.OCR_WORKERS)
    words = background.submit(_read_inked, [strip for _, strip in strips], limits)
    hints = drawn_hints(runs, shaded_boxes(level, dpi), dpi)
    return PendingPage(number, dpi, [], None, [top for top, _ in strips], words, hints)


def _read_inked(images: list[np.ndarray], limits: Limits) -> list[list[dict]]:
    """The words of each image, each box's top and bottom drawn in to the ink inside it: tesseract
    can box a lone word (a section row's `Comparators`) half again as tall as its letters, and the
    line would then pass for a title. Ink the sparse reading left unread is read again first."""
    pages = reread(images, read_words(images, SPARSE, limits), limits)
    return [[_inked(word, image) for word in words] for image, words in zip(images, pages)]


def _inked(word: dict, image: np.ndarray) -> dict:
    """The word with its top and bottom at the first and last rows of the inkiest band of ink
    inside its box (rows of ink with no more than a row of paper between them): a speck or the
    top of the next line that the box took in is left out."""
    region = image[word["top"] : word["bottom"], word["x0"] : word["x1"]] < PAPER
    ink = region.sum(axis=1)
    rows = np.flatnonzero(ink >= 2)
    if rows.size == 0:
        return word
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 2) + 1)
    band = max(bands, key=lambda b: int(ink[b[0] : b[-1] + 1].sum()))
    return {**word, "top": word["top"] + int(band[0]), "bottom": word["top"] + int(band[-1]) + 1}


def finish_page(pending: PendingPage) -> tuple[list[Grid], list[tuple[float, str]]]:
    """The grids and text lines of a page once tesseract has read it."""
    found = pending.words.result()
    if pending.cells is None:
        moved = [
            {**w, "top": w["top"] + top, "bottom": w["bottom"] + top}
            for top, ws in zip(pending.strips, found)
            for w in ws
        ]
        by_cell, outside = place_words(moved, pending.tables)
    else:
        by_cell, outside = words_by_cell(pending.cells, found), found[-1]
    scale = 72 / pending.dpi
    grids = [
        _grid(table, t, by_cell, pending.number, scale) for t, table in enumerate(pending.tables)
    ]
    lines = text_lines(outside, scale)
    if not grids:
        hints = replace(pending.hints, h_rules=heading_rules(pending.hints.h_rules, lines))
        found = text_grids(glyph_boxes(lines), pending.number, 1, hints)
        grids = [repaired(g) for g in found]
    return [g for g in grids if g.cells], [
        (ln[0]["top"], " ".join(w["text"] for w in ln)) for ln in lines
    ]


def heading_rules(rules: list[tuple], lines: list[list[dict]]) -> list[tuple]:
    """The horizontal rules (y, x0, x1) less those drawn inside a header under several group
    headings (`ANNUAL TREND  18/19  19/20`, the cells' borders run together, with taller headings
    such as `GOOD PERF IS` beside its ends): such a rule cannot tell which columns each heading
    spans, while a rule under one heading (`16/17` over its quarters) can, and a rule under a
    whole header row still parts it from the body."""
    words = [w for line in lines for w in line]
    if not words:
        return rules
    h = median(w["bottom"] - w["top"] for w in words)
    return [rule for rule in rules if not _under_group_headings(rule, words, h)]


def _under_group_headings(rule: tuple, words: list[dict], h: float) -> bool:
    """True when two or more headings stand just above the rule and a word beside one of its
    ends reaches across its height."""
    y, x0, x1 = rule
    above = sorted(
        (
            w
            for w in words
            if y - 1.5 * h <= w["bottom"] <= y + 1
            and w["top"] < y - 1
            and x0 <= (w["x0"] + w["x1"]) / 2 <= x1
        ),
        key=lambda w: w["x0"],
    )
    headings = 1 + sum(1 for a, b in zip(above, above[1:]) if b["x0"] - a["x1"] > h)
    beside = any(
        w["top"] < y < w["bottom"]
        and (x0 - 3 * h <= w["x1"] <= x0 + h or x1 - h <= w["x0"] <= x1 + 3 * h)
        for w in words
    )
    return len(above) > 0 and headings >= 2 and beside


def glyph_boxes(lines: list[list[dict]]) -> list[list[dict]]:
    """OCR's word boxes as a text layer's would be: ink-tight boxes widened by the glyphs' side
    bearings (a share of the ink's height each side) and given one font box for the line (its
    font size, from the ink's usual height, reaching no further than halfway to the ink of the
    lines above and below), dust read as lone marks dropped and stray marks at a figure's ends
    (`82.9%:`) cut off, so the gaps between words and between columns compare as they do on a
    text-layer page."""
    inks = [_cap_and_base(line) for line in lines]
    out = []
    for k, line in enumerate(lines):
        top, bottom = _font_box(inks, k)
        pad = BEARING * (inks[k][1] - inks[k][0])
        words = [_trimmed(w) for w in line]
        out.append(
            [
                {
                    **w,
                    "x0": round(w["x0"] - pad, 1),
                    "x1": round(w["x1"] + pad, 1),
                    "top": top,
                    "bottom": bottom,
                }
                for w in words
                if w["text"]
            ]
        )
    return [line for line in out if line]


def _cap_and_base(line: list[dict]) -> tuple[float, float]:
    """Where a line's capitals and figures reach up to and where it stands (its baseline): each
    word's ink box told from its letters (a word of small letters reaches only the x-height, one
    with `p` or `y` hangs below the baseline), so a label such as `Comparators` sets the same font
    size as the figures beside it."""
    caps, bases = [], []
    for w in line:
        tall = any(ch.isupper() or ch.isdigit() or ch in ASCENDING for ch in w["text"])
        low = any(ch in DESCENDING for ch in w["text"])
        size = (w["bottom"] - w["top"]) / ((INK_HEIGHT if tall else X_HEIGHT) + low * DESCENT)
        caps.append(w["top"] - (0 if tall else (INK_HEIGHT - X_HEIGHT) * size))
        bases.append(w["bottom"] - low * DESCENT * size)
    return median(caps), median(bases)


def _font_box(inks: list[tuple[float, float]], k: int) -> tuple[float, float]:
    """Top and bottom of line k's font box: its capitals' ink (cap line, baseline) grown to the
    font size, but no further than halfway to the ink of the lines above and below."""
    top, bottom = inks[k]
    grow = (bottom - top) * (1 / INK_HEIGHT - 1) / 2
    above = (inks[k - 1][1] + top) / 2 if k else top - grow
    below = (bottom + inks[k + 1][0]) / 2 if k + 1 < len(inks) else bottom + grow
    return round(max(top - grow, min(top, above)), 1), round(
        min(bottom + grow, max(bottom, below)), 1
    )


def _trimmed(word: dict) -> dict:
    """A figure less the marks OCR reads from dust at its ends: quotes, colons and the like cut off
    with their share of the box (`82.9%:`), a comma or point dropped from the text only
    (`41.4%,`; in prose, `June 2016,` prints its comma, and `1.` numbering a title its point); a
    word of stray marks only becomes empty; any other word unchanged."""
    text = word["text"]
    if not text.strip(STRAY + ".,"):
        return {**word, "text": ""}
    core = text.strip(STRAY)
    if not FIGURE.match(core.strip(".,")) or core.rstrip(".").isdigit() and core.endswith("."):
        return word
    start = text.index(core)
    share = (word["x1"] - word["x0"]) / len(text)
    return {
        **word,
        "text": core.strip(".,"),
        "x0": round(word["x0"] + share * start, 1),
        "x1": round(word["x0"] + share * (start + len(core)), 1),
    }


def _blanked(page: np.ndarray, tables: list[RuledTable]) -> np.ndarray:
    """The page with its tables painted over, for the text around them."""
    out = page.copy()
    for x0, top, x1, bottom in (table.box for table in tables):
        out[top : bottom + 1, x0 : x1 + 1] = 255
    return out


def _dark_cells(level: np.ndarray, page: np.ndarray, tables: list[RuledTable]) -> np.ndarray:
    """The page with each dark-filled cell inverted and flattened as a whole (dense white lettering
    can make parts of a fill look light to the page-wide pass)."""
    import cv2

    out = page.copy()
    for table in tables:
        for cell in table.cells:
            x0, top, x1, bottom = cell.box
            region = level[top:bottom, x0:x1]
            if region.size and np.median(region) < DARK_BACKGROUND:
                flipped = (255 - region).astype(np.float32)
                flat = np.clip(
                    flipped * (255 / max(64.0, float(np.median(flipped)))), 0, 255
                ).astype(np.uint8)
                out[top:bottom, x0:x1] = cv2.medianBlur(flat, 3)
    return out


def place_words(words: list[dict], tables: list[RuledTable]) -> tuple[dict, list[dict]]:
    """(table, cell) -> the words whose centre lies in that cell, and the words outside every
    table."""
    by_cell: dict[tuple[int, int], list[dict]] = {}
    outside = []
    for word in words:
        for w in _split_at_rulings(word, tables):
            cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
            key = next(
                (
                    (t, i)
                    for t, table in enumerate(tables)
                    if _inside(table.box, cx, cy)
                    for i, cell in enumerate(table.cells)
                    if _inside(cell.box, cx, cy)
                ),
                None,
            )
            if key is None:
                outside.append(w)
            else:
                by_cell.setdefault(key, []).append(w)
    return by_cell, outside


def _split_at_rulings(word: dict, tables: list[RuledTable]) -> list[dict]:
    """A word OCR ran across a cell's side (`43` and the arrow beside it read as `43-4`), cut there
    in proportion to its width; any other word unchanged."""
    cy, text = (word["top"] + word["bottom"]) / 2, word["text"]
    width = word["x1"] - word["x0"]
    for table in tables:
        for cell in table.cells:
            x0, top, x1, bottom = cell.box
            for edge in (x0, x1):
                if (
                    top <= cy <= bottom
                    and word["x0"] + STRADDLE * width < edge < word["x1"] - STRADDLE * width
                ):
                    cut = round(len(text) * (edge - word["x0"]) / width)
                    if 0 < cut < len(text):
                        left = {**word, "text": text[:cut], "x1": edge - 1}
                        right = {**word, "text": text[cut:], "x0": edge + 1}
                        return _split_at_rulings(left, tables) + _split_at_rulings(right, tables)
    return [word]


def _inside(box: tuple, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def kept(word: dict) -> bool:
    """False for marks OCR reads from dust, ruling ends and smudges (no letter or digit, low
    confidence)."""
    return (
        any(ch.isalnum() for ch in word["text"])
        or word["text"] in KEEP_MARKS
        or word["conf"] >= CONFIDENT
    )


def text_lines(words: list[dict], scale: float = 1.0) -> list[list[dict]]:
    """Words grouped into lines by their vertical centres, top to bottom, in points when scaled."""
    words = [w for w in words if kept(w)]
    if not words:
        return []
    slack = 0.5 * median(w["bottom"] - w["top"] for w in words)
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        centre = (w["top"] + w["bottom"]) / 2
        if lines and abs(centre - _centre(lines[-1])) <= slack:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [[_scaled(w, scale) for w in sorted(ln, key=lambda w: w["x0"])] for ln in lines]


def _centre(line: list[dict]) -> float:
    return sum((w["top"] + w["bottom"]) / 2 for w in line) / len(line)


def _scaled(word: dict, scale: float) -> dict:
    return {**word, **{k: round(word[k] * scale, 1) for k in ("x0", "x1", "top", "bottom")}}


def cell_text(words: list[dict]) -> tuple[str, float]:
    """The text of one cell's words in reading order, and OCR's confidence in it (0-1)."""
    lines = text_lines(words)
    good = [w for ln in lines for w in ln]
    if not good:
        return "", 1.0
    return " ".join(w["text"] for w in good), min(0.99, min(w["conf"] for w in good) / 100)


def _grid(table: RuledTable, t: int, by_cell: dict, number: int, scale: float) -> Grid:
    read = {i: cell_text(by_cell.get((t, i), [])) for i in range(len(table.cells))}
    cells = [
        Cell(
            row=cell.row,
            col=cell.col,
            text=read[i][0],
            rowspan=cell.rowspan,
            colspan=cell.colspan,
            bbox=tuple(round(v * scale, 1) for v in cell.box),
            confidence=read[i][1],
        )
        for i, cell in enumerate(table.cells)
    ]
    return repaired(Grid(cells=cells, page=number, index=t + 1))


def repaired(grid: Grid) -> Grid:
    """The grid with each cell's text repaired to the number style its row or column shares
    (look-alike letters, separators, a dropped decimal point), its confidence lowered where the
    repair is a guess, no guess where another number of its column is printed as it is; a point
    lost among decimals restored (`118` among `13.5 16.6`) at lower confidence; and quarter and
    month headings misread (`Qi`, `Jul't9`) read as printed."""
    rows: dict[int, list[str]] = {}
    cols: dict[int, list[str]] = {}
    for cell in grid.cells:
        rows.setdefault(cell.row, []).append(cell.text)
        cols.setdefault(cell.col, []).append(cell.text)
    cells = []
    for cell in grid.cells:
        peers = [_others(rows[cell.row], cell.text), _others(cols[cell.col], cell.text)]
        text, factor = _repaired_text(cell.text, peers)
        cells.append(replace(cell, text=text, confidence=round(cell.confidence * factor, 2)))
    return replace(grid, cells=cells)


def _repaired_text(printed: str, peers: list[list[str]]) -> tuple[str, float]:
    """One cell's text repaired against its row's and column's texts (`peers`), and the factor
    its confidence is lowered by."""
    heading = month_heading(quarters(printed, peers[0]), peers[0])
    text, factor = repair(heading, [s for s in map(line_style, peers) if s])
    if factor < 1 and style_of(printed) in {style_of(t) for t in peers[1]}:
        # a guess its own column contradicts (`13%` among targets `76%`)
        text, factor = printed, 1.0
    if text == heading:
        # a sure repair (a look-alike, a separator) also where the line's label is a word
        sure = repair(heading, [s for p in peers if (s := line_style(p, figures_only=True))])
        text, factor = sure if sure[1] == 1.0 else (text, factor)
    if text == printed:
        text, factor = next(filter(None, map(partial(dropped_point, text), peers)), (text, 1.0))
    return text, factor


def _others(texts: list[str], own: str) -> list[str]:
    rest = list(texts)
    rest.remove(own)
    return rest
