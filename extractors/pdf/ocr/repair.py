"""Repair digits OCR commonly misreads, only where the cell's row or column makes the reading
certain."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "i": "1",
        "S": "5",
        "s": "5",
        "$": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
    }
)
NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
NUMBERISH = re.compile(r"^-?[\dOoDQlIi|Ss$BZz][\dOoDQlIi|Ss$BZz,.]*%?$")
STRAY = ".,:;'`\u2018\u2019\""  # marks OCR leaves at a number's edges (dust, ruling ends)
# `Q1` (`Qtr1`, `Qtr 1`) as OCR reads it in a heading: its 1 taken for an i or l (`Qi`, `Qtri`)
FIRST_QUARTER = re.compile(r"(?<!\S)(Q(?:tr|uarter)? ?)(?:[il|I!]|1[il|I!])(?!\S)")
QUARTER = re.compile(r"Q(?:tr|uarter)? ?[2-4]")
# a month heading with a two-digit year (`Jul'19`, `Aug-19`), and one whose year OCR misread
MONTH_YEAR = re.compile(r"[A-Z][a-z]{2}['\u2019 -]?\d{2}")
MONTH_MISREAD = re.compile(r"([A-Z][a-z]{2}['\u2019 -]?)([\dOoDQlIi|SsBZzt]{2})")
YEAR_LOOKALIKES = {**{chr(k): v for k, v in LOOKALIKES.items()}, "t": "1"}
# a letter no digit is mistaken for: a cell holding one is a word, not a misread figure
WORD = re.compile(r"[^\W\dOoDQlIiSsBZz_]")
PEERS = 3  # other numbers a line needs before its format is trusted
AGREE = 0.8  # share of those peers that must share one format
UNSURE = 0.6  # confidence factor when a repair is likely but not certain
# a whole number this many times the median of its line's decimals has likely lost its point
DROPPED = 5


@dataclass(frozen=True)
class Style:
    """How a column or row prints its numbers: how many decimals, and whether with a percent
    sign."""

    decimals: int
    percent: bool


def style_of(text: str) -> Style | None:
    """The printing style of a clean number, None for anything else."""
    if not NUMBER.match(text):
        return None
    digits = text.rstrip("%").lstrip("-")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return Style(decimals, text.endswith("%"))


def line_style(texts: list[str], figures_only: bool = False) -> Style | None:
    """The style most numbers of a line share when the line is all numbers, else None; with
    `figures_only`, when its figures are (a row's label, unit or polarity, `Info`, `Low`, are
    words, not figures, and do not count)."""
    filled = [
        t for t in texts if t and t not in ("-", "n/a") and not (figures_only and WORD.search(t))
    ]
    styles = [style_of(t) for t in filled]
    known = [s for s in styles if s is not None]
    if len(known) < PEERS or len(known) < AGREE * len(filled):
        return None
    style, count = Counter(known).most_common(1)[0]
    return style if count >= AGREE * len(known) else None


def repair(text: str, styles: list[Style]) -> tuple[str, float]:
    """The cell text repaired to fit the style of its numeric row or column, and a confidence
    factor."""
    if not styles or not text or style_of(text) in styles:
        return text, 1.0
    token = text.strip(STRAY)
    if NUMBERISH.match(token) and any(ch.isdigit() for ch in token):
        token = token.translate(LOOKALIKES)
    if style_of(token) in styles:
        return token, 1.0
    for style in styles:
        fixed = _separator(token, style)
        if fixed:
            return fixed
    return text, 1.0


def dropped_point(text: str, peers: list[str]) -> tuple[str, float] | None:
    """`118` in a line whose numbers are mostly `d.d` (13.5 16.6 21.0) and about a tenth of it is
    `11.8` whose point OCR lost (at lower confidence), even where the line's styles are too mixed
    for `line_style`; None when the reading is not that clear."""
    digits = text.rstrip("%")
    if not re.fullmatch(r"\d{2,}", digits):
        return None
    styles = [(style_of(t), t) for t in peers if style_of(t)]
    counted = Counter(st for st, _ in styles if st.decimals)
    if not counted:
        return None
    style, count = counted.most_common(1)[0]
    if count < PEERS or 2 * count <= len(styles) or style.percent != text.endswith("%"):
        return None
    values = [float(t.rstrip("%").replace(",", "")) for st, t in styles if st == style]
    value, guess = float(digits), float(digits) / 10**style.decimals
    if value < DROPPED * median(values) or not min(values) / 2 <= guess <= 2 * max(values):
        return None
    cut = len(digits) - style.decimals
    return f"{digits[:cut]}.{digits[cut:]}" + ("%" if style.percent else ""), UNSURE


def quarters(text: str, peers: list[str] = ()) -> str:
    """The text with a first quarter's heading OCR misread (`Qi 2016/17`) read as printed (`Q1`),
    and a lone `1` among the other quarters' headings (`Q2`, `Q3`: OCR lost its Q) read as `Q1`."""
    if text in ("1", "i", "l", "I", "|") and sum(1 for t in peers if QUARTER.fullmatch(t)) >= 2:
        return "Q1"
    return FIRST_QUARTER.sub(r"\g<1>1", text)


def month_heading(text: str, peers: list[str]) -> str:
    """`Jul't9` among the month headings `Aug'19 Sep'19 Oct'19` is `Jul'19`: the year's digits
    repaired where the row's other headings are months with clean years."""
    misread = MONTH_MISREAD.fullmatch(text)
    if not misread or MONTH_YEAR.fullmatch(text):
        return text
    if sum(1 for t in peers if MONTH_YEAR.fullmatch(t)) < PEERS:
        return text
    year = "".join(YEAR_LOOKALIKES.get(ch, ch) for ch in misread.group(2))
    return misread.group(1) + year if year.isdigit() else text


def _separator(token: str, style: Style) -> tuple[str, float] | None:
    """`6.913` in a line of `1,234` integers is `6,913`; `7,1%` or `7 1%` among `1.5%` is `7.1%`;
    `71%` likely `7.1%`."""
    sign = "%" if style.percent else ""
    body = token[:-1] if token.endswith("%") else token
    if (token.endswith("%")) != style.percent or not re.fullmatch(r"-?[\d.,]+(?: \d+)?", body):
        return None
    if style.decimals == 0 and re.fullmatch(r"-?\d{1,3}(?:[.,]\d{3})+", body):
        return body.replace(".", ","), 1.0
    if style.decimals and re.fullmatch(rf"-?\d+[., ]\d{{{style.decimals}}}", body):
        return re.sub("[, ]", ".", body) + sign, 1.0
    if style.decimals and re.fullmatch(rf"-?\d{{{style.decimals + 1},}}", body):
        return f"{body[: -style.decimals]}.{body[-style.decimals :]}{sign}", UNSURE
    return None
