"""Flate streams of a PDF measured before any reader inflates them: a decompression bomb is refused
at once."""

from __future__ import annotations

import re
import zlib

from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.problems import problem

STREAM_START = re.compile(rb"stream\r?\n")
CHUNK = 1 << 20  # compressed bytes fed, and inflated bytes taken, at a time
BOMB_FLOOR = 64 * 2**20  # a stream inflating past this to more than MAX_INFLATE_RATIO times its
# compressed size is a bomb


def refuse_pdf_bomb(data: bytes, name: str, limits: Limits = LIMITS) -> None:
    """Raise UnreadableFile when the PDF's streams would inflate past the limits (a file that is not
    a PDF passes)."""
    if not data.startswith(b"%PDF"):
        return
    total = 0
    for match in STREAM_START.finditer(data):
        budget = limits.MAX_INFLATED_BYTES - total + 1
        total += inflated_size(data, match.end(), budget, limits.MAX_INFLATE_RATIO)
        if total > limits.MAX_INFLATED_BYTES:
            raise UnreadableFile(problem("pdf_bomb", name, mb=limits.MAX_INFLATED_BYTES // 2**20))


def inflated_size(
    data: bytes, start: int, budget: int, ratio: int = LIMITS.MAX_INFLATE_RATIO
) -> int:
    """Bytes the zlib stream at `start` inflates to (0 if none starts there), counted no further
    than `budget`.

    More than `budget` also for a bomb: a stream past BOMB_FLOOR at more than `ratio` times its
    compressed size.

    """
    inflater, size, fed = zlib.decompressobj(), 0, start
    try:
        while not inflater.eof and size <= budget:
            if not inflater.unconsumed_tail and fed >= len(data):
                break
            if inflater.unconsumed_tail:
                size += len(inflater.decompress(inflater.unconsumed_tail, CHUNK))
            else:
                size += len(inflater.decompress(data[fed : fed + CHUNK], CHUNK))
                fed += CHUNK
            if size > BOMB_FLOOR and size > ratio * (fed - start):
                return budget + 1
    except zlib.error:  # not (or no longer) Flate data: what inflated so far counts
        pass
    return size
