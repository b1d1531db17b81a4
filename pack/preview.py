"""Pages of a printed pack as images, for the app's preview."""

from __future__ import annotations

from io import BytesIO


def page_images(pdf: bytes, pages: int = 3, scale: float = 1.2) -> list[bytes]:
    """The first `pages` pages of a PDF as PNGs."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        shots = []
        for index in range(min(pages, len(document))):
            out = BytesIO()
            document[index].render(scale=scale).to_pil().save(out, format="PNG")
            shots.append(out.getvalue())
        return shots
    finally:
        document.close()
