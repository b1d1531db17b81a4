"""The trend chart and the table it shows: values with RAG by shape and word, the target band,
benchmark lines, the notes a report printed and the figures earlier reports printed (faint)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analyses.style import EARLIER_COLOUR, OKABE_ITO, SERIES_COLOURS, rag_marks, rag_word
from indicators import load_catalogue

UNIT_TITLES = {
    "count": "number",
    "percent": "%",
    "rate_per_10k": "per 10,000 children aged 0-17",
    "days": "days",
    "average": "average",
    "ratio": "ratio",
}
NOTE_MARK = "note"
# drawn at their first day, so that 'Jan 2017' sits on January; others at their end
BY_START = ("month", "quarter")
CHART_COLUMNS = [
    "series",
    "period",
    "period_end",
    "value",
    "unit",
    "rag",
    "movement",
    "judgement",
    "target",
    "green_from",
    "green_to",
    "note",
]
MOST_LABELS = 12  # period labels on the x axis at most; the last period is always one of them
TARGET = "Target"


def y_axis(unit: str, field: str = "value") -> alt.Y:
    """The value axis: titled by unit and not forced to start at zero."""
    return alt.Y(f"{field}:Q", title=UNIT_TITLES.get(unit, unit), scale=alt.Scale(zero=False))


def x_axis(interval: str | None = None, whens: pd.Series | None = None) -> alt.X:
    """The period axis; with `interval` ("month" or "year"), labels at whole months or years, and
    with `whens` (the periods drawn) exactly at `axis_values` of them, so the last period is
    always labelled."""
    if interval is None:
        return alt.X("when:T", title="Period")
    label = "%b %Y" if interval == "month" else "%Y"
    if whens is not None and len(whens.dropna()):
        return labelled_x("when", whens, "Period")
    return alt.X(
        "when:T",
        title="Period",
        axis=alt.Axis(
            format=label, tickCount={"interval": interval, "step": 1}, labelOverlap="greedy"
        ),
    )


def labelled_x(field: str, stamps: pd.Series, title: str, fmt: str = "%b %Y") -> alt.X:
    """A time axis labelled exactly at `axis_values` of the periods drawn: the last always, none
    overlapping."""
    values = [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in axis_values(stamps)]
    return alt.X(
        f"{field}:T",
        title=title,
        axis=alt.Axis(
            format=fmt, values=values, labelOverlap=False, labelAngle=-40 if len(values) > 6 else 0
        ),
    )


def axis_values(whens: pd.Series, most: int = MOST_LABELS) -> list[pd.Timestamp]:
    """The periods to label: every k-th counted back from the last (so the last is labelled), at
    most `most`."""
    stamps = sorted(set(pd.to_datetime(whens.dropna())))
    step = max(1, -(-len(stamps) // most))
    return stamps[::-1][::step][::-1]


def tick_interval(whens: pd.Series) -> str:
    """Month ticks for series up to three years long, year ticks beyond."""
    stamps = pd.to_datetime(whens.dropna())
    if stamps.empty:
        return "month"
    span = (stamps.max().year - stamps.min().year) * 12 + stamps.max().month - stamps.min().month
    return "month" if span <= 36 else "year"


def when(frame: pd.DataFrame) -> pd.Series:
    """Where each period is drawn: months and quarters at their start, years and dates at their
    end."""
    start = frame["period_start"] if "period_start" in frame else frame["period_end"]
    return start.where(frame["period_type"].isin(BY_START), frame["period_end"])


def trend_chart(
    table: pd.DataFrame,
    benchmarks: pd.DataFrame | None = None,
    earlier: pd.DataFrame | None = None,
    title: str | None = None,
) -> alt.LayerChart:
    """A `trend_table` drawn: line and points (shape and colour by RAG, word in the tooltip), the
    target and green band, benchmark rules, note markers (ⓘ, the note in the tooltip) and earlier
    reports' figures."""
    unit = table["unit"].iloc[0] if len(table) else ""
    title = title or _title(table)
    data = _plotted(table)
    layers = [
        _band(data, unit).encode(
            x=x_axis(tick_interval(data["when"]), data.dropna(subset=["value"])["when"])
        ),
        _target(data, unit),
        _line(data, unit),
        _points(data, unit),
    ]
    if earlier is not None and len(earlier):
        layers.append(_earlier(earlier.assign(when=when(earlier)), unit))
    if benchmarks is not None and len(benchmarks):
        layers.append(_benchmarks(benchmarks, unit))
    if (data["note"] != "").any():
        layers.append(_notes(data, unit, _floor(data, benchmarks)))
    return (
        alt.layer(*layers)
        .resolve_scale(color="independent", shape="independent")
        .properties(title=title)
    )


