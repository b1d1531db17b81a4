"""Targets and tolerances as reports print them, read into bands that judge a value Red, Amber or
Green.

A report's target rows (measure 'target') keep the printed rule in `note`, prefixed by its column:
'Target Green: 95%+', 'Red tolerance: <92%', 'Target Green: +/-5 of 158.8', 'Red tolerance: more
than +/-15', 'Target Green: 14-20', 'Red tolerance: over 1% above range'; a plain target has a value
and no rule. Green is the printed green rule; red is the printed red rule; amber is what lies
between (the amber column only restates the edges, and reports write it both ways, so its thresholds
are not read, but its '+/-15' is). A band with a green rule and no red rule judges a miss Red; one
with only a red rule says Red or nothing; a plain target is judged by polarity (high: at least; low:
at most).

"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

import pandas as pd

from interpreter import printed_rules

_PREFIX = re.compile(r"^\s*(?P<kind>[A-Za-z ]{1,40}?)\s*:\s*(?P<rule>.*)$")


# a band's numeric edges, as the bands' and trends' columns name them
EDGES = ("target", "green_low", "green_high", "red_below", "red_above")


@dataclass(frozen=True)
class Band:
    """Where a value is Green, and where it is Red; Amber lies between. Edges are None when not
    printed."""

    target: float | None = None  # the number printed as the target (the centre of a +/- band)
    green_low: float | None = None
    green_high: float | None = None
    # Red when the value is below this (or equal, if red_below_inclusive)
    red_below: float | None = None
    # Red when the value is above this (or equal, if red_above_inclusive)
    red_above: float | None = None
    red_below_inclusive: bool = False
    red_above_inclusive: bool = False
    note: str = ""  # the printed rules, joined

    @property
    def has_green(self) -> bool:
        return self.green_low is not None or self.green_high is not None

    @property
    def has_red(self) -> bool:
        return self.red_below is not None or self.red_above is not None

    def is_green(self, value: float) -> bool:
        return (
            self.has_green and _at_least(value, self.green_low) and _at_most(value, self.green_high)
        )

    def is_red(self, value: float) -> bool:
        below = self.red_below is not None and (
            _lt(value, self.red_below) or self.red_below_inclusive and _eq(value, self.red_below)
        )
        above = self.red_above is not None and (
            _lt(self.red_above, value) or self.red_above_inclusive and _eq(value, self.red_above)
        )
        return below or above

    def judge(self, value: float | None) -> str:
        """'green', 'amber' or 'red'; '' when there is no value or the band sets no rule."""
        if value is None or pd.isna(value) or not (self.has_green or self.has_red):
            return ""
        if self.is_green(value):
            return "green"
        if self.is_red(value) or not self.has_red:
            return "red"
        return "amber" if self.has_green else ""


def band_from_rules(rows: list[tuple[float | None, str]], polarity: str = "info") -> Band:
    """A band from one period's target rows, each (value, note)."""
    parsed = [_split(note, value) for value, note in rows]
    band = Band(note="; ".join(n for _, n in rows if n))
    for kind, rule, value in parsed:
        if kind == "green":
            band = _green(band, rule, value, polarity)
    for kind, rule, _ in parsed:
        if kind in ("red", "amber"):
            band = _red(band, rule, kind)
    return band


def rule_kind(note: str) -> tuple[str, str]:
    """(kind, rule as printed) of a target row's note ('Red tolerance: <92%'): kind 'red', 'amber'
    or 'green' (a green rule or a plain target)."""
    m = _PREFIX.match(note or "")
    prefix, rule = (m["kind"].lower(), m["rule"].strip()) if m else ("", (note or "").strip())
    kind = (
        "red"
        if "red" in prefix
        else "amber"
        if ("amber" in prefix or "yellow" in prefix)
        else "green"
    )
    return kind, rule


def _split(note: str, value: float | None) -> tuple[str, str, float | None]:
    """(kind, rule, value) of a target row."""
    kind, rule = rule_kind(note)
    return kind, rule, (None if value is None or pd.isna(value) else float(value))


def _green(band: Band, rule: str, value: float | None, polarity: str) -> Band:
    found = printed_rules.tolerance(rule)
    if found is not None and found.centre is not None:
        c, t = found.centre, found.tolerance
        return replace(band, target=c, green_low=_r(c - t), green_high=_r(c + t))
    if edges := printed_rules.span(rule):
        return replace(band, green_low=edges[0], green_high=edges[1])
    if found := printed_rules.threshold(rule):
        edge = {"green_low" if found.side == "min" else "green_high": found.number}
        return replace(band, target=found.number, **edge)
    number = printed_rules.plain(rule)
    number = value if number is None else number
    if number is None:
        return band
    edge = {"high": {"green_low": number}, "low": {"green_high": number}}.get(polarity, {})
    return replace(band, target=number, **edge)


def _red(band: Band, rule: str, kind: str) -> Band:
    found = printed_rules.tolerance(rule)
    if found is not None and found.centre is None and band.target is not None:
        t = found.tolerance
        return replace(
            band,
            red_below=_r(band.target - t),
            red_above=_r(band.target + t),
            red_below_inclusive=False,
            red_above_inclusive=False,
        )
    if found := printed_rules.off_range(rule):
        return _off_range(band, found)
    if kind == "red" and (found := printed_rules.threshold(rule)):
        if found.side == "min":
            return replace(band, red_above=found.number, red_above_inclusive=found.inclusive)
        return replace(band, red_below=found.number, red_below_inclusive=found.inclusive)
    return band


def _off_range(band: Band, off: printed_rules.OffRange) -> Band:
    """'over 1% above range': Red beyond the green range widened by 1% of its edge (or by n when no
    '%')."""
    n = off.distance
    if off.side == "above" and band.green_high is not None:
        high = band.green_high
        return replace(band, red_above=_r(high * (1 + n / 100) if off.percent else high + n))
    if off.side == "below" and band.green_low is not None:
        low = band.green_low
        return replace(band, red_below=_r(low * (1 - n / 100) if off.percent else low - n))
    return band


def _r(x: float) -> float:
    return round(x, 9)


def _eq(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-9)


def _lt(a: float, b: float) -> bool:
    return a < b and not _eq(a, b)


def _at_least(value: float, low: float | None) -> bool:
    return low is None or not _lt(value, low)


def _at_most(value: float, high: float | None) -> bool:
    return high is None or not _lt(high, value)
