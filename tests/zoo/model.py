"""What a generated report is made of: blocks of text and tables whose cells carry the truth they
print."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Period:
    """A period as the contract writes it: type, first and last day."""

    type: str
    start: date
    end: date


@dataclass
class Obs:
    """One truth row: a number (or a note) a data cell prints, with everything the contract asks
    for."""

    authority: object  # authorities.Authority
    indicator_id: str
    label: str
    measure: str
    period: Period
    value: float | None
    unit: str
    polarity: str
    numerator: float | None = None
    denominator: float | None = None
    note: str = ""
    scored: int = 1
    topic: str = ""  # which indicator printed it (a printed-twice number is one row)


@dataclass
class Cell:
    """A printed cell: its text, the truth rows it prints, and how it looks.

    `value`/`fmt` are what a workbook stores (a number, a date) when it is not the text itself.
    """

    text: str = ""
    obs: list[Obs] = field(default_factory=list)
    span: int = 1
    rowspan: int = 1  # a cell spanning rows (a section name down the side): the rows below omit it
    bold: bool = False
    fill: str = ""  # RRGGBB
    align: str = "L"
    derived: bool = False
    value: object = None
    fmt: str = ""
    header: bool = False


@dataclass
class Table:
    """A grid of cell rows (a spanning cell covers `span` columns) and how it is ruled and
    captioned."""

    rows: list[list[Cell]]
    header_rows: int = 1
    ruling: str = "all"  # all | horizontal | zebra | none
    title: str = ""
    note: str = ""
    repeat_header: bool = False
    hidden: set[int] = field(default_factory=set)  # workbook helper columns (not printed elsewhere)
    native: bool = False  # workbook: month headers as dates, percentages as fractions

    @property
    def width(self) -> int:
        return max(sum(c.span for c in row) for row in self.rows)

    def obs(self) -> list[Obs]:
        return [o for row in self.rows for c in row for o in c.obs]


@dataclass
class Heading:
    text: str


@dataclass
class Para:
    text: str


@dataclass
class Side:
    """Two tables printed side by side."""

    left: Table
    right: Table


@dataclass
class Break:
    """A new page (a new sheet in a workbook), optionally a landscape page printed rotated."""

    sheet: str = ""
    rotated: bool = False


@dataclass
class Report:
    """One generated document."""

    family: str
    authority: object
    report_date: date
    blocks: list
    landscape: bool = False
    stem: str = ""
    page: str = "A4"

    def tables(self) -> list[Table]:
        out = []
        for b in self.blocks:
            out += [b] if isinstance(b, Table) else [b.left, b.right] if isinstance(b, Side) else []
        return out

    def obs(self) -> list[Obs]:
        return [o for t in self.tables() for o in t.obs()]

    def dedupe(self) -> None:
        """A number printed twice (summary and detail) is one truth row, kept where it is first
        printed."""
        seen = set()
        for t in self.tables():
            for row in t.rows:
                for c in row:
                    keep = []
                    for o in c.obs:
                        k = (o.authority.name, o.topic, o.unit, o.measure, o.period, o.value)
                        if k not in seen or o.value is None:
                            keep.append(o)
                            seen.add(k)
                    c.obs = keep
