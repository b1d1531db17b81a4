"""Scanned PDF: the text PDF rendered to greyscale at ~200 dpi, turned slightly, speckled, saved as
images only."""

from __future__ import annotations

import random
from pathlib import Path

from zoo import pdf
from zoo.model import Report

DPI = 200


def write(report: Report, path: Path) -> None:
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(report.stem)
    text_pdf = path.with_suffix(".text.pdf")
    pdf.write(report, text_pdf)
    doc = pdfium.PdfDocument(str(text_pdf))
    pages = []
    for page in doc:
        img = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        img = img.rotate(
            rng.uniform(-0.9, 0.9), resample=Image.BILINEAR, expand=False, fillcolor=255
        )
        a = np.asarray(img, dtype=np.int16)
        noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 9, a.shape)
        pages.append(Image.fromarray(np.clip(a + noise, 0, 255).astype("uint8")))
    doc.close()
    text_pdf.unlink()
    pages[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=pages[1:])
