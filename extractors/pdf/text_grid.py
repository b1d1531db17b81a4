"""Tables printed without full ruling lines (whitespace only, horizontal rules only, zebra shading):
rebuild a grid from how the words line up, helped by whatever the page draws (rules and fill
edges as row separators, per-cell fill edges and vertical rules as column boundaries).

The same code reads scanned pages (`extractors/pdf/ocr/boxes.py` passes OCR words, no drawing
hints), so it only needs word dicts with `text`, `x0`, `x1`, `top`, `bottom`, grouped into text
lines top to bottom.

How a block of lines becomes a grid:
- blocks: runs of lines that start with a line of two or more phrases and end at prose (one wide
  phrase), a title
  (a larger font) or a wide vertical gap; two tables side by side are split at a wide empty gutter;
- columns: the x-coverage of the body lines (lines holding a number that is not a period), so one
  wide phrase
  (a group header, a section row) cannot merge two columns; header-only columns (future months
  printed blank)
  come from the header words outside the body's columns;
- header: the lines above the first body line; their texts are merged per column (wrapped headers),
  and a phrase
  over several columns becomes a spanning cell of a group row (span from a fill or rule under it,
  else the
  symmetric span over columns whose headers look alike);
- rows: body lines split at separators (rules, fill band edges) and padding gaps; a cluster with two
  lines that
  fill the same value column is split, wrapped label lines joining the nearest line with values.

"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from extractors.grid import Cell, Grid, fold

# a gap wider than this many character widths starts a new phrase (prose vs table lines)
PHRASE_GAP = 2.5
PROSE_SPACE = 1.5  # space widths: prose sets its words no further apart than this
SPACE_RUN = 1.8  # words closer than this many space widths are one run of text (one cell's phrase)
BLOCK_GAP = 2.2  # a vertical gap of this many line heights ends a table
# ... or, where rows are set further apart, this many times the usual gap between rows
PITCH_SLACK = 1.3
# words at ordinary spacing over this share of the text width wide is prose, not a table row
PROSE_WIDTH = 0.4
TITLE_SIZE = 1.3  # a line this many times the usual height is a title
NARROW_GUTTER = 2.0  # space widths: a narrower gap between words of all lines is no column boundary
# space widths: a gap this wide between all lines' words is a boundary even if one line has it
WIDE_GUTTER = 3.0
# line heights: an empty strip this wide, with a label column right of it, parts two tables
SIDE_GUTTER = 2.5
SPAN_OVERLAP = 4.0  # points a phrase must reach into a column to span it
# line heights: a gap this narrow between two words of a heading is a word space, however tight
# the page's usual spacing (OCR word boxes widened by their glyphs' bearings measure it too small)
HEADING_SPACE = 0.4
SPECK = 0.3  # line heights: words of a line none taller than this are specks, not text
# line heights: a heading's piece centred this close to a column's headings is set over it
HEADING_CENTRE = 0.2
NUMBER = re.compile(r"^[(<>≥≤~c.+£-]*\d[\d,.]*%?[)*]?$|^\d[\d,.]*%?\s*\((r|p)\)$")
# a row code (`204`, `1.3`, `NI 62`), never `10,000`
CODE = re.compile(r"^[A-Z]{0,5}\s?\d{1,3}(\.\d{1,2})?[a-z]?$")
# a unit's denominator (`per 10,000`), a heading's word however it is wrapped
DENOMINATOR = re.compile(r"^1(00|0{0,2}(,?000)+)$")
PERIODISH = re.compile(
    r"^((19|20)\d\d|\d\d?/(19|20)?\d\d|(19|20)\d\d[/-]\s?\d\d(\d\d)?|\d\d?[./-]\d\d[./-]\d\d(\d\d)?|q\d|\(\d\d/\d\d\)|"
    r"\d\d[-/]\d\d)$",
    re.I,
)


@dataclass
class Hints:
    """What the page draws around its text: horizontal rules (y, x0, x1), vertical rules (x, top,
    bottom) and filled rectangles (x0, top, x1, bottom, colour). Empty for scans."""

    h_rules: list[tuple[float, float, float]] = field(default_factory=list)
    v_rules: list[tuple[float, float, float]] = field(default_factory=list)
    fills: list[tuple[float, float, float, float, str]] = field(default_factory=list)


@dataclass
class _Line:
    words: list[dict]
    top: float
    bottom: float
    space: float = 2.0  # the page's usual space between words
    valued: bool | None = None  # holds a figure (worked out once)

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Run:
    """Words of one line that follow each other at ordinary spacing: one phrase of one cell or
    span."""

    words: list[dict]
    line: int
    cols: tuple[int, int] = (0, 0)  # first and last column

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return self.words[-1]["x1"]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


def phrases(line: list[dict]) -> list[dict]:
    """Words of one text line grouped into phrases separated by wide gaps."""
    out: list[dict] = []
    for w in sorted(line, key=lambda w: w["x0"]):
        width = (w["x1"] - w["x0"]) / max(1, len(w["text"]))
        if out and w["x0"] - out[-1]["x1"] <= PHRASE_GAP * width:
            out[-1] = {
                **out[-1],
                "text": out[-1]["text"] + " " + w["text"],
                "x1": w["x1"],
                "bottom": max(out[-1]["bottom"], w["bottom"]),
            }
        else:
            out.append(dict(w))
    return out


def text_grids(
    lines: list[list[dict]], page: int, first_index: int, hints: Hints | None = None
) -> list[Grid]:
    """The tables among a page's text lines, as grids numbered from `first_index`."""
    hints = hints or Hints()
    rows = [
        _Line(
            sorted((dict(w) for w in ln), key=lambda w: w["x0"]),
            min(w["top"] for w in ln),
            max(w["bottom"] for w in ln),
        )
        for ln in lines
        if ln
    ]
    if not rows:
        return []
    h = median(w["bottom"] - w["top"] for ln in rows for w in ln.words)
    # a line of specks (a scan's drawn rule read as `os`) is no text: it would join the lines
    # either side of it
    rows = [ln for ln in rows if max(w["bottom"] - w["top"] for w in ln.words) >= SPECK * h]
    space = _space(rows, h)
    _mark_denominators(rows, h, space)
    for ln in rows:
        ln.space = space
    width = max(ln.words[-1]["x1"] for ln in rows) - min(ln.words[0]["x0"] for ln in rows)
    grids: list[Grid] = []
    for block in _blocks(rows, h, width, space):
        for part in _side_by_side(block, h, space):
            grid = _Table(part, h, space, hints).grid(page, first_index + len(grids))
            if grid is not None:
                grids.append(grid)
    return grids


