"""Checks a printed number must pass; one that fails keeps its value but loses confidence.

Row checks look at one observation; series checks at every observation of the document, since a
figure is only implausible beside its neighbouring months or its own row's benchmarks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from statistics import median

from indicators.catalogue import load_catalogue
from interpreter.flags import (
    BENCHMARK_AS_ACTUAL,
    BENCHMARK_LABEL,
    COUNT_SAYS_PERCENT,
    MAGNITUDE_JUMP,
    PAIR,
    PERCENT_OVER_100,
    RATE_DISAGREES,
)
from interpreter.headers import measure_of
from interpreter.observation import BENCHMARK_MEASURES, Observation

DOUBTFUL = 0.5  # confidence factor for a number that fails a check
# relative disagreement allowed between a printed rate and the rate its counts give
RATE_SLACK = 0.02
# ratio to every neighbouring month that makes a value an order of magnitude off (OCR's 7.7 read as
# 77)
JUMP = 8.0
# a jump whose larger side (a count's smaller side) is below this is ordinary noise: 3 children,
# then 30
JUMP_FLOOR = 10.0
SETTLED = 3.0  # the neighbours must lie within this ratio of each other to show the series' level
NEIGHBOURS = 2  # months either side a value is compared with
SAYS_PERCENT = re.compile(r"%|\bper ?cent(age)?s?\b|\bproportion\b", re.I)
SAYS_COUNT_TOO = re.compile(r"\b(number|no\.?|count|volume|total)\b|\(\s*n\s*\)", re.I)
# periods a series' actual must equal its own printed benchmark before it reads as one
COINCIDENCES = 2


def percent_over_100(obs: Observation) -> bool:
    """A percentage above 100 (OCR often drops a decimal point: `7.1%` read as `71%`, `96.2` as
    `962`)."""
    return obs.unit == "percent" and obs.value is not None and obs.value > 100


def rate_disagrees(obs: Observation) -> bool:
    """A rate per 10,000 or percentage whose own printed count and denominator give another
    figure."""
    if obs.value is None or obs.numerator is None or not obs.denominator:
        return False
    per = {"percent": 100, "rate_per_10k": 10_000}.get(obs.unit)
    if per is None:
        return False
    expected = obs.numerator / obs.denominator * per
    return abs(expected - obs.value) > max(0.051, RATE_SLACK * abs(expected))


def count_says_percent(obs: Observation) -> bool:
    """A count where the label (and not also a count word) or the indicator says percent: the
    `Number` sub-column beside `%`, or a count from the table next door, stored under a
    percentage."""
    if obs.unit != "count" or obs.value is None or PAIR in obs.flags:
        return False
    label = obs.indicator_label or ""
    if SAYS_PERCENT.search(label) and not SAYS_COUNT_TOO.search(label):
        return True
    return _indicator_unit(obs.indicator_id) == "percent"


def benchmark_label(obs: Observation) -> bool:
    """An `actual` whose own label names a benchmark ("England average", "SN"): a comparator stored
    as the authority's."""
    return obs.measure == "actual" and measure_of(obs.indicator_label or "") in BENCHMARK_MEASURES


def magnitude_jumps(observations: list[Observation]) -> set[int]:
    """Positions of monthly values an order of magnitude off every neighbouring month of their
    series."""
    flagged = set()
    for series in _series(observations, lambda o: o.period_type == "month").values():
        by_month = {}  # a month printed twice (summary and detail sheets) is compared once
        for index in series:
            by_month.setdefault(observations[index].period_end, observations[index].value)
        months, values = list(by_month), list(by_month.values())
        count = observations[series[0]].unit == "count"
        odd = {
            months[n]
            for n in range(len(values))
            if _jumps(
                values[n],
                values[max(0, n - NEIGHBOURS) : n] + values[n + 1 : n + 1 + NEIGHBOURS],
                count,
            )
        }
        flagged.update(
            i
            for i in series
            if observations[i].period_end in odd
            and observations[i].value == by_month[observations[i].period_end]
        )
    return flagged


def benchmark_copies(observations: list[Observation]) -> set[int]:
    """Positions of actuals equal to the same indicator's printed benchmark for the same period, in
    a series where that happens at least COINCIDENCES times (once may be chance; a column of them
    is a benchmark)."""
    benchmarks = defaultdict(set)
    for obs in observations:
        if obs.measure in BENCHMARK_MEASURES and obs.value is not None:
            benchmarks[(_series_key(obs), obs.period_type, obs.period_end)].add(obs.value)
    flagged = set()
    for series in _series(observations, lambda o: True).values():
        same = [
            i
            for i in series
            if observations[i].value
            in benchmarks.get(
                (
                    _series_key(observations[i]),
                    observations[i].period_type,
                    observations[i].period_end,
                ),
                (),
            )
        ]
        if len(same) >= COINCIDENCES:
            flagged.update(same)
    return flagged


CHECKS = {  # each check by the flag a figure that fails it takes
    PERCENT_OVER_100: percent_over_100,
    RATE_DISAGREES: rate_disagrees,
    COUNT_SAYS_PERCENT: count_says_percent,
    BENCHMARK_LABEL: benchmark_label,
}
SERIES_CHECKS = {MAGNITUDE_JUMP: magnitude_jumps, BENCHMARK_AS_ACTUAL: benchmark_copies}


def check_numbers(observations: list[Observation]) -> None:
    """Lower the confidence of every observation that fails a check, and name the check in its
    flags."""
    failed = [[name for name, check in CHECKS.items() if check(obs)] for obs in observations]
    for name, check in SERIES_CHECKS.items():
        for index in check(observations):
            failed[index].append(name)
    for obs, names in zip(observations, failed):
        if names:
            obs.confidence = round(obs.confidence * DOUBTFUL, 2)
            obs.flags = obs.flags.then(names)


def _series_key(obs: Observation) -> tuple:
    """What one series shares: authority, indicator (its label when unmapped) and unit."""
    return obs.authority, obs.indicator_id or (obs.indicator_label or "").strip().lower(), obs.unit


def _series(observations: list[Observation], keep) -> dict[tuple, list[int]]:
    """Positions of the actuals with a value, by series and period type, each in period order."""
    found = defaultdict(list)
    for index, obs in enumerate(observations):
        if obs.measure == "actual" and obs.value is not None and obs.period_end and keep(obs):
            found[(_series_key(obs), obs.period_type)].append(index)
    return {key: sorted(found[key], key=lambda i: observations[i].period_end) for key in found}


def _jumps(value: float, around: list[float], count: bool) -> bool:
    """Whether a value is JUMP times above or below the median of its (two or more) neighbours,
    which agree among themselves."""
    if len(around) < 2:
        return False
    middle = median(around)
    if middle <= 0 or value <= 0 or (min if count else max)(value, middle) < JUMP_FLOOR:
        return False
    # the neighbours themselves swing: no settled level
    if min(around) <= 0 or max(around) / min(around) > SETTLED:
        return False
    ratio = value / middle
    return ratio >= JUMP or ratio <= 1 / JUMP


def _indicator_unit(indicator_id: str) -> str:
    """The catalogue unit of an id ('' when unmapped or unknown)."""
    if not indicator_id:
        return ""
    try:
        return load_catalogue().indicator(indicator_id).unit
    except KeyError:
        return ""
