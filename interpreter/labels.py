"""Map printed labels to catalogue indicators, unit and polarity included."""
from __future__ import annotations

from interpreter.observation import Observation

UNMAPPED_CONFIDENCE = 0.85
DISCRIMINATING_UNITS = {"percent", "rate_per_10k"}  # a source unit that rules indicators in or out
PLAIN_NUMBERS = {"count", "average", "days"}  # source wording for these is loose; the catalogue knows better


def label_indicators(observations: list[Observation], catalogue=None) -> None:
    """Fill indicator_id, unit and polarity from the catalogue (default: the packaged one) where the source left them open."""
    from indicators.catalogue import load_catalogue

    catalogue = catalogue or load_catalogue()
    for obs in observations:
        match = catalogue.match_label(obs.indicator_label, _unit_hint(obs))
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


def _unit_hint(obs: Observation) -> str | None:
    """The unit to match with: only one that tells indicators apart, or the count of a count-and-rate pair."""
    flags = obs.flags.split(",")
    if obs.unit in DISCRIMINATING_UNITS or "pair" in flags or "count_beside_percent" in flags:
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