def _mark_denominators(rows: list[_Line], h: float, space: float) -> None:
    """Flag the words that are a unit's denominator wrapped under its `per` (`CiN rate per` over
    `10,000`): part of a heading, never a figure."""
    for k, line in enumerate(rows):
        pers = [
            (run[0]["x0"], run[-1]["x1"])
            for above in rows[max(0, k - 3) : k]
            if 0 <= line.top - above.centre <= 1.5 * h
            for run in _spaced_runs(above.words, SPACE_RUN * space)
            if run[-1]["text"].lower() == "per"
        ]
        for w in line.words:
            if DENOMINATOR.match(w["text"]) and any(
                _overlap(w["x0"], w["x1"], x0 - h, x1 + h) > 0 for x0, x1 in pers
            ):
                w["denominator"] = True


def _spaced_runs(words: list[dict], gap: float) -> list[list[dict]]:
    """Words (left to right) in runs: a wider gap than `gap` starts a new one."""
    out: list[list[dict]] = []
    for w in words:
        if out and w["x0"] - out[-1][-1]["x1"] <= gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _space(rows: list[_Line], h: float) -> float:
    """The usual width of a space between two words of one phrase."""
    gaps = [
        b["x0"] - a["x1"]
        for ln in rows
        for a, b in zip(ln.words, ln.words[1:])
        if 0 < b["x0"] - a["x1"] < 0.5 * h
    ]
    return median(gaps) if gaps else 0.25 * h


def _is_number(text: str) -> bool:
    t = text.strip()
    return bool(NUMBER.match(t)) and not PERIODISH.match(t)


def _numeric_text(text: str) -> bool:
    """A figure, alone or with a word or mark beside it (`591 LAC`, `45 of 60 (75.0%)`)."""
    tokens = text.split()
    return (
        bool(tokens)
        and _is_number(tokens[0])
        and sum(1 for t in tokens if _is_number(t)) >= 0.5 * len(tokens)
    )


def _has_value(line: _Line) -> bool:
    """A line holding a figure that is not a period or year, standing as a cell of its own (not a
    number inside a heading such as `Section 47 enquiries`): a body line."""
    if line.valued is None:
        numbers, others = 0, 0
        for run in _spaced_runs(line.words, SPACE_RUN * line.space):
            texts = [w["text"] for w in run]
            if (
                _is_number(texts[0])
                and not run[0].get("denominator")
                and sum(1 for t in texts if _is_number(t)) >= 0.5 * len(texts)
            ):
                numbers += 1
            else:
                others += 1
        # one figure among many headings (`Top 25%` in a row of months) does not make a body line
        line.valued = numbers >= 1 and numbers >= 0.25 * (numbers + others)
    return line.valued


def _longest_run(line: _Line, space: float) -> float:
    """The width of the longest stretch of five or more words set at ordinary word spacing (a
    sentence)."""
    best, start, count = 0.0, line.words[0]["x0"], 1
    for a, b in zip(line.words, line.words[1:]):
        if b["x0"] - a["x1"] > PROSE_SPACE * space:
            best = max(best, a["x1"] - start) if count >= 5 else best
            start, count = b["x0"], 0
        count += 1
    return max(best, line.words[-1]["x1"] - start) if count >= 5 else best


def _is_prose(line: _Line, space: float, width: float) -> bool:
    """A sentence: the whole line set at ordinary word spacing, five words or more, wide."""
    whole = line.words[-1]["x1"] - line.words[0]["x0"]
    return (
        len(line.words) >= 5
        and whole >= PROSE_WIDTH * width
        and _longest_run(line, space) >= whole - 0.5
    )


def _run_count(line: _Line) -> int:
    """How many runs of ordinarily spaced words the line holds."""
    return 1 + sum(
        1 for a, b in zip(line.words, line.words[1:]) if b["x0"] - a["x1"] > SPACE_RUN * line.space
    )


def _loose_tail(current: list[_Line], h: float) -> int:
    """How many lines at the end of a block are lone phrases after its figures, set apart from them
    (a title over the next table): 0 when there are none."""
    k = len(current)
    while k > 0 and _run_count(current[k - 1]) == 1 and not _has_value(current[k - 1]):
        k -= 1
    tail = len(current) - k
    if (
        k == 0
        or tail == 0
        or not _has_value(current[k - 1])
        or _is_number(_first_run(current[k - 1]))
    ):
        return 0
    set_apart = current[k].top - current[k - 1].bottom >= 1.0 * h
    return tail if set_apart else 0


def _blocks(rows: list[_Line], h: float, width: float, space: float) -> list[list[_Line]]:
    """Runs of lines that may be one table: from a line of two or more phrases to prose, a title or
    a wide gap; a lone phrase just above (a group header centred over value columns) is taken in
    when close (no further above than the table's rows are apart)."""
    blocks, current = [], []
    row_gap = _row_gap(rows)
    limit, near = max(BLOCK_GAP * h, PITCH_SLACK * row_gap), max(0.8 * h, 1.05 * row_gap)
    for i, line in enumerate(rows):
        split = phrases(line.words)
        prose = (_is_prose(line, space, width) and not _label_wrap(line, current, space)) or (
            len(split) == 1
            and _height(line) >= TITLE_SIZE * h
            and sum(ch.isalpha() for ch in split[0]["text"]) >= 3
        )
        if current and not prose and line.top - current[-1].bottom <= limit:
            loose = _loose_tail(current, h)
            if loose and _run_count(line) >= 2 and not _has_value(line):
                # a title (and note) between two tables, then the next table's headings: a new one,
                # which keeps the tail's group headings over its value columns (`16/17` over Q1-Q4)
                tail = current[-loose:][::-1]
                blocks.append(current[:-loose])
                taken = _group_headings_above(tail, line, rows[i + 1 : i + 4], near, h)
                current = [*tail[:taken][::-1], line]
                continue
            current.append(line)
            continue
        if current:
            blocks.append(current)
        current = [line] if (len(split) >= 2 or _run_count(line) >= 2) and not prose else []
        # lone phrases just above, over the value columns (group headings), belong to the table
        if current:
            before = blocks[-1] if blocks else []
            above = []
            for ln in reversed(rows[:i]):
                if any(ln is b for b in before):
                    break
                above.append(ln)
            taken = _group_headings_above(above, line, rows[i + 1 : i + 4], near, h)
            current[0:0] = above[:taken][::-1]
    if current:
        blocks.append(current)
    # a lone line of figures opening the page is the rest of a table cut by the page break
    return [
        b
        for b in blocks
        if sum(1 for ln in b if _has_value(ln)) >= 1
        and (len(b) >= 2 or (b[0] is rows[0] and _run_count(b[0]) >= 3))
    ]


def _group_headings_above(
    above: list[_Line], first: _Line, after: list[_Line], near: float, h: float
) -> int:
    """How many of the lines `above` a table's first line (nearest first) are its group headings:
    lone phrases over its value columns, each close over the next."""
    left = min([first.words[0]["x1"]] + [ln.words[0]["x0"] + 2 * h for ln in after])
    taken, top = 0, first.top
    for ln in above:
        if _run_count(ln) != 1 or top - ln.bottom > near or ln.words[0]["x0"] <= left:
            break
        taken, top = taken + 1, ln.top
    return taken


