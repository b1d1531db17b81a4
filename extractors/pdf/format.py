"""PDF pages: ruled tables become grids, other text becomes context; scanned pages are read by
OCR."""

from __future__ import annotations

from typing import BinaryIO

from extractors.base import SCANNED, Format, Progress, no_progress
from extractors.errors import UnreadableFile
from extractors.grid import Document, Grid
from extractors.limits import LIMITS, Limits
from extractors.pdf.ocr.scan import tesseract_missing
from extractors.pdf.ruled_tables import fills, line_texts, page_grids, word_lines
from extractors.pdf.text_grid import text_grids
from extractors.pdf.words import page_hints
from extractors.problems import SENTENCES, problem

# share of unreadable characters (unmapped glyphs, control codes) that makes a text layer garbage
UNMAPPED = 0.5


class PdfFormat(Format):
    key = "pdf"
    title = "PDF document"
    extensions = ("pdf",)
    unit = "page"

    @classmethod
    def detect(cls, head: bytes, name: str) -> bool:
        return b"%PDF-" in head[:1024]

    @classmethod
    def extract(
        cls, fp: BinaryIO, name: str, progress: Progress = no_progress, limits: Limits = LIMITS
    ) -> Document:
        pdf = _open(fp, name)
        with pdf:
            total = len(pdf.pages)
            if total > limits.MAX_PAGES:
                raise UnreadableFile(
                    problem("too_many_pages", name, pages=total, most=limits.MAX_PAGES)
                )
            doc = Document(name=name, format=cls.key, grids=[], units=total)
            scanner = _Scanner(
                fp,
                name,
                lambda number: progress(number, total),
                lambda number: progress(number - 1, total, SCANNED),
                limits,
            )
            trailing: list[str] = []  # lines printed under the last table of the page before
            for number, page in enumerate(pdf.pages, start=1):
                if _is_scanned(page) or _is_garbage(page):
                    scanner.read(number, doc)  # reports the page once tesseract has read it
                    trailing = []
                else:
                    scanner.flush(doc)
                    trailing = _read_page(page, number, doc, name, trailing)
                    progress(number, total)
                page.flush_cache()
        scanner.finish(doc, total)
        return doc


class _Scanner:
    """Reads the scanned pages of one PDF by OCR, and says what it could not read. While tesseract
    reads one page (in the background), the next is rendered and its cells found."""

    def __init__(self, fp: BinaryIO, name: str, done, reading, limits: Limits = LIMITS):
        self.fp, self.name, self.pdfium, self.read_pages, self.skipped = fp, name, None, 0, 0
        self.background, self.pending, self.done, self.reading = None, None, done, reading
        self.limits = limits

    def read(self, number: int, doc: Document) -> None:
        if tesseract_missing(self.name) or self.read_pages >= self.limits.MAX_OCR_PAGES:
            self.flush(doc)
            self.skipped += 1
            self.done(number)
            return
        from concurrent.futures import ThreadPoolExecutor

        from extractors.pdf.ocr.boxes import start_page
        from extractors.pdf.ocr.scan import render

        self.background = self.background or ThreadPoolExecutor(max_workers=1)
        dpi = self.limits.OCR_DPI
        gray = render(self._document()[number - 1], dpi)
        pending = start_page(gray, dpi, number, self.background, self.limits)
        self.flush(doc)
        self.pending = pending
        self.read_pages += 1
        self.reading(number)  # pages before this one are read; tesseract now reads this one

    def flush(self, doc: Document) -> None:
        """Add the page tesseract is reading once it is read, and report it read (pages stay in
        order)."""
        if self.pending is None:
            return
        from extractors.pdf.ocr.boxes import finish_page

        pending, self.pending = self.pending, None
        grids, lines = finish_page(pending)
        doc.text.extend(text for _, text in lines)
        _place(doc, grids, lines)
        self.done(pending.number)

    def _document(self):
        if self.pdfium is None:
            import pypdfium2 as pdfium

            self.fp.seek(0)
            self.pdfium = pdfium.PdfDocument(self.fp.read())
        return self.pdfium

    def finish(self, doc: Document, total: int) -> None:
        """Add the last page read, close the page renderer and the background reader; raise when
        nothing could be read, else warn about what was skipped."""
        try:
            self.flush(doc)
        finally:
            if self.background is not None:
                self.background.shutdown()
            if self.pdfium is not None:
                self.pdfium.close()
        missing = tesseract_missing(self.name)
        most = self.limits.MAX_OCR_PAGES
        if self.skipped and self.skipped == total:
            raise UnreadableFile(
                missing or problem("too_many_scans", self.name, pages=total, most=most)
            )
        if self.skipped:
            why = missing or SENTENCES["scans_past_limit"].format(most=most)
            doc.warnings.append(
                problem("scans_skipped", self.name, count=self.skipped, pages=total, why=why)
            )
        doc.ocr_pages = self.read_pages
        if self.read_pages:
            doc.warnings.append(
                problem("read_by_ocr", self.name, count=self.read_pages, pages=total)
            )


