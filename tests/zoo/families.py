"""The layout families: each a function of a seeded document returning its blocks, and the formats
it is made in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zoo import comparison, exception, rows, scorecard
from zoo import periods as P
from zoo.build import Doc
from zoo.model import Break, Cell, Heading, Para, Side
from zoo.scorecard import Options, title_blocks
from zoo.vocab import TOPICS

RULINGS = ("all", "horizontal", "zebra", "none")


@dataclass(frozen=True)
class Family:
    name: str
    about: str
    build: Callable[[Doc], list]
    formats: tuple[str, ...]
    landscape: bool = False


FAMILIES: dict[str, Family] = {}


def family(about: str, formats=("pdf", "xlsx", "csv"), landscape=False):
    def register(fn):
        name = fn.__name__
        FAMILIES[name] = Family(name, about, fn, tuple(formats), landscape)
        return fn

    return register


def card(doc: Doc, **kw) -> list:
    """Title lines and one scorecard table with the options given (the rest drawn per seed)."""
    kw = {"n_months": doc.rng.randint(4, 8), "n_topics": doc.rng.randint(7, 11), **kw}
    o = Options(**kw)
    return title_blocks(doc) + [scorecard.table(doc, o)]


def para(doc: Doc) -> Para:
    return exception.commentary(doc)


@family("periods as columns, every cell ruled", ("pdf", "xlsx", "csv", "docx"))
def ruled_months(doc):
    return card(doc, ruling="all")


@family("horizontal rules only; prior-year columns, months, YTD", ("pdf", "docx", "scan"))
def horizontal_rules(doc):
    return card(doc, ruling="horizontal", periods="outturn_months", ytd=True, provisional=0.5)


@family("zebra shading, no rules; a code column", ("pdf", "xlsx", "scan"))
def zebra(doc):
    return card(doc, ruling="zebra", code=True)


@family("whitespace only: no rules, no shading", ("pdf", "docx", "scan"))
def whitespace(doc):
    return card(doc, ruling="none", polarity=doc.chance(0.5))


@family("long indicator names wrapping over 2-4 lines", ("pdf", "docx", "xlsx"), landscape=True)
def wrapped_labels(doc):
    return card(doc, ruling=doc.pick(RULINGS), wrap_labels=True)


@family("month headers wrapped over two lines (Jun / 2019)", ("pdf", "docx", "xlsx"))
def wrapped_months(doc):
    return card(doc, ruling=doc.pick(("all", "horizontal", "none")), wrap_months=True)


@family("month names under a financial-year grouped header", ("pdf", "xlsx", "csv"), landscape=True)
def months_under_fy(doc):
    return card(
        doc,
        ruling=doc.pick(RULINGS),
        periods="months_fy",
        n_months=doc.rng.randint(8, 14),
        future_blank=doc.chance(0.5),
    )


@family("quarters Q1..Q4 under their financial year", ("pdf", "docx", "csv"))
def quarters_under_fy(doc):
    return card(doc, ruling=doc.pick(RULINGS), periods="quarters_fy")


@family(
    "periods as rows: group, KPI-code, name and unit rows; outturn, YTD, target, benchmark rows",
    ("xlsx", "csv", "pdf"),
    landscape=True,
)
def periods_as_rows(doc):
    o = Options(
        ruling=doc.pick(RULINGS),
        n_months=doc.rng.randint(6, 12),
        n_topics=doc.rng.randint(5, 7),
        periods="outturn_months",
        ytd=True,
        target=True,
        bench="header",
    )
    return title_blocks(doc) + [rows.table(doc, o)]


@family(
    "section rows spanning the table; code and unit columns; % signs left to the unit column",
    ("pdf", "xlsx", "docx"),
)
def sections_units(doc):
    return card(doc, ruling=doc.pick(RULINGS), sections=True, code=True, unit=True, pct_sign=False)


@family(
    "polarity ('Good is') column, targets in many notations, red/amber tolerances",
    ("pdf", "xlsx", "csv"),
    landscape=True,
)
def polarity_targets(doc):
    return card(
        doc,
        ruling=doc.pick(RULINGS),
        polarity=True,
        target=True,
        tolerance=True,
        target_kinds=("plain", "plus", "plusminus", "tbc", "range"),
    )


@family(
    "benchmark columns (SN, England, region) under a grouped header naming the year",
    ("pdf", "xlsx", "docx", "scan"),
    landscape=True,
)
def bench_grouped(doc):
    return card(doc, ruling=doc.pick(RULINGS), bench="group", target=True)


@family(
    "benchmark columns, the year stated in a note under the table; an as-at snapshot column",
    ("pdf", "csv", "docx"),
    landscape=True,
)
def bench_note(doc):
    return card(doc, ruling=doc.pick(RULINGS), bench=doc.pick(("note", "header")), snapshot=True)


@family(
    "prior-year outturn columns ('2018-19 outturn'), months and YTD",
    ("pdf", "xlsx", "csv"),
    landscape=True,
)
def prior_outturn(doc):
    doc.styles["financial_year"] = doc.pick(
        ["{a}-{bb} outturn", "Outturn {a}/{bb}", "{a}/{bb} outturn", "FY {a}/{bb}"]
    )
    return card(doc, ruling=doc.pick(RULINGS), periods="outturn_months", ytd=True, provisional=0.3)


@family(
    "derived columns (change, % change, DoT, RAG, 12-month average) that are not observations",
    ("pdf", "xlsx", "csv"),
    landscape=True,
)
def derived_columns(doc):
    kinds = doc.rng.sample(["change", "pct", "dot", "rag", "avg", "max"], 4)
    return card(
        doc, ruling=doc.pick(RULINGS), derived=tuple(kinds), n_months=doc.rng.randint(6, 12)
    )


@family(
    (
        "values with markers (27.3%*, 1,102 (r)), suppressed tokens (c, DNA, n/k, x), a footnote "
        "row "
        "inside"
    ),
    ("pdf", "csv", "docx"),
)
def markers_tokens(doc):
    return card(doc, ruling=doc.pick(RULINGS), markers=0.12, tokens=0.08, footnote=True)


@family("count-and-rate cells: 1,234 (612.3)", ("pdf", "xlsx", "csv"))
def count_rate(doc):
    return card(doc, ruling=doc.pick(RULINGS), count_rate=True, periods=doc.pick(("months", "fy")))


@family(
    "'n of N' beside '%', a count beside a percentage, '45 of 60 (75.0%)'",
    ("xlsx", "csv", "pdf"),
    landscape=True,
)
def n_of_n(doc):
    o = Options(
        ruling=doc.pick(RULINGS), n_months=doc.rng.randint(5, 9), n_topics=6, ytd=doc.chance(0.5)
    )
    o.topics = doc.topics(4, [t for t in TOPICS if t.unit == "percent" and t.id]) + doc.topics(
        2, [t for t in TOPICS if t.unit == "count"]
    )
    blocks = title_blocks(doc) + [
        rows.table(doc, o, group=False, codes=doc.chance(0.5), units=False, n_of_n=True)
    ]
    o2 = Options(
        ruling=o.ruling,
        n_months=4,
        n_topics=4,
        of_pct=True,
        topics=doc.topics(3, [t for t in TOPICS if t.unit == "percent" and t.id]),
    )
    return blocks + [
        Heading(doc.pick(["Timeliness", "Quality of practice", "Visits and reviews"])),
        scorecard.table(doc, o2),
    ]


@family(
    (
        "benchmarking pack: authorities as rows with DfE codes, grouped by region, years across, "
        "SN/region/England rows, change and rank"
    ),
    ("pdf", "xlsx", "csv", "scan"),
)
def authorities_rows(doc):
    blocks = title_blocks(doc, doc.pick(["Benchmarking Pack", "Comparator Report"]))
    ruling = doc.pick(RULINGS)
    regions = doc.chance(0.5)
    for t in doc.topics(3, [t for t in TOPICS if t.id]):
        label, table = comparison.authority_rows(doc, t, ruling, regions=regions, tokens=0.04)
        table.title = ""
        blocks += [Heading(label), table]
    return blocks


@family(
    (
        "authorities as columns (the authority, its neighbours, SN average, England), the year in "
        "the "
        "caption"
    ),
    ("pdf", "xlsx", "docx"),
)
def authorities_columns(doc):
    table = comparison.authority_columns(
        doc, doc.topics(doc.rng.randint(6, 9), [t for t in TOPICS if t.id]), doc.pick(RULINGS)
    )
    cap, table.title = table.title, ""
    return title_blocks(doc, "Benchmarking Summary") + [Para(cap), table]


@family(
    (
        "exception report: one small table per indicator (prior years, quarters under the year, "
        "target, DoT row), commentary"
    ),
    ("pdf", "docx", "xlsx", "scan"),
)
def exception_report(doc):
    blocks = title_blocks(doc, doc.pick(["Exception Report", "Performance Exceptions"]))
    ruling = doc.pick(RULINGS)
    for i, t in enumerate(doc.topics(doc.rng.randint(3, 5), [t for t in TOPICS if t.id])):
        table = exception.indicator_table(doc, t, ruling, i + 1, count_rate=doc.chance(0.4))
        title, table.title = table.title, ""
        blocks += [Heading(title), table, para(doc)]
    return blocks


@family("two tables side by side", ("pdf", "xlsx", "csv", "docx"), landscape=True)
def side_by_side(doc):
    ruling = doc.pick(RULINGS)
    n = doc.rng.randint(3, 4)
    topics = doc.topics(10, [t for t in TOPICS if t.id])
    left = scorecard.table(
        doc,
        Options(
            ruling=ruling,
            n_months=n,
            topics=scorecard.choose_topics(doc, Options(topics=topics[:5])),
        ),
    )
    right = scorecard.table(doc, Options(ruling=ruling, n_months=n, topics=topics[5:]))
    return title_blocks(doc) + [Side(left, right)]


@family(
    "a long table continued over pages with its header repeated",
    ("pdf", "docx", "xlsx"),
    landscape=True,
)
def continued(doc):
    o = Options(
        ruling=doc.pick(RULINGS),
        n_months=doc.rng.randint(5, 7),
        sections=True,
        n_topics=len(TOPICS),
    )
    table = scorecard.table(doc, o)
    table.repeat_header = True
    return title_blocks(doc) + [table]


@family(
    "stacked tables on one sheet/page, each with a merged title, blank rows between",
    ("xlsx", "csv", "pdf"),
)
def stacked(doc):
    blocks = title_blocks(doc)
    ruling = doc.pick(RULINGS)
    for kind in doc.rng.sample(["months", "quarters_fy", "fy", "outturn_months"], 3):
        t = scorecard.table(
            doc,
            Options(
                ruling=ruling,
                periods=kind,
                n_months=doc.rng.randint(3, 6),
                n_topics=doc.rng.randint(3, 5),
            ),
        )
        t.title = doc.pick(
            [
                "Front door",
                "Assessment and protection",
                "Children in care",
                "Care leavers",
                "Workforce",
                "Early help",
            ]
        ) + doc.pick(["", " - monthly", " summary"])
        blocks.append(t)
    return blocks


@family(
    "small tables among narrative paragraphs (numbers in the prose are not truth)", ("pdf", "docx")
)
def narrative(doc):
    blocks = title_blocks(doc)
    for _ in range(doc.rng.randint(2, 3)):
        blocks += [
            Heading(
                doc.pick(
                    [
                        "Summary",
                        "Front door",
                        "Children in care",
                        "Key messages",
                        "Child protection",
                    ]
                )
            ),
            para(doc),
        ]
        blocks.append(
            scorecard.table(
                doc,
                Options(
                    ruling=doc.pick(RULINGS),
                    n_months=doc.rng.randint(3, 5),
                    n_topics=doc.rng.randint(2, 4),
                ),
            )
        )
        blocks.append(para(doc))
    return blocks


@family(
    "a landscape table on a page printed rotated (/Rotate 90); docx: a landscape section",
    ("pdf", "docx"),
)
def rotated(doc):
    blocks = title_blocks(doc) + [para(doc), Break(rotated=True)]
    blocks.append(
        scorecard.table(
            doc,
            Options(
                ruling=doc.pick(RULINGS),
                n_months=doc.rng.randint(9, 13),
                n_topics=doc.rng.randint(6, 9),
            ),
        )
    )
    return blocks


@family("financial years down the rows, indicators across", ("pdf", "xlsx", "csv", "docx"))
def years_as_rows(doc):
    o = Options(
        ruling=doc.pick(RULINGS), n_topics=doc.rng.randint(4, 6), bench=doc.pick(("header", ""))
    )
    return title_blocks(doc) + [rows.years_table(doc, o)]


@family(
    (
        "workbook specifics: month headers as real dates, % stored as fractions (0.0%), merged "
        "title, "
        "hidden helper columns"
    ),
    ("xlsx",),
)
def xlsx_native(doc):
    blocks = card(doc, ruling=doc.pick(RULINGS), n_topics=doc.rng.randint(7, 10))
    table = blocks[-1]
    table.native = True
    # a merged title row
    table.title = doc.pick(["Key indicators", "Performance summary", "Monthly dashboard"])
    for i, row in enumerate(table.rows):  # a hidden helper column after the labels
        row.insert(
            1,
            Cell("helper", header=True)
            if i < table.header_rows
            else Cell(str(doc.rng.randint(1, 999)), align="R"),
        )
    table.hidden = {1}
    return blocks


@family(
    (
        "quarterly board report: narrative, quarters under the year, count-and-rate, '45 of 60 "
        "(75.0%)', targets such as 95%+"
    ),
    ("pdf", "docx", "csv"),
)
def board_report(doc):
    blocks = title_blocks(doc, doc.pick(["Improvement Board Report", "Quarterly Board Report"]))
    blocks += [Heading("Introduction"), para(doc)]
    ts = [doc.pick([t for t in TOPICS if t.rate])] + doc.topics(
        4, [t for t in TOPICS if t.id and not t.rate and t.unit != "rate_per_10k"]
    )
    o = Options(
        ruling=doc.pick(RULINGS),
        periods="quarters_fy",
        count_rate=True,
        of_pct=True,
        target=True,
        target_kinds=("plus", "plain", "per"),
        topics=scorecard.choose_topics(doc, Options(topics=ts)),
    )
    blocks += [
        Heading(doc.pick(["Performance overview", "Key performance indicators"])),
        scorecard.table(doc, o),
        para(doc),
    ]
    return blocks


@family("a scanned page (image only, no text layer): a small ruled table", ("scan", "pdf"))
def scanned(doc):
    o = Options(
        ruling=doc.pick(("all", "horizontal")),
        n_months=doc.rng.randint(4, 5),
        n_topics=doc.rng.randint(4, 6),
    )
    doc.thousands = True
    o.topics = doc.topics(o.n_topics, [t for t in TOPICS if t.id])
    return title_blocks(doc) + [scorecard.table(doc, o)]


@family(
    (
        "summary table then detail tables repeating its latest figures (printed twice = one truth "
        "row, first label)"
    ),
    ("pdf", "xlsx", "docx"),
)
def summary_detail(doc):
    topics = scorecard.choose_topics(doc, Options(n_topics=doc.rng.randint(5, 7)))
    latest = P.month(doc.rdate.year, doc.rdate.month)
    summary = scorecard.table(
        doc, Options(ruling=doc.pick(RULINGS), n_months=1, topics=topics, target=True)
    )
    summary.title = doc.pick(["Summary", "Headlines", "At a glance"])
    blocks = title_blocks(doc) + [summary]
    for chunk in (topics[: len(topics) // 2], topics[len(topics) // 2 :]):
        detail = scorecard.table(
            doc, Options(ruling=doc.pick(RULINGS), n_months=doc.rng.randint(4, 7), topics=chunk)
        )
        detail.title = (
            doc.pick(["Detail", "Trend", "Monthly detail"])
            + f" ({P.month_text(latest, '{B} {yyyy}')})"
        )
        blocks += [Break(), detail]
    return blocks


@family(
    "several sheets (pages): a scorecard sheet, then a sheet of months down the rows",
    ("xlsx", "pdf", "docx"),
)
def several_sheets(doc):
    ruling = doc.pick(RULINGS)
    first = scorecard.table(
        doc, Options(ruling=ruling, n_months=doc.rng.randint(3, 6), n_topics=doc.rng.randint(4, 6))
    )
    second = rows.table(
        doc,
        Options(ruling=ruling, n_months=doc.rng.randint(5, 9), n_topics=doc.rng.randint(3, 5)),
        group=doc.chance(0.5),
        codes=doc.chance(0.5),
        units=True,
    )
    return title_blocks(doc) + [
        first,
        Break(sheet=doc.pick(["Trend", "Monthly", "Detail"])),
        Heading(doc.pick(["Monthly trend", "Detail by month"])),
        second,
    ]


@family(
    (
        "section names in a first column, one cell spanning each section's rows (turned upright in "
        "print)"
    ),
    ("xlsx", "pdf", "docx", "csv"),
)
def section_column(doc):
    by_area = {}
    for t in TOPICS:
        by_area.setdefault(scorecard.area(t), []).append(t)
    topics = []
    for a in ("front_door", "child_protection", "looked_after"):
        topics += doc.topics(doc.rng.randint(3, 4), by_area[a])
    return card(doc, ruling=doc.pick(RULINGS), section_col=True, topics=topics)