def _label_wrap(line: _Line, current: list[_Line], space: float) -> bool:
    """A long line of words inside a table, ending left of its figures: a wrapped label, not
    prose."""
    figures = [
        w["x0"]
        for ln in current
        if _has_value(ln)
        for w in ln.words[len(_first_run(ln).split()) :]
        if _is_number(w["text"])
    ]
    return bool(figures) and line.words[-1]["x1"] < min(figures) - SPACE_RUN * space


def _row_gap(rows: list[_Line]) -> float:
    """The usual gap between two table rows of the page (consecutive lines both holding figures):
    generous cell padding sets rows further apart than a few line heights, and that gap does not
    end the table."""
    gaps = [
        b.top - a.bottom
        for a, b in zip(rows, rows[1:])
        if _has_value(a) and _has_value(b) and b.top > a.bottom
    ]
    return median(gaps) if gaps else 0.0


def _height(line: _Line) -> float:
    return median(w["bottom"] - w["top"] for w in line.words)


def _coverage(lines: list[_Line]) -> list[tuple[float, float, int]]:
    """Maximal x-intervals covered by some word of the lines, with how many lines cover each."""
    spans = sorted((w["x0"], w["x1"], i) for i, ln in enumerate(lines) for w in ln.words)
    out: list[list] = []
    for x0, x1, i in spans:
        if out and x0 <= out[-1][1]:
            out[-1][1] = max(out[-1][1], x1)
            out[-1][2].add(i)
        else:
            out.append([x0, x1, {i}])
    return [(a, b, len(s)) for a, b, s in out]


def _side_by_side(block: list[_Line], h: float, space: float) -> list[list[_Line]]:
    """A block cut at a wide empty gutter whose right side starts with a column of labels (two
    tables side by side); else the block itself."""
    cover = _coverage(block)
    best = None
    for left, right in zip(cover, cover[1:]):
        gap = right[0] - left[1]
        if gap >= SIDE_GUTTER * h and (best is None or gap > best[0]):
            best = (gap, (left[1] + right[0]) / 2)
    if best is None:
        return [block]
    cut = best[1]
    parts = []
    for keep in (lambda w: w["x1"] <= cut, lambda w: w["x0"] >= cut):
        part = [
            _Line(ws, min(w["top"] for w in ws), max(w["bottom"] for w in ws), space)
            for ln in block
            if (ws := [w for w in ln.words if keep(w)])
        ]
        parts.append(part)
    # the right part must begin with labels (words or periods, not figures) and both parts hold
    # figures beside
    # something (labels differ row to row: a column of polarity words or units beyond a wide gap is
    # no new
    # table, and a column of row codes left of a wide gap is no table of its own)
    first_runs = [_first_run(ln) for ln in parts[1] if _has_value(ln)]
    labels = [t for t in first_runs if not _is_number(t)]
    if (
        len(first_runs) < 2
        or len(labels) < 0.6 * len(first_runs)
        or len(set(labels)) < 0.7 * len(labels)
        or sum(1 for ln in parts[0] if _has_value(ln) and _run_count(ln) >= 2) < 2
    ):
        return [block]
    return [p for part in parts for p in _side_by_side(part, h, space)]


def _coded(line: _Line) -> bool:
    """The line opens with a code and then a label (`204  Hackney  1,507`), not with a figure."""
    first = _first_run(line)
    rest = line.words[len(first.split()) :]
    return (
        bool(CODE.match(first))
        and bool(rest)
        and _wordy(_first_run(_Line(rest, line.top, line.bottom, line.space)))
    )


def _first_run(line: _Line) -> str:
    out = [line.words[0]["text"]]
    for a, b in zip(line.words, line.words[1:]):
        if b["x0"] - a["x1"] > SPACE_RUN * line.space:
            break
        out.append(b["text"])
    return " ".join(out)


