"""Folding names to a comparable key, and peeling council words off them."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Longest first, so "metropolitan borough council" goes before "council".
SUFFIXES = (
    "metropolitan borough council",
    "metropolitan district council",
    "borough council",
    "county council",
    "district council",
    "city council",
    "council",
    "corporation",
    "metropolitan borough",
    "mbc",
    "mdc",
    "bc",
    "cc",
    "borough",
    "county",
    "city",
)
PREFIXES = (
    "london borough of",
    "royal borough of",
    "metropolitan borough of",
    "council of the",
    "borough of",
    "county of",
    "city of",
    "the",
)


def name_key(text: str) -> str:
    """Lower case, '&' as 'and', punctuation and hyphens as single spaces: 'St. Helens' -> 'st
    helens'."""
    text = re.sub(r"['’]", "", text.casefold().replace("&", " and "))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _peel(key: str) -> str:
    """The key without one council prefix or suffix (never peeled down to nothing)."""
    for suffix in SUFFIXES:
        if key.endswith(" " + suffix):
            return key.removesuffix(" " + suffix)
    for prefix in PREFIXES:
        if key.startswith(prefix + " "):
            return key.removeprefix(prefix + " ")
    return key


def peeled(name: str) -> Iterator[str]:
    """The folded name, then each shorter form as council words come off: 'Leeds City Council' ->
    ..., 'leeds'."""
    key = name_key(name)
    while key:
        yield key
        shorter = _peel(key)
        if shorter == key:
            return
        key = shorter
