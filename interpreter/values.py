"""Parse what a table cell prints where a number belongs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.grid import fold
from interpreter import printed_rules
from interpreter.flags import (
    COMPARATOR,
    ESTIMATE,
    FOOTNOTE,
    OF,
    PAIR,
    PER_PERIOD,
    PROVISIONAL,
    REVISED,
    SUFFIX,
    TOLERANCE,
    Flags,
)
from interpreter.printed_rules import NUMBER, to_float

NOTE_WORDS = {
    "n/a",
    "na",
    "n.a.",
    "tbc",
    "tba",
    "c",
    "x",
    "z",
    "not available",
    "local",
    "nil",
    "none",
    "not applicable",
    "awaiting data",
    "no data",
    "unavailable",
    "pending",
    "not known",
    "unknown",
}
DASHES = {"-", "–", "—", "--", ".", "*", "…"}
ARROWS = "↑↓→←⇔⇧⇩⇑⇓⇕↕↔▲▼►◄▶◀△▽⬆⬇➡⬅✓✗✔✘×"

_num = re.compile(rf"^(?P<n>{NUMBER})$")
_pct = re.compile(rf"^(?P<n>{NUMBER})\s*%$")
_of = re.compile(rf"^(?P<a>{NUMBER})\s*(?:of|/|out of)\s*(?P<b>{NUMBER})$", re.I)
_of_paren = re.compile(
    rf"^(?P<a>{NUMBER})\s*(?:of|/|out of)\s*(?P<b>{NUMBER})\s*\(\s*(?P<p>{NUMBER})\s*%?\s*\)$", re.I
)
_paren = re.compile(rf"^(?P<a>{NUMBER})(?P<ap>\s*%)?\s*\(\s*(?P<b>{NUMBER})(?P<bp>\s*%)?\s*\)$")
_flag = re.compile(
    r"\s*(?:\((?P<f>r|p|e|prov\.?|est\.?|provisional|revised|estimate)\)|(?P<star>\*+)|(?P<sup>[¹²³†‡]))\s*$",
    re.I,
)
_per = re.compile(
    rf"^(?P<n>{NUMBER})\s*(?P<pct>%)?\s+per\s+(?P<per>month|week|year|quarter|annum)$", re.I
)
_suffix = re.compile(rf"^(?P<n>{NUMBER})\s*(?P<pct>%)?\s+(?P<word>[A-Za-z][A-Za-z .&'/-]{{0,40}})$")


@dataclass(frozen=True)
class Number:
    """One number a cell prints, with what the cell says about its kind."""

    value: float
    percent: bool = False
    role: str = ""  # "", "rate" (second figure of "n (r)"), "threshold", "tolerance_of"


@dataclass
class ParsedValue:
    """A cell's numbers, or the note printed in their place."""

    kind: str  # "number", "note", "dash", "empty", "range"
    numbers: list[Number] = field(default_factory=list)
    numerator: float | None = None
    denominator: float | None = None
    note: str = ""
    flags: Flags = Flags()  # what the cell printed around its numbers (interpreter/flags.py)
    suffix: str = ""  # words printed after the number ("591 LAC", "21% increase")
    confidence: float = 1.0

    @property
    def first(self) -> Number | None:
        return self.numbers[0] if self.numbers else None


def parse_value(text: str, value: object = None, number_format: str = "") -> ParsedValue:
    """Parse a cell; a typed workbook value and its number format take precedence over the text."""
    typed = _from_typed(value, number_format)
    if typed is not None:
        return typed
    raw = fold(text or "")
    if not raw:
        return ParsedValue("empty")
    stripped = raw.strip(ARROWS + " ").strip()
    if stripped in DASHES or not stripped:
        return ParsedValue("dash", note=raw if raw not in DASHES else "")
    return _parse_text(stripped, raw)


def _from_typed(value: object, number_format: str) -> ParsedValue | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if "%" in (number_format or ""):
        return ParsedValue("number", [Number(round(float(value) * 100, 10), percent=True)])
    return ParsedValue("number", [Number(float(value))])