class _Table:
    """One block of lines read as a table."""

    def __init__(self, lines: list[_Line], h: float, space: float, hints: Hints):
        self.lines, self.h, self.space = lines, h, space
        self.x0 = min(ln.words[0]["x0"] for ln in lines)
        self.x1 = max(ln.words[-1]["x1"] for ln in lines)
        self.top, self.bottom = lines[0].top, lines[-1].bottom
        self.hints = _local(hints, self.x0, self.top, self.x1, self.bottom, h)
        self.heading_gap = max(SPACE_RUN * space, HEADING_SPACE * h)

    # columns
    # --------------------------------------------------------------------------------------------
    def _columns(self, first: int) -> list[tuple[float, float]]:
        """Columns from the body lines' words (wrapped label lines too, but not a phrase across
        columns such as a section row), then header-only columns from the header phrases that
        reach no body column."""
        edges = self.hints["v_edges"]
        values = [ln for ln in self.lines[first:] if _has_value(ln)]
        cols = self._split(values, edges)
        last = max(i for i, ln in enumerate(self.lines) if _has_value(ln))
        left = min(ln.words[0]["x0"] for ln in values) - 1
        # lines under the last figures: the last label's wrap, not a note under the table
        tail = last + 1
        while (
            tail < len(self.lines)
            and self.lines[tail].top - self.lines[tail - 1].bottom <= 0.6 * self.h
        ):
            tail += 1
        wrapped = [
            ln
            for ln in self.lines[first:tail]
            if not _has_value(ln)
            and ln.words[0]["x0"] >= left
            and all(
                sum(1 for a, b in cols if _overlap(r[0]["x0"], r[-1]["x1"], a, b) > 0) <= 1
                for r in self._word_runs(ln)
            )
        ]
        if wrapped:
            cols = self._split(values + wrapped, edges)
        others = self.lines[:first]
        stray = []
        runs = [(k, run) for k, ln in enumerate(others) for run in self._word_runs(ln, True)]
        for k, ln in enumerate(others):
            ws = [
                w
                for run in self._word_runs(ln, True)
                if not any(_overlap(run[0]["x0"], run[-1]["x1"], a, b) > 0 for a, b in cols)
                and not _heads_several(
                    run, [r for j, r in runs if j > k and others[j].top > ln.bottom - 1]
                )
                for w in run
            ]
            if ws:
                stray.append(_Line(ws, ln.top, ln.bottom, self.space))
        extra = (
            [
                c
                for c in self._split(stray, edges, headings=True)
                if not any(_overlap(c[0], c[1], a, b) > 0 for a, b in cols)
            ]
            if stray
            else []
        )
        out = [list(c) for c in sorted(cols)]
        # the header line (its bottom) of each heading over a body column
        headed = [
            (k, ln.top, ln.bottom)
            for k, (a, b) in enumerate(cols)
            for ln in others
            for run in self._word_runs(ln, True)
            if _overlap(run[0]["x0"], run[-1]["x1"], a, b) > 0
        ]
        # the extent of the headings over each column that head it alone (not a group heading over
        # several)
        heads = {
            k: [
                (run[0]["x0"], run[-1]["x1"])
                for _, run in runs
                if _overlap(run[0]["x0"], run[-1]["x1"], a, b) > 0
                and sum(1 for a2, b2 in cols if _overlap(run[0]["x0"], run[-1]["x1"], a2, b2) > 0)
                == 1
            ]
            for k, (a, b) in enumerate(cols)
        }
        for c in extra:
            # a lone heading beside a body column that has no heading of its own, or set within the
            # width of
            # that column's heading (a code or unit line under a wrapped name), is that column's
            # heading
            # (centred over labels set left or figures set right), on the side of the gap its centre
            # lies
            left = max(
                (k for k, b in enumerate(cols) if b[1] <= c[0]),
                key=lambda k: cols[k][1],
                default=None,
            )
            right = min(
                (k for k, b in enumerate(cols) if b[0] >= c[1]),
                key=lambda k: cols[k][0],
                default=None,
            )
            lo = cols[left][1] if left is not None else -1e9
            hi = cols[right][0] if right is not None else 1e9
            alone = not any(e is not c and lo <= e[0] and e[1] <= hi for e in extra)
            centre = (c[0] + c[1]) / 2
            side = left if right is None or (left is not None and centre < (lo + hi) / 2) else right
            under_heading = side is not None and any(
                x0 - 1 <= c[0] and c[1] <= x1 + 1 for x0, x1 in heads[side]
            )
            # headed on the heading's own line or below it (a group heading above is no heading)
            inside = [w for ln in stray for w in ln.words if c[0] <= w["x0"] <= c[1]]
            top = min(w["top"] for w in inside)
            own = any(k == side and bottom > top for k, _, bottom in headed)
            lowest = max(w["bottom"] for w in inside)
            if (
                left is not None
                and right is not None
                and all(any(k == n and t > lowest for k, t, _ in headed) for n in (left, right))
            ):
                continue  # above the headings of the columns either side: a heading over them
            if (
                alone
                and side is not None
                and (not own or under_heading)
                and not any(
                    min(c[1], cols[side][1]) - 1 <= e <= max(c[0], cols[side][0]) + 1 for e in edges
                )
            ):
                target = out[side]
                target[0], target[1] = min(target[0], c[0]), max(target[1], c[1])
                headed.append((side, float("inf"), float("inf")))
            else:
                out.append(list(c))
        return sorted((a, b) for a, b in out)

    def _word_runs(self, line: _Line, heading: bool = False) -> list[list[dict]]:
        """The line's words in runs at ordinary word spacing (a heading's at least a word space
        relative to its height)."""
        return _spaced_runs(line.words, self.heading_gap if heading else SPACE_RUN * self.space)

    def _split(
        self, lines: list[_Line], edges: list[float], headings: bool = False
    ) -> list[tuple[float, float]]:
        """Column intervals from the coverage of the lines' words: a gap free of words in every line
        is a boundary when it is wide, or narrow but seen between words of two lines or marked by
        a drawn edge."""
        words = sorted((w for ln in lines for w in ln.words), key=lambda w: w["x0"])
        if not words:
            return []
        cols: list[list[float]] = []
        for w in words:
            if cols and w["x0"] <= cols[-1][1]:
                cols[-1][1] = max(cols[-1][1], w["x1"])
            else:
                cols.append([w["x0"], w["x1"]])
        merged = [cols[0]]
        for a, b in cols[1:]:
            gap_lo, gap_hi = merged[-1][1], a
            width = gap_hi - gap_lo
            support = sum(
                1
                for ln in lines
                if any(
                    abs(w["x1"] - gap_lo) < 0.5 * width + 1 or w["x1"] <= gap_lo for w in ln.words
                )
                and any(w["x0"] >= gap_hi for w in ln.words)
                and self._straddled(ln, gap_lo, gap_hi)
            )
            edged = any(gap_lo - 0.5 <= e <= gap_hi + 0.5 for e in edges)
            # two figures side by side are two cells, however close (never one phrase)
            figures = any(
                any(abs(w["x1"] - gap_lo) < 0.5 and _is_number(w["text"]) for w in ln.words)
                and any(abs(w["x0"] - gap_hi) < 0.5 and _is_number(w["text"]) for w in ln.words)
                for ln in lines
            )
            # headings of columns printed blank: every gap wider than a word space parts two of them
            wide = SPACE_RUN * self.space if headings else WIDE_GUTTER * self.space
            if (
                width >= wide
                or edged
                or (width >= NARROW_GUTTER * self.space and (support >= 2 or figures))
            ):
                merged.append([a, b])
            else:
                merged[-1][1] = b
        if headings:
            return [(a, b) for a, b in merged]
        return [part for a, b in merged for part in self._parted(a, b, lines)]

    def _parted(self, a: float, b: float, lines: list[_Line]) -> list[tuple[float, float]]:
        """A column cut at a gutter inside it that most of its lines show, a word ending before it
        and a word starting at its far side (names set left), and fewer lines cross (the label of a
        section or benchmark row set over a code column and a name column)."""
        inside = [
            [w for w in ln.words if a - 0.5 <= w["x0"] and w["x1"] <= b + 0.5] for ln in lines
        ]
        inside = [ws for ws in inside if ws]
        gaps = sorted(
            (v["x0"], u["x1"], k)
            for k, ws in enumerate(inside)
            for u, v in zip(ws, ws[1:])
            if v["x0"] - u["x1"] >= WIDE_GUTTER * self.space
        )
        clusters: list[list[tuple[float, float, int]]] = []
        for gap in gaps:  # gaps whose far sides line up (within a point): one gutter
            if clusters and gap[0] - clusters[-1][-1][0] <= 1.0:
                clusters[-1].append(gap)
            else:
                clusters.append([gap])
        for cluster in sorted(clusters, key=len, reverse=True):
            lo, hi = max(g[1] for g in cluster), min(g[0] for g in cluster)
            shown = {g[2] for g in cluster}
            crossed = sum(1 for ws in inside if any(w["x0"] < hi and w["x1"] > lo for w in ws))
            if (
                hi - lo >= WIDE_GUTTER * self.space
                and len(shown) >= max(3, 0.5 * len(inside))
                and 0 < crossed < len(shown)
            ):
                return self._parted(a, lo, lines) + self._parted(hi, b, lines)
        return [(a, b)]

    def _straddled(self, line: _Line, lo: float, hi: float) -> bool:
        """True when the line has a word ending at the gap and another starting right after it."""
        left = any(lo - 2 * self.h <= w["x1"] <= lo + 0.01 for w in line.words)
        right = any(hi - 0.01 <= w["x0"] <= hi + 2 * self.h for w in line.words)
        return left and right

    def _runs(
        self, line_index: int, cols: list[tuple[float, float]], heading: bool = False
    ) -> list[_Run]:
        """The line's words as runs (a heading line's as `_word_runs` reads them), each placed over
        the columns it reaches into."""
        line = self.lines[line_index]
        runs = [
            _Run(part, line_index)
            for ws in self._word_runs(line, heading)
            for part in (self._over_columns(ws, cols) if heading else [ws])
        ]
        for run in runs:
            reach = [
                i
                for i, (a, b) in enumerate(cols)
                if _overlap(run.x0, run.x1, a, b) >= min(SPAN_OVERLAP, 0.3 * (b - a))
            ]
            if not reach:  # in a gutter: the column nearest its centre
                centre = {"x0": run.x0, "x1": run.x1}
                reach = [_column_of(centre, cols)]
            run.cols = (min(reach), max(reach))
        return runs

    def _cut_headings(self, runs: dict[int, list[_Run]], header) -> None:
        """Header runs reaching over several columns cut where each piece is centred on the
        headings of one of them (the wrapped names of neighbouring narrow columns set a word space
        apart read as one run)."""
        centres: dict[int, list[float]] = {}
        for i in header:
            for r in runs[i]:
                if r.cols[0] == r.cols[1]:
                    centres.setdefault(r.cols[0], []).append((r.x0 + r.x1) / 2)
        middle = {c: median(xs) for c, xs in centres.items()}
        for i in header:
            runs[i] = [piece for r in runs[i] for piece in self._cut(r, middle)]

    def _cut(self, run: _Run, middle: dict[int, float]) -> list[_Run]:
        """The run in pieces, each centred on the heading centre of one of its columns (two or
        more pieces), else the run whole."""
        cols = [c for c in range(run.cols[0], run.cols[1] + 1) if c in middle]
        parts = _centred_parts(run.words, cols, middle, HEADING_CENTRE * self.h)
        if not parts or len(parts) < 2:
            return [run]
        return [_Run(ws, run.line, (c, c)) for ws, c in parts]

    def _over_columns(self, words: list[dict], cols: list[tuple[float, float]]) -> list[list[dict]]:
        """A heading run parted at each gap wider than the page's word spacing (taken in only as a
        heading's word space) whose words either side lie over two different body columns (two
        month headings set close on a tightly spaced scan, each over its figures)."""
        out = [[words[0]]]
        for a, b in zip(words, words[1:]):
            over = {_lying_over(a, cols), _lying_over(b, cols)}
            if b["x0"] - a["x1"] > SPACE_RUN * self.space and None not in over and len(over) == 2:
                out.append([b])
            else:
                out[-1].append(b)
        return out

    # rows
    # --------------------------------------------------------------------------------------------
    def grid(self, page: int, index: int) -> Grid | None:
        n = len(self.lines)
        # the first body line: figures with a label before them, or after a code (`204 Hackney
        # 1,507`); a
        # header line of bare year fragments such as `15 16 17` under `2014/ 2015/ 2016/` is no body
        # line
        valued = [i for i, ln in enumerate(self.lines) if _has_value(ln)]
        first = next(
            (
                i
                for i in valued
                if not _is_number(_first_run(self.lines[i]))
                or _coded(self.lines[i])
                or self._label_above(i)
            ),
            valued[0],
        )
        cols = self._columns(first)
        if len(cols) < 2:
            return None
        self._cols = cols
        runs = {i: self._runs(i, cols, heading=i < first) for i in range(n)}
        self._cut_headings(runs, range(first))
        # lines above the first body line that hold one phrase in the label columns belong to the
        # body
        # lines above the first body line with words in the label columns only are the first row's
        # wrapped
        # label or a section row, unless set tight under the header (a wrapped column heading)
        last_label = self._label_cols(runs, cols, first)[-1]
        tight = self._leading(list(range(first, n)), runs, set(range(last_label + 1, len(cols))))
        head_end = max(
            (i for i in range(first) if any(r.cols[0] > last_label for r in runs[i])), default=-1
        )
        start = head_end + 1
        while start < first and self._joined(start - 1, start, tight) and head_end >= 0:
            start += 1
        first = start if head_end >= 0 else first
        header = list(range(first))
        labels = self._label_cols(runs, cols, first)
        value_cols = set(range(len(cols))) - set(labels)
        body_rows = self._body_rows(list(range(first, n)), runs, value_cols)
        while body_rows and not any(
            r.cols[0] in value_cols for i in body_rows[-1] for r in runs[i]
        ):
            body_rows.pop()  # a note or heading under the table is context, not a row
        if not body_rows:
            return None
        cells: list[Cell] = []
        row = self._header_cells(header, runs, cols, cells)
        for group in body_rows:
            cells.extend(self._row_cells(group, runs, row))
            row += 1
        if not _enough_figures(cells, value_cols, head_rows=row - len(body_rows)):
            return None
        return Grid(cells=cells, page=page, index=index)

    def _label_above(self, i: int) -> bool:
        """Line i's figures have their label on the line just above, set at the table's left edge
        and reaching into their line's height (a label centred over two lines beside them)."""
        if i == 0:
            return False
        above, line = self.lines[i - 1], self.lines[i]
        return (
            not _has_value(above)
            and _run_count(above) == 1
            and above.words[0]["x0"] <= self.x0 + 1
            and above.bottom > line.top
        )

    def _joined(self, a: int, b: int, tight: float) -> bool:
        """True when line b continues line a's cells: set close under it with no rule or band edge
        between."""
        upper, lower = self.lines[a], self.lines[b]
        sep = any(
            upper.centre < y < lower.centre and not _within(y, upper) and not _within(y, lower)
            for y in self.hints["h_seps"]
        )
        return not sep and lower.top - upper.bottom <= tight

    def _label_cols(self, runs, cols, first) -> list[int]:
        """The label column (the one holding most words in the body) and the columns left of it
        (codes)."""
        wordy: dict[int, int] = {}
        for i in range(first, len(self.lines)):
            for r in runs[i]:
                if r.cols[0] == r.cols[1] and _wordy(r.text):
                    wordy[r.cols[0]] = wordy.get(r.cols[0], 0) + sum(
                        1 for w in r.words if _wordy(w["text"])
                    )
        if not wordy:
            return [0]
        label = max(wordy, key=lambda c: (wordy[c], -c))
        return list(range(label + 1))

    def _body_rows(self, idx: list[int], runs, value_cols: set[int]) -> list[list[int]]:
        seps = self.hints["h_seps"]
        lines = self.lines
        leading = self._leading(idx, runs, value_cols)
        clusters: list[list[int]] = []
        for i in idx:
            if clusters:
                prev = lines[clusters[-1][-1]]
                gap = lines[i].top - max(lines[j].bottom for j in clusters[-1])
                sep = any(
                    prev.centre < y < lines[i].centre
                    and not _within(y, lines[i])
                    and not _within(y, prev)
                    for y in seps
                )
                if not sep and gap <= leading:
                    clusters[-1].append(i)
                    continue
            clusters.append([i])
        out = []
        for cluster in clusters:
            out.extend(self._split_cluster(cluster, runs, value_cols))
        return out

    def _leading(self, idx, runs, value_cols) -> float:
        """The largest gap between two lines of one cell: the gaps between wrapped label lines set
        closest (label lines of two rows may follow each other too, a row's padding apart, when
        each row's figures are centred beside its label's middle line), plus slack. A line of
        figures alone between two label lines (figures centred between them) is passed over."""
        gaps = []
        labelled = [i for i in idx if any(r.cols[0] not in value_cols for r in runs[i])]
        for a, b in zip(labelled, labelled[1:]):
            ra, rb = runs[a], runs[b]
            if (
                len(ra) == 1
                and len(rb) == 1
                and ra[0].cols == rb[0].cols
                and ra[0].cols[0] not in value_cols
            ):
                gaps.append(self.lines[b].top - self.lines[a].bottom)
        slack = 0.25 * self.h
        base = median(g for g in gaps if g <= min(gaps) + slack) if gaps else 0.2 * self.h
        return max(base, 0.0) + slack

    def _split_cluster(self, cluster: list[int], runs, value_cols: set[int]) -> list[list[int]]:
        """One row, unless two of its lines each fill value columns the other fills too (rows
        printed without padding): then each such line starts a row and the other lines join the
        nearest one."""
        filled = {
            i: {r.cols[0] for r in runs[i] if r.cols[0] == r.cols[1] and r.cols[0] in value_cols}
            for i in cluster
        }
        anchors = [
            i
            for i in cluster
            if len(filled[i]) >= 2 or (filled[i] and not any(len(filled[j]) >= 2 for j in cluster))
        ]
        clash = any(filled[a] & filled[b] for k, a in enumerate(anchors) for b in anchors[k + 1 :])
        if len(anchors) < 2 or not clash:
            if anchors and any(_periodish_label(runs[i]) for i in cluster if i not in anchors):
                return self._split_periods(cluster, runs, anchors)
            return [cluster]
        groups: dict[int, list[int]] = {a: [] for a in anchors}
        for i in cluster:
            if i in groups:
                groups[i].append(i)
                continue
            # a period with no figures yet (future months): a row of its own
            if _periodish_label(runs[i]):
                groups[i] = [i]
                continue
            near = min(
                anchors, key=lambda a: (abs(self.lines[a].centre - self.lines[i].centre), -a)
            )
            groups[near].append(i)
        return [sorted(g) for _, g in sorted(groups.items())]

    def _split_periods(self, cluster, runs, anchors) -> list[list[int]]:
        """A cluster whose label-only lines are periods: each such line is a row of its own."""
        out, current = [], []
        for i in cluster:
            if i not in anchors and _periodish_label(runs[i]):
                if current:
                    out.append(current)
                out.append([i])
                current = []
            else:
                current.append(i)
        if current:
            out.append(current)
        return out

    # cells
    # --------------------------------------------------------------------------------------------
    def _header_cells(self, header: list[int], runs, cols, cells: list[Cell]) -> int:
        """Group rows (phrases spanning columns) then one row of column headings merged from all
        header lines. Returns the next row number."""
        if not header:
            return 0
        below: dict[int, list[_Run]] = {}
        groups: list[tuple[int, _Run, tuple[int, int]]] = []
        for i in header:
            for r in runs[i]:
                span = self._group_span(r, i, header, runs, cols)
                if span is not None:
                    groups.append((i, r, span))
                # a heading belongs to the column under its centre (else where most of it lies)
                else:
                    below.setdefault(self._centre_col(r, cols), []).append(r)
        # group rows: group headings overlapping in height (one row) share one
        row, bottom = -1, float("-inf")
        group_rows: list[list[float]] = []
        for (a, b), rs in self._wrapped_groups(groups):
            top, end = rs[0].words[0]["top"], max(w["bottom"] for r in rs for w in r.words)
            if top >= bottom - 0.5 * self.h:
                row, bottom = row + 1, end
                group_rows.append([top, end])
            else:
                bottom = max(bottom, end)
                group_rows[-1][1] = bottom
            cells.append(self._cell(row, a, rs, cols, colspan=b - a + 1))
        row += 1
        under = {c for _, _, (a, b) in groups for c in range(a, b + 1)}

        def lifted(c: int, rs: list[_Run]) -> int | None:
            """The group row a heading beside the groups is set on the line of (a year over one
            column), else None."""
            return (
                None
                if c in under
                else next((k for k, (t, b) in enumerate(group_rows) if t <= _top(rs) <= b), None)
            )

        stacks, bands = self._stacked(below, header, lifted)
        for c, stack in sorted(stacks.items()):
            if bands == 1 and c not in under and len(stack) == 1 and stack[0][1] is None:
                # a heading beside the groups runs down the whole header, as a merged cell does
                cells.append(self._cell(0, c, stack[0][2], cols, rowspan=row + 1))
                continue
            for band, up, rs in stack:  # else in the header row it is printed in
                cells.append(self._cell(row + band if up is None else up, c, rs, cols))
        return row + bands

    def _stacked(
        self, below: dict[int, list[_Run]], header: list[int], lifted
    ) -> tuple[dict[int, list[tuple[int, int | None, list[_Run]]]], int]:
        """Each column's headings cut into the cells stacked in it (a code over a wrapped name over
        a unit), where a gap as wide as the padding between rows parts two lines; the cells not
        `lifted` to a group row sorted into bands, header rows whose cells overlap in height across
        the columns. Returns each column's (band, group row or None, runs) and the number of bands
        (1 when nothing is stacked: one row of headings merged from all header lines)."""
        body_gap = _row_gap(self.lines[header[-1] + 1 :]) if header else 0.0
        apart = max(0.5 * self.h, 0.6 * body_gap)
        stacks: dict[int, list[list[_Run]]] = {}
        for c, rs in below.items():
            stack: list[list[_Run]] = []
            for r in sorted(rs, key=lambda r: (r.words[0]["top"], r.x0)):
                if stack and r.words[0]["top"] - _bottom(stack[-1]) < apart:
                    stack[-1].append(r)
                else:
                    stack.append([r])
            stacks[c] = stack
        spans = sorted(
            (_top(rs), _bottom(rs))
            for c, stack in stacks.items()
            for rs in stack
            if lifted(c, rs) is None
        )
        bands: list[list[float]] = []
        for top, bottom in spans:
            if bands and top < bands[-1][1]:
                bands[-1][1] = max(bands[-1][1], bottom)
            else:
                bands.append([top, bottom])

        def band(rs: list[_Run]) -> int:
            return next(
                (k for k, (top, bottom) in enumerate(bands) if top <= _top(rs) <= bottom), 0
            )

        placed: dict[int, list[tuple[int, int | None, list[_Run]]]] = {}
        for c, stack in stacks.items():
            for rs in stack:
                k, up = band(rs), lifted(c, rs)
                last = placed.get(c, [])
                if last and (last[-1][0], last[-1][1]) == (k, up):
                    last[-1][2].extend(rs)  # two cells of one column within one band: one
                else:
                    placed.setdefault(c, []).append((k, up, rs))
        return placed, max(1, len(bands))

    def _wrapped_groups(self, groups) -> list[tuple[tuple[int, int], list[_Run]]]:
        """Group headings top to bottom, the lines of one heading wrapped over several (same
        columns, each set right under the one before) made one."""
        out: list[tuple[tuple[int, int], list[_Run]]] = []
        for _, r, span in sorted(groups, key=lambda g: (g[1].words[0]["top"], g[1].x0)):
            last = next((g for g in reversed(out) if g[0] == span), None)
            if (
                last is not None
                and r.words[0]["top"] - max(w["bottom"] for w in last[1][-1].words) <= 0.5 * self.h
            ):
                last[1].append(r)
            else:
                out.append((span, [r]))
        return sorted(out, key=lambda g: (g[1][0].words[0]["top"], g[0]))

    def _group_span(
        self, run: _Run, i: int, header: list[int], runs, cols
    ) -> tuple[int, int] | None:
        """The columns a header phrase heads when it is a group heading, else None."""
        lower = [j for j in header if j > i]
        if not lower:
            return None
        a, b = run.cols
        drawn = self._drawn_span(run, cols, lower)
        if drawn is not None:
            return drawn
        centre = (run.x0 + run.x1) / 2
        claimed = {r.cols[k] for r in runs[i] if r is not run for k in (0, 1)}
        # each column's own heading: on the lowest header line that heads it alone (not a wrapped
        # group line)
        under = {
            c: next(
                (
                    [r for r in runs[j] if r.cols == (c, c)]
                    for j in reversed(lower)
                    if any(r.cols == (c, c) for r in runs[j])
                ),
                [],
            )
            for c in range(len(cols))
        }
        shape = {c: _shape(" ".join(r.text for r in under[c])) for c in range(len(cols))}

        def mid(c: int) -> float:  # headings are centred in their cells; figures may be set right
            return (
                median((r.x0 + r.x1) / 2 for r in under[c])
                if under[c]
                else (cols[c][0] + cols[c][1]) / 2
            )

        mids = [mid(c) for c in range(len(cols))]
        pitch = median(b2 - a2 for a2, b2 in zip(mids, mids[1:])) if len(mids) > 1 else 1.0
        for _ in range(len(cols)):  # widen the span to the side the phrase's centre leans to
            lean = centre - (mids[a] + mids[b]) / 2
            if abs(lean) <= 0.25 * pitch:
                break
            if lean > 0 and b + 1 < len(cols) and b + 1 not in claimed and shape[b + 1]:
                b += 1
            elif lean < 0 and a > 0 and a - 1 not in claimed and shape[a - 1]:
                a -= 1
            else:
                break
        if not all(shape[c] for c in range(a, b + 1)):
            return None
        # widen both ways over headings alike (a year centred over an odd number of its months),
        # a phrase over one column only when that column has no other heading on its line or above
        # (not a line of a wrapped heading among others)
        one = a == b
        if one and (
            any(
                r is not run and r.cols[0] <= a <= r.cols[1]
                for j in header
                if j <= i
                for r in runs[j]
            )
            or not self._set_apart(i, a, header, runs)
        ):
            return None
        while (
            a - 1 >= 0
            and b + 1 < len(cols)
            and a - 1 not in claimed
            and b + 1 not in claimed
            and shape[a - 1] == shape[b + 1] == shape[a]
            and shape[a]
        ):
            a, b = a - 1, b + 1
        if one and any(
            r.cols[0] <= c <= r.cols[1]
            for c in range(a, b + 1)
            for j in header
            if j < i
            for r in runs[j]
        ):
            return None  # the columns it would span are headed above it
        return None if a == b else (a, b)

    def _set_apart(self, i: int, c: int, header: list[int], runs) -> bool:
        """Header line i stands clear of the next heading under it in column c (a row of its own,
        not the first line of a wrapped heading)."""
        below = next((j for j in header if j > i and any(r.cols == (c, c) for r in runs[j])), None)
        return below is not None and self.lines[below].top - self.lines[i].bottom >= 0.5 * self.h

    def _centre_col(self, run: _Run, cols) -> int:
        """The column a heading heads: the one column lying within it (a heading wider than its
        figures spans the cell the figures are set in), else the column under its centre, else
        the one it covers most."""
        within = [c for c, (a, b) in enumerate(cols) if run.x0 - 2 <= a and b <= run.x1 + 2]
        if len(within) == 1:
            return within[0]
        cx = (run.x0 + run.x1) / 2
        inside = [c for c, (a, b) in enumerate(cols) if a - 0.5 <= cx <= b + 0.5]
        return inside[0] if len(inside) == 1 else self._main_col(run, cols)

    def _main_col(self, run: _Run, cols) -> int:
        a, b = run.cols
        return max(range(a, b + 1), key=lambda c: _overlap(run.x0, run.x1, *cols[c]))

    def _drawn_span(self, run: _Run, cols, lower: list[int]) -> tuple[int, int] | None:
        """Columns under a fill or a rule drawn just for this heading (not a band across the table),
        with other headings below it inside its width (a tall heading cell is no group)."""
        cx, cy = (run.x0 + run.x1) / 2, (run.words[0]["top"] + run.words[0]["bottom"]) / 2
        table = self.x1 - self.x0
        below = [w for j in lower for w in self.lines[j].words]

        def heads(x0: float, x1: float, y: float) -> bool:
            return any(x0 - 1 <= w["x0"] and w["x1"] <= x1 + 1 and w["top"] >= y - 1 for w in below)

        boxes = [
            (x0, x1)
            for x0, top, x1, bottom, _ in self.hints["fills"]
            if x0 <= cx <= x1 and top <= cy <= bottom and heads(x0, x1, bottom)
        ]
        bottom = max(w["bottom"] for w in run.words)
        boxes += [
            (x0, x1)
            for y, x0, x1 in self.hints["h_rules"]
            if bottom - 1 <= y <= bottom + 0.8 * self.h and x0 <= cx <= x1 and heads(x0, x1, y)
        ]
        boxes = [
            b
            for b in boxes
            if b[1] - b[0] < 0.9 * table and b[0] <= run.x0 + 1 and b[1] >= run.x1 - 1
        ]
        if not boxes:
            return None
        x0, x1 = min(boxes, key=lambda b: b[1] - b[0])
        inside = [i for i, (a, b) in enumerate(cols) if x0 - 1 <= (a + b) / 2 <= x1 + 1]
        return (min(inside), max(inside)) if inside else None

    def _row_cells(self, group: list[int], runs, row: int) -> list[Cell]:
        by_col: dict[tuple[int, int], list[_Run]] = {}
        for i in group:
            for r in runs[i]:
                by_col.setdefault(r.cols, []).append(r)
        cols = self._cols
        return [
            self._cell(row, a, rs, cols, colspan=b - a + 1) for (a, b), rs in sorted(by_col.items())
        ]

    def _cell(
        self, row: int, col: int, rs: list[_Run], cols, colspan: int = 1, rowspan: int = 1
    ) -> Cell:
        text = ""
        for r in sorted(rs, key=lambda r: (round(r.words[0]["top"]), r.x0)):
            t = r.text
            text = (
                t
                if not text
                else (
                    text + t
                    if text[-1] in "-\u2013/" and not text.endswith(" -")
                    else text + " " + t
                )
            )
        words = [w for r in rs for w in r.words]
        box = (
            min(w["x0"] for w in words),
            min(w["top"] for w in words),
            max(w["x1"] for w in words),
            max(w["bottom"] for w in words),
        )
        return Cell(
            row=row,
            col=col,
            text=fold(text),
            colspan=colspan,
            rowspan=rowspan,
            fill=_fill_at(self.hints["fills"], box),
            bbox=tuple(round(v, 1) for v in box),
        )


