"""What the lines printed above a table say about it: its caption (the indicator) and its
polarity."""

from __future__ import annotations

import re

from extractors.grid import fold
from interpreter.headers import polarity_word
from interpreter.printed_periods import find_period

NOT_CAPTION = re.compile(
    r"^\s*(?:source|sources|note|notes|data source|statistical neighbours? (?:as "
    r")?(?:defined|are)|polarity|good is|"
    r"better to be|aim\s*:|good performance|reporting period|period|data as at|as at|as of|page "
    r"\d|key messages|analysis|"
    r"commentary|benchmarks?\s*:|table \d|figures? \d|\*)",
    re.I,
)
POLARITY_LINE = re.compile(
    (
        r"^\s*(?:polarity|aim(?=\s*:)|good is|better to be|good perf(?:ormance)?(?: "
        r"is)?|direction of "
        r"good)\s*[:\-]?\s*(?P<word>.+)$"
    ),
    re.I,
)
CAPTION_WORDS = 16  # a longer line is prose, not a caption


def table_caption(context: list[str], names_indicator=None) -> str:
    """The line above a table that names its indicator: the nearest caption-like line (not a source,
    note, date or prose line) that `names_indicator` (a label -> bool test) accepts, else the
    nearest caption-like line."""
    lines = [fold(line) for line in reversed(context) if _is_caption(line)]
    return next(
        (line for line in lines if names_indicator and names_indicator(line)),
        lines[0] if lines else "",
    )


def _is_caption(line: str) -> bool:
    words = line.split()
    if (
        not words
        or len(words) > CAPTION_WORDS
        or NOT_CAPTION.match(line)
        or POLARITY_LINE.match(line)
    ):
        return False
    if not re.search(r"[A-Za-z]{3}", line):
        return False
    found = find_period(line)
    return found is None or len(found.rest.split()) >= 2


def context_polarity(context: list[str]) -> str | None:
    """The polarity a line above the table states ("Good is: High", "Polarity: Low")."""
    for line in reversed(context):
        m = POLARITY_LINE.match(line)
        if m and (word := polarity_word(m["word"].split("(")[0])):
            return word
    return None


def context_period(context: list[str]):
    """The period the few lines just above a table state ("Comparison with statistical neighbours,
    2023-24")."""
    for line in reversed(context[-3:]):
        if len(line.split()) > CAPTION_WORDS:
            continue
        found = find_period(line)
        if (
            found
            and found.period
            and found.period.type
            in ("financial_year", "calendar_year", "as_at", "quarter", "month")
        ):
            return found.period
    return None
