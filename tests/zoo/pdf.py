"""Text PDF (fpdf2): tables drawn cell by cell, ruled, horizontally ruled, zebra-shaded or
whitespace-aligned.

A table too long for the page continues on the next with its header repeated; a
`Break(rotated=True)` puts the next table on a portrait page drawn sideways and marked `/Rotate 90`,
so that it reads as a landscape page.

"""

from __future__ import annotations

import random
from pathlib import Path

from fpdf import FPDF

from zoo.layout import grid
from zoo.model import Break, Cell, Heading, Para, Report, Side, Table

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-extra
FONT = "DejaVuSansCondensed.ttf"
MARGIN = 10.0
ASCII = {"≥": ">=", "≤": "<=", "↑": "^", "↓": "v", "→": ">", "–": "-", "’": "'"}


class Writer:
    def __init__(self, report: Report):
        self.pdf = FPDF(orientation="L" if report.landscape else "P", format="A4")
        self.pdf.set_auto_page_break(False)
        self.landscape = report.landscape
        # Helvetica when the text is Latin-1 (fast); DejaVu for arrows and signs such as ≥ where it
        # is installed
        self.unicode = (FONT_DIR / FONT).exists() and not latin1(report)
        if self.unicode:
            self.pdf.add_font("Z", "", str(FONT_DIR / FONT))
            self.pdf.add_font("Z", "B", str(FONT_DIR / "DejaVuSansCondensed-Bold.ttf"))
        self.rotated_pages: list[int] = []
        rnd = random.Random(report.stem)
        # mm: numbers need room between them; documents differ
        self.min_col = rnd.uniform(11.0, 20.0)
        self.pad = rnd.uniform(1.2, 2.6)
        self.new_page()

    # -- pages and fonts
    def new_page(self, rotated: bool = False) -> None:
        self.pdf.add_page(orientation="P" if rotated else ("L" if self.landscape else "P"))
        self.rotated = rotated
        if rotated:
            self.rotated_pages.append(self.pdf.page - 1)
        self.y = MARGIN

    @property
    def size(self) -> tuple[float, float]:
        w, h = self.pdf.w, self.pdf.h
        return (h, w) if self.rotated else (w, h)

    def font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font("Z" if self.unicode else "Helvetica", "B" if bold else "", size)

    def s(self, text: str) -> str:
        if self.unicode:
            return text
        for a, b in ASCII.items():
            text = text.replace(a, b)
        return text.encode("latin-1", "replace").decode("latin-1")

    def width(self, text: str) -> float:
        return self.pdf.get_string_width(self.s(text))

    # -- drawing in the (possibly rotated) frame
    def at(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.pdf.h, y) if self.rotated else (x, y)

    def text(self, x, y, t):
        self.pdf.text(*self.at(x, y), self.s(t))

    def line(self, x1, y1, x2, y2):
        a, b = self.at(x1, y1), self.at(x2, y2)
        self.pdf.line(*a, *b)

    def rect(self, x, y, w, h, style):
        self.pdf.rect(*self.at(x, y), w, h, style)

    def frame(self):
        return self.pdf.rotation(90, 0, 0) if self.rotated else _Null()

    # -- blocks
    def prose(self, text: str, size: float, bold: bool = False) -> None:
        self.font(size, bold)
        lh = size * 0.45
        words, lines, cur = text.split(), [], ""
        for w in words:
            if cur and self.width(cur + " " + w) > self.size[0] - 2 * MARGIN:
                lines.append(cur)
                cur = w
            else:
                cur = (cur + " " + w).strip()
        lines.append(cur)
        if self.y + lh * len(lines) > self.size[1] - MARGIN:
            self.new_page()
        with self.frame():
            for line in lines:
                self.y += lh
                self.text(MARGIN, self.y, line)
        self.y += lh * 0.6

    def table(
        self,
        t: Table,
        rows: list[list[Cell | None]] | None = None,
        x0: float = MARGIN,
        paged: bool = True,
    ) -> float:
        rows = rows if rows is not None else grid(t, False)
        size, widths = self.fit(
            rows, (self.size[0] - 2 * MARGIN) if paged else (self.size[0] - 2 * MARGIN) / 2 - 3
        )
        lh = size * 0.42
        heights = [
            max(len(self.lines(c)) if c and c.rowspan == 1 else 1 for c in r) * lh + 2 * self.pad
            for r in rows
        ]
        if t.title:
            self.prose(t.title, size + 1.5, True)
        y = self.y
        head = list(range(t.header_rows))
        i = 0
        while i < len(rows):
            if paged and y + heights[i] > self.size[1] - MARGIN and i > t.header_rows:
                self.close(t, x0, y, widths)
                self.new_page(self.rotated)
                y = self.y
                if t.repeat_header:
                    for h in head:
                        y = self.row(t, rows[h], h, x0, y, widths, heights[h], size)
            self.heights = heights[i:]
            y = self.row(t, rows[i], i, x0, y, widths, heights[i], size)
            i += 1
        self.close(t, x0, y, widths)
        end = y + 2
        if t.note:
            self.y = end
            self.prose(t.note, size)
            end = self.y
        if paged:
            self.y = end + 3
        return end

    def close(self, t: Table, x0: float, y: float, widths: list[float]) -> None:
        if t.ruling == "horizontal":
            with self.frame():
                self.line(x0, y, x0 + sum(widths), y)

    def lines(self, c: Cell) -> list[str]:
        """The cell's printed lines: its own line breaks, and long header text wrapped as a word
        processor would."""
        return self.wrapped.get(id(c)) or c.text.split("\n")

    def wrap(self, rows, size: float) -> None:
        """Header text wrapped to its cell: a heading over one column at a word processor's width, a
        heading over several within the narrowest width those columns can have (so it never runs
        into its neighbours)."""
        self.wrapped = {}
        for r in rows:
            for j, c in enumerate(r):
                if c is None or not (c.header and j > 0):
                    continue
                limit = (
                    26 * size / 7.5
                    if c.span == 1
                    else c.span * self.min_col * size / 7.5 - 2 * self.pad
                )
                out = []
                for part in c.text.split("\n"):
                    cur = ""
                    for w in part.split():
                        if cur and self.width(cur + " " + w) > limit:
                            out.append(cur)
                            cur = w
                        else:
                            cur = (cur + " " + w).strip()
                    out.append(cur)
                self.wrapped[id(c)] = out

    def fit(self, rows, room: float) -> tuple[float, list[float]]:
        """A font size and column widths that fit the room (labels wrap at their own line
        breaks)."""
        for size in (7.5, 7, 6.5, 6, 5.5, 5, 4.5, 4):
            self.font(size)
            self.wrap(rows, size)
            n = max(len(r) for r in rows)
            widths = [4.0] + [self.min_col * size / 7.5] * (n - 1)
            for r in rows:
                for j, c in enumerate(r):
                    if c is not None and c.span == 1 and c.rowspan > 2:
                        widths[j] = max(widths[j], size * 0.42 + 2 * self.pad)
                    elif c is not None and c.span == 1:
                        widths[j] = max(
                            widths[j],
                            max(self.width(line) for line in self.lines(c)) + 2 * self.pad + 0.5,
                        )
            if sum(widths) <= room:
                return size, widths
        return size, [w * room / sum(widths) for w in widths]

    def row(self, t, row, i, x0, y, widths, h, size) -> float:
        header = i < t.header_rows
        band = not header and t.ruling == "zebra" and (i - t.header_rows) % 2 == 1
        x = x0
        with self.frame():
            if t.ruling == "horizontal":
                self.line(x0, y, x0 + sum(widths), y)
            for j, c in enumerate(row):
                if c is None:
                    continue
                x = x0 + sum(widths[:j])
                w = sum(widths[j : j + c.span])
                if c.rowspan > 1:
                    self.down(c, x, y, w, sum(self.heights[: c.rowspan]), size, t.ruling)
                    continue
                fill = c.fill or (
                    "EEEEEE"
                    if band
                    else "DCE6F1"
                    if header and t.ruling in ("all", "zebra")
                    else ""
                )
                if fill:
                    self.pdf.set_fill_color(
                        int(fill[:2], 16), int(fill[2:4], 16), int(fill[4:], 16)
                    )
                    self.rect(x, y, w, h, "F")
                if t.ruling == "all":
                    self.pdf.set_draw_color(110, 110, 110)
                    self.rect(x, y, w, h, "D")
                self.font(size, c.bold)
                lines = self.lines(c)
                lh = size * 0.42
                ty = y + (h - lh * len(lines)) / 2 + lh * 0.8
                for k, line in enumerate(lines):
                    lw = self.width(line)
                    tx = (
                        x + self.pad
                        if c.align == "L"
                        else x + w - self.pad - lw
                        if c.align == "R"
                        else x + (w - lw) / 2
                    )
                    self.text(tx, ty + k * lh, line)
        return y + h

    def down(
        self, c: Cell, x: float, y: float, w: float, h: float, size: float, ruling: str
    ) -> None:
        """A cell spanning rows, its text turned to read upwards (a section name down the side)."""
        if ruling in ("all", "zebra"):
            self.rect(x, y, w, h, "D")
        self.font(size, c.bold)
        tw = self.width(c.text)
        if c.rowspan > 2 and tw > h - 2:
            self.font(size * (h - 2) / tw, c.bold)
            tw = self.width(c.text)
        bx, by = x + w / 2 + size * 0.15, y + h / 2 + tw / 2
        if c.rowspan <= 2:
            self.text(x + self.pad, y + size * 0.42 + self.pad, c.text)
            return
        if self.rotated:
            self.text(bx, by, c.text)  # a rotated page keeps the text level
            return
        with self.pdf.rotation(90, bx, by):
            self.pdf.text(bx, by, self.s(c.text))


