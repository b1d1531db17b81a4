"""The authority and the report date a document is about, from its own words."""

from __future__ import annotations

import re
from datetime import date

from interpreter.printed_periods import find_period

AS_AT = re.compile(
    (
        r"\b(?:as at|as of|month end|period ending|position at|data to|report(?:ing)? "
        r"(?:month|period))\b"
    ),
    re.I,
)
TITLE_WORDS = 25  # a line longer than this is prose, not a title
LEAD_WORDS = 6  # a title names its authority within its first few words
CAPTION_LINES = 3
# the document's own title and subtitle are among its first few lines  # a table's own title is
# among the few lines printed just before it
OPENING_LINES = 6
NOT_A_COUNCIL = re.compile(
    (
        r"^\W*(?:university|college|hospitals?|nhs|trust|police|clinical|ccg|airport|city "
        r"fc|united|school)\b"
    ),
    re.I,
)


def title_authorities(line: str):
    """Authorities a title-like line names near its start ("Impact in Leeds - Trends")."""
    from authorities import find_in_text

    words = line.split()
    if len(words) > TITLE_WORDS:
        return []
    if named := _named_before_colon(line):
        return [named]
    lead = " ".join(words[: LEAD_WORDS + 3])
    return [a for a in find_in_text(lead) if not _names_other_body(lead, a.name)]


def _named_before_colon(line: str):
    """The authority a title names alone before a colon, in capitals (`Bury: Children's Social
    Care Dashboard`), even one whose name is an everyday word; else None."""
    from authorities import resolve

    head, colon, _ = line.partition(":")
    words = head.split()
    if not colon or not 0 < len(words) <= LEAD_WORDS or not all(w[0].isupper() for w in words):
        return None
    return resolve(head.strip())


def _names_other_body(text: str, name: str) -> bool:
    """True when the name is part of another body's name ("Plymouth University")."""
    at = text.lower().find(name.lower())
    return at >= 0 and bool(NOT_A_COUNCIL.match(text[at + len(name) :]))


def authorities_in(lines: list[str]):
    """Authorities named in a table's caption lines, nearest (last) line first."""
    for line in reversed(lines[-CAPTION_LINES:]):
        found = title_authorities(line)
        if found:
            return found
    return []


def document_authority(lines: list[str], file_name: str):
    """The authority the document's opening title lines name, else its file name, else the one its
    lines name most."""
    from authorities import find_in_text

    for line in lines[:OPENING_LINES]:
        if found := title_authorities(line):
            return found[0]
    found = file_name_authority(file_name) or next(
        iter(find_in_text(re.sub(r"[_\-.]+", " ", file_name).title())), None
    )
    if found:
        return found
    counts: dict[str, list] = {}
    for line in lines:
        for named in title_authorities(line):
            counts.setdefault(named.new_la_code or named.name, []).append(named)
    return max(counts.values(), key=len)[0] if counts else None


def file_name_authority(file_name: str):
    """The authority a file name starts with (`north_east_lincolnshire_2018-01_pack.pdf`), the
    longest that resolves."""
    from authorities import resolve

    words = []
    for word in re.split(r"[_\-. ]+", file_name):
        if not word.isalpha():
            break
        words.append(word)
    return next((a for n in range(len(words), 0, -1) if (a := resolve(" ".join(words[:n])))), None)


def stated_report_date(lines: list[str]) -> date | None:
    """The date a line such as "As at Month End: January 2017" gives, else the first dated title
    line."""
    candidates = [line for line in lines if AS_AT.search(line)] + [
        title for title in lines[:15] if len(title.split()) <= TITLE_WORDS
    ]
    for line in candidates:
        found = find_period(line[:60]) or find_period(AS_AT.split(line)[-1][:60])
        if found and found.period and found.period.type in ("month", "as_at", "quarter"):
            return found.period.end
    return None
