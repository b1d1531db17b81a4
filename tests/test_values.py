"""parse_value: what a table cell prints where a number belongs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interpreter.values import parse_value


def numbers(parsed) -> list[tuple[float, bool]]:
    return [(n.value, n.percent) for n in parsed.numbers]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,469", [(1469.0, False)]),
        ("55.8%", [(55.8, True)]),
        ("55.8 %", [(55.8, True)]),
        ("0", [(0.0, False)]),
        ("12.5", [(12.5, False)]),
        ("-3", [(-3.0, False)]),
        ("  1,469\n", [(1469.0, False)]),
    ],
)
def test_plain_numbers(text, expected):
    """Plain counts and percentages: thousands separators go, percentages stay in points."""
    parsed = parse_value(text)
    assert parsed.kind == "number"
    assert numbers(parsed) == expected


@pytest.mark.parametrize(
    "value, number_format, expected",
    [
        (0.558, "0.0%", (55.8, True)),
        (0.5, "0%", (50.0, True)),
        (1, "0.00%", (100.0, True)),
        (1469, "#,##0", (1469.0, False)),
        (27.3, "0.0", (27.3, False)),
    ],
)
def test_typed_workbook_value(value, number_format, expected):
    """Typed fraction quirk: a workbook stores 55.8% as 0.558 with a '0.0%' format; the value is
    55.8 percent."""
    parsed = parse_value(f"{value}", value, number_format)
    assert parsed.kind == "number"
    ((got, percent),) = numbers(parsed)
    assert got == pytest.approx(expected[0])
    assert percent is expected[1]


@pytest.mark.parametrize(
    "text, numerator, denominator, percent",
    [
        ("206 of 492", 206, 492, 41.9),
        ("1,023 of 2,046", 1023, 2046, 50.0),
        ("3 out of 4", 3, 4, 75.0),
    ],
)
def test_of_fraction(text, numerator, denominator, percent):
    """'x of y' quirk: numerator and denominator kept, the percentage worked out from them."""
    parsed = parse_value(text)
    assert parsed.kind == "number"
    assert (parsed.numerator, parsed.denominator) == (numerator, denominator)
    assert numbers(parsed) == [(percent, True)]


@pytest.mark.parametrize(
    "text, count, rate", [("2,774 (955.6)", 2774.0, 955.6), ("350 (60.1)", 350.0, 60.1)]
)
def test_count_and_rate_pair(text, count, rate):
    """Count (rate) quirk: '2,774 (955.6)' is a count and a rate per 10,000."""
    parsed = parse_value(text)
    assert parsed.kind == "number"
    assert [(n.value, n.role) for n in parsed.numbers] == [(count, ""), (rate, "rate")]


@pytest.mark.parametrize(
    "text, value, percent",
    [
        ("95%+", 95.0, True),
        ("<92%", 92.0, True),
        ("92%>", 92.0, True),
        ("23%<", 23.0, True),
        (">= 10", 10.0, False),
    ],
)
def test_thresholds(text, value, percent):
    """Threshold quirk: targets printed as '95%+', '<92%', '92%>' keep the number and the text as a
    note."""
    parsed = parse_value(text)
    assert parsed.kind == "number"
    assert numbers(parsed) == [(value, percent)]
    assert parsed.note == text


@pytest.mark.parametrize(
    "text, centre",
    [("+/-5 of 158.8", 158.8), ("up to +/-2 of 73.5", 73.5), ("+/- 2% of 85%", 85.0)],
)
def test_tolerance_value_is_centre(text, centre):
    """Tolerance quirk: '+/-5 of 158.8' is the target 158.8 with a tolerance; the value is the
    centre."""
    parsed = parse_value(text)
    assert parsed.kind == "number"
    assert [n.value for n in parsed.numbers] == [centre]
    assert parsed.note == text


@pytest.mark.parametrize(
    "text, value, flag",
    [
        ("27.3%*", 27.3, "footnote"),
        ("1,102 (r)", 1102.0, "revised"),
        ("45 (p)", 45.0, "provisional"),
    ],
)
def test_flags(text, value, flag):
    """Footnote and revised quirk: '27.3%*' and '1,102 (r)' are numbers with a flag, not notes."""
    parsed = parse_value(text)
    assert parsed.kind == "number"
    assert parsed.first.value == value
    assert flag in parsed.flags


@pytest.mark.parametrize(
    "text, kind", [("-", "dash"), ("–", "dash"), ("—", "dash"), ("", "empty"), ("   ", "empty")]
)
def test_no_value(text, kind):
    """Dash quirk: '-', '–' and blank print no value and no note."""
    parsed = parse_value(text)
    assert parsed.kind == kind
    assert parsed.numbers == []
    assert parsed.note == ""


@pytest.mark.parametrize(
    "text",
    [
        "n/a",
        "N/A",
        "TBC",
        "c",
        "not available",
        "range to be set",
        "Data unavailable due to migration to the new case management system.",
    ],
)
def test_notes(text):
    """Note quirk: words printed where a number belongs become a note with no number."""
    parsed = parse_value(text)
    assert parsed.kind == "note"
    assert parsed.numbers == []
    assert parsed.note == text


@pytest.mark.parametrize("text", ["14-20", "14 - 20", "10 to 12"])
def test_range_is_a_note(text):
    """Range quirk: '14-20' is a range, kept as a note of kind 'range', not a number."""
    parsed = parse_value(text)
    assert parsed.kind == "range"
    assert parsed.numbers == []
    assert parsed.note == text


def test_per_period():
    """Per-period quirk: '250 per month' is 250 with the words kept as a note."""
    parsed = parse_value("250 per month")
    assert numbers(parsed) == [(250.0, False)]
    assert "per_period" in parsed.flags
    assert parsed.note == "250 per month"


def test_suffix_words():
    """Suffix quirk: '591 LAC' is 591 with the words 'LAC' kept as the suffix."""
    parsed = parse_value("591 LAC")
    assert numbers(parsed) == [(591.0, False)]
    assert parsed.suffix == "LAC"


@pytest.mark.parametrize(
    "text, expected",
    [("↓ -20%", [(-20.0, True)]), ("↑ 12", [(12.0, False)]), ("▲ 5.5%", [(5.5, True)])],
)
def test_arrows_are_stripped(text, expected):
    """Arrow quirk: a direction arrow beside a number is not part of the number."""
    assert numbers(parse_value(text)) == expected


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(finite)
def test_thousands_round_trip(x):
    """Any number printed as '{:,.1f}' parses back to that number."""
    text = f"{x:,.1f}"
    parsed = parse_value(text)
    assert parsed.kind == "number"
    assert math.isclose(parsed.first.value, float(text.replace(",", "")), abs_tol=1e-9)
    assert not parsed.first.percent


@given(finite)
def test_percent_round_trip(x):
    """Any number printed as '{:,.1f}%' parses back to that many percentage points."""
    text = f"{x:,.1f}%"
    parsed = parse_value(text)
    assert parsed.kind == "number"
    assert math.isclose(parsed.first.value, float(text[:-1].replace(",", "")), abs_tol=1e-9)
    assert parsed.first.percent


@given(st.text())
def test_never_raises(text):
    """parse_value never raises on arbitrary text; it always says what kind of thing it found."""
    assert parse_value(text).kind in {"number", "note", "dash", "empty", "range"}
