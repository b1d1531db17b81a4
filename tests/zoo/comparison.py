"""Benchmarking packs: authorities as rows (one indicator per table) or as columns."""

from __future__ import annotations

from zoo import periods as P
from zoo import places
from zoo.build import Doc, derived
from zoo.model import Cell, Table
from zoo.vocab import ENGLAND_HEADERS, REGION_NAMES, SN_HEADERS, Topic


def short(doc: Doc, a) -> str:
    """The name as a pack prints it: official, a variant, or the first part of "Bristol, City
    of"."""
    if "," in a.name and doc.chance(0.5):
        return a.name.split(",")[0]
    return a.variants[0] if a.variants and doc.chance(0.4) else a.name


def authority_rows(
    doc: Doc,
    topic: Topic,
    ruling: str,
    years: int = 4,
    regions: bool = False,
    change: bool = True,
    rank: bool = True,
    tokens: float = 0.0,
) -> tuple[str, Table]:
    """One indicator: the authority and its neighbours by row, years across; SN average, region and
    England."""
    label = doc.wording(topic)
    yrs = doc.prior_years(years)
    code_head = doc.pick(["LA code", "DfE", "LA", "Code"])
    heads = [code_head, doc.pick(["Local authority", "Authority", "LA name"])] + [
        doc.head(y) for y in yrs
    ]
    heads += (["Change"] if change else []) + (["Rank"] if rank else [])
    rows = [[Cell(h, header=True, bold=True, align="C") for h in heads]]
    members = [doc.auth] + places.neighbours(doc.auth)[: doc.rng.randint(5, 8)]
    doc.rng.shuffle(members)
    values = {}
    for a in members:
        values[a.name] = [doc.value(topic, y, a) for y in yrs]
    order = sorted(members, key=lambda a: (a.region_name, a.name)) if regions else members
    region = None
    ranks = {
        a.name: i + 1 for i, a in enumerate(sorted(members, key=lambda a: -values[a.name][-1]))
    }
    for a in order:
        if regions and a.region_name != region:
            region = a.region_name
            rows.append([Cell(region, bold=True, span=len(heads), fill="E8E8E8")])
        row = [Cell(a.old_la_code), Cell(short(doc, a), bold=a is doc.auth)]
        for y, v in zip(yrs, values[a.name]):
            if doc.chance(tokens):
                tok = doc.pick(["c", "x", "..", "n/a"])
                row.append(
                    Cell(
                        tok,
                        [doc.obs(topic, label, "actual", y, None, a, note=tok, scored=0)],
                        align="R",
                    )
                )
            else:
                row.append(
                    Cell(
                        doc.number(v, topic), [doc.obs(topic, label, "actual", y, v, a)], align="R"
                    )
                )
        if change:
            row.append(derived(f"{values[a.name][-1] - values[a.name][-2]:+.{topic.decimals}f}"))
        if rank:
            row.append(derived(str(ranks[a.name])))
        rows.append(row)
    others = [a for a in members if a is not doc.auth]
    bench = [
        (
            doc.pick(SN_HEADERS),
            "stat_neighbour_avg",
            lambda i: doc.rounded(topic, sum(values[a.name][i] for a in others) / len(others)),
        ),
        (
            doc.pick(REGION_NAMES.get(doc.auth.region_name, [doc.auth.region_name])),
            "region_avg",
            None,
        ),
        (doc.pick(ENGLAND_HEADERS), "england_avg", None),
    ]
    for name, measure, fn in bench:
        row = [Cell(""), Cell(name, bold=True)]
        for i, y in enumerate(yrs):
            v = fn(i) if fn else doc.value(topic, y, None, measure)
            row.append(
                Cell(doc.number(v, topic), [doc.obs(topic, label, measure, y, v)], align="R")
            )
        row += [derived("")] * (change + rank)
        rows.append(row)
    return label, Table(rows, header_rows=1, ruling=ruling, title=label)


def authority_columns(doc: Doc, topics: list[Topic], ruling: str) -> Table:
    """Indicators down, the authority, its neighbours, SN average and England across, for one stated
    year."""
    year = P.fy(doc.fy - 1)
    members = [doc.auth] + places.neighbours(doc.auth)[: doc.rng.randint(3, 5)]
    heads = (
        [doc.pick(["Indicator", "Measure", ""])]
        + [short(doc, a) for a in members]
        + [doc.pick(SN_HEADERS), doc.pick(ENGLAND_HEADERS)]
    )
    rows = [[Cell(h, header=True, bold=True, align="C") for h in heads]]
    for t in topics:
        label = doc.wording(t)
        row = [Cell(label)]
        vals = []
        for a in members:
            v = doc.value(t, year, a)
            vals.append(v)
            row.append(Cell(doc.number(v, t), [doc.obs(t, label, "actual", year, v, a)], align="R"))
        sn = doc.rounded(t, sum(vals[1:]) / len(vals[1:]))
        row.append(
            Cell(doc.number(sn, t), [doc.obs(t, label, "stat_neighbour_avg", year, sn)], align="R")
        )
        e = doc.value(t, year, None, "england_avg")
        row.append(Cell(doc.number(e, t), [doc.obs(t, label, "england_avg", year, e)], align="R"))
        rows.append(row)
    cap = doc.pick(
        [
            "Comparison with statistical neighbours, {y}",
            "{y} outturn: how we compare",
            "Benchmarking {y} (published data)",
        ]
    )
    return Table(
        rows,
        header_rows=1,
        ruling=ruling,
        title=cap.format(y=P.fy_text(year, doc.pick(["{a}/{bb}", "{a}-{bb}"]))),
    )
