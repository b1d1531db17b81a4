"""PDF pages with a text layer: ruled tables become grids, other text becomes context."""
from __future__ import annotations

from typing import BinaryIO

from extractors.base import Format, Progress, no_progress
from extractors.errors import UnreadableFile
from extractors.grid import Document, Grid
from extractors.limits import LIMITS
from extractors.pdf_tables import line_texts, page_grids, word_lines
from extractors.pdf_text_grid import text_grids


class PdfFormat(Format):
    title = "PDF document"
    extensions = ("pdf",)
    unit = "page"

    @classmethod
    def detect(cls, head: bytes, name: str) -> bool:
        return b"%PDF-" in head[:1024]

    @classmethod
    def extract(cls, fp: BinaryIO, name: str, progress: Progress = no_progress) -> Document:
        pdf = _open(fp, name)
        with pdf:
            total = len(pdf.pages)
            if total > LIMITS.MAX_PAGES:
                raise UnreadableFile(f"{name} has {total} pages, more than the {LIMITS.MAX_PAGES} perfbooks reads in one file.")
            doc = Document(name=name, format="pdf", grids=[], units=total)
            scanned = 0
            for number, page in enumerate(pdf.pages, start=1):
                scanned += _is_scanned(page)
                _read_page(page, number, doc, name)
                page.flush_cache()
                progress(number, total)
        if total and scanned == total:
            raise UnreadableFile(f"{name} is a scan with no text layer; perfbooks cannot read scanned pages yet.")
        if scanned:
            doc.warnings.append(f"{scanned} of {total} pages of {name} are scans with no text layer and were skipped.")
        return doc


def _open(fp: BinaryIO, name: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError

    try:
        pdf = pdfplumber.open(fp)
        _ = pdf.pages
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableFile(f"{name} is password-protected; save a copy without the password and upload that.") from None
    except Exception as exc:  # pdfminer raises many types for damaged files
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise UnreadableFile(f"{name} is password-protected; save a copy without the password and upload that.") from None
        raise UnreadableFile(f"{name} is damaged or incomplete and cannot be opened as a PDF.") from None


def _is_scanned(page) -> bool:
    """A page with pictures and no characters is a scan."""
    return not page.chars and bool(page.images)


def _read_page(page, number: int, doc: Document, name: str) -> None:
    try:
        grids = page_grids(page, number)
        words = word_lines(page, [g.bbox for g in grids])
        lines = line_texts(words)
        unruled = [] if grids else text_grids(words, number, 1)
    except Exception:
        doc.warnings.append(f"Page {number} of {name} could not be read and was skipped.")
        return
    doc.text.extend(text for _, text in lines)
    for table in grids:
        table.grid.context = [text for top, text in lines if top < table.bbox[1]][-6:]
        doc.grids.append(table.grid)
    for grid in unruled:
        top = min(c.bbox[1] for c in grid.cells)
        grid.context = [text for t, text in lines if t < top - 1][-6:]
        doc.grids.append(grid)
