"""Periods as rows, indicators as columns: monthly rows, then outturn, YTD, target and benchmark
rows."""

from __future__ import annotations

from zoo import periods as P
from zoo.build import Doc
from zoo.model import Cell, Table
from zoo.scorecard import Options, area, choose_topics
from zoo.vocab import ENGLAND_HEADERS, SECTIONS, SN_HEADERS, UNIT_WORDS


def _headers(
    doc: Doc, topics, labels, sub: dict, group: bool, codes: bool, units: bool
) -> list[list[Cell]]:
    """Group row, code row, name row, unit row (as chosen); `sub` gives an indicator's sub-column
    heads."""
    first = doc.pick(["Month", "Period", "Date", ""])
    rows = []
    if group:
        names, prev, row = {}, None, [Cell("", header=True)]
        for t in topics:
            a, w = area(t), len(sub.get(t.id or t.wordings[0], [None]))
            if a == prev:
                row[-1].span += w
            else:
                names.setdefault(a, doc.pick(SECTIONS[a]))
                row.append(Cell(names[a], span=w, header=True, bold=True, align="C"))
            prev = a
        rows.append(row)
    if codes:
        rows.append(
            [Cell("", header=True)]
            + [
                Cell(
                    f"{doc.pick(['KPI', 'M', 'PI'])}{i + 1}",
                    span=len(sub.get(t.id or t.wordings[0], [None])),
                    header=True,
                    align="C",
                )
                for i, t in enumerate(topics)
            ]
        )
    rows.append(
        [Cell(first, header=True, bold=True)]
        + [
            Cell(
                labels[i],
                span=len(sub.get(t.id or t.wordings[0], [None])),
                header=True,
                bold=True,
                align="C",
            )
            for i, t in enumerate(topics)
        ]
    )
    subs = [s for t in topics for s in sub.get(t.id or t.wordings[0], [None])]
    if any(s for s in subs):
        rows.append([Cell("", header=True)] + [Cell(s or "", header=True, align="C") for s in subs])
    elif units:
        rows.append(
            [Cell(doc.pick(["Unit", ""]), header=True)]
            + [
                Cell(doc.pick(UNIT_WORDS.get(t.unit, ["No."])), header=True, align="C")
                for t in topics
            ]
        )
    return rows


def table(
    doc: Doc, o: Options, group=True, codes=True, units=True, n_of_n=False, title=""
) -> Table:
    doc.pct_sign = o.pct_sign
    topics = choose_topics(doc, o)
    labels = [doc.wording(t) for t in topics]
    sub = {}
    if n_of_n:
        pcts = [t for t in topics if t.unit == "percent" and t.id]
        for t in pcts[:3]:
            sub[t.id] = [doc.pick(["n of N", "No.", "Number"]) if i == 0 else "%" for i in range(2)]
    rows = _headers(doc, topics, labels, sub, group, codes, units and not sub)
    nhead = len(rows)
    periods = doc.months(o.n_months)
    style = doc.pick(["{yyyy}-{mm}", "{b}-{yy}", "{B} {yyyy}", "{b} {yyyy}", "{mm}/{yyyy}"])
    body = [(P.month_text(p, style), p, "actual") for p in periods]
    if o.periods == "outturn_months":
        body = [(doc.head(p), p, "actual") for p in doc.prior_years(2)] + body
    if o.ytd:
        body.append((doc.head(P.ytd(doc.rdate)), P.ytd(doc.rdate), "actual"))
    if o.target:
        body.append(
            (
                doc.pick(["Target", "Target {a}/{bb}", "{a}-{bb} target"]).format(
                    **P._fy_parts(doc.fy)
                ),
                P.fy(doc.fy),
                "target",
            )
        )
    if o.bench:
        y = P.fy(doc.fy - 1)
        yt = P.fy_text(y, "{a}/{bb}")
        body.append((f"{doc.pick(SN_HEADERS)} {yt}", y, "stat_neighbour_avg"))
        body.append((f"{doc.pick(ENGLAND_HEADERS)} {yt}", y, "england_avg"))
    for head, period, measure in body:
        row = [Cell(head, bold=measure != "actual")]
        for t, lab in zip(topics, labels):
            key = t.id or t.wordings[0]
            if t.stock and period.type == "financial_ytd":
                row += [Cell("") for _ in sub.get(key, [None])]
            elif measure == "target":
                row += ([Cell("")] if key in sub else []) + [doc.target_cell(t, lab)]
            elif measure != "actual":
                row += ([Cell("")] if key in sub else []) + [
                    doc.bench_cell(t, lab, measure, period)
                ]
            elif key in sub:
                if sub[key][0] == "n of N":
                    row += list(doc.of_cell(t, lab, period, with_pct=False))
                else:
                    pct = doc.cell(t, lab, period)
                    v = pct.obs[0].value
                    den = doc.rng.randint(40, 900)
                    num = round(den * v / 100)
                    cnt = doc.obs(t, lab, "actual", period, num, scored=0)
                    cnt.indicator_id, cnt.unit = "", "count"
                    row += [Cell(f"{num:,}" if doc.thousands else str(num), [cnt], align="R"), pct]
            else:
                row.append(doc.cell(t, lab, period, markers=o.markers, tokens=o.tokens))
        rows.append(row)
    return Table(rows, header_rows=nhead, ruling=o.ruling, title=title)


def years_table(doc: Doc, o: Options, title="") -> Table:
    """Financial years down the rows, indicators across."""
    doc.pct_sign = o.pct_sign
    topics = choose_topics(doc, o)
    labels = [doc.wording(t) for t in topics]
    rows = [
        [Cell(doc.pick(["Year", "Financial year", ""]), header=True, bold=True)]
        + [Cell(label, header=True, bold=True, align="C") for label in labels]
    ]
    years = doc.prior_years(doc.rng.randint(4, 6))
    for y in years:
        rows.append(
            [Cell(doc.head(y))]
            + [doc.cell(t, label, y, tokens=o.tokens) for t, label in zip(topics, labels)]
        )
    if o.bench:
        y = years[-1]
        for h, m in (
            (doc.pick(SN_HEADERS), "stat_neighbour_avg"),
            (doc.pick(ENGLAND_HEADERS), "england_avg"),
        ):
            rows.append(
                [Cell(f"{h} {P.fy_text(y, '{a}/{bb}')}", bold=True)]
                + [doc.bench_cell(t, label, m, y) for t, label in zip(topics, labels)]
            )
    return Table(rows, header_rows=1, ruling=o.ruling, title=title)
