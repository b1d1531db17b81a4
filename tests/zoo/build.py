"""The document being generated: its authority, dates, notation and the numbers it has already
printed."""

from __future__ import annotations

import random
from datetime import date

from zoo import periods as P
from zoo import places
from zoo.model import Cell, Obs, Period
from zoo.vocab import MARKERS, SUPPRESSED, Topic

PCT_TARGETS = ["{v}%+", "≥{v}%", "{v}%", "<{v}%", "{v}"]


class Doc:
    """Per-document choices (seeded) and the helpers that turn a number into a cell and its truth
    rows."""

    def __init__(self, family: str, seed: int):
        self.rng = random.Random(f"{family}:{seed}")
        self.family = family
        self.auth = places.pick(self.rng)
        y = self.rng.randint(2016, 2024)
        self.rdate = P.month_end(y, self.rng.randint(1, 12))
        self.fy = P.fy_of(self.rdate)
        self.styles = P.styles(self.rng)
        self.thousands = self.rng.random() < 0.7
        self.pct_decimals = 1 if self.rng.random() < 0.8 else 0  # 55.8% or 56%
        self.pct_sign = True
        self.values: dict[tuple, float] = {}
        self.used: set[str] = set()

    # -- choices
    def pick(self, seq):
        return self.rng.choice(list(seq))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def wording(self, topic: Topic) -> str:
        return self.pick(topic.wordings)

    def topics(self, n: int, pool) -> list[Topic]:
        """n topics this document has not printed yet (the same number printed twice would be one
        truth row)."""
        pool = [t for t in pool if t.wordings[0] not in self.used]
        chosen = self.rng.sample(pool, min(n, len(pool)))
        self.used.update(t.wordings[0] for t in chosen)
        return chosen

    # -- periods
    def months(self, n: int) -> list[Period]:
        y, m = self.rdate.year, self.rdate.month
        return [P.month(*P.shift(y, m, k - n + 1)) for k in range(n)]

    def fy_months(self) -> list[Period]:
        """April to the report month of the report's financial year."""
        return [
            P.month(*P.shift(self.fy, 4, k))
            for k in range((self.rdate.year - self.fy) * 12 + self.rdate.month - 3)
        ]

    def quarters(self, start_year: int | None = None, upto: bool = True) -> list[Period]:
        a = self.fy if start_year is None else start_year
        qs = [P.quarter(a, q) for q in (1, 2, 3, 4)]
        return [q for q in qs if q.end <= self.rdate] if upto else qs

    def prior_years(self, n: int) -> list[Period]:
        return [P.fy(self.fy - n + k) for k in range(n)]

    def head(self, p: Period) -> str:
        return P.text(p, self.styles[p.type])

    # -- numbers
    def value(self, topic: Topic, period: Period, authority=None, measure: str = "actual") -> float:
        key = (topic.id or topic.wordings[0], period, getattr(authority, "name", ""), measure)
        if key not in self.values:
            v = self.rng.uniform(topic.lo, topic.hi)
            if (
                topic.unit == "count"
                and period.type in ("financial_year", "financial_ytd")
                and not topic.stock
            ):
                v *= (
                    (period.end.year - period.start.year) * 12
                    + period.end.month
                    - period.start.month
                    + 1
                )
            self.values[key] = self.rounded(topic, v)
        return self.values[key]

    def rounded(self, topic: Topic, v: float) -> float:
        """The value as this document prints it."""
        return round(v, self.pct_decimals if topic.unit == "percent" else topic.decimals)

    def number(
        self, v: float, topic: Topic, sign: bool | None = None, decimals: int | None = None
    ) -> str:
        d = (
            (self.pct_decimals if topic.unit == "percent" else topic.decimals)
            if decimals is None
            else decimals
        )
        s = f"{v:,.{d}f}" if self.thousands else f"{v:.{d}f}"
        if topic.unit == "percent" and (self.pct_sign if sign is None else sign):
            s += "%"
        return s

    def obs(
        self, topic: Topic, label: str, measure: str, period: Period, value, authority=None, **kw
    ) -> Obs:
        return Obs(
            authority or self.auth,
            topic.id,
            " ".join(label.split()),
            measure,
            period,
            value,
            topic.unit,
            topic.polarity,
            topic=topic.wordings[0],
            **kw,
        )

    def cell(
        self,
        topic: Topic,
        label: str,
        period: Period,
        measure: str = "actual",
        authority=None,
        markers: float = 0.0,
        tokens: float = 0.0,
        sign: bool | None = None,
    ) -> Cell:
        """A plain value cell (perhaps with a marker or a suppressed token) and its truth row."""
        if self.chance(tokens):
            token = self.pick(SUPPRESSED)
            return Cell(
                token,
                [self.obs(topic, label, measure, period, None, authority, note=token, scored=0)],
                align="R",
            )
        v = self.value(topic, period, authority, measure)
        text, note = self.number(v, topic, sign), ""
        if self.chance(markers):
            mark, note = self.pick(MARKERS)
            text += mark
        return Cell(
            text, [self.obs(topic, label, measure, period, v, authority, note=note)], align="R"
        )

    def count_rate_cell(
        self, count: Topic, rate: Topic, label: str, period: Period, measure="actual"
    ) -> Cell:
        """`1,234 (612.3)`: a count and its rate per 10,000."""
        c, r = self.value(count, period, None, measure), self.value(rate, period, None, measure)
        return Cell(
            f"{self.number(c, count)} ({self.number(r, rate)})",
            [self.obs(count, label, measure, period, c), self.obs(rate, label, measure, period, r)],
            align="R",
        )

    def of_cell(self, topic: Topic, label: str, period: Period, with_pct: bool = True) -> Cell:
        """`45 of 60 (75.0%)`, or `45 of 60` when the percentage is printed in its own cell."""
        den = self.rng.randint(20, 900)
        num = round(den * self.rng.uniform(topic.lo, min(topic.hi, 100)) / 100)
        pct = round(100 * num / den, 1)
        sep = self.pick([" of ", "/"])
        text = f"{num:,}{sep}{den:,}" if self.thousands else f"{num}{sep}{den}"
        o = self.obs(topic, label, "actual", period, pct, numerator=num, denominator=den)
        if with_pct:
            return Cell(f"{text} ({pct:.1f}%)", [o], align="R")
        return Cell(text, [], align="R"), Cell(f"{pct:.1f}%", [o], align="R")

    def target_cell(self, topic: Topic, label: str, kinds=("plain", "plus", "tbc")) -> Cell:
        """A target for the report's financial year, printed in one of the ways councils print
        targets."""
        period = P.fy(self.fy)
        kind = self.pick(kinds)
        if kind == "tbc":
            token = self.pick(["TBC", "Local", "range to be set"])
            return Cell(
                token,
                [self.obs(topic, label, "target", period, None, note=token, scored=0)],
                align="R",
            )
        if kind == "per" and topic.unit == "count":
            v = round(self.value(topic, period, None, "target"))
            text = self.pick(["c. {v} per quarter", "{v} per month", "c. {v} per month"]).format(
                v=v
            )
            return Cell(
                text, [self.obs(topic, label, "target", period, v, note=text, scored=0)], align="R"
            )
        if kind == "range" and topic.unit != "percent":
            lo = round(self.rng.uniform(topic.lo, topic.hi))
            text = f"{lo}-{lo + 6}"
            return Cell(
                text,
                [self.obs(topic, label, "target", period, None, note=text, scored=0)],
                align="R",
            )
        if kind == "plusminus" and topic.unit != "percent":
            v = self.value(topic, period, None, "target")
            return Cell(
                f"+/-{self.rng.randint(2, 9)} of {self.number(v, topic)}",
                [self.obs(topic, label, "target", period, v)],
                align="R",
            )
        v = round(
            self.value(topic, period, None, "target"),
            0 if topic.unit == "percent" else topic.decimals,
        )
        if topic.unit == "percent" and kind == "plus":
            text = self.pick(PCT_TARGETS).format(v=f"{v:.0f}")
        else:
            text = self.number(v, topic, decimals=0 if topic.unit == "percent" else None)
        return Cell(text, [self.obs(topic, label, "target", period, v)], align="R")

    def tolerance_cell(self, topic: Topic, label: str, word: str) -> Cell:
        """A red (or amber) tolerance: a target row scored 0, its text kept in the note."""
        v = round(self.value(topic, P.fy(self.fy), None, word), 0)
        text = (
            (f"<{v:.0f}%" if topic.polarity == "high" else f"{v:.0f}%+")
            if topic.unit == "percent"
            else f"{v:.0f}"
        )
        return Cell(
            text,
            [
                self.obs(
                    topic,
                    label,
                    "target",
                    P.fy(self.fy),
                    v,
                    note=f"{word} tolerance: {text}",
                    scored=0,
                )
            ],
            align="R",
        )

    def bench_cell(self, topic: Topic, label: str, measure: str, period: Period) -> Cell:
        v = self.value(topic, period, None, measure)
        return Cell(self.number(v, topic), [self.obs(topic, label, measure, period, v)], align="R")


def derived(text: str) -> Cell:
    """A printed figure that is not an observation (change, arrow, RAG, rank, average)."""
    return Cell(text, [], align="C", derived=True)


def change_text(doc: Doc, a: float, b: float, kind: str) -> str:
    if kind == "pct":
        return f"{(b - a) / a * 100 if a else 0:+.0f}%"
    if kind == "dot":
        return "↑" if b > a else "↓" if b < a else "→"
    if kind == "rag":
        return doc.pick(["R", "A", "G"])
    return f"{b - a:+.1f}" if isinstance(b, float) and b != int(b) else f"{b - a:+.0f}"


def report_day(doc: Doc) -> date:
    return doc.rdate
