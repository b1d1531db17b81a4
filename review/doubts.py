"""Which extracted rows a person should look at, why in plain words, and what their labels may
mean."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import pandas as pd

from interpreter.flags import (
    BENCHMARK_AS_ACTUAL,
    BENCHMARK_LABEL,
    CORRECTED,
    COUNT_SAYS_PERCENT,
    EXCLUDED,
    MAGNITUDE_JUMP,
    PERCENT_OVER_100,
    RATE_DISAGREES,
)
from interpreter.indicator_match import figures_rule_out, unit_hint, unnamed_rate_ruled_out
from interpreter.observation import COLUMNS, EXTRA_COLUMNS, Observation
from pipeline import observations_frame

DOUBTFUL_BELOW = 0.8  # confidence under which a row is shown as doubtful
CHECK_WORDS = {  # flags set by interpreter/checks.py, in plain words
    PERCENT_OVER_100: "percentage above 100",
    RATE_DISAGREES: "figure disagrees with its own printed count and denominator",
    MAGNITUDE_JUMP: "ten times above or below the months around it (a misread decimal point?)",
    COUNT_SAYS_PERCENT: "a count where the label or indicator says percent",
    BENCHMARK_LABEL: (
        "the label names a benchmark but the figure is stored as the authority's own"
    ),
    BENCHMARK_AS_ACTUAL: (
        "equals the printed benchmark for the same period (a benchmark column read as the "
        "authority's?)"
    ),
}
UNMAPPED = "label not matched to an indicator"
DECIDED = {CORRECTED, EXCLUDED}  # flags of rows a reviewer decided on (review/decisions.py)
NUMBERS = ("value", "numerator", "denominator", "confidence")


UNIT_WORDS = {
    "count": "number",
    "percent": "%",
    "rate_per_10k": "per 10,000 children",
    "days": "days",
    "average": "average",
    "ratio": "ratio",
}


class Suggestion(NamedTuple):
    indicator_id: str
    name: str
    score: int  # 0-100
    unit: str = ""

    @property
    def caption(self) -> str:
        """The indicator as a reader knows it: its name and, when the name does not say it, its
        unit."""
        words = UNIT_WORDS.get(self.unit, self.unit)
        said = words.lower() in self.name.lower() or (
            self.unit == "rate_per_10k" and "10000" in self.name
        )
        return self.name if not words or said else f"{self.name} ({words})"


class DoubtfulLabel(NamedTuple):
    label: str
    count: int  # rows printed with this label
    suggestions: list[Suggestion]


def doubts(obs: Observation, read_by_ocr: bool = False) -> list[str]:
    """Why a row needs a look, in plain words; empty when it does not or a person has decided on
    it."""
    if obs.flags & DECIDED:
        return []
    why = [] if obs.indicator_id else [UNMAPPED]
    why += [CHECK_WORDS[f] for f in sorted(obs.flags) if f in CHECK_WORDS]
    if obs.confidence < DOUBTFUL_BELOW:
        why.append(f"low {'OCR ' if read_by_ocr else ''}confidence {obs.confidence:.2f}")
    return why


def review_frame(doc) -> pd.DataFrame:
    """The observations in the contract's column order (then code, flags), numbers as numbers, plus
    `doubtful` and `why`; the index is each row's position in `doc.observations`."""
    frame = observations_frame(doc.observations)
    for column in NUMBERS:
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce").astype(
            float
        )
    ocr = read_by_ocr(doc)
    why = ["; ".join(doubts(o, ocr)) for o in doc.observations]
    frame["doubtful"] = pd.Series([bool(w) for w in why], index=frame.index, dtype=bool)
    frame["why"] = pd.Series(why, index=frame.index, dtype=object)
    return frame[COLUMNS + EXTRA_COLUMNS + ["doubtful", "why"]]


def doubtful_labels(doc, catalogue, n: int = 3) -> list[DoubtfulLabel]:
    """Labels with an unmapped row, then labels with another doubtful row that no person has mapped
    yet, each in order of first appearance, with up to n ranked suggestions from the catalogue
    (weighed with the evidence of the label's rows)."""
    ocr, rows, unmapped, doubtful = read_by_ocr(doc), {}, {}, {}
    for obs in doc.observations:
        label = obs.indicator_label
        rows.setdefault(label, []).append(obs)
        why = doubts(obs, ocr)
        if UNMAPPED in why:
            unmapped[label] = True
        elif why and label not in doc.confirmed:
            doubtful[label] = True
    ordered = list(unmapped) + [label for label in doubtful if label not in unmapped]
    return [
        DoubtfulLabel(label, len(rows[label]), suggestions(label, catalogue, n, rows[label]))
        for label in ordered
    ]


def suggestions(label: str, catalogue, n: int = 3, rows=()) -> list[Suggestion]:
    """The catalogue's best guesses for a label, best first, scored 0-100, in the unit its rows were
    read in when they agree on one, else in the units their figures allow."""
    unit = unit_read(rows)
    ruled_out = frozenset() if unit else units_ruled_out(label, rows)
    found = [
        (catalogue.indicator(i), score) for i, score in catalogue.suggest(label, unit, n, ruled_out)
    ]
    return [Suggestion(i.id, i.name, round(100 * score), i.unit) for i, score in found]


def unit_read(rows) -> str | None:
    """The unit every row of a label was read in, when it tells indicators apart (the matcher's
    hint: a percentage, a rate, the count of a count-and-rate pair)."""
    hints = {unit_hint(obs) for obs in rows}
    return hints.pop() if len(hints) == 1 else None


def units_ruled_out(label: str, rows) -> frozenset[str]:
    """The units a label's figures rule out, by the matcher's rules (a fraction under 100 is no
    whole count; a figure over 100 no percentage for a label naming no unit; a rate per 10,000 the
    label does not name needs figures no count has), read from the figures alone."""
    figures = [replace(obs, unit="") for obs in rows if obs.value is not None]
    ruled_out = figures_rule_out(figures).get(label, set())
    return frozenset(unnamed_rate_ruled_out(label, ruled_out) if figures else ruled_out)


def read_by_ocr(doc) -> bool:
    """Whether any page of the document was read by OCR."""
    return doc.result.ocr_pages > 0
