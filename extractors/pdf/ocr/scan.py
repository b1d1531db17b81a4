"""Page images for OCR: rasterise, deskew and clean a scanned page, then read words with
tesseract."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.problems import Problem, problem

INSTALL = "apt-get install tesseract-ocr tesseract-ocr-eng"
MAX_SKEW = 3.0  # degrees either way a scan may lean
SKEW_STEP = 0.05  # degrees: the finest skew the search tells apart
DARK_BACKGROUND = 110  # grey level under which a region is light text on a dark fill
PAPER = 200  # grey level above which a flattened pixel is paper (scanner grain, JPEG noise)
# grey level above which a flattened pixel is made white for OCR; fainter ink (the dots of small
# i's) stays
GRAIN = 235


def tesseract_missing(name: str) -> Problem | None:
    """The plain sentence saying what to install, or None when tesseract is on PATH."""
    if shutil.which("tesseract"):
        return None
    return problem("no_tesseract", name, install=INSTALL)


def render(pdfium_page, dpi: int) -> np.ndarray:
    """The page as a grey image at `dpi` dots per inch."""
    bitmap = pdfium_page.render(scale=dpi / 72, grayscale=True)
    image = np.array(bitmap.to_numpy(), dtype=np.uint8)
    return image[:, :, 0] if image.ndim == 3 else image


def skew_angle(gray: np.ndarray) -> float:
    """The rotation (degrees) that makes text lines and rulings level: the sharpest row profile."""
    import cv2

    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = (small < 160).astype(np.float32)
    h, w = ink.shape

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1), (w, h))
        rows = turned.sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    return float(max(np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, SKEW_STEP), key=sharpness))


def deskew(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """The page turned level, and the angle it was turned by."""
    import cv2

    angle = skew_angle(gray)
    if abs(angle) < SKEW_STEP / 2:
        return gray, 0.0
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255), angle


def _flattening_table() -> np.ndarray:
    """(paper grey, pixel grey) -> the pixel on white paper: grey * 255 / paper (paper counted as at
    least 64), as one table so a page is flattened by a single lookup."""
    grey = np.arange(256, dtype=np.float32)
    return (
        np.clip(grey[None, :] * (255 / np.maximum(grey, 64))[:, None], 0, 255)
        .astype(np.uint8)
        .ravel()
    )


FLATTENED = _flattening_table()


def clean(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dark-filled regions inverted (light text on a dark band becomes dark on light), the paper
    made white everywhere (shading and uneven scanning flattened), speckle removed; and the
    outline of every dark fill, which separates cells as a ruling would."""
    import cv2

    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    shade = cv2.medianBlur(small, 15)
    # fills the light holes dense white lettering leaves in a dark fill
    close = np.ones((9, 9), np.uint8)
    dark_small = cv2.morphologyEx(
        (shade < DARK_BACKGROUND).astype(np.uint8), cv2.MORPH_CLOSE, close
    )
    dark = cv2.resize(dark_small * 255, (w, h), interpolation=cv2.INTER_NEAREST)
    paper = cv2.resize(shade, (w, h), interpolation=cv2.INTER_NEAREST)
    flipped = gray.copy()
    cv2.bitwise_not(gray, flipped, mask=dark)
    cv2.bitwise_not(paper, paper, mask=dark)
    index = paper.astype(np.uint16) << 8
    index |= flipped
    outline = cv2.morphologyEx(dark, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    return cv2.medianBlur(FLATTENED[index], 3), outline


# grey levels under the page's paper at which a region is a shaded fill (zebra rows, header bands)
SHADE = 6
SHADE_SIZE = 0.15  # inches: a shaded region narrower or lower than this is a smudge
SHADE_SOLID = 0.75  # share of its box a shaded region fills when it is a drawn rectangle


def shaded_boxes(gray: np.ndarray, dpi: int) -> list[tuple[int, int, int, int, str]]:
    """The page's shaded rectangles (x0, top, x1, bottom in pixels, grey as "#rrggbb"): regions
    whose paper, under the print, is darker than the page's, such as zebra rows, section bands
    and header fills, which a text layer draws as filled boxes."""
    import cv2

    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    # closing lifts the print off the paper under it: what is left is the paper's own shade
    paper = cv2.medianBlur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8)), 5)
    shaded = (paper < np.median(paper) - SHADE).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(shaded)
    least = SHADE_SIZE * dpi / 4
    out = []
    for k, (x, y, bw, bh, area) in enumerate(stats[1:count], start=1):
        if bw < least or bh < least or area < SHADE_SOLID * bw * bh:
            continue
        grey = int(np.median(paper[labels == k]))
        out.append((4 * x, 4 * y, 4 * (x + bw), 4 * (y + bh), f"#{grey:02x}{grey:02x}{grey:02x}"))
    return out


def whitened(gray: np.ndarray) -> np.ndarray:
    """The flattened page with faint grain turned to white paper, for OCR (faint strokes are kept:
    whitening everything lighter than PAPER erased the dots of small i's, and `ti` read as `u`)."""
    out = gray.copy()
    out[out > GRAIN] = 255
    return out