PERIOD_LABEL = re.compile(
    r"^((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[\s'-]*(\d{2}|\d{4})|\d{1,2}/(19|20)\d\d|"
    r"(19|20)\d\d-\d\d|(19|20)\d\d/\s?\d\d|q[1-4]\s.*\d\d|(qtr|quarter)\s*[1-4].*)$",
    re.I,
)


def _top(rs: list[_Run]) -> float:
    return min(w["top"] for r in rs for w in r.words)


def _bottom(rs: list[_Run]) -> float:
    return max(w["bottom"] for r in rs for w in r.words)


def _periodish_label(runs: list[_Run]) -> bool:
    """True for a line holding one phrase that names a month, quarter or year (a row label of a
    table with periods down the rows)."""
    return len(runs) == 1 and bool(PERIOD_LABEL.match(runs[0].text.strip()))


def _enough_figures(cells: list[Cell], value_cols: set[int], head_rows: int) -> bool:
    """Two figures make a table; so does one under no header when another row fills value
    columns too (the last rows of a table cut by a page break: `England 1081` over a row of
    direction arrows), which the interpreter sets under the header of the table before."""
    figures = sum(1 for c in cells if _numeric_text(c.text))
    filled = {c.row for c in cells if c.col in value_cols and c.text}
    return figures >= 2 or (figures == 1 and head_rows == 0 and len(filled) >= 2)


