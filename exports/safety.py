"""Excel safety: text that a spreadsheet would run as a formula is neutralised (OWASP CSV
injection)."""

from __future__ import annotations

import re

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def is_plain_number(text: str) -> bool:
    """True for text such as '-5', '+3', '-0.3' or '1e-05' that a spreadsheet reads as a number."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def neutralise(text: str) -> str:
    """The text, prefixed with a single quote when it starts like a formula ('=', '+', '-', '@',
    tab, CR).

    Plain numbers ('-5', '-0.3') are left alone, so numeric cells stay numbers.

    """
    if text.startswith(DANGEROUS_PREFIXES) and not is_plain_number(text):
        return "'" + text
    return text
