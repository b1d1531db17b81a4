"""A board pack for an authority and a month, assembled from the store and the analyses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

from analyses.trends import series_polarity, series_unit, trend_table
from extractors.grid import fold
from indicators import load_catalogue
from interpreter.headers import unit_word
from pack.benchmark import Comparators, benchmark_year, comparators
from pack.chart import alt_text, pack_chart
from pack.facts import Fact, facts
from pack.inputs import Inputs, pack_inputs
from pack.summary_rows import Row, judged, month_figures, outturn_figures, ytd_figure
from pack.targets import month_targets, with_template_targets
from pack.template import Template, template_for
from store import Selection

TREND_MONTHS = 13


@dataclass
class Section:
    """One indicator's page: its summary row, the months charted, the chart, its alt text and the
    facts."""

    row: Row
    title: str
    table: pd.DataFrame  # the trend_table rows of the months shown
    chart: object
    alt: str
    facts: list[Fact]
    commentary: str  # the template's text, else the facts joined

    @property
    def months(self) -> list:
        return list(pd.to_datetime(self.table["period_start"]))


@dataclass
class Pack:
    authority: str
    month: pd.Timestamp
    template: Template
    year: str  # the benchmark year
    sections: list[Section]
    sources: list[str] = field(default_factory=list)
    made_at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%d %b %Y %H:%M UTC"))

    @property
    def rows(self) -> list[Row]:
        return [s.row for s in self.sections]

    @property
    def title(self) -> str:
        return f"{self.authority}: {self.template.title}, {self.month:%B %Y}"


def build_pack(store, authority: str, month, template: Template | None = None) -> Pack:
    """The pack: one section per template indicator with figures; the template defaults to the
    authority's saved 'default' template, else the indicators of its last report."""
    template = template or template_for(store, authority)
    inputs = pack_inputs(store, authority, month)
    if not template.indicators:
        return Pack(authority, inputs.month, template, benchmark_year(inputs.month), [])
    found = comparators(store, authority, inputs.month, template.indicators)
    sections = [
        s for s in (_section(store, inputs, template, found, i) for i in template.indicators) if s
    ]
    files = sorted(set(inputs.current["source_file"].dropna().astype(str)))
    return Pack(authority, inputs.month, template, found.year, sections, files)


def _section(
    store, inputs: Inputs, template: Template, found: Comparators, indicator: str
) -> Section | None:
    current, every = inputs.of(indicator)
    actuals = current[current["measure"] == "actual"]
    if actuals.empty:
        return None
    unit = series_unit(actuals, indicator)
    every = with_template_targets(every, template.item(indicator), inputs.month, unit)
    table = trend_table(current, indicator, None, all_vintages=every)
    row = _row(
        store, inputs, indicator, unit, series_polarity(current, indicator), table, every, found
    )
    shown = table[
        pd.to_datetime(table["period_start"]) > inputs.month - pd.DateOffset(months=TREND_MONTHS)
    ]
    said = facts(row, table, found.year)
    item = template.item(indicator)
    return Section(
        row,
        item.title or row.label,
        shown,
        pack_chart(row, shown, found.year, inputs.authority),
        alt_text(row, shown, found.year),
        said,
        item.commentary or " ".join(f.text for f in said),
    )


def _row(store, inputs, indicator, unit, polarity, table, every, found: Comparators) -> Row:
    latest = table[pd.to_datetime(table["period_start"]) == inputs.month]
    latest = latest.iloc[0] if len(latest) else None
    current, _ = inputs.of(indicator)
    published = store.observations(
        Selection(source="published", authority=inputs.authority, indicator=indicator)
    )
    target, red = month_targets(every, indicator, inputs.month, unit)
    rag, direction, why = judged(latest, inputs.month)
    return Row(
        indicator,
        printed_label(current, indicator, unit, store),
        unit,
        polarity,
        month_figures(table, inputs.month, unit),
        ytd_figure(current, latest, inputs.month, unit),
        target,
        red,
        rag,
        direction,
        outturn_figures(current, published, inputs.month, unit),
        found.of(indicator, unit),
        found.band(indicator, unit),
        why,
    )


def printed_label(current: pd.DataFrame, indicator: str, unit: str, store) -> str:
    """The label the latest report printed for it when that label reads back as the same indicator,
    else the catalogue's name (so that the pack, read again, maps every row). A label that reads
    as a unit ('Rate of ...') is passed over: in a one-row table perfbooks' reader would take its
    column for the units."""
    catalogue = store.catalogue()
    rows = current[(current["measure"] == "actual") & (current["period_type"] == "month")]
    rows = (rows if len(rows) else current).sort_values("period_end", ascending=False)
    labels = list(dict.fromkeys(rows["indicator_label"].dropna()))
    name = (
        load_catalogue().indicator(indicator).name
        if indicator in load_catalogue().ids()
        else indicator
    )
    for label in [*labels, name]:
        if (
            unit_word(label) is None
            and catalogue.match_label(label, unit).indicator_id == indicator
        ):
            return fold(label)
    return labels[0] if labels else name
