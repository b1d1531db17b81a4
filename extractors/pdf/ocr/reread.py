"""A second look at the ink a page read whole left unread: tesseract's sparse reading can skip a
figure (`85` between `181` and `146`), read a word in part (`Nov` `hy.` for `November`) or drop a
figure's first digits (`9%` for `6.9%`). Each stretch of line with unread ink, with the words it
touches, is read again as one line of text."""

from __future__ import annotations

from statistics import median

import numpy as np

from extractors.limits import LIMITS, Limits
from extractors.pdf.ocr.scan import PAPER, read_words

LINE = 7  # tesseract's page segmentation for one line of text
COVER = 2  # pixels around a word's box taken as read (its ink's anti-aliased edge)
# unread ink lower than this share of the usual word height is dust, a dash or a dot; taller than
# LOGO times it, a picture or a chart
LEAST_HEIGHT = 0.5
LOGO = 1.8
JOIN = 0.5  # word heights: gap across which unread ink and the words beside it are one stretch
PAD = 0.5  # word heights of paper around a stretch read again
# where the first reading found nothing, a lone mark read as one character is more often a symbol
# (a trend arrow read as `t` or `4`, a RAG mark as `c`) than a figure skipped: a second reading
# there needs this many letters or digits, each word read with this confidence (0-100)
LONE_LEAST = 2
TRUSTED = 90


def reread(images: list[np.ndarray], pages: list[list[dict]], limits: Limits = LIMITS):
    """Each image's words with every stretch of unread ink read again as one line, the words
    first read there replaced by the second reading's when it reads more of the stretch."""
    stretches = [_stretches(image, words) for image, words in zip(images, pages)]
    crops = [
        _crop(image, box, _height(words))
        for image, words, boxes in zip(images, pages, stretches)
        for box in boxes
    ]
    if not crops:
        return pages
    read = iter(read_words([crop for crop, _ in crops], LINE, limits))
    origins = iter(origin for _, origin in crops)
    out = []
    for words, boxes in zip(pages, stretches):
        for box in boxes:
            words = _replaced(words, box, _moved(next(read), next(origins)))
        out.append(words)
    return out


def _height(words: list[dict]) -> float:
    """The usual height of a word's box."""
    return median(w["bottom"] - w["top"] for w in words) if words else 0.0


def _stretches(image: np.ndarray, words: list[dict]) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, top, x1, bottom) of the stretches of line holding ink no word covers, each
    grown over the words on its line it touches."""
    import cv2

    h = _height(words)
    if h <= 0:
        return []
    unread = (image < PAPER).astype(np.uint8)
    for w in words:
        unread[
            max(0, w["top"] - COVER) : w["bottom"] + COVER,
            max(0, w["x0"] - COVER) : w["x1"] + COVER,
        ] = 0
    # letters of one word, and words a space apart, joined into one stretch
    joined = cv2.dilate(unread, np.ones((1, max(1, int(JOIN * h))), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    boxes = []
    for x, y, bw, bh, _ in stats[1:count]:
        if LEAST_HEIGHT * h <= bh <= LOGO * h:
            boxes.append(_grown((int(x), int(y), int(x + bw), int(y + bh)), words, h))
    return _merged(boxes)


def _grown(box: tuple, words: list[dict], h: float) -> tuple[int, int, int, int]:
    """The box widened over the words on its line within JOIN word heights of its ends, until no
    more join."""
    x0, top, x1, bottom = box
    grew = True
    while grew:
        grew = False
        for w in words:
            centre = (w["top"] + w["bottom"]) / 2
            near = w["x1"] >= x0 - JOIN * h and w["x0"] <= x1 + JOIN * h
            if top <= centre <= bottom and near and (w["x0"] < x0 or w["x1"] > x1):
                x0, x1 = min(x0, w["x0"]), max(x1, w["x1"])
                top, bottom = min(top, w["top"]), max(bottom, w["bottom"])
                grew = True
    return x0, top, x1, bottom


def _merged(boxes: list[tuple]) -> list[tuple]:
    """The boxes with those that overlap joined into one."""
    out: list[list[int]] = []
    for box in sorted(boxes):
        last = out[-1] if out else None
        if last and box[0] <= last[2] and box[1] < last[3] and box[3] > last[1]:
            last[1:] = [min(last[1], box[1]), max(last[2], box[2]), max(last[3], box[3])]
        else:
            out.append(list(box))
    return [tuple(b) for b in out]


def _crop(image: np.ndarray, box: tuple, h: float) -> tuple[np.ndarray, tuple[int, int]]:
    """The stretch cut out with paper around it, and where the cut's corner lies on the image."""
    pad = max(2, int(PAD * h))
    x0, top = max(0, box[0] - pad), max(0, box[1] - pad)
    x1, bottom = min(image.shape[1], box[2] + pad), min(image.shape[0], box[3] + pad)
    crop = np.full((bottom - top, x1 - x0), 255, np.uint8)
    inner = image[box[1] : box[3], box[0] : box[2]]
    crop[box[1] - top : box[3] - top, box[0] - x0 : box[2] - x0] = inner
    return crop, (x0, top)


def _moved(words: list[dict], origin: tuple[int, int]) -> list[dict]:
    x, y = origin
    return [
        {**w, "x0": w["x0"] + x, "x1": w["x1"] + x, "top": w["top"] + y, "bottom": w["bottom"] + y}
        for w in words
    ]


def _replaced(words: list[dict], box: tuple, again: list[dict]) -> list[dict]:
    """The words with those inside the box replaced by the second reading's, when it reads more
    letters and digits than the first did there (and, where the first found none, reads a word
    of LONE_LEAST or more surely)."""
    inside = [w for w in words if _centred_in(w, box)]
    again = [w for w in again if any(ch.isalnum() for ch in w["text"])]
    first = _letters(inside)
    if _letters(again) <= first:
        return words
    if not first and (_letters(again) < LONE_LEAST or min(w["conf"] for w in again) < TRUSTED):
        return words
    return [w for w in words if not _centred_in(w, box)] + again


def _letters(words: list[dict]) -> int:
    return sum(ch.isalnum() for w in words for ch in w["text"])


def _centred_in(word: dict, box: tuple) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]
