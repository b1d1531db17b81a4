"""The pack as one accessible HTML document (headings, table headers, alt text), which Chromium
prints to PDF. Every text from a document or a user is escaped."""

from __future__ import annotations

import base64
from html import escape

from analyses.ranking import standing
from analyses.style import DIRECTIONS, NOT_JUDGED, RAG
from pack.assemble import Pack, Section
from pack.columns import Column, cell_text, month_header, summary_columns
from pack.figure import Figure, figure

TINTS = {"green": "#d4eee6", "amber": "#fbe8c2", "red": "#f6d5c2"}
STYLE = """
@page { size: A4 landscape; margin: 11mm 10mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #000; }
h1 { font-size: 20pt; margin: 0 0 6mm; } h2 { font-size: 13pt; margin: 0 0 3mm; } h3 { font-size:
10pt; margin: 3mm 0 1mm; }
table { border-collapse: collapse; margin: 1mm 0 3mm; }
table.summary { width: 100%; } tr { break-inside: avoid; }
th.label { min-width: 58mm; } td.word { white-space: nowrap; }
th, td { border: 0.7pt solid #000; padding: 1.2mm 1.2mm; vertical-align: top; }
thead th { background: #e8e8e8; font-weight: bold; }
td.number { text-align: right; white-space: nowrap; }
th[scope=row] { text-align: left; font-weight: normal; max-width: 62mm; }
section.indicator { break-before: page; }
img { width: 100%; max-height: 80mm; object-fit: contain; object-position: left; }
p.small, li { font-size: 8pt; }
"""


def pack_html(pack: Pack, pngs: dict[str, bytes]) -> str:
    """The whole pack; `pngs` holds each indicator's chart image."""
    parts = [_cover(pack)] if "cover" in pack.template.sections else []
    if "summary" in pack.template.sections:
        parts.append(_summary(pack))
    if "indicators" in pack.template.sections:
        parts += [_section(s, pngs.get(s.row.indicator_id), pack.year) for s in pack.sections]
    return (
        '<!doctype html><html lang="en-GB"><head><meta '
        f'charset="utf-8"><title>{escape(pack.title)}</title>'
        f"<style>{STYLE}</style></head><body>{''.join(parts)}</body></html>"
    )


def _cover(pack: Pack) -> str:
    contents = "".join(f"<li>{escape(s.title)}</li>" for s in pack.sections)
    key = (
        ", ".join(f"{w} {s}" for w, s, _, _ in RAG.values()) + f", {NOT_JUDGED[0]} {NOT_JUDGED[1]}"
    )
    arrows = ", ".join(f"{word} {arrow}" for word, arrow in DIRECTIONS.items())
    return (
        f"<section><h1>{escape(pack.title)}</h1>"
        f"<p>Report month: {pack.month:%B %Y}. Prepared by perfbooks on "
        f"{escape(pack.made_at)} from "
        f"{escape(', '.join(pack.sources) or 'no reports')} and the DfE's and ONS's published "
        "figures.</p>"
        f"<h2>What is inside</h2><ol><li>Summary of {len(pack.sections)} "
        f"indicators</li>{contents}</ol>"
        f"<h2>How to read it</h2><ul><li>RAG is a word and a symbol: {escape(key)}.</li>"
        f"<li>Direction of travel (DoT) since last month, by polarity: {escape(arrows)}.</li>"
        f"<li>Benchmarks are the published figures for {escape(pack.year)}, the last complete "
        "financial year: "
        "the statistical neighbour average (DfE 2021 list), England, the region and the "
        "national quartile band "
        f"(A best).</li><li>{Figure(None).shown} marks a figure that is missing; each "
        "indicator's page says why. "
        f"Nothing missing is filled in.</li></ul></section>"
    )


def _summary(pack: Pack) -> str:
    columns = summary_columns(pack.rows, pack.year)
    head = "".join(f'<th scope="col">{escape(c.header)}</th>' for c in columns)
    body = "".join(_summary_row(row, columns) for row in pack.rows)
    return (
        f'<section class="indicator"><h2>Summary, {pack.month:%B %Y}</h2>'
        "<table "
        f'class="summary"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>'
    )


