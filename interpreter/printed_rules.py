"""Numbers, and the rules of targets and tolerances, as reports print them: read once here, by the
interpreter (which keeps a rule's text as the cell's note) and by the RAG bands (which judge a value
by it).

Thresholds: '95%+', '>= 12', '<92%', '10 or less', '≤ 5'. Tolerances: '+/-5 of 158.8', 'more
than +/-15'. Ranges: '14-20', '5% to 7%'. Off a range: 'over 1% above range'.

"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"

_THRESHOLD = re.compile(
    rf"^(?P<pre><=|>=|<|>|≤|≥)?\s*(?P<n>{NUMBER})\s*(?P<pct>%)?\s*"
    r"(?P<post>\+|<=|>=|<|>|or (?:more|less|above|below|over|under))?$",
    re.I,
)
_AT_LEAST = {">=", "≥", ">", "+", "or more", "or above", "or over"}
_TOLERANCE = re.compile(
    rf"^(?:up to\s+)?\+/-\s*(?P<t>{NUMBER})\s*%?\s*of\s*(?P<n>{NUMBER})\s*(?P<pct>%)?$", re.I
)
_PLUS_MINUS = re.compile(
    rf"^(?:(?:more than|over|outside|beyond)\s+)?\+/-\s*(?P<t>{NUMBER})\s*%?$", re.I
)
_RANGE = re.compile(rf"^(?P<a>{NUMBER})\s*%?\s*(?:-|–|to)\s*(?P<b>{NUMBER})\s*%?$")
_OFF_RANGE = re.compile(
    rf"^(?:(?:more than|over)\s+)?(?P<n>{NUMBER})\s*(?P<pct>%)?\s*(?P<side>above|below)\s+"
    r"(?:the\s+)?range$",
    re.I,
)
_PLAIN = re.compile(rf"^(?P<n>{NUMBER})\s*%?(?:\s+per\s+[a-z]+)?$", re.I)


@dataclass(frozen=True)
class Threshold:
    """'95%+': a value at least (side 'min') or at most ('max') a number, the number itself
    included unless the rule says '>' or '<' before it."""

    number: float
    percent: bool
    side: str
    inclusive: bool


@dataclass(frozen=True)
class Tolerance:
    """'+/-5 of 158.8': a centre and how far either side of it; centre None for '+/-15' alone."""

    tolerance: float
    centre: float | None
    percent: bool


@dataclass(frozen=True)
class OffRange:
    """'over 1% above range': how far beyond a range's edge (a percentage of it, or a number)."""

    distance: float
    percent: bool
    side: str  # 'above' or 'below'


def to_float(text: str) -> float:
    """A number as printed, without thousands separators."""
    return float(text.replace(",", ""))


def threshold(text: str) -> Threshold | None:
    """The threshold a rule prints, if it is one ('95%' alone is no threshold)."""
    m = _THRESHOLD.match(text.strip())
    if not m or not (m["pre"] or m["post"]):
        return None
    sign = (m["pre"] or m["post"]).lower()
    return Threshold(
        to_float(m["n"]),
        bool(m["pct"]),
        "min" if sign in _AT_LEAST else "max",
        inclusive=m["pre"] not in (">", "<"),
    )


def tolerance(text: str) -> Tolerance | None:
    """'+/-5 of 158.8' with its centre, or 'more than +/-15' without one."""
    text = text.strip()
    if m := _TOLERANCE.match(text):
        return Tolerance(to_float(m["t"]), to_float(m["n"]), bool(m["pct"]))
    if m := _PLUS_MINUS.match(text):
        return Tolerance(to_float(m["t"]), None, False)
    return None


def span(text: str) -> tuple[float, float] | None:
    """(low, high) of a printed range '14-20' or '5% to 7%'."""
    m = _RANGE.match(text.strip())
    return (to_float(m["a"]), to_float(m["b"])) if m else None


def off_range(text: str) -> OffRange | None:
    """'over 1% above range': how far beyond which edge of the green range a value is red."""
    m = _OFF_RANGE.match(text.strip())
    return OffRange(to_float(m["n"]), bool(m["pct"]), m["side"].lower()) if m else None


def plain(text: str) -> float | None:
    """The number of a rule that prints only a number ('95%', '12 per week')."""
    m = _PLAIN.match(text.strip())
    return to_float(m["n"]) if m else None