def trend_chart_table(
    table: pd.DataFrame, benchmarks: pd.DataFrame | None = None, earlier: pd.DataFrame | None = None
) -> pd.DataFrame:
    """What the trend chart shows, as a table: the series (RAG and direction as words and symbols,
    notes), then each earlier report's figures, then each benchmark line."""
    name = table["authority"].iloc[0] if len(table) else "value"
    own = pd.DataFrame(
        {
            "series": name,
            "period": table["period"],
            "period_end": table["period_end"],
            "value": table["value"],
            "unit": table["unit"],
            "rag": table["rag_label"],
            "movement": table["movement"],
            "judgement": table["judgement"],
            "target": table["target"],
            "green_from": table["green_low"],
            "green_to": table["green_high"],
            "note": table["note"],
        }
    )
    parts = [own]
    if earlier is not None and len(earlier):
        parts.append(
            pd.DataFrame(
                {
                    "series": [
                        f"Printed by the report of {d:%d %b %Y}"
                        if pd.notna(d)
                        else f"Printed in {s}"
                        for d, s in zip(earlier["report_date"], earlier["source_file"])
                    ],
                    "period_end": earlier["period_end"],
                    "value": earlier["value"],
                }
            )
        )
    if benchmarks is not None and len(benchmarks):
        parts.append(
            pd.DataFrame(
                {
                    "series": benchmarks["label"],
                    "period": benchmarks["period"],
                    "value": benchmarks["value"],
                }
            )
        )
    out = pd.concat([p for p in parts if len(p)] or [own], ignore_index=True).reindex(
        columns=CHART_COLUMNS
    )
    return out.fillna({c: "" for c in ("period", "unit", "rag", "movement", "judgement", "note")})


def _title(table: pd.DataFrame) -> str:
    """'Rotherham: Children subject to a child protection plan per 10000 children'."""
    if table.empty:
        return "No values"
    indicator, catalogue = table["indicator_id"].iloc[0], load_catalogue()
    name = catalogue.indicator(indicator).name if indicator in catalogue.ids() else indicator
    return f"{table['authority'].iloc[0]}: {name}"


def _plotted(table: pd.DataFrame) -> pd.DataFrame:
    keep = [
        "period",
        "period_type",
        "period_start",
        "period_end",
        "value",
        "rag",
        "rag_label",
        "movement",
        "judgement",
        "target",
        "green_low",
        "green_high",
        "note",
        "target_note",
        "ytd",
        "rolling_12m",
        "earlier_values",
    ]
    data = table.reindex(columns=keep).copy()
    data["rag_shown"] = [lab if lab else rag_word("") for lab in data["rag_label"].fillna("")]
    data["note"] = data["note"].fillna("")
    data["when"] = when(data)
    return _with_gaps(data)


def _with_gaps(data: pd.DataFrame) -> pd.DataFrame:
    """Blank rows for the months (or quarters) between reports that printed none, so the line breaks
    there."""
    ptype = data["period_type"].iloc[0] if len(data) else ""
    if ptype not in BY_START:
        return data
    every = pd.date_range(
        data["period_start"].min(),
        data["period_start"].max(),
        freq="MS" if ptype == "month" else "3MS",
    )
    missing = every.difference(pd.DatetimeIndex(data["period_start"]))
    if missing.empty:
        return data
    blanks = pd.DataFrame(
        {
            "period_type": ptype,
            "period_start": missing,
            "when": missing,
            "note": "",
            "rag_shown": rag_word(""),
        }
    )
    return pd.concat([data, blanks], ignore_index=True).sort_values("when", ignore_index=True)


def _tooltip() -> list:
    return [
        alt.Tooltip("period:N", title="Period"),
        alt.Tooltip("value:Q", title="Value"),
        alt.Tooltip("rag_shown:N", title="RAG"),
        alt.Tooltip("movement:N", title="Movement"),
        alt.Tooltip("judgement:N", title="Better or worse"),
        alt.Tooltip("target:Q", title="Target"),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("ytd:Q", title="Year to date"),
        alt.Tooltip("earlier_values:N", title="Earlier reports"),
    ]