def _parse_text(text: str, raw: str) -> ParsedValue:
    flags: set[str] = set()
    text = _strip_flags(text, flags)
    for parse in (
        _parse_plain,
        _parse_of,
        _parse_of_paren,
        _parse_paren,
        _parse_tolerance,
        _parse_threshold,
        _parse_per,
        _parse_range,
        _parse_suffix,
    ):
        parsed = parse(text)
        if parsed is not None:
            parsed.flags |= flags
            return parsed
    return ParsedValue("note", note=raw)


def _strip_flags(text: str, flags: set[str]) -> str:
    while True:
        m = _flag.search(text)
        if not m or m.start() == 0:
            return text
        f = (m.group("f") or "").lower()
        flags.add(
            REVISED
            if f.startswith("r")
            else PROVISIONAL
            if f.startswith("p")
            else ESTIMATE
            if f.startswith("e")
            else FOOTNOTE
        )
        text = text[: m.start()].rstrip()


def _parse_plain(text: str) -> ParsedValue | None:
    m = _num.match(text.replace("£", ""))
    if m:
        return ParsedValue("number", [Number(to_float(m["n"]))])
    m = _pct.match(text)
    if m:
        return ParsedValue("number", [Number(to_float(m["n"]), percent=True)])
    return None


def _parse_of(text: str) -> ParsedValue | None:
    m = _of.match(text)
    if not m:
        return None
    a, b = to_float(m["a"]), to_float(m["b"])
    pct = [Number(round(100 * a / b, 1), percent=True)] if b else []
    return ParsedValue("number", pct, numerator=a, denominator=b, flags=Flags.of(OF))


def _parse_of_paren(text: str) -> ParsedValue | None:
    """`45 of 60 (75.0%)`: the printed percentage, with its numerator and denominator."""
    m = _of_paren.match(text)
    if not m:
        return None
    pct = Number(to_float(m["p"]), percent=True)
    return ParsedValue("number", [pct], numerator=to_float(m["a"]), denominator=to_float(m["b"]))


def _parse_paren(text: str) -> ParsedValue | None:
    m = _paren.match(text)
    if not m:
        return None
    first = Number(to_float(m["a"]), percent=bool(m["ap"]))
    second = Number(to_float(m["b"]), percent=bool(m["bp"]), role="rate")
    return ParsedValue("number", [first, second], flags=Flags.of(PAIR))


def _parse_tolerance(text: str) -> ParsedValue | None:
    found = printed_rules.tolerance(text)
    if found is None or found.centre is None:
        return None
    centre = Number(found.centre, percent=found.percent, role="tolerance_of")
    return ParsedValue("number", [centre], note=text, flags=Flags.of(TOLERANCE))


def _parse_threshold(text: str) -> ParsedValue | None:
    found = printed_rules.threshold(text)
    if found is None:
        return None
    n = Number(found.number, percent=found.percent, role="threshold")
    return ParsedValue("number", [n], note=text, flags=Flags.of(COMPARATOR))


def _parse_per(text: str) -> ParsedValue | None:
    m = _per.match(text)
    if not m:
        return None
    n = Number(to_float(m["n"]), percent=bool(m["pct"]))
    return ParsedValue("number", [n], note=text, flags=Flags.of(PER_PERIOD))


def _parse_range(text: str) -> ParsedValue | None:
    found = printed_rules.span(text)
    if found is None or found[0] < 0 or found[1] < found[0]:
        return None
    return ParsedValue("range", note=text)


def _parse_suffix(text: str) -> ParsedValue | None:
    m = _suffix.match(text)
    if not m or m["word"].lower().strip() in NOTE_WORDS:
        return None
    n = Number(to_float(m["n"]), percent=bool(m["pct"]))
    return ParsedValue("number", [n], suffix=m["word"].strip(), flags=Flags.of(SUFFIX))