def _lying_over(word: dict, cols: list[tuple[float, float]]) -> int | None:
    """The column holding most of the word's width (more than half of it), else None."""
    width = word["x1"] - word["x0"]
    return next(
        (
            i
            for i, (a, b) in enumerate(cols)
            if _overlap(word["x0"], word["x1"], a, b) > 0.5 * width
        ),
        None,
    )


def _centred_parts(
    words: list[dict], cols: list[int], middle: dict[int, float], slack: float
) -> list[tuple[list[dict], int]] | None:
    """The words cut left to right into pieces each centred (within `slack`) on the centre of
    one of `cols` in turn, else None."""
    if not words:
        return []
    for k in range(1, len(words) + 1):
        centre = (words[0]["x0"] + words[k - 1]["x1"]) / 2
        for j, c in enumerate(cols):
            if abs(centre - middle[c]) <= slack:
                rest = _centred_parts(words[k:], cols[j + 1 :], middle, slack)
                if rest is not None:
                    return [(words[:k], c), *rest]
    return None


def _heads_several(run: list[dict], lower: list[list[dict]]) -> bool:
    """True when two or more phrases of lower lines lie under this one (it is a group heading)."""
    x0, x1 = run[0]["x0"] - 2, run[-1]["x1"] + 2
    return sum(1 for r in lower if r[0]["x0"] >= x0 - 6 and r[-1]["x1"] <= x1 + 6) >= 2