def _line(data: pd.DataFrame, unit: str) -> alt.Chart:
    return alt.Chart(data).mark_line(color=SERIES_COLOURS[0]).encode(x=x_axis(), y=y_axis(unit))


def _points(data: pd.DataFrame, unit: str) -> alt.Chart:
    rag = alt.Legend(title="RAG")
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=80, opacity=1)
        .encode(x=x_axis(), y=y_axis(unit), tooltip=_tooltip(), **rag_marks("rag_shown:N", rag))
    )


def _band(data: pd.DataFrame, unit: str) -> alt.Chart:
    band = data.dropna(subset=["green_low", "green_high"])
    return (
        alt.Chart(band)
        .mark_area(opacity=0.15, color=OKABE_ITO["bluish_green"], interpolate="step-after")
        .encode(
            x=x_axis(),
            y=y_axis(unit, "green_low"),
            y2="green_high:Q",
            tooltip=[alt.Tooltip("target_note:N", title="Target and tolerances")],
        )
    )


def _target(data: pd.DataFrame, unit: str) -> alt.Chart:
    """The target as a dashed step line, named in its own legend."""
    targets = data.dropna(subset=["target"]).assign(line=TARGET)
    colour = alt.Color(
        "line:N",
        title=None,
        scale=alt.Scale(domain=[TARGET], range=[OKABE_ITO["bluish_green"]]),
        legend=alt.Legend(symbolType="stroke", symbolDash=[6, 3]),
    )
    return (
        alt.Chart(targets)
        .mark_line(strokeDash=[6, 3], interpolate="step-after")
        .encode(
            x=x_axis(),
            y=y_axis(unit, "target"),
            color=colour,
            tooltip=[
                alt.Tooltip("target:Q", title="Target"),
                alt.Tooltip("target_note:N", title="Target and tolerances"),
            ],
        )
    )


def _earlier(earlier: pd.DataFrame, unit: str) -> alt.Chart:
    return (
        alt.Chart(earlier)
        .mark_point(color=EARLIER_COLOUR, size=40)
        .encode(
            x=x_axis(),
            y=y_axis(unit),
            tooltip=[
                alt.Tooltip("value:Q", title="Earlier figure"),
                alt.Tooltip("report_date:T", title="Report of"),
                alt.Tooltip("source_file:N", title="File"),
            ],
        )
    )


def _benchmarks(benchmarks: pd.DataFrame, unit: str) -> alt.Chart:
    """A dotted rule per benchmark, each named with its period and value in the legend (labels on
    the chart would overlap when two benchmarks are close)."""
    data = benchmarks.assign(
        caption=[
            f"{lab} {per}: {v:g}"
            for lab, per, v in zip(benchmarks["label"], benchmarks["period"], benchmarks["value"])
        ]
    )
    scale = alt.Scale(
        domain=list(data.sort_values("value", ascending=False)["caption"]), range=SERIES_COLOURS[1:]
    )
    return (
        alt.Chart(data)
        .mark_rule(strokeDash=[2, 2])
        .encode(
            y=y_axis(unit),
            color=alt.Color(
                "caption:N",
                title="Benchmark",
                scale=scale,
                legend=alt.Legend(labelLimit=360, symbolType="stroke"),
            ),
            tooltip=["caption:N"],
        )
    )


def _notes(data: pd.DataFrame, unit: str, floor: float) -> alt.LayerChart:
    """A faint rule at each period the report printed a note for, and the word 'note' at its
    foot."""
    notes = data[data["note"] != ""].assign(floor=floor, mark=NOTE_MARK)
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("note:N", title="Note")]
    rule = (
        alt.Chart(notes)
        .mark_rule(color=EARLIER_COLOUR, strokeDash=[1, 3])
        .encode(x=x_axis(), tooltip=tooltip)
    )
    word = (
        alt.Chart(notes)
        .mark_text(fontSize=10, dy=-4, color=OKABE_ITO["black"])
        .encode(x=x_axis(), y=y_axis(unit, "floor"), text="mark:N", tooltip=tooltip)
    )
    return alt.layer(rule, word)


def _floor(data: pd.DataFrame, benchmarks: pd.DataFrame | None) -> float:
    """The lowest value drawn, where note markers sit."""
    values = pd.concat(
        [
            data["value"],
            data["green_low"],
            data["target"],
            benchmarks["value"]
            if benchmarks is not None and len(benchmarks)
            else pd.Series(dtype=float),
        ]
    )
    return float(values.min()) if values.notna().any() else 0.0
