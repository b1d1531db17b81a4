"""Flate streams of a PDF measured before any reader inflates them: a decompression bomb is refused
at once."""

from __future__ import annotations

import re
import zlib

from extractors.errors import UnreadableFile
from extractors.limits import LIMITS
from extractors.problems import problem

STREAM_START = re.compile(rb"stream\r?\n")
CHUNK = 1 << 20  # compressed bytes fed, and inflated bytes taken, at a time
BOMB_FLOOR = 64 * 2**20  # a stream inflating past this ...
BOMB_RATIO = 1000  # ... to more than this many times its compressed size is a bomb


def refuse_pdf_bomb(data: bytes, name: str) -> None:
    """Raise UnreadableFile when the PDF's streams would inflate past the limits (a file that is not
    a PDF passes)."""
    if not data.startswith(b"%PDF"):
        return
    total = 0
    for match in STREAM_START.finditer(data):
        total += inflated_size(data, match.end(), LIMITS.MAX_INFLATED_BYTES - total + 1)
        if total > LIMITS.MAX_INFLATED_BYTES:
            raise _too_large(name)


def inflated_size(data: bytes, start: int, budget: int) -> int:
    """Bytes the zlib stream at `start` inflates to (0 if none starts there), counted no further
    than `budget`.

    More than `budget` also for a bomb: a stream past BOMB_FLOOR at more than BOMB_RATIO times its
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
            if size > BOMB_FLOOR and size > BOMB_RATIO * (fed - start):
                return budget + 1
    except zlib.error:  # not (or no longer) Flate data: what inflated so far counts
        pass
    return size


def _too_large(name: str) -> UnreadableFile:
    return UnreadableFile(problem("pdf_bomb", name, mb=LIMITS.MAX_INFLATED_BYTES // 2**20))
