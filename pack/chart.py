"""Each indicator's trend chart (from `analyses.charts.trend_chart`) as a PNG, with alt text saying
what it shows."""

from __future__ import annotations

from io import BytesIO

import altair as alt
import pandas as pd

from analyses.charts import trend_chart
from pack.figure import number_text
from pack.summary_rows import Row

WIDTH, HEIGHT, SCALE = 760, 210, 2
COLOURS = 64
LABELS = {
    "stat_neighbour_avg": "Statistical neighbour average",
    "england_avg": "England",
    "region_avg": "Region",
}


def benchmark_frame(row: Row, year: str) -> pd.DataFrame:
    """The row's comparators as the chart's benchmark lines (measure, label, value, period)."""
    held = [
        (m, LABELS[m], f.value, year)
        for m, f in row.comparators.items()
        if m in LABELS and not f.missing
    ]
    return pd.DataFrame(held, columns=["measure", "label", "value", "period"])


def pack_chart(row: Row, table: pd.DataFrame, year: str, authority: str) -> alt.LayerChart:
    """The last 13 months with the target band, RAG by shape and the benchmark year's
    comparators."""
    title = f"{authority}: {row.label}"
    return trend_chart(table, benchmark_frame(row, year), None, title).properties(
        width=WIDTH, height=HEIGHT
    )


def chart_png(chart: alt.TopLevelMixin) -> bytes:
    """The chart drawn by vl-convert (no browser, no network), in 64 colours (a ninth of the size,
    same look)."""
    import vl_convert
    from PIL import Image

    drawn = Image.open(BytesIO(vl_convert.vegalite_to_png(chart.to_json(), scale=SCALE)))
    out = BytesIO()
    drawn.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT).save(
        out, "PNG", optimize=True
    )
    return out.getvalue()


def alt_text(row: Row, table: pd.DataFrame, year: str) -> str:
    """'Line chart of … from Jan 2016 to Jan 2017: 1,100 to 1,651; lowest …; highest …; target
    …'."""
    held = table.dropna(subset=["value"])
    if held.empty:
        return f"Chart of {row.label}: no figures to draw."
    first, last = held.iloc[0], held.iloc[-1]
    low, high = held.loc[held["value"].idxmin()], held.loc[held["value"].idxmax()]
    parts = [
        f"Line chart of {row.label}, {first['period']} to {last['period']}: "
        f"{_n(first['value'], row.unit)} to {_n(last['value'], row.unit)}",
        f"lowest {_n(low['value'], row.unit)} in {low['period']}",
        f"highest {_n(high['value'], row.unit)} in {high['period']}",
    ]
    if row.target.value is not None:
        parts.append(f"target {row.target.shown} shown as a dashed line with its green band")
    parts += [
        f"{LABELS[m]} {year} {f.shown} as a dotted line"
        for m, f in row.comparators.items()
        if m in LABELS and not f.missing
    ]
    counts = held["rag_label"].replace("", pd.NA).dropna().value_counts()
    if len(counts):
        parts.append("RAG by month: " + ", ".join(f"{n} {label}" for label, n in counts.items()))
    return "; ".join(parts) + "."


def _n(value, unit: str) -> str:
    return number_text(float(value), unit)
