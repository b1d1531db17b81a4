"""printed_rules: targets' and tolerances' rules read once, for the interpreter and the bands."""

from __future__ import annotations

import pytest

from analyses.target_bands import band_from_rules
from interpreter import printed_rules
from interpreter.printed_rules import OffRange, Threshold, Tolerance
from interpreter.values import parse_value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("95%+", Threshold(95.0, True, "min", True)),
        (">= 12", Threshold(12.0, False, "min", True)),
        ("> 12", Threshold(12.0, False, "min", False)),
        ("<92%", Threshold(92.0, True, "max", False)),
        ("≤ 5", Threshold(5.0, False, "max", True)),
        ("10 or less", Threshold(10.0, False, "max", True)),
        ("10 or under", Threshold(10.0, False, "max", True)),
        ("60 OR MORE", Threshold(60.0, False, "min", True)),
        ("1,200+", Threshold(1200.0, False, "min", True)),
        ("95%", None),
        ("14-20", None),
    ],
)
def test_thresholds(text, expected):
    """A threshold says which side of its number passes, and whether the number itself does."""
    assert printed_rules.threshold(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("+/-5 of 158.8", Tolerance(5.0, 158.8, False)),
        ("up to +/-2% of 85%", Tolerance(2.0, 85.0, True)),
        ("more than +/-15", Tolerance(15.0, None, False)),
        ("+/-1,000 of 12,500", Tolerance(1000.0, 12500.0, False)),
        ("158.8", None),
    ],
)
def test_tolerances(text, expected):
    assert printed_rules.tolerance(text) == expected


def test_ranges_and_off_range():
    assert printed_rules.span("14-20") == (14.0, 20.0)
    assert printed_rules.span("5% to 7%") == (5.0, 7.0)
    assert printed_rules.span("1,000 - 2,000") == (1000.0, 2000.0)
    assert printed_rules.off_range("over 1% above range") == OffRange(1.0, True, "above")
    assert printed_rules.off_range("2 below the range") == OffRange(2.0, False, "below")
    assert printed_rules.plain("12 per week") == 12.0
    assert printed_rules.span("twelve") is None


def test_the_interpreter_and_the_bands_read_a_rule_alike():
    """'10 or under' was a number with a suffix to the interpreter, and '1,200+' no rule to the
    bands (their own pattern knew no thousands separator): one grammar reads both for both."""
    for text, side in [("10 or under", "max"), ("1,200+", "min")]:
        parsed = parse_value(text)
        assert parsed.first.role == "threshold" and parsed.note == text
        band = band_from_rules([(None, f"Target Green: {text}")], "info")
        number = printed_rules.threshold(text).number
        assert (band.green_low, band.green_high) == (
            (number, None) if side == "min" else (None, number)
        )
    assert band_from_rules([(None, "Target Green: 1,200+")]).judge(1250) == "green"
    assert band_from_rules([(None, "Target Green: 1,200+")]).judge(1100) == "red"
