"""What a header names: a measure, a derived figure, a metadata column, a unit or a polarity."""

from __future__ import annotations

import re

from extractors.grid import fold

# Checked in order; the first pattern that matches a header decides its role.
MEASURE_PATTERNS: list[tuple[str, str]] = [
    (
        "stat_neighbour_best",
        r"\bbest\b.*\b(?:stat|sn|neighbou?r)|\b(?:stat(?:istical)?\.?\s*neighbou?rs?|sns?|neighbou?rs?)"
        r"\s*best\b",
    ),
    (
        "england_top_quartile",
        r"top\s*q(?:uar)?t(?:i)?le|top quartile|\bq1 threshold|\btop 25\s*%|\bupper quartile",
    ),
    (
        "stat_neighbour_avg",
        r"stat(?:istical)?\.?\s*neigh|\bcomparators?\s*(?:group\s*)?(?:av(?:era)?g?e?|mean)\b|\bsn\b(?!\s*best)|\bsns\b|neighbou?rs?\b",
    ),
    (
        "region_avg",
        (
            r"\bregion(?:al)?\b|\b(?:south|north)\s*(?:east|west)\b|\beast midlands\b|\bwest "
            r"midlands\b|\byorkshire\b|\beast of "
            r"england\b|\blondon\b|\b(?:east|west)\s*mids\b|\by\s*&\s*h\b|\byorks\b|^(?:ne|nw|se|sw|em|wm|yh|eoe)$"
        ),
    ),
    ("england_avg", r"\bengland\b|\beng\b|\bnat(?:ional)?\.?\s*av|\bnational\b|\beng\.?\s*av"),
    (
        "target",
        r"\btarget|\btolerance|\bgreen\b|\bamber\b|\bred\b|\bthreshold\b|\bgoal\b|\bambition\b",
    ),
]
# A heading over comparators' figures ("Benchmarking (22/23)", "Latest comparator data"): the year
# it names is the comparators', not a target's.
BENCHMARK_HEADING = re.compile(r"\bbench\s*mark|\bcomparators?\b|\bcomparison\b", re.I)
DERIVED = re.compile(
    r"\bdot\b|direction|\brag\b|%\s*change|change\s+from|\bvol\.?\s*change|\bdifference\b|\bvariance\b|\bdiff\b"
    r"|\baverage\b|\bave?\b\.?$|\bmax(?:imum)?\b|\bmin(?:imum)?\b|\brank(?:ing)?\b|\btotal "
    r"accumulation\b|\bmovement\b"
    r"|\bcurrent vs\b|\bstatus\b|\bchange\b",
    re.I,
)
METADATA = re.compile(
    r"^(?:no\.?|ref\.?|code|id|owner|lead|outcome|comments?|commentary|notes?|data\s*note|percen\s*tage\s*\?|"
    r"indicator|measure|description|page number|good perf is|better to "
    r"be\??|polarity|source|frequency|definition)\b",
    re.I,
)
UNIT_WORDS = {
    "count": "count",
    "number": "count",
    "no.": "count",
    "no": "count",
    "#": "count",
    "n": "count",
    "volume": "count",
    "percentage": "percent",
    "percent": "percent",
    "%": "percent",
    "(%)": "percent",
    "proportion": "percent",
    "rate": "rate_per_10k",
    "rate per 10,000": "rate_per_10k",
    "rate per 10000": "rate_per_10k",
    "rate per 10k": "rate_per_10k",
    "per 10k": "rate_per_10k",
    "per 10,000": "rate_per_10k",
    "days": "days",
    "average days": "days",
    "avg days": "days",
    "average count": "average",
    "average": "average",
    "avg": "average",
    "ratio": "ratio",
    "rolling year - ave count": "average",
    "ave count": "average",
}
POLARITY_WORDS = {
    "high": "high",
    "higher": "high",
    "positive": "high",
    "up": "high",
    "high is good": "high",
    "higher is better": "high",
    "low": "low",
    "lower": "low",
    "negative": "low",
    "down": "low",
    "low is good": "low",
    "lower is better": "low",
    "info": "info",
    "information": "info",
    "n/a": "info",
    "neutral": "info",
    "contextual": "info",
    "within limits": "within_range",
    "within range": "within_range",
    "within limits (low)": "low",
}


def squash(text: str) -> str:
    """Lowercase text with the spaces a wrapped header puts inside words still in place."""
    return fold(text or "").lower()


def measure_of(text: str) -> str | None:
    """The measure a header names, or None."""
    t = squash(text)
    joined = t.replace(" ", "")
    for measure, pattern in MEASURE_PATTERNS:
        if re.search(pattern, t) or re.search(pattern, joined):
            return measure
    return None


def is_derived(text: str) -> bool:
    return bool(DERIVED.search(squash(text)))


def is_metadata(text: str) -> bool:
    return bool(METADATA.search(squash(text)))


def unit_word(text: str) -> str | None:
    """The unit a unit column's cell states ("Percentage", "Rate per 10,000", "NUMBER")."""
    t = squash(text).strip(" :")
    if t in UNIT_WORDS:
        return UNIT_WORDS[t]
    # longer: a label
    if (t.startswith("rate per") or t.startswith("rate of")) and len(t.split()) <= 4:
        return "rate_per_10k"
    if "ave" in t and "count" in t:
        return "average"
    return None


def polarity_word(text: str) -> str | None:
    """The polarity a polarity column's cell states ("High", "Low", "Info", "Within Limits")."""
    t = squash(text).strip(" :?")
    if t in POLARITY_WORDS:
        return POLARITY_WORDS[t]
    if t.startswith("within limits"):
        return "low" if "low" in t else "within_range"
    return None
