"""Periods as columns, indicators as rows: the scorecard and its many options."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zoo import periods as P
from zoo.build import Doc, change_text, derived
from zoo.model import Cell, Heading, Para, Period, Table
from zoo.vocab import (
    AS_AT_LINES,
    ENGLAND_HEADERS,
    KINDS,
    POLARITY_HEADERS,
    POLARITY_WORDS,
    REGION_NAMES,
    SECTIONS,
    SN_HEADERS,
    TARGET_HEADERS,
    TITLES,
    TOPICS,
    UNIT_WORDS,
    Topic,
)

AREAS = [
    ("contacts", "front_door"),
    ("referrals", "front_door"),
    ("re_referrals", "front_door"),
    ("assessments", "assessment"),
    ("s47", "child_protection"),
    ("icpc", "child_protection"),
    ("cpp", "child_protection"),
    ("cin", "child_protection"),
    ("cla", "looked_after"),
    ("adoption", "looked_after"),
    ("care_leavers", "care_leavers"),
    ("caseload", "workforce"),
]


def area(topic: Topic) -> str:
    return (
        next((a for prefix, a in AREAS if topic.id.startswith(prefix)), "other")
        if topic.id
        else "other"
    )


@dataclass
class Col:
    kind: str  # label code unit polarity period target red amber bench derived
    head: str = ""
    top: str = ""
    period: Period | None = None
    measure: str = ""
    dkind: str = ""
    future: bool = False  # a month still to come: printed blank


@dataclass
class Options:
    ruling: str = "all"
    periods: str = "months"  # months | months_fy | quarters_fy | fy | outturn_months
    n_months: int = 6
    ytd: bool = False
    wrap_labels: bool = False
    wrap_months: bool = False
    sections: bool = False
    code: bool = False
    unit: bool = False
    polarity: bool = False
    target: bool = False
    target_kinds: tuple = ("plain", "plus")
    tolerance: bool = False
    bench: str = ""  # '' | header | group | note | none
    derived: tuple = ()
    markers: float = 0.0
    tokens: float = 0.0
    count_rate: bool = False
    of_pct: bool = False
    footnote: bool = False
    pct_sign: bool = True
    n_topics: int = 9
    future_blank: bool = False
    section_col: bool = False
    # an "As at 31/03/yyyy" column before the months  # the section name in a first column spanning
    # its rows
    snapshot: bool = False
    provisional: float = 0.0  # chance that the latest month's header carries "(p)"
    topics: list = field(default_factory=list)


def title_blocks(doc: Doc, kind: str | None = None) -> list:
    a = doc.auth.variants[0] if doc.auth.variants and doc.chance(0.3) else doc.auth.name
    title = doc.pick(TITLES).format(a=a, kind=kind or doc.pick(KINDS))
    d = doc.rdate
    line = doc.pick(AS_AT_LINES).format(B=P.MONTH_NAMES[d.month - 1], yyyy=d.year, d=d.day)
    return [Heading(title), Para(line)]


def period_cols(doc: Doc, o: Options) -> list[Col]:
    cols: list[Col] = []
    if o.periods in ("outturn_months", "fy"):
        for p in doc.prior_years(3 if o.periods == "fy" else 2):
            cols.append(Col("period", doc.head(p), period=p))
    if o.snapshot:
        p = P.as_at(date(doc.fy - 1, 3, 31))  # a year before the months shown
        cols.append(Col("period", doc.head(p), period=p))
    if o.periods in ("months", "outturn_months"):
        for p in doc.months(o.n_months):
            h = P.month_text(p, "{b}\n{yyyy}") if o.wrap_months else doc.head(p)
            cols.append(Col("period", h, period=p))
        if doc.chance(o.provisional):
            cols[-1].head += doc.pick([" (p)", "*", " (prov)"])
    if o.periods == "months_fy":
        style = doc.pick(["{a}/{bb}", "{a}-{bb}", "FY {a}/{bb}"])
        names = doc.pick([P.MONTHS, P.MONTH_NAMES])
        months = doc.months(o.n_months)
        if o.future_blank:
            while months[-1].start.month != 3:
                months.append(P.month(*P.shift(months[-1].start.year, months[-1].start.month, 1)))
        for p in months:
            cols.append(
                Col(
                    "period",
                    names[p.start.month - 1],
                    top=P.fy_text(P.fy(P.fy_of(p.start)), style),
                    period=p,
                    future=p.end > doc.rdate,
                )
            )
    if o.periods == "quarters_fy":
        style = doc.pick(["{a}/{bb}", "{a}-{bb}", "{aa}/{bb}"])
        qstyle = doc.pick(["Q{q}", "Qtr {q}", "Quarter {q}"])
        for a in (doc.fy - 1, doc.fy):
            for q in doc.quarters(a):
                cols.append(
                    Col(
                        "period",
                        qstyle.format(q=(q.start.month - 4) % 12 // 3 + 1),
                        top=P.fy_text(P.fy(a), style),
                        period=q,
                    )
                )
    if o.ytd:
        cols.append(Col("period", doc.head(P.ytd(doc.rdate)), period=P.ytd(doc.rdate)))
    return cols


def bench_cols(doc: Doc, o: Options) -> tuple[list[Col], str]:
    if not o.bench:
        return [], ""
    year = P.fy(doc.fy - 1)
    ytext = P.fy_text(year, doc.pick(["{a}/{bb}", "{a}-{bb}", "{aa}-{bb}"]))
    period = year if o.bench != "none" else P.month(doc.rdate.year, doc.rdate.month)
    region = doc.pick(REGION_NAMES.get(doc.auth.region_name, [doc.auth.region_name]))
    heads = [
        (doc.pick(SN_HEADERS), "stat_neighbour_avg"),
        (doc.pick(ENGLAND_HEADERS), "england_avg"),
        (region, "region_avg"),
    ]
    if doc.chance(0.4):
        heads.insert(
            1, (doc.pick(["Best SN", "SN best", "Best stat. neighbour"]), "stat_neighbour_best")
        )
    if doc.chance(0.4):
        heads.append(
            (
                doc.pick(["Top quartile", "England top quartile", "Eng top 25%"]),
                "england_top_quartile",
            )
        )
    top = (
        doc.pick(["Latest benchmarking {y}", "Benchmarks ({y})", "Comparators {y}"]).format(y=ytext)
        if o.bench == "group"
        else ""
    )
    cols = [
        Col(
            "bench", f"{h} {ytext}" if o.bench == "header" else h, top=top, period=period, measure=m
        )
        for h, m in heads
    ]
    note = (
        doc.pick(
            [
                "Benchmarks: {y} published data.",
                "Comparator figures are for {y}.",
                "Benchmarking data relate to {y}.",
            ]
        ).format(y=ytext)
        if o.bench == "note"
        else ""
    )
    return cols, note


def columns(doc: Doc, o: Options) -> tuple[list[Col], str]:
    cols = [Col("label", doc.pick(["Indicator", "Measure", "Performance indicator", "KPI", ""]))]
    if o.code:
        cols.insert(doc.pick([0, 1]), Col("code", doc.pick(["Ref", "Code", "No.", "KPI ref"])))
    if o.unit:
        cols.append(Col("unit", doc.pick(["Unit", "Type", "Measure type"])))
    if o.polarity:
        cols.append(Col("polarity", doc.pick(POLARITY_HEADERS)))
    cols += period_cols(doc, o)
    for k in o.derived:
        cols.append(
            Col(
                "derived",
                {
                    "change": doc.pick(["Change", "+/-", "Change on last month"]),
                    "pct": doc.pick(["% change", "% chg"]),
                    "dot": doc.pick(["DoT", "Trend", "Direction"]),
                    "rag": "RAG",
                    "avg": doc.pick(["12 month average", "12-mth avg"]),
                    "max": "12-mnth max",
                }[k],
                dkind=k,
            )
        )
    if o.target:
        cols.append(
            Col("target", doc.pick(TARGET_HEADERS).format(fy=P.fy_text(P.fy(doc.fy), "{a}/{bb}")))
        )
    if o.tolerance:
        cols += [Col("red", "Red"), Col("amber", "Amber")]
    bc, note = bench_cols(doc, o)
    return cols + bc, note


def header_rows(cols: list[Col], bold=True) -> list[list[Cell]]:
    rows = []
    if any(c.top for c in cols):
        top: list[Cell] = []
        prev = None
        for c in cols:
            if c.top and prev is not None and c.top == prev and top[-1].text == c.top:
                top[-1].span += 1
            else:
                top.append(Cell(c.top, bold=bold, header=True, align="C"))
            prev = c.top
        rows.append(top)
    rows.append(
        [
            Cell(
                c.head,
                bold=bold,
                header=True,
                align="C" if c.kind != "label" else "L",
                value=c.period if c.kind == "period" else None,
            )
            for c in cols
        ]
    )
    return rows


def wrap(text: str, doc: Doc) -> str:
    """Break a long label over 2-4 lines."""
    words = text.split()
    if len(words) < 4:
        return text
    lines = doc.rng.randint(2, min(4, len(words) // 2 + 1))
    per = -(-len(words) // lines)
    return "\n".join(" ".join(words[i : i + per]) for i in range(0, len(words), per))


def label_of(doc: Doc, topic: Topic, o: Options, kind: str) -> str:
    w = doc.wording(topic)
    if kind == "count_rate":
        w += doc.pick([" - number (rate per 10,000)", " no. (rate per 10k)", " (number and rate)"])
    if o.wrap_labels and doc.chance(0.7):
        w = doc.pick(
            [
                w
                + " ("
                + doc.pick(
                    [
                        "rolling 12 months",
                        "in the reporting month",
                        "snapshot at month end",
                        "as recorded on the case management system",
                    ]
                )
                + ")",
                w,
            ]
        )
    return w


def row_kind(doc: Doc, topic: Topic, o: Options) -> str:
    if o.count_rate and topic.rate and doc.chance(0.8):
        return "count_rate"
    if o.of_pct and topic.unit == "percent" and doc.chance(0.6):
        return "of_pct"
    return "plain"


def row_kinds(doc: Doc, topics: list[Topic], o: Options) -> list[str]:
    """How each row prints its values; a table asked for count-and-rate or `n of N (%)` cells has at
    least one."""
    kinds = [row_kind(doc, t, o) for t in topics]
    for want, fits in (
        ("count_rate", lambda t: o.count_rate and t.rate),
        ("of_pct", lambda t: o.of_pct and t.unit == "percent"),
    ):
        if want not in kinds:
            i = next((i for i, t in enumerate(topics) if fits(t) and kinds[i] == "plain"), None)
            if i is not None:
                kinds[i] = want
    return kinds


def data_row(doc: Doc, topic: Topic, cols: list[Col], o: Options, kind: str) -> list[Cell]:
    label = label_of(doc, topic, o, kind)
    printed = wrap(label, doc) if o.wrap_labels else label
    row, seen = [], []
    for c in cols:
        if c.kind == "label":
            row.append(Cell(printed))
        elif c.kind == "code":
            row.append(
                Cell(
                    doc.pick(["{s}{n}", "{s} {n}", "{n}.{m}"]).format(
                        s=doc.pick(["CP", "LAC", "FD", "NI ", "M", "KPI"]),
                        n=doc.rng.randint(1, 40),
                        m=doc.rng.randint(1, 9),
                    )
                )
            )
        elif c.kind == "unit":
            row.append(
                Cell(
                    doc.pick(UNIT_WORDS.get(topic.unit, ["Number"]))
                    if kind != "count_rate"
                    else "No. (rate)"
                )
            )
        elif c.kind == "polarity":
            row.append(Cell(doc.pick(POLARITY_WORDS[topic.polarity])))
        elif c.kind == "period":
            row.append(
                Cell("") if c.future else period_cell(doc, topic, label, c.period, o, kind, seen)
            )
        elif c.kind == "derived":
            row.append(derived_cell(doc, c.dkind, seen))
        elif c.kind == "target":
            row.append(
                doc.target_cell(topic, label, o.target_kinds) if kind != "count_rate" else Cell("")
            )
        elif c.kind in ("red", "amber"):
            row.append(
                doc.tolerance_cell(topic, label, c.kind.title())
                if topic.unit == "percent"
                else Cell("")
            )
        elif c.kind == "bench":
            row.append(
                doc.bench_cell(topic, label, c.measure, c.period)
                if kind == "plain" and doc.chance(0.85)
                else Cell(doc.pick(["", "-"]))
            )
    return row


def period_cell(
    doc: Doc, topic: Topic, label: str, period: Period, o: Options, kind: str, seen: list
) -> Cell:
    if topic.stock and period.type == "financial_ytd":
        return Cell("")
    if kind == "count_rate":
        cell = doc.count_rate_cell(topic, doc_topic(topic.rate), label, period)
    elif kind == "of_pct":
        cell = doc.of_cell(topic, label, period)
    else:
        cell = doc.cell(topic, label, period, markers=o.markers, tokens=o.tokens)
    if cell.obs and cell.obs[0].value is not None and period.type == "month":
        seen.append(cell.obs[0].value)
    return cell


def derived_cell(doc: Doc, kind: str, seen: list) -> Cell:
    if len(seen) < 2:
        return derived("")
    if kind == "rag" and doc.chance(0.5):  # RAG by fill colour only
        cell = derived("")
        cell.fill = doc.pick(["F4B183", "FFE699", "A9D08E"])
        return cell
    if kind == "avg":
        return derived(f"{sum(seen) / len(seen):,.1f}")
    if kind == "max":
        return derived(f"{max(seen):,.1f}".rstrip("0").rstrip("."))
    return derived(change_text(doc, seen[-2], seen[-1], kind))


def doc_topic(tid: str) -> Topic:
    return next(t for t in TOPICS if t.id == tid)


def choose_topics(doc: Doc, o: Options) -> list[Topic]:
    if o.topics:
        return o.topics
    pool = [t for t in TOPICS if t.unit != "rate_per_10k" or not o.count_rate]
    chosen = []
    if o.count_rate:
        chosen += doc.topics(1, [t for t in TOPICS if t.rate])
    if o.of_pct:
        chosen += doc.topics(1, [t for t in TOPICS if t.unit == "percent" and t.id])
    chosen += doc.topics(o.n_topics - len(chosen), pool)
    order = list(SECTIONS)
    return sorted(chosen, key=lambda t: order.index(area(t)))


def table(doc: Doc, o: Options, title: str = "") -> Table:
    doc.pct_sign = o.pct_sign
    cols, note = columns(doc, o)
    rows = header_rows(cols)
    nhead = len(rows)
    current = None
    topics = choose_topics(doc, o)
    footnote_at = doc.rng.randint(1, max(1, len(topics) - 1)) if o.footnote else -1
    kinds = row_kinds(doc, topics, o)
    for i, t in enumerate(topics):
        if o.sections and area(t) != current:
            current = area(t)
            rows.append(
                [Cell(doc.pick(SECTIONS[current]), bold=True, span=len(cols), fill="DDDDDD")]
            )
        rows.append(data_row(doc, t, cols, o, kinds[i]))
        if i == footnote_at:
            rows.append(
                [
                    Cell(
                        doc.pick(
                            [
                                "Note: figures from {m} include {n} late-recorded cases.",
                                "* {n} records awaiting validation; (r) revised since last report.",
                                "Footnote: the {m} figure reflects a system "
                                "change ({n} records moved).",
                            ]
                        ).format(m=P.MONTH_NAMES[doc.rng.randint(0, 11)], n=doc.rng.randint(3, 60)),
                        span=len(cols),
                    )
                ]
            )
    if o.section_col:
        side_sections(doc, rows, nhead, topics)
    return Table(rows, header_rows=nhead, ruling=o.ruling, title=title, note=note)


def side_sections(doc: Doc, rows: list[list[Cell]], nhead: int, topics: list[Topic]) -> None:
    """Put each section's name in a new first column, one cell spanning the section's rows."""
    for r in rows[:nhead]:
        r.insert(
            0,
            Cell(
                doc.pick(["", "Area", "Service"]) if r is rows[nhead - 1] else "",
                header=True,
                bold=True,
            ),
        )
    i = nhead
    for a in dict.fromkeys(area(t) for t in topics):
        n = sum(area(t) == a for t in topics)
        rows[i].insert(0, Cell(doc.pick(SECTIONS[a]), rowspan=n, bold=True, align="C"))
        i += n