def _summary_row(row, columns: list[Column]) -> str:
    cells = [f'<th scope="row" class="label">{escape(row.label)}</th>']
    for column in columns[1:]:
        value = column.cell(row)
        tint = (
            f' style="background:{TINTS[row.rag]}"'
            if column.kind == "rag" and row.rag in TINTS
            else ""
        )
        cls = (
            ' class="number"'
            if column.kind == "number"
            else ' class="word"'
            if column.kind in ("rag", "direction")
            else ""
        )
        cells.append(f"<td{cls}{tint}>{escape(cell_text(value))}</td>")
    return f"<tr>{''.join(cells)}</tr>"


def _section(section: Section, png: bytes | None, year: str) -> str:
    row = section.row
    image = (
        (
            f'<img alt="{escape(section.alt)}" '
            f'src="data:image/png;base64,{base64.b64encode(png).decode()}">'
        )
        if png
        else f"<p>{escape(section.alt)}</p>"
    )
    return (
        f'<section class="indicator"><h2>{escape(section.title)}</h2>{image}'
        f"<h3>Figures by month</h3>{_months_table(section)}"
        f"<h3>Latest figure against each comparator</h3><ul>{''.join(_against(row, year))}</ul>"
        f"<h3>Commentary</h3><p>{escape(section.commentary)}</p>{_gaps(row)}</section>"
    )


def _months_table(section: Section) -> str:
    months = section.table
    head = "".join(f'<th scope="col">{escape(month_header(m))}</th>' for m in section.months)
    cells = "".join(
        f'<td class="number">{escape(figure(v, section.row.unit, "", "").shown)}</td>'
        for v in months["value"]
    )
    return (
        f'<table><thead><tr><th scope="col">Indicator</th>{head}</tr></thead>'
        "<tbody><tr><th "
        f'scope="row">{escape(section.row.label)}</th>{cells}</tr></tbody></table>'
    )


def _against(row, year: str) -> list[str]:
    month, now = row.months[-1]
    items = [
        f"<li>{month:%B %Y}: {escape(now.shown)}; RAG {escape(row.rag_label)}; direction of travel "
        f"{escape(row.direction_label)}.</li>"
    ]
    items.append(
        f"<li>Target: {escape(row.target.shown)}; red tolerance: {escape(row.red.shown)}.</li>"
    )
    for measure, label in (
        ("stat_neighbour_avg", "Statistical neighbour average"),
        ("england_avg", "England"),
        ("region_avg", "Region"),
    ):
        bench = row.comparators[measure]
        items.append(
            f"<li>{label} {escape(year)}: "
            f"{escape(bench.shown)}{escape(versus(row, now, bench, month))}.</li>"
        )
    items.append(f"<li>National quartile band {escape(year)}: {escape(row.band.shown)}.</li>")
    return items


def versus(row, now: Figure, bench: Figure, month) -> str:
    """'; January 2017 is 6.4 higher (worse)', or '' when either figure is missing."""
    if now.missing or bench.missing:
        return ""
    gap = now.value - float(bench.shown.replace(",", "").rstrip("%"))
    if round(gap, 1) == 0:
        return f"; {month:%B %Y} is the same"
    said = standing(now.value, now.value - gap, row.polarity)
    judged = f" ({said})" if said in ("better", "worse") else ""
    return (
        f"; {month:%B %Y} is {Figure(abs(gap), row.unit, decimals=1).shown} "
        f"{'higher' if gap > 0 else 'lower'}{judged}"
    )


def _gaps(row) -> str:
    missing = [(name, f) for name, f in named_figures(row) if f.missing]
    if not missing:
        return ""
    items = "".join(f"<li>{escape(name)}: {escape(f.gap)}.</li>" for name, f in missing)
    return f"<h3>Missing figures</h3><ul>{items}</ul>"


def named_figures(row) -> list[tuple[str, Figure]]:
    """Every Figure of a summary row with its column's name."""
    named = [(f"{m:%b %Y}", f) for m, f in row.months] + [
        ("Year to date", row.ytd),
        ("Target", row.target),
        ("Red tolerance", row.red),
    ]
    named += [(f"{y} outturn", f) for y, f in row.outturns]
    named += [
        (h, row.comparators[m])
        for m, h in (
            ("stat_neighbour_avg", "Statistical neighbour average"),
            ("england_avg", "England"),
            ("region_avg", "Region"),
        )
    ]
    return named + [("Quartile band", row.band)]