def _within(y: float, line: _Line) -> bool:
    return line.top + 1 < y < line.bottom - 1


def _local(hints: Hints, x0: float, top: float, x1: float, bottom: float, h: float) -> dict:
    """The hints drawn within (or at the edge of) a table's area: row separators (rules, fill band
    edges), column edges (vertical rules, sides of per-cell fills), fills."""
    pad = h
    fills = [
        f
        for f in hints.fills
        if f[2] > x0 - pad and f[0] < x1 + pad and f[3] > top - pad and f[1] < bottom + pad
    ]
    rules = [
        r for r in hints.h_rules if top - pad <= r[0] <= bottom + pad and r[2] > x0 and r[1] < x1
    ]
    seps = sorted(
        {round(r[0], 1) for r in rules if r[2] - r[1] > 0.3 * (x1 - x0) or True}
        | {round(f[k], 1) for f in fills for k in (1, 3)}
    )
    width = x1 - x0
    v_edges = [x for x, t, b in hints.v_rules if x0 - 1 <= x <= x1 + 1 and b > top and t < bottom]
    v_edges += [f[k] for f in fills if f[2] - f[0] < 0.5 * width for k in (0, 2)]
    return {
        "fills": sorted(fills, key=lambda f: (f[2] - f[0]) * (f[3] - f[1])),
        "h_rules": rules,
        "h_seps": seps,
        "v_edges": v_edges,
    }