def _open(fp: BinaryIO, name: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(fp)
        _ = pdf.pages
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableFile(problem("password", name)) from None
    except Exception as exc:  # pdfminer raises many types for damaged files
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise UnreadableFile(problem("password", name)) from None
        raise UnreadableFile(problem("damaged_pdf", name)) from None


def _is_scanned(page) -> bool:
    """A page with pictures and no characters is a scan."""
    return not page.chars and bool(page.images)


def _is_garbage(page) -> bool:
    """A text layer made mostly of glyphs with no known character (a bad OCR layer, a broken
    font)."""
    chars = page.chars
    if len(chars) < 20:
        return False
    bad = sum(
        1
        for c in chars
        if c["text"].startswith("(cid:") or c["text"] == "\ufffd" or not c["text"].isprintable()
    )
    return bad / len(chars) >= UNMAPPED


def _read_page(page, number: int, doc: Document, name: str, before: list[str]) -> list[str]:
    """Add the page's tables and text to `doc`; returns the lines printed under its last table. A
    table with no line above it on its page takes as context the lines `before` (a title left at
    the foot of the page before)."""
    try:
        grids = page_grids(page, number)
        boxes = [g.bbox for g in grids]
        words = word_lines(page, boxes)
        lines = line_texts(words)
        hints = page_hints(
            page,
            fills(page),
            lambda x0, top, x1, bottom: (
                not any(
                    b[0] - 1 <= x0 and x1 <= b[2] + 1 and b[1] - 1 <= top and bottom <= b[3] + 1
                    for b in boxes
                )
            ),
        )
        unruled = text_grids(words, number, len(grids) + 1, hints)
    except Exception:
        doc.warnings.append(problem("page_skipped", name, f"page {number}", page=number))
        return []
    doc.text.extend(text for _, text in lines)
    spans = [((t.bbox[1], t.bbox[3]), t.bbox[0], t.grid) for t in grids]
    spans += [
        (
            (min(c.bbox[1] for c in g.cells), max(c.bbox[3] for c in g.cells)),
            min(c.bbox[0] for c in g.cells),
            g,
        )
        for g in unruled
    ]
    for (top, _), _, grid in spans:
        grid.context = _context(lines, top, [b for (_, b), _, _ in spans if b <= top + 1], before)
    for index, (_, _, grid) in enumerate(
        sorted(spans, key=lambda p: (round(p[0][0]), p[1])), start=1
    ):
        grid.index = index  # tables numbered in reading order, ruled or not
        doc.grids.append(grid)
    bottom = max((b for (_, b), _, _ in spans), default=None)
    return [text for top, text in lines if bottom is None or top > bottom]


def _context(
    lines: list[tuple[float, str]], top: float, above: list[float], before: list[str]
) -> list[str]:
    """The lines printed between a table and the one above it (`above`: bottoms of the tables ending
    above it); with no table and no line above it on its page, the lines left at the foot of the
    page before."""
    floor = max(above, default=None)
    own = [text for t, text in lines if t < top - 1 and (floor is None or t > floor)]
    return own[-6:] if own or floor is not None else before[-6:]


def _place(doc: Document, grids: list[Grid], lines: list[tuple[float, str]]) -> None:
    """Add grids rebuilt from word positions, each with the lines printed above it as context."""
    for grid in grids:
        top = min(c.bbox[1] for c in grid.cells)
        grid.context = [text for t, text in lines if t < top - 1][-6:]
        doc.grids.append(grid)
