"""One small table per indicator (exception reports) and the quarterly board report."""

from __future__ import annotations

from zoo import periods as P
from zoo.build import Doc, derived
from zoo.model import Cell, Para, Table
from zoo.vocab import ENGLAND_HEADERS, NARRATIVE, SN_HEADERS, TOPICS, Topic


def commentary(doc: Doc) -> Para:
    return Para(
        " ".join(
            doc.pick(NARRATIVE).format(n=doc.rng.randint(3, 90))
            for _ in range(doc.rng.randint(1, 3))
        )
    )


def indicator_table(
    doc: Doc,
    topic: Topic,
    ruling: str,
    number: int,
    bench: bool = True,
    tokens: float = 0.0,
    count_rate: bool = False,
) -> Table:
    """Title above; prior years, quarters under the financial year, target; performance, benchmark
    and DoT rows."""
    numbered = doc.styles.setdefault("numbered", doc.chance(0.5))
    qstyle = doc.styles.setdefault("qhead", doc.pick(["Q{q}", "Qtr {q}", "Quarter {q}"]))
    title = f"{number}. {doc.wording(topic)}" if numbered else doc.wording(topic)
    label = " ".join(title.split(". ", 1)[-1].split()) if title[0].isdigit() else title
    years = doc.prior_years(2)
    qs = doc.quarters()
    if not qs:
        qs = doc.quarters(doc.fy - 1)
    qyear = P.fy_of(qs[0].start)
    years = [y for y in years if y.start.year < qyear]
    fyh = P.fy_text(P.fy(qyear), doc.pick(["{a}/{bb}", "{a}-{bb}"]))
    top = (
        [Cell("", header=True)]
        + [Cell("", header=True) for _ in years]
        + [Cell(fyh, span=len(qs), header=True, bold=True, align="C"), Cell("", header=True)]
    )
    head = [Cell("", header=True)] + [
        Cell(doc.head(y), header=True, bold=True, align="C") for y in years
    ]
    head += [
        Cell(qstyle.format(q=i + 1), header=True, bold=True, align="C") for i in range(len(qs))
    ]
    head += [
        Cell(
            doc.pick(["Target", "Target {a}/{bb}"]).format(**P._fy_parts(qyear)),
            header=True,
            bold=True,
            align="C",
        )
    ]
    rows = [top, head]
    rate = (
        next((t for t in TOPICS if t.id == topic.rate), None) if count_rate and topic.rate else None
    )
    perf = [Cell(doc.pick(["Performance", "Actual", "No. (Rate)" if rate else "Value"]))]
    for p in years + qs:
        if rate:
            perf.append(doc.count_rate_cell(topic, rate, label, p))
        else:
            perf.append(doc.cell(topic, label, p, tokens=tokens))
    perf.append(doc.target_cell(topic, label, ("plain", "plus", "tbc")) if not rate else Cell(""))
    tgt_fy = P.fy(qyear)
    for o in perf[-1].obs:
        o.period = tgt_fy
    rows.append(perf)
    if bench:
        for name, m in (
            (doc.pick(SN_HEADERS), "stat_neighbour_avg"),
            (doc.pick(ENGLAND_HEADERS), "england_avg"),
        ):
            row = [Cell(name)]
            for y in years:
                row.append(doc.bench_cell(topic, label, m, y))
            row += [Cell("") for _ in qs] + [Cell("")]
            rows.append(row)
    dot = [Cell(doc.pick(["DoT", "Direction of travel", "Trend"]))] + [derived("") for _ in years]
    dot += [derived(doc.pick(["↑", "↓", "→"])) for _ in qs] + [derived("")]
    rows.append(dot)
    return Table(rows, header_rows=2, ruling=ruling, title=title)
