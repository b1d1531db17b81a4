"""Map printed labels to catalogue indicators, unit and polarity included."""

from __future__ import annotations

import re
from collections import defaultdict

from interpreter.flags import COUNT_BESIDE_PERCENT, PAIR
from interpreter.observation import Observation

UNMAPPED_CONFIDENCE = 0.85
DISCRIMINATING_UNITS = {"percent", "rate_per_10k"}  # a source unit that rules indicators in or out
# source wording for these is loose; the catalogue knows better
PLAIN_NUMBERS = {"count", "average", "days"}
NOTATION = re.compile(
    r"^\s*(?:n of n|no\.?|number|nos?\.|count|%|percent(?:age)?|rate|value|monthly(?: data)?|in "
    r"month|ytd|"
    r"rolling(?: year)?|\(?%\)?)\s*$",
    re.I,
)
PART = re.compile(r"\s+-\s+")  # "Name - sub-heading" joins of a grouped header
# Old national indicator codes that reports still print before a label ("NI 62 Stability of
# placements").
NATIONAL_INDICATORS = {
    "59": "assessments_45wd_pct",
    "62": "cla_placements_3plus_pct",
    "63": "cla_long_term_stability_pct",
    "64": "cpp_open_2y_plus_pct",
    "65": "cpp_second_time_ever_pct",
    "66": "cla_reviews_timely_pct",
    "67": "cpp_reviews_timely_pct",
    "68": "referrals_to_assessment_pct",
    "147": "care_leavers_suitable_accommodation_pct",
    "148": "care_leavers_eet_pct",
}
NI_CODE = re.compile(r"\bNI\s*-?\s*(\d{2,3})\b", re.I)


def label_indicators(observations: list[Observation], catalogue=None) -> None:
    """Fill indicator_id, unit and polarity from the catalogue (default: the packaged one) where the
    source left them open."""
    from indicators.catalogue import load_catalogue

    catalogue = catalogue or load_catalogue()
    fractional = _labels_with_fractions(observations)
    for obs in observations:
        match = _match(catalogue, obs, fractional)
        if match.indicator_id:
            indicator = catalogue.indicator(match.indicator_id)
            obs.indicator_id = indicator.id
            if not obs.unit or (obs.unit in PLAIN_NUMBERS and indicator.unit in PLAIN_NUMBERS):
                obs.unit = indicator.unit
            obs.polarity = obs.polarity or indicator.polarity
            obs.confidence *= 0.7 + 0.3 * match.score
        else:
            obs.confidence *= UNMAPPED_CONFIDENCE
        obs.unit = obs.unit or _unit_from_label(obs.indicator_label)
        obs.confidence = round(min(1.0, obs.confidence), 2)


def _match(catalogue, obs: Observation, fractional: set[str]):
    """The label's match; else its national indicator code's; else the match of its main part ("Name
    - %")."""
    hint = _unit_hint(obs)
    match = catalogue.match_label(obs.indicator_label, hint)
    if (
        match.indicator_id
        and obs.indicator_label in fractional
        and catalogue.indicator(match.indicator_id).unit == "count"
    ):
        # a count is never fractional
        as_percent = catalogue.match_label(obs.indicator_label, "percent")
        match = as_percent if as_percent.indicator_id else match
    if match.indicator_id:
        return match
    code = NI_CODE.search(obs.indicator_label)
    if (
        code
        and (indicator_id := NATIONAL_INDICATORS.get(code[1]))
        and _unit_fits(catalogue, indicator_id, obs, hint)
    ):
        return type(match)(indicator_id, 1.0, [(indicator_id, 1.0)])
    parts = PART.split(obs.indicator_label)
    for part in _name_parts(parts):
        found = catalogue.match_label(part, hint or _unit_of_parts(parts))
        if found.indicator_id and _agrees(match, found, parts, part):
            return found
    return match


def _agrees(whole, found, parts: list[str], part: str) -> bool:
    """A part's match stands for the whole label when the rest is notation (`%`, `n of N`) or when
    the whole label leans the same way: a qualifier ("(4) Internal council services - Total
    Contacts") that pulls the whole label elsewhere means the part is not its name."""
    rest = [p for p in parts if p is not part]
    best = whole.candidates[0][0] if whole.candidates else None
    return all(NOTATION.match(p) for p in rest) or best == found.indicator_id


def _name_parts(parts: list[str]) -> list[str]:
    """The parts of a joined label that may name its indicator, nearest the figures first: in
    "Section - Name" the section is a topic, not the name; in "Name - %" the first part is the
    name."""
    if len(parts) < 2:
        return []
    later = list(reversed(parts[1:]))
    return later + [parts[0]] if all(NOTATION.match(p) for p in parts[1:]) else later


def _unit_fits(catalogue, indicator_id: str, obs: Observation, hint: str | None) -> bool:
    unit = catalogue.indicator(indicator_id).unit
    return hint in (None, unit) and COUNT_BESIDE_PERCENT not in obs.flags


def _unit_of_parts(parts: list[str]) -> str | None:
    """The unit a sub-heading names (`%`, `Rate`), when a label was joined from a grouped header."""
    from interpreter.headers import unit_word

    units = {unit_word(p) for p in parts} & DISCRIMINATING_UNITS
    return units.pop() if len(units) == 1 else None


def _labels_with_fractions(observations: list[Observation]) -> set[str]:
    """Labels whose own figures include a fraction between 0 and 100 (so not a count)."""
    values = defaultdict(list)
    for obs in observations:
        if obs.measure == "actual" and obs.value is not None and not obs.unit:
            values[obs.indicator_label].append(obs.value)
    return {label for label, vs in values.items() if any(0 < v < 100 and v != int(v) for v in vs)}


def _unit_hint(obs: Observation) -> str | None:
    """The unit to match with: only one that tells indicators apart, or the count of a
    count-and-rate pair."""
    if obs.unit in DISCRIMINATING_UNITS or obs.flags & {PAIR, COUNT_BESIDE_PERCENT}:
        return obs.unit
    return None


def _unit_from_label(label: str) -> str:
    low = label.lower()
    if "%" in low or "percent" in low or "proportion" in low:
        return "percent"
    if "10,000" in low or "10000" in low or "10k" in low:
        return "rate_per_10k"
    if "days" in low:
        return "days"
    return "count"