def latin1(report: Report) -> bool:
    texts = [b.text for b in report.blocks if isinstance(b, (Heading, Para))]
    for t in report.tables():
        texts += [t.title, t.note] + [c.text for r in t.rows for c in r]
    return all(ord(ch) < 256 for text in texts for ch in text)


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def write(report: Report, path: Path) -> None:
    w = Writer(report)
    for b in report.blocks:
        if isinstance(b, Heading):
            w.prose(b.text, 13 if b is report.blocks[0] else 10.5, True)
        elif isinstance(b, Para):
            w.prose(b.text, 9)
        elif isinstance(b, Table):
            w.table(b)
        elif isinstance(b, Side):
            y0 = w.y
            end = w.table(b.left, x0=MARGIN, paged=False)
            w.y = y0
            width = w.fit(grid(b.left, False), (w.size[0] - 2 * MARGIN) / 2 - 3)[1]
            end = max(end, w.table(b.right, x0=MARGIN + sum(width) + 8, paged=False))
            w.y = end + 3
        elif isinstance(b, Break):
            w.new_page(rotated=b.rotated)
    w.pdf.output(str(path))
    if w.rotated_pages:
        rotate(path, w.rotated_pages)


def rotate(path: Path, pages: list[int]) -> None:
    """Mark pages /Rotate 90 so that their sideways drawing displays upright."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    for i in pages:
        doc[i].set_rotation(90)
    tmp = path.with_suffix(".tmp.pdf")
    doc.save(str(tmp))
    doc.close()
    tmp.replace(path)