def bands(gray: np.ndarray, parts: int) -> list[tuple[int, np.ndarray]]:
    """The page cut across into `parts` strips of about equal height, each cut on the emptiest row
    near its place so no line of text is split: (top, strip) pairs."""
    h = gray.shape[0]
    ink = (gray < PAPER).sum(axis=1)
    cuts, window = [0], max(1, h // (4 * parts))
    for i in range(1, parts):
        centre = h * i // parts
        lo = max(cuts[-1] + 1, centre - window)
        cuts.append(lo + int(np.argmin(ink[lo : centre + window])))
    cuts.append(h)
    return [(a, gray[a:b]) for a, b in zip(cuts, cuts[1:]) if b > a]


def binary_ink(gray: np.ndarray) -> np.ndarray:
    """255 where there is ink, 0 on paper, with a threshold that follows the local background."""
    import cv2

    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY_INV, 31, 12
    )


# tesseract takes about as long over one pixel of ink as over this many pixels of paper
INK_COST = 700


# separate specks of ink per megapixel above which an image is noise (printed scans: under 700)
NOISE_SPECKS = 5000
# images smaller than this (a cell, a stack of a few cells) are always read
NOISE_MIN_PIXELS = 1_000_000


def is_noise(image: np.ndarray) -> bool:
    """An image with no print to read, only specks (a scan of noise): tesseract would take minutes
    over it."""
    import cv2

    if image.size < NOISE_MIN_PIXELS:
        return False
    specks = cv2.connectedComponents((image < PAPER).astype(np.uint8), connectivity=8)[0] - 1
    return specks > NOISE_SPECKS * image.size / 1e6


def read_words(images: list[np.ndarray], psm: int = 6, limits: Limits = LIMITS) -> list[list[dict]]:
    """Words (text, conf 0-100 and box in pixels) of each image, read by OCR_WORKERS tesseract
    processes at once, each given a share of the images of about equal work (one start-up per
    process); an image of noise is not read (no words)."""
    readable = [i for i, image in enumerate(images) if not is_noise(image)]
    found: dict[int, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="perfbooks-ocr-") as folder:
        paths = {}
        for i in readable:
            paths[i] = os.path.join(folder, f"{i}.png")
            _write_png(paths[i], images[i])
        shares = [
            [readable[j] for j in s]
            for s in balanced([images[i] for i in readable], limits.OCR_WORKERS)
            if s
        ]
        with ThreadPoolExecutor(max_workers=len(shares) or 1) as pool:
            done = pool.map(
                lambda share: _tesseract([paths[i] for i in share], folder, psm, limits), shares
            )
            found = {i: words for share, read in zip(shares, done) for i, words in zip(share, read)}
    return [found.get(i, []) for i in range(len(images))]


def balanced(images: list[np.ndarray], parts: int) -> list[list[int]]:
    """The images' indices dealt into `parts` shares of about equal work (ink and paper to scan),
    the biggest first to the least loaded share."""
    cost = [int((image < PAPER).sum()) * INK_COST + image.size for image in images]
    shares: list[list[int]] = [[] for _ in range(parts)]
    loads = [0] * parts
    for i in sorted(range(len(images)), key=lambda i: -cost[i]):
        least = loads.index(min(loads))
        shares[least].append(i)
        loads[least] += cost[i]
    return shares


def _write_png(path: str, image: np.ndarray) -> None:
    import cv2

    cv2.imwrite(path, image, [cv2.IMWRITE_PNG_COMPRESSION, 1])


def _tesseract(paths: list[str], folder: str, psm: int, limits: Limits) -> list[list[dict]]:
    """The words of each image, read by one tesseract process (given a list file for several
    images)."""
    source = paths[0]
    if len(paths) > 1:
        source = os.path.join(folder, os.path.basename(paths[0]) + ".list.txt")
        with open(source, "w", encoding="utf-8") as fh:
            fh.write("\n".join(paths) + "\n")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [
        "tesseract",
        source,
        "stdout",
        "-l",
        "eng",
        "--psm",
        str(psm),
        "--dpi",
        str(limits.OCR_DPI),
        "-c",
        "preserve_interword_spaces=1",
        "-c",
        "tessedit_do_invert=0",
        "tsv",
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=limits.MAX_SECONDS
        )
    except FileNotFoundError:
        raise UnreadableFile(problem("tesseract_not_found", "", install=INSTALL)) from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise UnreadableFile(problem("tesseract_failed", "", why=reason, install=INSTALL))
    return tsv_pages(done.stdout, len(paths))


def tsv_pages(tsv: str, count: int) -> list[list[dict]]:
    """The words of each of `count` images in tesseract's TSV output (its page_num counts the
    images)."""
    pages: list[list[dict]] = [[] for _ in range(count)]
    for page, word in _tsv_rows(tsv):
        if 1 <= page <= count:
            pages[page - 1].append(word)
    return pages


def tsv_words(tsv: str) -> list[dict]:
    """The word rows of tesseract's TSV output as dicts with text, x0, x1, top, bottom and conf."""
    return [word for _, word in _tsv_rows(tsv)]


def _tsv_rows(tsv: str):
    """(page_num, word) for each word row of tesseract's TSV output."""
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        yield (
            int(row.get("page_num") or 1),
            {
                "text": text,
                "x0": left,
                "x1": left + width,
                "top": top,
                "bottom": top + height,
                "conf": max(0.0, float(row["conf"])),
            },
        )