def _fill_at(fills, box) -> str:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for x0, top, x1, bottom, colour in fills:
        if x0 <= cx <= x1 and top <= cy <= bottom:
            return colour
    return ""


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _column_of(word: dict, cols: list[tuple[float, float]]) -> int:
    cx = (word["x0"] + word["x1"]) / 2
    best = max(
        range(len(cols)),
        key=lambda i: (
            _overlap(word["x0"], word["x1"], *cols[i]),
            -abs(cx - (cols[i][0] + cols[i][1]) / 2),
        ),
    )
    if _overlap(word["x0"], word["x1"], *cols[best]) > 0:
        return best
    return min(range(len(cols)), key=lambda i: min(abs(cx - cols[i][0]), abs(cx - cols[i][1])))


def _wordy(text: str) -> bool:
    """Text made of words (a label, code or unit) rather than a figure or a printed token such as
    n/a."""
    letters = sum(1 for ch in text if ch.isalpha())
    return (
        letters >= 3
        and not _is_number(text)
        and text.strip().lower() not in {"n/a", "dna", "tbc", "n/k", "not available", "local"}
    )


def _shape(text: str) -> str:
    """A heading's shape: letters as a, digits as 9, runs collapsed (`Apr 2019` and `May 2019`
    alike)."""
    out = re.sub(r"[^\W\d_]+", "a", text.lower())
    out = re.sub(r"\d+", "9", out)
    return fold(out)
