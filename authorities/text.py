"""Find the authorities that a title or a line of prose names.

Rules, in order:
- Names and variants match as whole words, ignoring case of connectors, punctuation, hyphens and
  '&'/'and' ('Stoke on Trent', 'St.Helens', 'Brighton & Hove').
- At each position the longest phrase wins, so 'North East Lincolnshire' is not 'Lincolnshire' and
  'City of London' is not the region. Region names ('South East', 'London', 'Yorkshire and the
  Humber', ...) and a few places that contain an authority's name ('Bury St Edmunds',
  'Sutton Coldfield', 'Newcastle-under-Lyme') are matched too, and yield nothing.
- Every word of a match other than connectors ('and', 'of', 'upon', ...) must start with a
  capital ('IMPACT IN LEEDS' counts; 'leeds' does not). All-capital variants ('BCP', 'BANES')
  must be printed in capitals.
- Names that are also everyday English words (COMMON_WORDS: 'Reading', 'Bury', ...) count only
  when printed in title case AND one of: followed by a council or service word ('Reading Borough
  Council', 'Bury Children's Services'); preceded by a lower-case preposition ('Impact in Reading');
  or listed next to another authority ('Reading, Slough and Wokingham'). So 'Reading the figures'
  at the start of a sentence and 'Further Reading' do not count.
Personal names that happen to be authorities ('Ms Sutton') are not guarded against.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from authorities.authority import Authority, all_authorities, region_names
from authorities.lookup import choose, index
from authorities.names import name_key

COMMON_WORDS = {"reading", "bury", "slough", "harrow"}
NOT_AUTHORITIES = (
    "Bury St Edmunds",
    "Sutton Coldfield",
    "Sutton in Ashfield",
    "Newcastle under Lyme",
    "New York",
)
CONNECTORS = {"and", "of", "upon", "on", "with", "the", "under", "in"}
PREPOSITIONS = r"(?:in|for|of|at|across|from|to|by|within|between|covering)"
FOLLOWERS = (
    r"(?:council|borough|city|county|bc|mbc|mdc|children'?s?|childrens|families|family|services|"
    r"safeguarding|local|la)\b"
)
SEPARATOR = r"[\s,.\-–—/]+"
AND = r"(?:\s*&\s*|[\s,.\-–—]+and[\s,.\-–—]+)"
LIST_GAP = re.compile(r"^\s*(?:,|&|/|and|,\s*and)?\s*$", re.I)


def _phrase_pattern(phrase: str) -> str:
    """Regex for one phrase that tolerates punctuation, hyphens and '&' for 'and'."""
    pattern = ""
    for i, word in enumerate(name_key(phrase).split()):
        if word == "and":
            pattern += AND
        else:
            pattern += ("" if i == 0 or pattern.endswith(AND) else SEPARATOR) + re.escape(word)
    return pattern


@cache
def _pattern() -> re.Pattern[str]:
    """All authority names, variants, region names and non-authority places; longest first."""
    phrases = {name_key(p) for p in _phrases()}
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return re.compile(
        r"(?<![\w&])(?:" + "|".join(_phrase_pattern(p) for p in ordered) + r")(?!\w)", re.I
    )


def _phrases() -> list[str]:
    return [n for a in all_authorities() for n in a.names] + [*region_names(), *NOT_AUTHORITIES]


@cache
def _capitals() -> frozenset[str]:
    """Folded variants that must be printed in capitals (abbreviations)."""
    return frozenset(name_key(n) for a in all_authorities() for n in a.variants if n.isupper())


def _capitalised(printed: str) -> bool:
    """Every non-connector word starts with a capital letter; abbreviations are all capitals."""
    if name_key(printed) in _capitals():
        return printed.isupper()
    words = re.findall(r"[^\W\d_]+", printed)
    return all(w[0].isupper() for w in words if w.casefold() not in CONNECTORS)


def _in_context(text: str, match: re.Match[str]) -> bool:
    """A common-word name is in title case and followed by a council word or after a preposition."""
    if match[0] != match[0].capitalize():
        return False
    before, after = (
        text[max(0, match.start() - 20) : match.start()],
        text[match.end() : match.end() + 40],
    )
    return bool(
        re.search(rf"\b{PREPOSITIONS}\s+$", before) or re.match(rf"\s+{FOLLOWERS}", after, re.I)
    )


def _candidates(text: str) -> list[tuple[re.Match[str], tuple[Authority, ...], bool]]:
    """(match, authorities, accepted) for every phrase printed in text; regions carry no
    authorities."""
    found = []
    for match in _pattern().finditer(text):
        key = name_key(match[0])
        authorities = index().get(key, ())
        accepted = bool(authorities) and _capitalised(match[0])
        if accepted and key in COMMON_WORDS:
            accepted = _in_context(text, match)
        found.append((match, authorities, accepted))
    return found


def _listed(text: str, found: list, accepted: list[bool], i: int) -> bool:
    """A title-case common-word name sits in a list right next to an accepted authority."""
    match = found[i][0]
    if match[0] != match[0].capitalize():
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(found) and accepted[j]:
            other = found[j][0]
            gap = text[other.end() : match.start()] if j < i else text[match.end() : other.start()]
            if LIST_GAP.match(gap):
                return True
    return False


def _accept_lists(text: str, found: list) -> list[bool]:
    """Accepted flags, extended to common-word names listed beside accepted ones until nothing
    changes."""
    accepted = [ok for _, _, ok in found]
    listable = [
        i for i, (m, a, ok) in enumerate(found) if a and not ok and name_key(m[0]) in COMMON_WORDS
    ]
    changed = True
    while changed:
        newly = [i for i in listable if not accepted[i] and _listed(text, found, accepted, i)]
        for i in newly:
            accepted[i] = True
        changed = bool(newly)
    return accepted


def find_in_text(text: str, on: date | None = None) -> list[Authority]:
    """The authorities named in text, in order of first appearance, each once (rules: module
    docstring)."""
    found = _candidates(text)
    result: list[Authority] = []
    for (_, authorities, _), accepted in zip(found, _accept_lists(text, found)):
        if accepted and (authority := choose(authorities, on)) not in result:
            result.append(authority)
    return result
