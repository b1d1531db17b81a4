"""Checks a printed number must pass; one that fails keeps its value but loses confidence."""
from __future__ import annotations

from interpreter.observation import Observation

DOUBTFUL = 0.5  # confidence factor for a number that fails a check
RATE_SLACK = 0.02  # relative disagreement allowed between a printed rate and the rate its counts give


def percent_over_100(obs: Observation) -> bool:
    """A percentage above 100 (OCR often drops a decimal point: `7.1%` read as `71%`, `96.2` as `962`)."""
    return obs.unit == "percent" and obs.value is not None and obs.value > 100


def rate_disagrees(obs: Observation) -> bool:
    """A rate per 10,000 or percentage whose own printed count and denominator give another figure."""
    if obs.value is None or obs.numerator is None or not obs.denominator:
        return False
    per = {"percent": 100, "rate_per_10k": 10_000}.get(obs.unit)
    if per is None:
        return False
    expected = obs.numerator / obs.denominator * per
    return abs(expected - obs.value) > max(0.051, RATE_SLACK * abs(expected))


CHECKS = (percent_over_100, rate_disagrees)


def check_numbers(observations: list[Observation]) -> None:
    """Lower the confidence of every observation that fails a check, and name the check in its flags."""
    for obs in observations:
        failed = [check.__name__ for check in CHECKS if check(obs)]
        if failed:
            obs.confidence = round(obs.confidence * DOUBTFUL, 2)
            obs.flags = ",".join(filter(None, [obs.flags, *failed]))
