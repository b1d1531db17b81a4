"""PDF reports: ruled tables, word-position tables and, for scanned pages, OCR
(`extractors.pdf.ocr`)."""

from extractors.pdf.format import PdfFormat

__all__ = ["PdfFormat"]
